"""`--check`: whether an output directory holds what generation would write now.

Only the files generation owns count: a repository's `.git`, caches, `dist/`, a licence or
hand-written modules are not generation's, and do not make it stale."""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..pipeline import Plain, Speed
from .formatting import Formatting
from .ownership import plan
from .tree import MARKER


def stale_files(
    files: dict[str, str], output: Path, *, version: str, speed: Speed | None = None
) -> list[str]:
    """Paths generation would write, replace or delete now, and those it owns that were
    changed since; empty when `output` is up to date.

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
    changes = plan(output, formatting.known, version)
    marker = [MARKER] if changes.marker is not None else []
    return sorted({*changes.write, *marker, *changes.delete, *changes.conflicts})
