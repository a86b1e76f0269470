from __future__ import annotations

from .._runtime._models import BaseModel


class Search(BaseModel):
    q: str
