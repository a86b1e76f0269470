from __future__ import annotations

from .._runtime._models import BaseModel


class Pet2(BaseModel):
    """Differs from `Pet` only by case; gets a distinct class name."""

    x: int | None = None
