"""Load a spec file (JSON or YAML) into one self-contained document.

`$ref`s to other files (`./common.yaml#/components/schemas/Error`) are bundled in: a target that
sits under `components/<kind>/<name>` is hoisted into the root document's components (so it keeps
its name and may be recursive), anything else is inlined. Every `$ref` left is internal (`#/...`).
"""

from __future__ import annotations

import copy
import functools
import itertools
import json
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import yaml

from . import regular_files
from .diagnostics import Diagnostic, SpecError, child, error, unescape_token
from .graph import strongly_connected_components
from .literals import valid_unicode
from .regular_files import MAX_SPEC_BYTES

# How deeply containers (objects, arrays) may nest in a document. The deepest of the 2,651 specs
# of the APIs.guru directory nests 34 levels; the validator recurses about 12 Python frames for
# each level of nested schemas, so 64 levels stay well inside Python's default recursion limit
# (1,000) wherever aiosdkgen is called from, and generated annotations stay far below Python's
# limit of 200 nested brackets. Deeper documents are rejected with the pointer of the first
# node too deep, instead of failing somewhere later with a RecursionError.
MAX_DEPTH = 64
# YAML aliases let a small file expand into a huge tree ("billion laughs"), and so can bundling
# (inlined copies of files that inline others): every later walk sees the expanded tree. A
# document may expand to this many values per byte of its text(s), and at least _MIN_VALUES.
_MAX_VALUES_PER_BYTE = 10
_MIN_VALUES = 500_000


def value_budget(size: int) -> int:
    """How many values a document of `size` bytes may expand to."""
    return max(_MIN_VALUES, _MAX_VALUES_PER_BYTE * size)


class _TooManyDigits(str):
    """Stands, while parsing, for an integer literal longer than Python converts (4,300 digits
    by default: `int()` raises ValueError); the document is then refused at its pointer."""

    __slots__ = ()


def _too_many_digits(document: Any, name: str) -> Diagnostic:
    """The error at the first integer literal of `document` too long to convert."""
    where = "#"
    if isinstance(document, _TooManyDigits):
        pass
    elif isinstance(document, (dict, list)):
        where = next(
            child(pointer_of(link), key)
            for node, _, link in containers(document)
            for key, value in (node.items() if isinstance(node, dict) else enumerate(node))
            if isinstance(value, _TooManyDigits) or isinstance(key, _TooManyDigits)
        )
    message = f"{name} holds an integer of more than {sys.get_int_max_str_digits():,} digits here"
    return error("integer-too-long", message, where)


class _SpecYamlLoader(yaml.SafeLoader):  # type: ignore[misc]
    """A safe YAML loader that keeps dates and times as the strings the spec author wrote, and
    marks integer literals too long to convert (see _TooManyDigits)."""

    too_many_digits = False

    def construct_yaml_int(self, node: Any) -> Any:
        try:
            return super().construct_yaml_int(node)
        except ValueError:
            self.too_many_digits = True
            return _TooManyDigits(node.value)


_SpecYamlLoader.add_constructor("tag:yaml.org,2002:int", _SpecYamlLoader.construct_yaml_int)


_SpecYamlLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _too_deep(pointer: str, name: str) -> Diagnostic:
    return error("too-deep", f"{name} nests more than {MAX_DEPTH} levels deep here", pointer)


def _too_large(pointer: str, name: str, budget: int) -> Diagnostic:
    message = f"{name} expands (through YAML aliases or bundled $refs) to over {budget:,} values"
    return error("too-large", message, pointer)


# Where a node sits, as a linked list (parent link, key): built for containers only, and turned
# into a JSON pointer only when needed, so walks over huge documents stay cheap.
_Link = tuple[Any, str | int] | None


def pointer_of(link: _Link) -> str:
    tokens: list[str | int] = []
    while link is not None:
        link, token = link
        tokens.append(token if isinstance(token, int) else str(token))
    return child("#", *reversed(tokens))


def containers(document: Any) -> Iterator[tuple[Any, int, _Link]]:
    """(container, depth, link) for every dict and list in `document`, in document order (the
    root first, at depth 1)."""
    stack: list[tuple[Any, int, _Link]] = [(document, 1, None)]
    while stack:
        node, depth, link = stack.pop()
        yield node, depth, link
        items = node.items() if isinstance(node, dict) else enumerate(node)
        children = [
            (value, depth + 1, (link, key))
            for key, value in items
            if isinstance(value, (dict, list))
        ]
        stack.extend(reversed(children))  # popped in document order


