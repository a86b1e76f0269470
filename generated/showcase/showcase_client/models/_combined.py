from __future__ import annotations

from .._runtime._models import BaseModel


class Combined(BaseModel):
    """allOf merging two inline parts (no base class to inherit from)."""

    left: str | None = None
    right: int
