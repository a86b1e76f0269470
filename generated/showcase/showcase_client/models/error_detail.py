from __future__ import annotations

from .._runtime._models import BaseModel


class ErrorDetail(BaseModel):
    field: str | None = None
    issue: str | None = None
