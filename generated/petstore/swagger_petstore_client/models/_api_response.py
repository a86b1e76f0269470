from __future__ import annotations

from pydantic import Field

from .._runtime._models import BaseModel


class ApiResponse(BaseModel):
    code: int | None = None
    type_: str | None = Field(default=None, validation_alias="type", serialization_alias="type")
    message: str | None = None
