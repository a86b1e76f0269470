from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from .._runtime._models import OpenStrEnum, ReadOnlyFields


class AnimalKind(OpenStrEnum):
    """The kinds of animal the zoo keeps."""

    CAT = "cat"
    DOG = "dog"
    BIRD = "bird"
    IN_PROGRESS = "in-progress"
    VALUE_2FA = "2fa"
    CLASS = "class"
    EMPTY = ""


class Nullability(ReadOnlyFields):
    """Required vs optional, null vs absent, defaults, read-only and write-only."""

    required_nullable: str | None
    required_plain: str
    optional_nullable: int | None = None
    optional_with_default: int | None = 10
    text_with_default: str | None = 'hello "world"'
    enum_with_default: AnimalKind | None = AnimalKind.CAT
    flag_with_default: bool | None = True
    id: str | None = Field(
        default=None,
        description="Read-only: set by the server, never sent. Assigned by the server.",
    )
    secret: str | None = Field(default=None, description="Write-only: sent, never returned.")
    legacy: str | None = Field(default=None, description="Deprecated.")

    __read_only__: ClassVar[tuple[str, ...]] = ("id",)
