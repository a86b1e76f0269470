"""Load a spec file (JSON or YAML) into one self-contained document.

`$ref`s to other files (`./common.yaml#/components/schemas/Error`) are bundled in: a target that
sits under `components/<kind>/<name>` is hoisted into the root document's components (so it keeps
its name and may be recursive), anything else is inlined. Every `$ref` left is internal (`#/...`).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from ..diagnostics import SpecError, error
from .cycles import may_have_reference_cycles, reference_cycles
from .pointers import child, resolve_pointer, unescape_token
from .reader import (
    MAX_VALUES_PER_BYTE,
    all_refs,
    check_shape,
    parse_document,
    read_document,
    read_regular_file,
    too_deep,
    too_large,
    value_budget,
)


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
            self.allowed += MAX_VALUES_PER_BYTE * _size(path)  # the minimum counts once
        return self.files[path]

    def bundle(self, node: Any, base: Path, where: str, depth: int = 0) -> Any:
        """Return `node` with every external ref (relative to `base`) rewritten or inlined."""
        self.produced += 1
        if self.produced > self.allowed:
            raise SpecError([too_large(where, self.root_path.name, self.allowed)])
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
        raise SpecError([too_deep("#", path.name)]) from None
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
        check_shape(bundled, path.name, bundler.allowed)
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
        refs = all_refs(document)
    if may_have_reference_cycles(document, refs):
        cycles = reference_cycles(document)
        if cycles:
            raise SpecError(cycles)
    return document, sources


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
