"""Every speed-up of generation, behind one object: `Speedups`, the pipeline's `Speed`.

None of them changes the output (a test generates with and without them and compares): they
remember earlier answers on disk (`store`: whole generations, validation verdicts, formatting,
compiled templates), run work on the machine's other core (`forked`: validating a large
document, rendering half of its models), take faster paths through the validator
(`validator`, `fast_schema`), and pause the cyclic garbage collector during a run.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..diagnostics import Diagnostic
from ..pipeline import Choices, Result
from . import forked, memo, store

if TYPE_CHECKING:
    import jinja2

T = TypeVar("T")


class Speedups:
    """The pipeline's `Speed` with every speed-up; `cache=False` reads and writes no cache of
    any kind (the other speed-ups stay)."""

    def __init__(self, *, cache: bool = True) -> None:
        self.cache = cache
        self._memo_keys: dict[tuple[Path, Choices, int], str | None] = {}
        self._format_entries: dict[int, Path] = {}  # by id() of the files: hashed once

    def _memo_key(self, spec: Path, content: bytes, choices: Choices) -> str | None:
        """The memo key, hashed once per run (a large spec's bytes take a while)."""
        if not self.cache:
            return None
        identity = (spec, choices, id(content))
        if identity not in self._memo_keys:
            self._memo_keys[identity] = memo.key(spec, content, choices)
        return self._memo_keys[identity]

    def recall(self, spec: Path, content: bytes, choices: Choices) -> Result | None:
        key = self._memo_key(spec, content, choices)
        return memo.recall(key) if key is not None else None

    def remember(
        self, spec: Path, content: bytes, choices: Choices, result: Result, sources: list[Path]
    ) -> None:
        key = self._memo_key(spec, content, choices)
        if key is not None:
            memo.remember(key, result, sources)

    def validation(
        self, document: dict[str, Any], source: bytes | None
    ) -> Callable[[], list[Diagnostic]]:
        from . import validation

        return validation.start(document, use_cache=self.cache, source=source)

    def start(self, function: Callable[..., T], *args: Any) -> Callable[[], T]:
        return forked.start(function, *args)

    def templates_cache(self) -> jinja2.BytecodeCache | None:
        """Compiled templates in the cache directory: a run need not compile them again."""
        if not self.cache:
            return None
        import jinja2

        directory = store.cache_dir() / "templates"
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None  # a read-only home: compile every time
        return jinja2.FileSystemBytecodeCache(str(directory))

    def _format_entry(self, files: Mapping[str, str]) -> Path:
        from . import formatting

        if id(files) not in self._format_entries:
            self._format_entries[id(files)] = formatting.entry(files)
        return self._format_entries[id(files)]

    def formatted(self, files: Mapping[str, str]) -> dict[str, str] | None:
        from . import formatting

        return formatting.recall(files, self._format_entry(files)) if self.cache else None

    def keep_formatted(self, files: Mapping[str, str], formatted: dict[str, str]) -> None:
        if self.cache:
            store.store(self._format_entry(files), formatted)

    def running(self) -> AbstractContextManager[None]:
        return _collector_paused()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off for one generation, as it was before afterwards.

    A run builds millions of objects (the document, the IR, the files' text) and next to no
    cyclic garbage, yet every full collection walks all of them (a sixth of a run on GitHub's
    spec, for the same peak memory). Forked workers inherit the setting.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
