"""Remember whole generations: the same document, options and generator give the same SDK.

Generation is deterministic, so its result is a function of what went in: the spec's bytes (and
those of every file it refers to), the user's choices, and the generator itself (its
fingerprint). All of that goes into the key or is checked on use, so a hit is exactly what a
full run would produce, validation included; only successful generations are remembered, and
errors are always recomputed.

This module imports nothing heavy: a hit must not pay for the validator, Jinja or the parser.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic
from ..options import Options
from ..pipeline import Choices, Result
from ..spec import files
from . import store
from .fingerprint import fingerprint


def _file_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(files.read(path)).hexdigest()
    except OSError:
        return None


def key(spec: Path, content: bytes, choices: Choices) -> str | None:
    """The cache key for generating from `spec`, whose bytes are `content`, with `choices`;
    None if its path cannot be resolved (the full run then reports why)."""
    try:
        resolved = spec.resolve()
    except OSError:
        return None
    chosen = dataclasses.asdict(choices)
    # Whether a `$ref` may read a file: a generation allowed under one root is not under all.
    if choices.ref_root is not None:
        chosen["ref_root"] = str(choices.ref_root.resolve())
    digest = hashlib.sha256(fingerprint())
    # The path matters: relative $refs in the spec resolve against its directory.
    header = json.dumps({"spec": str(resolved), **chosen}, sort_keys=True, default=str)
    digest.update(header.encode("utf-8", "surrogatepass"))
    digest.update(b"\0")
    digest.update(content)
    return digest.hexdigest()


def recall(memo_key: str) -> Result | None:
    """The remembered generation, if there is one and the files it read are unchanged."""
    value = store.read(store.entry("generated", memo_key))
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
        "options": dataclasses.asdict(result.options),
        "warnings": [[w.level, w.code, w.message, w.pointer] for w in result.warnings],
        "files": result.files,
    }
    store.store(store.entry("generated", memo_key), value)
