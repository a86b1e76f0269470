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
import multiprocessing
import sys
from collections.abc import Callable
from functools import cache as once
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from . import __version__, cache
from .diagnostics import Diagnostic

# Below this size (serialized), forking costs more than validating inline.
_BACKGROUND_FROM_BYTES = 1_000_000
_VALIDATOR_PACKAGES = (
    "openapi-spec-validator",
    "openapi-schema-validator",
    "jsonschema",
    "jsonschema-rs",
)


@once
def _validator_fingerprint() -> bytes:
    # Read, not imported: importing the validator takes 0.2 s, which a large document's
    # parent process (parsing while a child validates) should not spend.
    modules = ("validation.py", "fast_schema.py", "validator_speedups.py", "openapi_versions.py")
    code = b"".join((Path(__file__).parent / name).read_bytes() for name in modules)
    return f"aiosdkgen={__version__};{cache.versions(_VALIDATOR_PACKAGES)};".encode() + code


def _serialize(document: dict[str, Any]) -> bytes:
    # The loader's output is deterministic (file order kept), so no key sorting is needed.
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"), default=repr)
    return text.encode("utf-8", "surrogatepass")


def _key(serialized: bytes) -> str:
    digest = hashlib.sha256(_validator_fingerprint())
    digest.update(serialized)
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


def _validate_into(document: dict[str, Any], connection: Connection) -> None:
    try:
        connection.send(_validate(document))
    finally:
        connection.close()


def _in_background(document: dict[str, Any]) -> Callable[[], list[Diagnostic]] | None:
    """Start validating `document` in a forked child; returns how to wait for the result."""
    if sys.platform != "linux":
        return None  # fork is what makes this cheap; elsewhere it is unsafe or unavailable
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    # The child inherits the document by fork (nothing is pickled) and would flush a copy
    # of any buffered output when it exits.
    sys.stdout.flush()
    sys.stderr.flush()
    child = context.Process(target=_validate_into, args=(document, sending), daemon=True)
    child.start()
    sending.close()

    def result() -> list[Diagnostic]:
        try:
            problems: list[Diagnostic] = receiving.recv()
        except EOFError:  # the child died (killed, out of memory): validate here instead
            problems = _validate(document)
        finally:
            receiving.close()
            child.join()
        return problems

    return result


def start(document: dict[str, Any], *, use_cache: bool = True) -> Callable[[], list[Diagnostic]]:
    """Begin validating `document`; call the returned function for its problems.

    A cached answer is returned as is; otherwise a large document is validated in a child
    process, so the caller can parse it meanwhile, and the answer is cached when collected."""
    serialized = _serialize(document)
    path = cache.entry("validation", _key(serialized)) if use_cache else None
    cached = _read(path) if path is not None else None
    if cached is not None:
        return lambda: cached
    background = _in_background(document) if len(serialized) >= _BACKGROUND_FROM_BYTES else None

    def result() -> list[Diagnostic]:
        problems = background() if background is not None else _validate(document)
        if path is not None:
            cache.store(path, [[p.level, p.code, p.message, p.pointer] for p in problems])
        return problems

    return result