def _check_shape(document: Any, name: str, budget: int, refs: set[str] | None = None) -> None:
    """Raise SpecError when `document` nests deeper than MAX_DEPTH or expands (through YAML
    aliases) to more than `budget` values. Iterative, and stops at the first excess. Every
    `$ref` string met on the way is added to `refs`."""
    if not isinstance(document, (dict, list)) or _within(document, budget, refs):
        return
    # Over a limit: walk again, slower, to say where.
    left = budget
    for node, depth, link in containers(document):
        if depth > MAX_DEPTH:
            raise SpecError([_too_deep(pointer_of(link), name)])
        left -= len(node) + 1
        if left < 0:
            raise SpecError([_too_large(pointer_of(link), name, budget)])


def _within(document: dict[str, Any] | list[Any], budget: int, refs: set[str] | None) -> bool:
    """Whether `document` is within MAX_DEPTH and `budget`: one level at a time, building no
    pointers, as this runs on every document and most are fine. The same walk collects the
    `$ref`s (into `refs`), which would otherwise take a second one."""
    level: list[Any] = [document]
    for _ in range(MAX_DEPTH):
        budget -= sum(len(node) for node in level) + len(level)
        if budget < 0:
            return False
        if refs is not None:
            refs.update(
                ref for node in level if type(node) is dict and type(ref := node.get("$ref")) is str
            )
        level = _children(level)
        if not level:
            return True
    return False


_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],:]')


def _deep_json_pointer(raw: bytes) -> str | None:
    """The pointer of the first container nested deeper than MAX_DEPTH in JSON text."""
    text = raw.decode("utf-8", errors="replace")
    path: list[str | int] = []  # the current key or index in each open container
    kinds: list[str] = []
    key_next = False
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        if token in ("{", "["):
            if len(kinds) >= MAX_DEPTH:
                return child("#", *path)
            kinds.append(token)
            path.append("" if token == "{" else 0)
            key_next = token == "{"
        elif token in ("}", "]"):
            if kinds:
                kinds.pop()
                path.pop()
            key_next = False
        elif token == ",":
            if kinds and kinds[-1] == "[":
                path[-1] = int(path[-1]) + 1
            key_next = bool(kinds) and kinds[-1] == "{"
        elif token == ":":
            key_next = False
        elif key_next and kinds:
            try:
                path[-1] = json.loads(token)
            except ValueError:
                path[-1] = token[1:-1]
    return None


def _deep_yaml_pointer(raw: bytes) -> str | None:
    """The pointer of the first container nested deeper than MAX_DEPTH in YAML text (read as
    parser events, which needs no recursion)."""
    # Per open container: is it a mapping, its current key or index, is a key expected next.
    stack: list[list[Any]] = []

    def value_done() -> None:
        if stack:
            top = stack[-1]
            if top[0]:
                top[2] = not top[2]
            else:
                top[1] += 1

    try:
        for event in yaml.parse(raw, Loader=_SpecYamlLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if len(stack) >= MAX_DEPTH:
                    return child("#", *(entry[1] for entry in stack))
                mapping = isinstance(event, yaml.MappingStartEvent)
                stack.append([mapping, "" if mapping else 0, mapping])
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
                value_done()
            elif isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent)):
                if stack and stack[-1][0] and stack[-1][2]:
                    stack[-1][1] = str(getattr(event, "value", "") or "")
                value_done()
    except yaml.YAMLError:
        return None
    return None


