from __future__ import annotations

from .._runtime._models import BaseModel


class ErrorDetail(BaseModel):
    field: str | None = None
    issue: str | None = None


class Error(BaseModel):
    """An error, as every endpoint reports it."""

    code: int
    message: str
    details: list[ErrorDetail] | None = None
