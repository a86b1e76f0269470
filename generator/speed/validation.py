"""Validate a document once: results are remembered by the document's hash, and a large
document is validated in a child process while the parent parses and renders it.

Validation is the largest single cost of generating from a large document. Its result depends
only on the document and on the generator (its fingerprint), so both go into the cache key; a
changed validator version, or any changed file of the generator, misses the cache instead of
trusting a stale answer.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic
from . import forked, store
from .fingerprint import fingerprint

# Below this size (the bytes the document is known by), forking costs more than validating
# inline.
_BACKGROUND_FROM_BYTES = 1_000_000


def _serialize(document: dict[str, Any]) -> bytes:
    # The loader's output is deterministic (file order kept), so no key sorting is needed.
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"), default=repr)
    return text.encode("utf-8", "surrogatepass")


def _key(identity: bytes) -> str:
    digest = hashlib.sha256(fingerprint())
    digest.update(identity)
    return digest.hexdigest()


def _read(path: Path) -> list[Diagnostic] | None:
    try:
        return [
            Diagnostic(level=level, code=code, message=message, pointer=pointer)
            for level, code, message, pointer in store.read(path)
        ]
    except (TypeError, ValueError):
        return None  # absent or corrupt: validate again


def _validate(document: dict[str, Any]) -> list[Diagnostic]:
    # The child of a large document imports the validator, not the parent.
    from .. import validation
    from .validator import TUNING

    return validation.validate(document, TUNING)


def start(
    document: dict[str, Any], *, use_cache: bool = True, source: bytes | None = None
) -> Callable[[], list[Diagnostic]]:
    """Begin validating `document`; call the returned function for its problems.

    `source`, when given, is the one file `document` was read from (nothing bundled into it):
    the document is then known by those bytes, which saves serializing it.
    A cached answer is returned as is; otherwise a large document is validated in a child
    process, so the caller can parse it meanwhile, and the answer is cached when collected."""
    identity = source if source is not None else _serialize(document)
    path = store.entry("validation", _key(identity)) if use_cache else None
    cached = _read(path) if path is not None else None
    if cached is not None:
        return lambda: cached
    if len(identity) >= _BACKGROUND_FROM_BYTES:
        validated = forked.start(_validate, document)
    else:
        validated = lambda: _validate(document)  # noqa: E731 - the same interface, inline

    def result() -> list[Diagnostic]:
        problems = validated()
        if path is not None:
            store.store(path, [[p.level, p.code, p.message, p.pointer] for p in problems])
        return problems

    return result