def _stringify_keys(node: Any) -> Any:
    """YAML allows `200:` as an integer key; OpenAPI means the string "200"."""
    if isinstance(node, dict):
        return {str(key): _stringify_keys(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_stringify_keys(item) for item in node]
    return node


def read_regular_file(path: Path) -> bytes:
    """The bytes of the spec or a file it refers to: a regular file of at most MAX_SPEC_BYTES."""
    try:
        return regular_files.read(path, MAX_SPEC_BYTES)
    except regular_files.NotRegularFile:
        message = f"cannot read {path}: not a regular file"
        raise SpecError([error("not-a-file", message, "#")]) from None
    except regular_files.TooLarge:
        message = (
            f"{path.name} is larger than {MAX_SPEC_BYTES >> 20} MiB, the most aiosdkgen reads "
            "from one file (generation needs about 30 times a document's size in memory)"
        )
        raise SpecError([error("file-too-large", message, "#")]) from None
    except OSError as exc:
        raise SpecError([error("unreadable", f"cannot read {path}: {exc.strerror}", "#")]) from None


def read_document(path: Path) -> Any:
    """Parse one JSON or YAML file; raise SpecError naming the file and position on failure."""
    return parse_document(read_regular_file(path), path.name)


def parse_document(raw: bytes, name: str, refs: set[str] | None = None) -> Any:
    """Parse the JSON or YAML text of the file `name`; raise SpecError naming it and the
    position on failure.

    The result nests at most MAX_DEPTH containers deep and, YAML aliases expanded, holds at
    most a bounded number of values, so every later (recursive) walk over it is bounded too.
    Its `$ref` strings are added to `refs`."""
    is_json = raw.lstrip()[:1] in (b"{", b"[")
    too_many_digits = False
    try:
        if is_json:
            # Not json.loads(raw): it decodes with "surrogatepass", which lets a surrogate
            # encoded in the bytes through as a lone surrogate.
            text = raw.decode(json.detect_encoding(raw), errors="replace")
            long_integers: list[str] = []

            def integer(digits: str) -> int | str:
                try:
                    return int(digits)
                except ValueError:
                    long_integers.append(digits)
                    return _TooManyDigits(digits)

            document = json.loads(text, parse_int=integer)
            too_many_digits = bool(long_integers)
        else:
            loader = _SpecYamlLoader(raw)
            try:
                document = loader.get_single_data()
            finally:
                loader.dispose()
            too_many_digits = loader.too_many_digits
    except json.JSONDecodeError as exc:
        message = f"{name} is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        message = f"{name} is not valid YAML: {problem}{where}"
    except UnicodeDecodeError as exc:
        message = f"{name} cannot be parsed: {type(exc).__name__}"
    except RecursionError:
        # The parsers recurse once per level: find where the text nests too deeply, iteratively.
        deep = _deep_json_pointer(raw) if is_json else _deep_yaml_pointer(raw)
        raise SpecError([_too_deep(deep or "#", name)]) from None
    else:
        _check_shape(document, name, value_budget(len(raw)), refs)
        if too_many_digits:
            raise SpecError([_too_many_digits(document, name)])
        if _json_lone_surrogate(raw) if is_json else _SURROGATE_ESCAPE.search(raw):
            document = _replace_lone_surrogates(document)
            if refs is not None:  # a `$ref` may have changed: collect them again (rare)
                refs.clear()
                refs.update(_refs(document))
        return _stringify_keys(document) if not is_json else document
    raise SpecError([error("unparsable", message, "#")])


# `\ud800`..`\udfff` escapes (JSON, YAML) are the only way text can hold a lone surrogate.
_SURROGATE_ESCAPE = re.compile(rb"\\(u|U0000)[dD][89a-fA-F]")
# In JSON, with the backslashes before it: an odd number make it an escape, an even number are
# escaped backslashes followed by plain text.
_JSON_SURROGATE_ESCAPE = re.compile(rb"(\\+)u[dD]([89a-fA-F])[0-9a-fA-F]{2}")


def _json_lone_surrogate(raw: bytes) -> bool:
    """Whether the JSON text `raw` escapes a surrogate that is not half of a pair.

    JSON decodes a pair (`\\ud83d\\ude80`, how an emoji is escaped) to one character: only a
    lone half needs the walk over the whole document that `_replace_lone_surrogates` makes.
    """
    high_end = -1  # where an escaped high surrogate ended, while its low half is awaited
    for match in _JSON_SURROGATE_ESCAPE.finditer(raw):
        if len(match.group(1)) % 2 == 0:
            continue
        is_high = match.group(2) in b"89abAB"
        if high_end >= 0:
            if is_high or match.end(1) - 1 != high_end:
                return True
            high_end = -1
        elif is_high:
            high_end = match.end()
        else:
            return True
    return high_end >= 0


def _replace_lone_surrogates(document: Any) -> Any:
    """`document` with each lone surrogate in its strings (keys too) as U+FFFD: no UTF-8 text,
    and so no file, terminal or Rust validator, can carry one. (A pair is one character.)"""

    def fixed(value: Any) -> Any:
        return valid_unicode(value) if isinstance(value, str) else value

    document = fixed(document)
    stack = [document] if isinstance(document, (dict, list)) else []
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            items = [(fixed(key), fixed(value)) for key, value in node.items()]
            node.clear()
            node.update(items)
            values = [value for _, value in items]
        else:
            node[:] = [fixed(value) for value in node]
            values = node
        stack.extend(value for value in values if isinstance(value, (dict, list)))
    return document


def pointer_resolver(document: Any) -> Callable[[str], Any]:
    """`resolve_pointer` on `document`, each answer remembered: a large spec refers to the same
    components thousands of times. The document must not change meanwhile."""
    return functools.cache(functools.partial(resolve_pointer, document))


def resolve_pointer(document: Any, fragment: str) -> Any:
    """Return the node at `fragment` (`/a/b`, already without '#'); raise KeyError if missing."""
    node = document
    if not fragment:
        return node
    for token in fragment.lstrip("/").split("/"):
        key = unescape_token(unquote(token))
        if isinstance(node, dict) and key not in node:
            # A pointer built by `child` is not %-encoded: a key may hold `%20` as written.
            key = unescape_token(token)
        if isinstance(node, dict) and key in node:
            node = node[key]
        elif isinstance(node, list) and key.isascii() and key.isdigit() and int(key) < len(node):
            node = node[int(key)]
        else:
            raise KeyError(fragment)
    return node


class _Bundler:
    """Pulls external `$ref` targets into the root document, once each."""

    def __init__(self, root_path: Path, root: dict[str, Any], ref_root: Path | None) -> None:
        self.root_path = root_path.resolve()
        self.root = root
        # Files a `$ref` may read: a spec from elsewhere must not pull in (and so publish in
        # its SDK) the user's other files, such as ~/.docker/config.json.
        self.ref_root = ref_root.resolve() if ref_root is not None else self.root_path.parent
        self.files: dict[Path, Any] = {self.root_path: root}
        self.hoisted: dict[tuple[Path, str], str] = {}
        self.problems: list[Any] = []
        # Values bundling may still produce: inlining copies targets, and copies of files that
        # inline other files could grow exponentially.
        self.allowed = value_budget(_size(self.root_path))
        self.produced = 0
        # Hoisted targets, by component kind; merged into the result once bundling is done.
        self.extra: dict[str, dict[str, Any]] = {}

    def adopt_external_components(self) -> dict[tuple[str, str], Any]:
        """A root component that is only a `$ref` to another file takes that target's place,
        so `Error: {$ref: common.yaml#/.../Error}` yields one class named Error, not two."""
        adopted: dict[tuple[str, str], Any] = {}
        components = self.root.get("components")
        if not isinstance(components, dict):
            return adopted
        pending = []
        for kind, section in components.items():
            for name, node in section.items() if isinstance(section, dict) else ():
                ref = node.get("$ref") if isinstance(node, dict) and len(node) == 1 else None
                if isinstance(ref, str) and not ref.startswith("#") and "://" not in ref:
                    file_part, _, fragment = ref.partition("#")
                    key = ((self.root_path.parent / unquote(file_part)).resolve(), fragment)
                    if key not in self.hoisted:
                        self.hoisted[key] = "#" + child("/components", kind, name)
                        pending.append((kind, name, key, ref))
        for kind, name, key, ref in pending:
            where = self.hoisted[key]
            document = self.file(key[0], where, ref)
            try:
                target = resolve_pointer(document, key[1]) if document is not None else None
            except KeyError:
                self.problems.append(error("missing-ref", f"$ref {ref!r} points to nothing", where))
                continue
            adopted[kind, name] = self.bundle(copy.deepcopy(target), key[0], where)
        return adopted

    def file(self, path: Path, used_at: str, ref: str) -> Any:
        if path not in self.files:
            if not path.is_relative_to(self.ref_root):  # `path` is resolved: links followed
                self.problems.append(
                    error(
                        "ref-outside-root",
                        f"$ref {ref!r} reads a file outside {self.ref_root} (to allow it, "
                        "pass --ref-root with a directory holding both files)",
                        used_at,
                    )
                )
                return None
            if not path.is_file():
                self.problems.append(
                    error("missing-ref-file", f"$ref {ref!r}: file {path.name} not found", used_at)
                )
                return None
            self.files[path] = read_document(path)
            self.allowed += _MAX_VALUES_PER_BYTE * _size(path)  # the minimum counts once
        return self.files[path]

    def bundle(self, node: Any, base: Path, where: str, depth: int = 0) -> Any:
        """Return `node` with every external ref (relative to `base`) rewritten or inlined."""
        self.produced += 1
        if self.produced > self.allowed:
            raise SpecError([_too_large(where, self.root_path.name, self.allowed)])
        if isinstance(node, list):
            return [self.bundle(item, base, child(where, i), depth) for i, item in enumerate(node)]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str) and (base != self.root_path or not ref.startswith("#")):
            replacement = self.external(ref, base, where, depth)
            if replacement is not None:
                return replacement
        return {
            key: self.bundle(value, base, child(where, key), depth) for key, value in node.items()
        }

    def external(self, ref: str, base: Path, where: str, depth: int) -> Any:
        if "://" in ref:
            self.problems.append(
                error("remote-ref", f"$ref {ref!r}: remote references are not fetched", where)
            )
            return None
        file_part, _, fragment = ref.partition("#")
        target_path = (base.parent / unquote(file_part)).resolve() if file_part else base
        document = self.file(target_path, where, ref)
        if document is None:
            return None
        key = (target_path, fragment)
        if key in self.hoisted:
            return {"$ref": self.hoisted[key]}
        try:
            target = resolve_pointer(document, fragment)
        except KeyError:
            self.problems.append(error("missing-ref", f"$ref {ref!r} points to nothing", where))
            return None
        tokens = [unescape_token(token) for token in fragment.lstrip("/").split("/")]
        if len(tokens) == 3 and tokens[0] == "components":
            return {"$ref": self.hoist(key, tokens[1], tokens[2], target)}
        if depth > 64:
            self.problems.append(error("ref-cycle", f"$ref {ref!r} inlines itself", where))
            return None
        return self.bundle(copy.deepcopy(target), target_path, where, depth + 1)

    def hoist(self, key: tuple[Path, str], kind: str, name: str, target: Any) -> str:
        existing = self.root.get("components", {}).get(kind, {})
        section = self.extra.setdefault(kind, {})
        unique, suffix = name, 2
        while unique in section or unique in existing:
            unique, suffix = f"{name}{suffix}", suffix + 1
        ref = "#" + child("/components", kind, unique)
        self.hoisted[key] = ref
        section[unique] = {}  # reserve the slot before recursing: the target may refer to itself
        section[unique] = self.bundle(copy.deepcopy(target), key[0], ref, 0)
        return ref


