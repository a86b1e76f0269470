from __future__ import annotations

from .._runtime._models import BaseModel


class Bird(BaseModel):
    kind: str
    wingspan: float
