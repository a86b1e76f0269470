"""The on-disk cache of the speed-ups (whole generations, validation verdicts, formatting).

Entries are JSON files named by a hash of everything their content depends on; a missing,
unreadable or corrupt entry is recomputed, and a cache that cannot be written only costs time.
Each kind keeps its MAX_ENTRIES most recently used entries.
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


# Entries kept per kind, the most recently used: a whole GitHub SDK is about 8 MB of JSON.
MAX_ENTRIES = 32


def read(path: Path) -> Any:
    """The entry's value, or None when it is absent or unreadable."""
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # used now: the last to be evicted
    return value


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
        _evict(path.parent)


def _evict(directory: Path) -> None:
    """Delete all but the MAX_ENTRIES most recently used entries of `directory`."""
    entries = []
    for entry in directory.glob("*.json"):
        with contextlib.suppress(OSError):
            entries.append((entry.stat().st_mtime, entry.name, entry))
    for _, _, stale in sorted(entries, reverse=True)[MAX_ENTRIES:]:
        with contextlib.suppress(OSError):
            stale.unlink()
