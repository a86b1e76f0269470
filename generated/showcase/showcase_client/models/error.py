from __future__ import annotations

from .._runtime._models import BaseModel
from .error_detail import ErrorDetail


class Error(BaseModel):
    """An error, as every endpoint reports it."""

    code: int
    message: str
    details: list[ErrorDetail] | None = None
