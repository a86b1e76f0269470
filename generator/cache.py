"""The on-disk cache shared by the expensive, deterministic steps (validation, formatting).

Entries are JSON files named by a hash of everything their content depends on; a missing,
unreadable or corrupt entry is recomputed, and a cache that cannot be written only costs time.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any


def cache_dir() -> Path:
    """$AIOSDKGEN_CACHE_DIR, else $XDG_CACHE_HOME/aiosdkgen, else ~/.cache/aiosdkgen."""
    explicit = os.environ.get("AIOSDKGEN_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "aiosdkgen"


def entry(kind: str, key: str) -> Path:
    return cache_dir() / kind / f"{key}.json"


def read(path: Path) -> Any:
    """The entry's value, or None when it is absent or unreadable."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def store(path: Path, value: Any) -> None:
    """Write the entry atomically (readers never see half of it); errors are ignored."""
    with contextlib.suppress(OSError, ValueError):  # ValueError: text that is not UTF-8
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(value, handle, ensure_ascii=False)
            os.replace(temporary, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
