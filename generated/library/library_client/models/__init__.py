"""The API's schemas as pydantic models, each module imported on first use.

Import models from here: the modules they live in are private, and which one holds a model
follows the spec's references, so it may change when the spec does."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._book import Book as Book
    from ._search import Search as Search

_MODULE_OF: dict[str, str] = {
    "Book": "_book",
    "Search": "_search",
}

__all__ = [
    "Book",
    "Search",
]


def __getattr__(name: str) -> object:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
