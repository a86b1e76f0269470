from __future__ import annotations

from .._runtime._models import BaseModel


class ParameterStylesMatrix(BaseModel):
    x: int | None = None
    y: int | None = None