def _bundled(
    path: Path, document: dict[str, Any], sources: list[Path], ref_root: Path | None
) -> dict[str, Any]:
    bundler = _Bundler(path, document, ref_root)
    try:
        adopted = bundler.adopt_external_components()
        bundled: dict[str, Any] = bundler.bundle(document, bundler.root_path, "#")
    except RecursionError:  # files inlined into files: each shallow enough, together too deep
        raise SpecError([_too_deep("#", path.name)]) from None
    for (kind, name), content in adopted.items():
        bundled["components"][kind][name] = content
    for kind, section in bundler.extra.items():
        components = bundled.setdefault("components", {})
        if isinstance(components, dict) and isinstance(components.setdefault(kind, {}), dict):
            components[kind].update(section)
    if bundler.problems:
        raise SpecError(list(dict.fromkeys(bundler.problems)))
    sources.extend(file for file in bundler.files if file != bundler.root_path)
    if len(bundler.files) > 1:
        _check_shape(bundled, path.name, bundler.allowed)
    return bundled


def load(path: Path, ref_root: Path | None = None) -> dict[str, Any]:
    """Read the spec at `path` and bundle every file it refers to into one document.

    A `$ref` may only read files under `ref_root` (default: the spec's own directory)."""
    return load_with_sources(path, ref_root=ref_root)[0]


