from __future__ import annotations

from .._runtime._models import BaseModel


class Tag(BaseModel):
    id: int | None = None
    name: str | None = None
