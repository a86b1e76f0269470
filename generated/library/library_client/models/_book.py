from __future__ import annotations

from .._runtime._models import BaseModel


class Book(BaseModel):
    isbn: str
    title: str
