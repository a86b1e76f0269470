from __future__ import annotations

from datetime import date

from pydantic import Field

from .._runtime._models import BaseModel


class AnimalBaseOwner(BaseModel):
    """Who looks after the animal (an inline object becomes its own class)."""

    name: str | None = None
    since: date | None = None


class AnimalBase(BaseModel):
    kind: str
    name: str
    owner: AnimalBaseOwner | None = Field(
        default=None,
        description="Who looks after the animal (an inline object becomes its own class).",
    )
