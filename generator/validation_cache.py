"""Validate a document once: results are remembered by the document's hash, and a large
document is validated in a child process while the parent parses and renders it.

Validation is the largest single cost of generating from a large document. Its result depends
only on the document and on the validating code, so both go into the cache key; a changed
validator version, or changed validating code, misses the cache instead of trusting a stale
answer.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import cache as once
from pathlib import Path
from typing import Any

from . import __version__, cache, forked
from .diagnostics import Diagnostic

# Below this size (the bytes the document is known by), forking costs more than validating
# inline.
_BACKGROUND_FROM_BYTES = 1_000_000
_VALIDATOR_PACKAGES = (
    "openapi-spec-validator",
    "openapi-schema-validator",
    "jsonschema",
    "jsonschema-rs",
    "pyyaml",  # reads the document a YAML spec's bytes stand for
)


@once
def _validator_fingerprint() -> bytes:
    # Read, not imported: importing the validator takes 0.2 s, which a large document's
    # parent process (parsing while a child validates) should not spend.
    modules = (
        "validation.py",
        "fast_schema.py",
        "validator_speedups.py",
        "openapi_versions.py",
        # What the validator sees is the loader's reading of the spec's bytes.
        "loader.py",
        "literals.py",
    )
    code = b"".join((Path(__file__).parent / name).read_bytes() for name in modules)
    return f"aiosdkgen={__version__};{cache.versions(_VALIDATOR_PACKAGES)};".encode() + code


def _serialize(document: dict[str, Any]) -> bytes:
    # The loader's output is deterministic (file order kept), so no key sorting is needed.
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"), default=repr)
    return text.encode("utf-8", "surrogatepass")


def _key(identity: bytes) -> str:
    digest = hashlib.sha256(_validator_fingerprint())
    digest.update(identity)
    return digest.hexdigest()


def _read(path: Path) -> list[Diagnostic] | None:
    try:
        return [
            Diagnostic(level=level, code=code, message=message, pointer=pointer)
            for level, code, message, pointer in cache.read(path)
        ]
    except (TypeError, ValueError):
        return None  # absent or corrupt: validate again


def _validate(document: dict[str, Any]) -> list[Diagnostic]:
    from . import validation  # the child of a large document imports it, not the parent

    return validation.validate(document)


def start(
    document: dict[str, Any], *, use_cache: bool = True, source: bytes | None = None
) -> Callable[[], list[Diagnostic]]:
    """Begin validating `document`; call the returned function for its problems.

    `source`, when given, is the one file `document` was read from (nothing bundled into it):
    the document is then known by those bytes, which saves serializing it (0.2 s for GitHub's).
    A cached answer is returned as is; otherwise a large document is validated in a child
    process, so the caller can parse it meanwhile, and the answer is cached when collected."""
    identity = source if source is not None else _serialize(document)
    path = cache.entry("validation", _key(identity)) if use_cache else None
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
            cache.store(path, [[p.level, p.code, p.message, p.pointer] for p in problems])
        return problems

    return result