def load_with_sources(
    path: Path, raw: bytes | None = None, ref_root: Path | None = None
) -> tuple[dict[str, Any], list[Path]]:
    """As `load`, and also the other files that went into the document. `raw`, when given, is
    the content of `path`, already read."""
    if raw is None:
        raw = read_regular_file(path)
    refs: set[str] = set()
    document = parse_document(raw, path.name, refs)
    if not isinstance(document, dict):
        raise SpecError([error("not-an-object", "the document is not a JSON/YAML object", "#")])
    sources: list[Path] = []
    # Nothing to bundle (most documents): skip rebuilding the whole tree.
    if any(not ref.startswith("#") for ref in refs):
        document = _bundled(path, document, sources, ref_root)
        refs = _refs(document)
    if _may_have_reference_cycles(document, refs):
        cycles = reference_cycles(document)
        if cycles:
            raise SpecError(cycles)
    return document, sources


def _target(ref: str) -> str:
    """The canonical pointer (`#/a/b`, escaped as `child` escapes) of an internal `$ref`."""
    fragment = ref[1:]
    if not fragment:
        return "#"
    return child(
        "#", *(unescape_token(unquote(token)) for token in fragment.lstrip("/").split("/"))
    )


def reference_cycles(document: Any) -> list[Diagnostic]:
    """`$ref`s that lead back to themselves through `$ref`s and `allOf` members only.

    Such a schema never reaches a type (`A: {$ref: B}, B: {$ref: A}`; `A: {allOf: [{$ref: A}]}`
    asks a value to be valid against itself, forever). Validators and the parser would recurse
    until Python's recursion limit; the document is rejected with the members of each cycle.
    (A reference through `properties`, `items` or a union is a recursive type, and fine.)"""
    edges: dict[str, list[tuple[str, bool]]] = {}  # holder -> [(target, is a $ref)]
    for node, _, link in containers(document) if isinstance(document, (dict, list)) else ():
        if not isinstance(node, dict):
            continue
        ref, all_of = node.get("$ref"), node.get("allOf")
        ref = ref if isinstance(ref, str) and ref.startswith("#") else None
        if ref is not None or isinstance(all_of, list):
            at = pointer_of(link)
            out = [(_target(ref), True)] if ref is not None else []
            if isinstance(all_of, list):
                out += [(child(at, "allOf", index), False) for index in range(len(all_of))]
            edges[at] = out
    graph = {holder: [target for target, _ in out] for holder, out in edges.items()}
    problems = []
    for component in strongly_connected_components(list(edges), graph):
        members = set(component)
        loop, seen = [component[0]], {component[0]: 0}
        while True:
            following = [t for t, _ in edges[loop[-1]] if t in members]
            if not following:
                break  # a single holder that does not lead to itself
            if following[0] in seen:
                loop = [*loop[seen[following[0]] :], following[0]]
                break
            seen[following[0]] = len(loop)
            loop.append(following[0])
        if len(loop) < 2:
            continue
        hops = list(itertools.pairwise(loop))
        shown = loop if len(loop) <= 6 else [*loop[:3], "...", *loop[-2:]]
        chain = " -> ".join(shown)
        if all((target, True) in edges[holder] for holder, target in hops):
            message = f"$ref cycle {chain}: the references never reach a schema"
        else:
            message = f"allOf cycle {chain}: a schema includes itself through allOf"
        problems.append(error("ref-cycle", message, loop[0]))
    return problems


