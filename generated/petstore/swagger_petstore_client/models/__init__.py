"""The API's schemas as pydantic models, each module imported on first use."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .address import Address as Address
    from .api_response import ApiResponse as ApiResponse
    from .category import Category as Category
    from .customer import Customer as Customer
    from .find_pets_by_status_status import FindPetsByStatusStatus as FindPetsByStatusStatus
    from .order import Order as Order
    from .order_status import OrderStatus as OrderStatus
    from .pet import Pet as Pet
    from .pet_status import PetStatus as PetStatus
    from .tag import Tag as Tag
    from .user import User as User

_MODULE_OF: dict[str, str] = {
    "Address": "address",
    "ApiResponse": "api_response",
    "Category": "category",
    "Customer": "customer",
    "FindPetsByStatusStatus": "find_pets_by_status_status",
    "Order": "order",
    "OrderStatus": "order_status",
    "Pet": "pet",
    "PetStatus": "pet_status",
    "Tag": "tag",
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
