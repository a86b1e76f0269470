"""Stage 2, validation: a bundled document -> its problems, as data with JSON pointers.

The validator (openapi-spec-validator and jsonschema: a fifth of a run's memory) is imported on
first use, not with the package: the parser uses `patterns` from here, and a large document is
validated in a child process, which should be the only one to load it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .document import Tuning, check_refs, validate

__all__ = ["Tuning", "check_refs", "validate"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(importlib.import_module(".document", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
