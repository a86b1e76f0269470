from __future__ import annotations

from .._runtime._models import BaseModel
from .animal import Animal


class AnimalPage(BaseModel):
    items: list[Animal]
    next_cursor: str | None = None
