from __future__ import annotations

from pydantic import Field

from .._runtime._models import BaseModel
from .animal_base_owner import AnimalBaseOwner


class AnimalBase(BaseModel):
    kind: str
    name: str
    owner: AnimalBaseOwner | None = Field(
        default=None,
        description="Who looks after the animal (an inline object becomes its own class).",
    )
