"""aiohttp, pydantic and the other modules only a request needs, imported on first use.

Importing them costs about half a second (asyncio alone, with what it imports, about 50 ms),
which an SDK's `import` and client construction must not pay: a command-line tool that
imports the SDK but makes no call, or a serverless cold start, would pay it for nothing.
Runtime modules use these handles when they run; type checkers see the real modules (each
module imports them under `TYPE_CHECKING`).
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

__all__ = [
    "aiohttp", "asyncio", "json", "logging", "multidict", "pydantic", "pydantic_core", "yarl"
]  # fmt: skip


class LazyModule:
    """Stands for a module; the first attribute read imports it."""

    __slots__ = ("_module", "_name")

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attribute: str) -> Any:
        module = self._module
        if module is None:
            module = self._module = importlib.import_module(self._name)
        return getattr(module, attribute)

    def __repr__(self) -> str:
        return f"<lazy module {self._name!r}>"


aiohttp = LazyModule("aiohttp")
asyncio = LazyModule("asyncio")
json = LazyModule("json")
logging = LazyModule("logging")
multidict = LazyModule("multidict")
pydantic = LazyModule("pydantic")
pydantic_core = LazyModule("pydantic_core")
yarl = LazyModule("yarl")
