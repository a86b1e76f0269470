from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from uuid import UUID

from .._runtime import _models
from .._runtime._models import BaseModel


class Scalars(BaseModel):
    """Every primitive type and string format."""

    an_integer: int
    a_number: float
    a_boolean: bool
    a_string: str
    a_date_time: datetime | None = None
    a_date: date | None = None
    a_time: time | None = None
    a_uuid: UUID | None = None
    a_binary: bytes | None = None
    a_byte: _models.Base64Bytes | None = None
    an_email: str | None = None
    a_uri: str | None = None
    an_unknown_format: str | None = None
    anything: Any = None


class Containers(BaseModel):
    tags: list[str] | None = None
    matrix: list[list[float]] | None = None
    counts: dict[str, int] | None = None
    free_form: dict[str, Any] | None = None
    free_form_explicit: dict[str, Any] | None = None
    nested_maps: dict[str, list[Scalars]] | None = None
