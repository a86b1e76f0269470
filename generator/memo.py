"""Remember whole generations: the same document, options and generator give the same SDK.

Generation is deterministic, so its result is a function of what went in: the spec's bytes (and
those of every file it refers to), the user's options, and the generator itself (its code,
templates and the versions of the packages that validate and render). All of that goes into
the key or is checked on use, so a hit is exactly what a full run would produce, validation
included; only successful generations are remembered, and errors are always recomputed.

This module imports nothing heavy: a hit must not pay for the validator, Jinja or the parser.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache as once
from pathlib import Path
from typing import Any

from . import __version__, cache, regular_files
from .diagnostics import Diagnostic
from .options import Options

_PACKAGES = (
    "jinja2",
    "openapi-spec-validator",
    "openapi-schema-validator",
    "jsonschema",
    "jsonschema-rs",
)
_GENERATOR_DIR = Path(__file__).parent
_TEMPLATES_IN_CHECKOUT = _GENERATOR_DIR.parent / "templates"


@dataclass(frozen=True, slots=True, kw_only=True)
class Result:
    """One generation: the package's names and version, its files by path, the warnings."""

    options: Options
    files: dict[str, str]
    warnings: tuple[Diagnostic, ...]


def _source_files() -> Iterable[Path]:
    roots = [_GENERATOR_DIR]
    if not (_GENERATOR_DIR / "templates").is_dir():  # a checkout: templates/ is a sibling
        roots.append(_TEMPLATES_IN_CHECKOUT)
    for root in roots:
        for directory, subdirectories, names in os.walk(root):
            subdirectories[:] = sorted(d for d in subdirectories if d != "__pycache__")
            for name in sorted(names):
                if name.endswith((".py", ".jinja")):
                    yield Path(directory, name)


@once
def _generator_fingerprint() -> bytes:
    """Everything besides the input that the output depends on."""
    digest = hashlib.sha256(f"aiosdkgen={__version__};python={sys.version_info[:2]}".encode())
    digest.update(cache.versions(_PACKAGES).encode())
    for path in _source_files():
        digest.update(f"\0{path.relative_to(_GENERATOR_DIR.parent).as_posix()}\0".encode())
        digest.update(path.read_bytes())
    return digest.digest()


def _file_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(regular_files.read(path)).hexdigest()
    except OSError:
        return None


def key(spec: Path, content: bytes, choices: Mapping[str, object]) -> str | None:
    """The cache key for generating from `spec`, whose bytes are `content`, with `choices`;
    None if its path cannot be resolved (the full run then reports why)."""
    try:
        resolved = spec.resolve()
    except OSError:
        return None
    digest = hashlib.sha256(_generator_fingerprint())
    # The path matters: relative $refs in the spec resolve against its directory.
    header = json.dumps({"spec": str(resolved), **choices}, sort_keys=True, default=str)
    digest.update(header.encode("utf-8", "surrogatepass"))
    digest.update(b"\0")
    digest.update(content)
    return digest.hexdigest()


def recall(memo_key: str) -> Result | None:
    """The remembered generation, if there is one and the files it read are unchanged."""
    value = cache.read(cache.entry("generated", memo_key))
    try:
        if any(_file_digest(Path(path)) != digest for path, digest in value["sources"].items()):
            return None
        return Result(
            options=Options(**value["options"]),
            files=dict(value["files"]),
            warnings=tuple(
                Diagnostic(level=level, code=code, message=message, pointer=pointer)
                for level, code, message, pointer in value["warnings"]
            ),
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        return None  # absent, corrupt or from another layout: generate again


def remember(memo_key: str, result: Result, sources: Iterable[Path]) -> None:
    """Store `result`; `sources` are the other files the spec referred to."""
    value: dict[str, Any] = {
        "sources": {str(path): _file_digest(path) for path in sources},
        "options": {
            "package_name": result.options.package_name,
            "project_name": result.options.project_name,
            "version": result.options.version,
        },
        "warnings": [[w.level, w.code, w.message, w.pointer] for w in result.warnings],
        "files": result.files,
    }
    cache.store(cache.entry("generated", memo_key), value)
