from __future__ import annotations

from .._runtime._models import BaseModel


class ParameterStylesFilter(BaseModel):
    kind: str | None = None
    min_age: int | None = None