def _may_have_reference_cycles(document: Any, refs: set[str]) -> bool:
    """A quick look before `reference_cycles`, which walks the whole document building
    pointers; `refs` are the document's `$ref`s.

    `allOf` only leads deeper into the tree, so every cycle contains a `$ref` and passes through
    its target: following `$ref`s and `allOf`s from the targets alone finds every cycle. A hit
    here may be a false alarm (one node spelled two ways); the full walk then decides."""
    edges: dict[str, list[str]] = {}
    pending = sorted({_target(ref) for ref in refs if ref.startswith("#")})
    while pending:
        at = pending.pop()
        if at in edges:
            continue
        try:
            node = resolve_pointer(document, at[1:])
        except KeyError:
            node = None
        out = []
        if isinstance(node, dict):
            ref, all_of = node.get("$ref"), node.get("allOf")
            if isinstance(ref, str) and ref.startswith("#"):
                out.append(_target(ref))
            if isinstance(all_of, list):
                out.extend(child(at, "allOf", index) for index in range(len(all_of)))
        edges[at] = out
        pending.extend(out)
    return any(
        len(component) > 1 or component[0] in edges[component[0]]
        for component in strongly_connected_components(list(edges), edges)
    )


def _children(level: list[Any]) -> list[Any]:
    """The containers directly inside the containers of `level`."""
    return [
        value
        for node in level
        for value in (node.values() if isinstance(node, dict) else node)
        if isinstance(value, (dict, list))
    ]


def _refs(document: Any) -> set[str]:
    """Every `$ref` in `document` (already known to be within MAX_DEPTH)."""
    refs = set()
    level = [document] if isinstance(document, (dict, list)) else []
    while level:
        for node in level:
            if isinstance(node, dict):
                ref = node.get("$ref")
                if isinstance(ref, str):
                    refs.add(ref)
        level = _children(level)
    return refs


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
