from __future__ import annotations

from typing import Annotated, TypeAlias

import pydantic

from .._runtime import _models
from ._cat import Cat
from ._dog import Dog

Pet: TypeAlias = Annotated[
    Annotated[Cat, pydantic.Tag("Cat")]
    | Annotated[Dog, pydantic.Tag("Dog")]
    | Annotated[_models.UnknownVariant, pydantic.Tag(_models.UNKNOWN_TAG)],
    _models.discriminator("kind", "kind", {"Cat": "Cat", "Dog": "Dog"}),
]
"""A discriminated union without a mapping (values are the schema names)."""
