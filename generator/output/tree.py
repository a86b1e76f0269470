"""An output directory as generation sees it: the files it owns (listed, with their hashes, in
the marker its last run wrote), and what is on disk now at a given path."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Final

from ..spec import files

MARKER = ".aiosdkgen.json"


class _NotAFile:
    """What a path holds when it cannot be read as a regular file of its own: a symbolic link,
    a FIFO, a directory, or a path through a link or a file. Generation writes none of these,
    so this always differs from what it writes."""

    def __repr__(self) -> str:
        return "NOT_A_FILE"


NOT_A_FILE: Final = _NotAFile()
Entry = bytes | _NotAFile | None  # None: nothing there


def digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def marker(version: str, digests: Mapping[str, str]) -> bytes:
    """The marker: who wrote the directory, and the hash of every file it wrote."""
    manifest = dict(sorted(digests.items()))
    text = json.dumps({"generator": "aiosdkgen", "version": version, "files": manifest}, indent=2)
    return (text + "\n").encode("utf-8")


@dataclass(frozen=True, slots=True)
class Manifest:
    """The files the last generation wrote, by relative path: the hash of what it wrote."""

    files: dict[str, str]


def read_manifest(output: Path) -> Manifest | None:
    """The manifest of `output`'s marker; None when there is no marker (the directory was not
    generated). A marker from before manifests were kept owns every file in the directory but
    those under a hidden directory (`.git`), as that version replaced the whole directory."""
    entry = read_entry(output, MARKER)
    if not isinstance(entry, bytes):
        return None
    try:
        value = json.loads(entry)
        listed = value["files"]
        if isinstance(listed, dict) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in listed.items()
        ):
            return Manifest(files=dict(listed))
    except (ValueError, KeyError, TypeError):
        pass
    return Manifest(files=_legacy_files(output))


def _legacy_files(output: Path) -> dict[str, str]:
    found = {}
    for directory, subdirectories, names in os.walk(output):
        subdirectories[:] = [d for d in subdirectories if not d.startswith(".")]
        for name in names:
            relative = Path(directory, name).relative_to(output).as_posix()
            entry = read_entry(output, relative)
            if isinstance(entry, bytes) and relative != MARKER:
                found[relative] = digest(entry)
    return found


def read_entry(output: Path, relative: str, directories: dict[str, bool] | None = None) -> Entry:
    """What `output/relative` holds now, looked at without following any symbolic link on the
    way (a link there could lead writes, and reads, outside the output).

    `directories` remembers, across the calls of one look at `output`, which folders on the
    way are real directories (thousands of files share a few)."""
    known = directories if directories is not None else {}
    path = output
    parts = PurePosixPath(relative).parts
    for part in parts[:-1]:
        path = path / part
        key = str(path)
        if key not in known:
            mode = _mode(path)
            if mode is None:
                return None
            known[key] = stat.S_ISDIR(mode)  # lstat: a link is never a directory
        if not known[key]:
            return NOT_A_FILE
    path = path / parts[-1]
    mode = _mode(path)
    if mode is None:
        return None
    if not stat.S_ISREG(mode):
        return NOT_A_FILE
    try:
        return files.read(path)
    except files.NotRegularFile:
        return NOT_A_FILE


def _mode(path: Path) -> int | None:
    """`path`'s own mode (a link's, not its target's); None when nothing is there, 0 (neither a
    directory nor a file) for a path through a file."""
    try:
        return os.lstat(path).st_mode
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        return 0
