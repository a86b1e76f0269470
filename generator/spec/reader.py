"""Read one spec file: JSON or YAML text -> a document bounded in depth and size.

Every later walk over the document (the validator's, the parser's) recurses; the bounds here
make them all safe. Text is read as written: dates stay strings, YAML's integer keys become
the strings OpenAPI means, lone surrogates become U+FFFD.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import yaml

from ..diagnostics import Diagnostic, SpecError, error
from . import files
from .files import MAX_SPEC_BYTES
from .pointers import child, containers, pointer_of
from .surrogates import SURROGATE_ESCAPE, json_lone_surrogate, replace_lone_surrogates

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
MAX_VALUES_PER_BYTE = 10
_MIN_VALUES = 500_000


def value_budget(size: int) -> int:
    """How many values a document of `size` bytes may expand to."""
    return max(_MIN_VALUES, MAX_VALUES_PER_BYTE * size)


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


def too_deep(pointer: str, name: str) -> Diagnostic:
    return error("too-deep", f"{name} nests more than {MAX_DEPTH} levels deep here", pointer)


def too_large(pointer: str, name: str, budget: int) -> Diagnostic:
    message = f"{name} expands (through YAML aliases or bundled $refs) to over {budget:,} values"
    return error("too-large", message, pointer)


def check_shape(document: Any, name: str, budget: int, refs: set[str] | None = None) -> None:
    """Raise SpecError when `document` nests deeper than MAX_DEPTH or expands (through YAML
    aliases) to more than `budget` values. Iterative, and stops at the first excess. Every
    `$ref` string met on the way is added to `refs`."""
    if not isinstance(document, (dict, list)) or _within(document, budget, refs):
        return
    # Over a limit: walk again, slower, to say where.
    left = budget
    for node, depth, link in containers(document):
        if depth > MAX_DEPTH:
            raise SpecError([too_deep(pointer_of(link), name)])
        left -= len(node) + 1
        if left < 0:
            raise SpecError([too_large(pointer_of(link), name, budget)])


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
        return files.read(path, MAX_SPEC_BYTES)
    except files.NotRegularFile:
        message = f"cannot read {path}: not a regular file"
        raise SpecError([error("not-a-file", message, "#")]) from None
    except files.TooLarge:
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
        raise SpecError([too_deep(deep or "#", name)]) from None
    else:
        check_shape(document, name, value_budget(len(raw)), refs)
        if too_many_digits:
            raise SpecError([_too_many_digits(document, name)])
        if json_lone_surrogate(raw) if is_json else SURROGATE_ESCAPE.search(raw):
            document = replace_lone_surrogates(document)
            if refs is not None:  # a `$ref` may have changed: collect them again (rare)
                refs.clear()
                refs.update(all_refs(document))
        return _stringify_keys(document) if not is_json else document
    raise SpecError([error("unparsable", message, "#")])


def _children(level: list[Any]) -> list[Any]:
    """The containers directly inside the containers of `level`."""
    return [
        value
        for node in level
        for value in (node.values() if isinstance(node, dict) else node)
        if isinstance(value, (dict, list))
    ]


def all_refs(document: Any) -> set[str]:
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
