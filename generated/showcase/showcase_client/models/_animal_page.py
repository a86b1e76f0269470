from __future__ import annotations

from typing import Annotated, Any, Literal, TypeAlias

import pydantic
from pydantic import Field

from .._runtime import _models
from .._runtime._models import BaseModel
from ._animal_base import AnimalBase
from ._cat import Cat
from ._dog import Dog
from ._keeper import Keeper


class Fish(AnimalBase):
    kind: Literal["fish"] = Field(  # pyright: ignore[reportIncompatibleVariableOverride]
        default="fish", description="Narrowed to one value (a discriminator's const)."
    )
    owner: Keeper | None = None  # type: ignore[assignment]
    fins: int | None = None

    def model_post_init(self, context: Any, /) -> None:
        """Send kind even at its only value: it tells the API the variant."""
        super().model_post_init(context)
        self.__pydantic_fields_set__.update(["kind"])


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
    | Annotated[Fish, pydantic.Tag("Fish")]
    | Annotated[_models.UnknownVariant, pydantic.Tag(_models.UNKNOWN_TAG)],
    _models.discriminator(
        "kind",
        "kind",
        {"cat": "Cat", "kitten": "Cat", "dog": "Dog", "bird": "Bird", "fish": "Fish"},
    ),
]
"""Any animal, picked by its `kind`."""
