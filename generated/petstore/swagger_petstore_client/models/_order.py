from __future__ import annotations

from datetime import datetime

from pydantic import Field

from .._runtime._models import BaseModel, OpenStrEnum


class OrderStatus(OpenStrEnum):
    """Order Status"""

    PLACED = "placed"
    APPROVED = "approved"
    DELIVERED = "delivered"


class Order(BaseModel):
    id: int | None = None
    pet_id: int | None = Field(default=None, validation_alias="petId", serialization_alias="petId")
    quantity: int | None = None
    ship_date: datetime | None = Field(
        default=None, validation_alias="shipDate", serialization_alias="shipDate"
    )
    status: OrderStatus | None = Field(default=None, description="Order Status")
    complete: bool | None = None
