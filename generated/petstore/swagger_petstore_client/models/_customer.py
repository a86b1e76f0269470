from __future__ import annotations

from .._runtime._models import BaseModel


class Address(BaseModel):
    street: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None


class Customer(BaseModel):
    id: int | None = None
    username: str | None = None
    address: list[Address] | None = None
