from __future__ import annotations

from typing import Annotated, TypeAlias

import pydantic

from .._runtime import _models
from .._runtime._models import BaseModel
from .cat import Cat
from .dog import Dog


class Bird(BaseModel):
    kind: str
    wingspan: float


class AnimalPage(BaseModel):
    items: list[Animal]
    next_cursor: str | None = None


Animal: TypeAlias = Annotated[
    Annotated[Cat, pydantic.Tag("Cat")]
    | Annotated[Dog, pydantic.Tag("Dog")]
    | Annotated[Bird, pydantic.Tag("Bird")]
    | Annotated[_models.UnknownVariant, pydantic.Tag(_models.UNKNOWN_TAG)],
    _models.discriminator(
        "kind", "kind", {"cat": "Cat", "kitten": "Cat", "dog": "Dog", "bird": "Bird"}
    ),
]
"""Any animal, picked by its `kind`."""
