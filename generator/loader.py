"""Load a spec file (JSON or YAML) into one self-contained document.

`$ref`s to other files (`./common.yaml#/components/schemas/Error`) are bundled in: a target that
sits under `components/<kind>/<name>` is hoisted into the root document's components (so it keeps
its name and may be recursive), anything else is inlined. Every `$ref` left is internal (`#/...`).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import yaml

from .diagnostics import SpecError, child, error, unescape_token


class _SpecYamlLoader(yaml.SafeLoader):  # type: ignore[misc]
    """A safe YAML loader that keeps dates and times as the strings the spec author wrote."""


_SpecYamlLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _stringify_keys(node: Any) -> Any:
    """YAML allows `200:` as an integer key; OpenAPI means the string "200"."""
    if isinstance(node, dict):
        return {str(key): _stringify_keys(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_stringify_keys(item) for item in node]
    return node


def read_document(path: Path) -> Any:
    """Parse one JSON or YAML file; raise SpecError naming the file and position on failure."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SpecError([error("unreadable", f"cannot read {path}: {exc.strerror}", "#")]) from None
    text_start = raw.lstrip()[:1]
    try:
        if text_start in (b"{", b"["):
            return json.loads(raw)
        return _stringify_keys(yaml.load(raw, Loader=_SpecYamlLoader))
    except json.JSONDecodeError as exc:
        message = (
            f"{path.name} is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        )
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        message = f"{path.name} is not valid YAML: {problem}{where}"
    except (UnicodeDecodeError, RecursionError) as exc:
        message = f"{path.name} cannot be parsed: {type(exc).__name__}"
    raise SpecError([error("unparsable", message, "#")])


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

    def __init__(self, root_path: Path, root: dict[str, Any]) -> None:
        self.root_path = root_path.resolve()
        self.root = root
        self.files: dict[Path, Any] = {self.root_path: root}
        self.hoisted: dict[tuple[Path, str], str] = {}
        self.problems: list[Any] = []
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
            if not path.is_file():
                self.problems.append(
                    error("missing-ref-file", f"$ref {ref!r}: file {path.name} not found", used_at)
                )
                return None
            self.files[path] = read_document(path)
        return self.files[path]

    def bundle(self, node: Any, base: Path, where: str, depth: int = 0) -> Any:
        """Return `node` with every external ref (relative to `base`) rewritten or inlined."""
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


def load(path: Path) -> dict[str, Any]:
    """Read the spec at `path` and bundle every file it refers to into one document."""
    document = read_document(path)
    if not isinstance(document, dict):
        raise SpecError([error("not-an-object", "the document is not a JSON/YAML object", "#")])
    bundler = _Bundler(path, document)
    adopted = bundler.adopt_external_components()
    bundled: dict[str, Any] = bundler.bundle(document, bundler.root_path, "#")
    for (kind, name), content in adopted.items():
        bundled["components"][kind][name] = content
    for kind, section in bundler.extra.items():
        components = bundled.setdefault("components", {})
        if isinstance(components, dict) and isinstance(components.setdefault(kind, {}), dict):
            components[kind].update(section)
    if bundler.problems:
        raise SpecError(list(dict.fromkeys(bundler.problems)))
    return bundled
