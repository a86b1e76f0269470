"""Format the generated files with ruff, the way the generated project's settings say."""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from ruff.__main__ import find_ruff_bin

from .errors import OutputError

if TYPE_CHECKING:
    from ..pipeline import Speed


# Files rendered with their imports final: the model modules (`import_order`) and the runtime
# (copied from this repository, which ruff checks). Most of a large SDK: the fixing pass over
# them would take time and change nothing.
_IMPORTS_FINAL = ["*/models/_[!_]*.py", "*/_runtime/*.py"]


def format_tree(root: Path) -> None:
    """Sort imports, drop unused ones and format, with the project's own ruff settings."""
    ruff = find_ruff_bin()
    # Imports and __all__ are computed, not hand-ordered: ruff sorts them and drops unused ones.
    fix = ["check", "--fix", "--select", "I,F401,RUF022", "--exit-zero"]
    skip = [f"--extend-exclude={pattern}" for pattern in _IMPORTS_FINAL]
    for command in (
        [ruff, *fix, *skip, "--quiet", "--no-cache", "."],
        [ruff, "format", "--quiet", "--no-cache", "."],
    ):
        result = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise OutputError(f"formatting the generated code failed: {result.stderr.strip()}")


def write_tree(files: Mapping[str, str], root: Path) -> None:
    for relative, text in sorted(files.items()):
        parts = PurePosixPath(relative).parts
        if PurePosixPath(relative).is_absolute() or ".." in parts:
            raise OutputError(f"refusing to write outside the output directory: {relative!r}")
        path = root.joinpath(*parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)


def _read_text(root: Path, relative: str) -> str:
    with root.joinpath(*PurePosixPath(relative).parts).open(encoding="utf-8", newline="") as f:
        return f.read()


class Formatting:
    """`files` formatted: as `speed` remembers them, or formatted on disk (and remembered)."""

    def __init__(self, files: Mapping[str, str], speed: Speed) -> None:
        self.files = files
        self.speed = speed
        self.known = speed.formatted(files)

    def write(self, root: Path) -> None:
        """Write the formatted files under `root`."""
        if self.known is not None:
            write_tree(self.known, root)
            return
        write_tree(self.files, root)
        format_tree(root)
        self.known = {relative: _read_text(root, relative) for relative in self.files}
        self.speed.keep_formatted(self.files, self.known)
