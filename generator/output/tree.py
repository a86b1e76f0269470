"""An output directory as generation sees it: the files it writes, and what is there now."""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..spec import files

MARKER = ".aiosdkgen.json"


def marker(version: str) -> str:
    return json.dumps({"generator": "aiosdkgen", "version": version}, indent=2) + "\n"


def expected(formatted: dict[str, str], version: str) -> dict[str, bytes]:
    """The bytes of every file generation writes, by relative path, marker included."""
    found = {relative: text.encode("utf-8") for relative, text in formatted.items()}
    found[MARKER] = marker(version).encode("utf-8")
    return found


def actual(root: Path) -> dict[str, bytes | None]:
    """Every file under `root` by relative path (bytecode caches aside): its bytes, or None for
    a symbolic link (to a file or a directory) or anything not a regular file (a FIFO).
    Generation writes neither, so either is always a difference (a link whose target has the
    same bytes today would not tomorrow)."""
    found: dict[str, bytes | None] = {}
    pending = [(str(root), "")]
    while pending:
        directory, prefix = pending.pop()
        with os.scandir(directory) as entries:
            for entry in entries:
                if entry.is_symlink():
                    found[prefix + entry.name] = None
                elif entry.is_dir():
                    if entry.name != "__pycache__":
                        pending.append((entry.path, f"{prefix}{entry.name}/"))
                else:
                    try:
                        found[prefix + entry.name] = files.read(entry.path)
                    except files.NotRegularFile:
                        found[prefix + entry.name] = None  # a FIFO: reading it would block
    return found
