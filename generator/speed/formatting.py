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
    digest = hashlib.sha256(fingerprint())
    for relative, text in sorted(files.items()):
        digest.update(f"\0{relative}\0{len(text)}\0".encode())
        digest.update(text.encode("utf-8", "surrogatepass"))
    return store.entry("formatted", digest.hexdigest())


def recall(files: Mapping[str, str]) -> dict[str, str] | None:
    known = store.read(entry(files))
    if isinstance(known, dict) and known.keys() == files.keys():
        return known
    return None


def remember(files: Mapping[str, str], formatted: dict[str, str]) -> None:
    store.store(entry(files), formatted)
