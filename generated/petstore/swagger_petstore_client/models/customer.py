from __future__ import annotations

from .._runtime._models import BaseModel
from .address import Address


class Customer(BaseModel):
    id: int | None = None
    username: str | None = None
    address: list[Address] | None = None
