"""Write the output as one transaction: files are formatted in a temporary sibling directory
first, then moved into place one by one, each replaced or deleted file kept aside until the
end; if anything fails, everything is put back, so a failed run leaves the directory as it was.

Only the files generation owns (see `ownership`) are written or deleted. A new directory is
moved into place whole.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from ..pipeline import Plain, Speed
from .errors import OutputError
from .formatting import Formatting, write_tree
from .ownership import Plan, forced, plan
from .tree import MARKER

_SHOWN_CONFLICTS = 20


def conflict_message(output: Path, conflicts: list[str]) -> str:
    shown = [f"  {output / path}" for path in conflicts[:_SHOWN_CONFLICTS]]
    if len(conflicts) > _SHOWN_CONFLICTS:
        shown.append(f"  ... and {len(conflicts) - _SHOWN_CONFLICTS} more")
    return "\n".join(
        [
            f"{len(conflicts)} file(s) in {output} were changed since aiosdkgen wrote them, or are "
            "not aiosdkgen's and stand where it writes:",
            *shown,
            "Move hand-written code to the package's lib/ folder (never touched by "
            "regeneration), or pass --force to replace these files.",
        ]
    )


class Staging:
    """Format the files in a temporary sibling of `output`, and bring `output` up to date with
    them on `commit`.

    Staging can start before the run is known to succeed (the spec may still be being
    validated): leaving the `with` block without `commit` removes everything staged.
    """

    def __init__(
        self,
        output: Path,
        *,
        version: str,
        speed: Speed | None = None,
        force: bool = False,
    ) -> None:
        self.output = output.absolute()
        self.version = version
        self.speed = speed or Plain()
        self.force = force
        if self.output.exists() and not self.output.is_dir():
            raise OutputError(f"{output} exists and is not a directory")
        self._scratch: Path | None = None
        self._plan: Plan | None = None
        self._formatted: dict[str, str] | None = None
        self._unchanged = False

    @property
    def unchanged(self) -> bool:
        """Whether the output already held what was written (and is left as it is)."""
        return self._unchanged

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None

    def write(self, files: dict[str, str], unowned: Mapping[str, str] | None = None) -> None:
        """Format `files` (once per staging) and work out what `commit` will change; raise
        OutputError when that would overwrite changes someone made (unless forced).

        `unowned` files (the recorded options) are written too, but never owned."""
        if self._plan is not None:
            raise OutputError("files were already staged")
        formatting = Formatting(files, self.speed)
        if formatting.known is None:
            self._scratch = self._new_scratch()
            formatting.write(self._scratch)
        assert formatting.known is not None  # write() formats and remembers
        self._formatted = formatting.known
        changes = plan(self.output, formatting.known, self.version, unowned)
        if changes.conflicts:
            if not self.force:
                raise OutputError(conflict_message(self.output, changes.conflicts))
            changes = forced(changes, formatting.known)
        self._plan = changes

    def _new_scratch(self) -> Path:
        """A new temporary directory beside the output (the same file system: moves are
        renames)."""
        self.output.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{self.output.name}.", dir=self.output.parent))

    def commit(self) -> None:
        """Bring the output up to date with what was staged."""
        if self._plan is None:
            raise OutputError("nothing was staged")
        changes, self._plan = self._plan, None
        if changes.unchanged and not changes.unowned:
            self._unchanged = True
            return
        assert self._formatted is not None  # set by write()
        formatted, scratch = self._formatted, self._scratch
        extra = dict(changes.unowned)
        if changes.marker is not None:
            extra[MARKER] = changes.marker
        if not self.output.exists():
            # A new output: written whole beside it, then moved into place in one step.
            if scratch is None:
                scratch = self._scratch = self._new_scratch()
                write_tree(formatted, scratch)
            _fill(scratch, extra)
            os.replace(scratch, self.output)
            self._scratch = None
            return
        with _Transaction(self.output) as transaction:
            for relative in changes.write:
                staged = scratch.joinpath(*PurePosixPath(relative).parts) if scratch else None
                transaction.put(relative, formatted[relative].encode("utf-8"), staged)
            for relative, content in extra.items():
                transaction.put(relative, content, None)
            for relative in changes.delete:
                transaction.remove(relative)


def _fill(scratch: Path, extra: Mapping[str, bytes]) -> None:
    """Complete a scratch directory holding the formatted files into the whole output."""
    for relative, content in extra.items():
        target = scratch.joinpath(*PurePosixPath(relative).parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


class _Transaction:
    """Changes to files under `output`, each undone if the `with` block fails."""

    def __init__(self, output: Path) -> None:
        self.output = output
        self.created_output = not output.exists()
        output.mkdir(parents=True, exist_ok=True)
        self.aside = Path(tempfile.mkdtemp(prefix=f".{output.name}.aside.", dir=output.parent))
        # What was done, in order: (what, the path, where its old entry was put aside).
        self.undo: list[tuple[str, Path, Path | None]] = []

    def __enter__(self) -> _Transaction:
        return self

    def __exit__(self, kind: object, *rest: object) -> None:
        try:
            if kind is not None:
                self._roll_back()
        finally:
            shutil.rmtree(self.aside, ignore_errors=True)

    def _put_aside(self, path: Path) -> Path:
        kept = self.aside / str(len(self.undo))
        os.replace(path, kept)
        return kept

    def _directory(self, path: Path) -> None:
        """Make `path` a real directory (a link or a file there is put aside)."""
        if path == self.output:
            return
        self._directory(path.parent)
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            mode = None
        if mode is not None and stat.S_ISDIR(mode) and not stat.S_ISLNK(mode):
            return
        kept = self._put_aside(path) if mode is not None else None
        self.undo.append(("made directory", path, kept))
        os.mkdir(path)

    def put(self, relative: str, content: bytes, staged: Path | None) -> None:
        """Write `content` at `relative` (moving the `staged` copy when there is one)."""
        target = self.output.joinpath(*PurePosixPath(relative).parts)
        self._directory(target.parent)
        if staged is None or not staged.is_file():
            staged = target.parent / f".{target.name}.aiosdkgen-new"
            staged.write_bytes(content)
        kept = self._put_aside(target) if os.path.lexists(target) else None
        self.undo.append(("wrote", target, kept))
        os.replace(staged, target)

    def remove(self, relative: str) -> None:
        """Delete `relative`, and the directories that leaves empty."""
        target = self.output.joinpath(*PurePosixPath(relative).parts)
        self.undo.append(("wrote", target, self._put_aside(target)))
        parent = target.parent
        while parent != self.output and not any(parent.iterdir()):
            parent.rmdir()
            self.undo.append(("removed directory", parent, None))
            parent = parent.parent

    def _roll_back(self) -> None:
        for what, path, kept in reversed(self.undo):
            with contextlib.suppress(OSError):
                if what == "removed directory":
                    path.mkdir()
                    continue
                if what == "made directory":
                    path.rmdir()
                elif os.path.lexists(path):
                    path.unlink()
                if kept is not None:
                    os.replace(kept, path)
        if self.created_output:
            shutil.rmtree(self.output, ignore_errors=True)


def write(
    files: dict[str, str],
    output: Path,
    *,
    version: str,
    speed: Speed | None = None,
    force: bool = False,
) -> None:
    """Write `files` under `output`, formatted; the output changes only if everything
    succeeded."""
    with Staging(output, version=version, speed=speed, force=force) as staging:
        staging.write(files)
        staging.commit()
