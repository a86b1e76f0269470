"""`--check`: whether an output directory holds what generation would write now."""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..pipeline import Plain, Speed
from .formatting import Formatting
from .tree import actual, expected


def stale_files(
    files: dict[str, str], output: Path, *, version: str, speed: Speed | None = None
) -> list[str]:
    """Paths whose content on disk differs from what generation gives now (or that are missing
    or extra); empty when `output` is up to date.

    Nothing is written beside `output` (it may be read-only): formatting that is not cached
    yet happens in the system's temporary directory."""
    output = output.absolute()
    if not output.is_dir():
        return ["."]
    formatting = Formatting(files, speed or Plain())
    if formatting.known is None:
        with tempfile.TemporaryDirectory(prefix="aiosdkgen-check-") as scratch:
            formatting.write(Path(scratch))
    assert formatting.known is not None  # write() formats and remembers
    wanted, found = expected(formatting.known, version), actual(output)
    return sorted(
        path
        for path in wanted.keys() | found.keys()
        if path not in wanted or path not in found or wanted[path] != found[path]
    )
