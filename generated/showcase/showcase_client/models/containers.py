from __future__ import annotations

from typing import Any

from .._runtime._models import BaseModel
from .scalars import Scalars


class Containers(BaseModel):
    tags: list[str] | None = None
    matrix: list[list[float]] | None = None
    counts: dict[str, int] | None = None
    free_form: dict[str, Any] | None = None
    free_form_explicit: dict[str, Any] | None = None
    nested_maps: dict[str, list[Scalars]] | None = None
