from __future__ import annotations

from .._runtime._models import OpenStrEnum


class AnimalKind(OpenStrEnum):
    """The kinds of animal the zoo keeps."""

    CAT = "cat"
    DOG = "dog"
    BIRD = "bird"
    IN_PROGRESS = "in-progress"
    VALUE_2FA = "2fa"
    CLASS = "class"
    EMPTY = ""
