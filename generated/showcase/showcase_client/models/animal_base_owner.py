from __future__ import annotations

from datetime import date

from .._runtime._models import BaseModel


class AnimalBaseOwner(BaseModel):
    """Who looks after the animal (an inline object becomes its own class)."""

    name: str | None = None
    since: date | None = None
