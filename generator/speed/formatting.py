"""Remember what formatting made of a set of files: formatting thousands of files with ruff is
most of the cost of writing a large SDK, and its result depends only on the files and the
generator (ruff's version is in its fingerprint)."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path

from . import store
from .fingerprint import fingerprint


def entry(files: Mapping[str, str]) -> Path:
    """Where what formatting made of `files` is remembered."""
    digest = hashlib.sha256(fingerprint())
    for relative, text in sorted(files.items()):
        digest.update(f"\0{relative}\0{len(text)}\0".encode())
        digest.update(text.encode("utf-8", "surrogatepass"))
    return store.entry("formatted", digest.hexdigest())


def recall(files: Mapping[str, str], path: Path) -> dict[str, str] | None:
    """What formatting made of `files`, remembered at `path` (their `entry`), if it was."""
    known = store.read(path)
    if isinstance(known, dict) and known.keys() == files.keys():
        return known
    return None
