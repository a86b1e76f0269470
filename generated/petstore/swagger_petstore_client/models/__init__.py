"""The API's schemas as pydantic models, each module imported on first use.

Import models from here: the modules they live in are private, and which one holds a model
follows the spec's references, so it may change when the spec does."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._api_response import ApiResponse as ApiResponse
    from ._customer import Address as Address
    from ._customer import Customer as Customer
    from ._find_pets_by_status_status import FindPetsByStatusStatus as FindPetsByStatusStatus
    from ._order import Order as Order
    from ._order import OrderStatus as OrderStatus
    from ._pet import Category as Category
    from ._pet import Pet as Pet
    from ._pet import PetStatus as PetStatus
    from ._pet import Tag as Tag
    from ._user import User as User

_MODULE_OF: dict[str, str] = {
    "Address": "_customer",
    "ApiResponse": "_api_response",
    "Category": "_pet",
    "Customer": "_customer",
    "FindPetsByStatusStatus": "_find_pets_by_status_status",
    "Order": "_order",
    "OrderStatus": "_order",
    "Pet": "_pet",
    "PetStatus": "_pet",
    "Tag": "_pet",
    "User": "_user",
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
