"""The API's schemas as pydantic models, each module imported on first use."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .api_response import ApiResponse as ApiResponse
    from .customer import Address as Address
    from .customer import Customer as Customer
    from .find_pets_by_status_status import FindPetsByStatusStatus as FindPetsByStatusStatus
    from .order import Order as Order
    from .order import OrderStatus as OrderStatus
    from .pet import Category as Category
    from .pet import Pet as Pet
    from .pet import PetStatus as PetStatus
    from .pet import Tag as Tag
    from .user import User as User

_MODULE_OF: dict[str, str] = {
    "Address": "customer",
    "ApiResponse": "api_response",
    "Category": "pet",
    "Customer": "customer",
    "FindPetsByStatusStatus": "find_pets_by_status_status",
    "Order": "order",
    "OrderStatus": "order",
    "Pet": "pet",
    "PetStatus": "pet",
    "Tag": "pet",
    "User": "user",
}

__all__ = [
    "Address",
    "ApiResponse",
    "Category",
    "Customer",
    "FindPetsByStatusStatus",
    "Order",
    "OrderStatus",
    "Pet",
    "PetStatus",
    "Tag",
    "User",
]


def __getattr__(name: str) -> object:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
