from __future__ import annotations

from .._runtime._models import BaseModel


class Company(BaseModel):
    name: str | None = None
    staff: list[Person] | None = None


class Person(BaseModel):
    """Mutually recursive with Company."""

    name: str | None = None
    employer: Company | None = None
