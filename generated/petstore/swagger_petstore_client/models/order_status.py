from __future__ import annotations

from .._runtime._models import OpenStrEnum


class OrderStatus(OpenStrEnum):
    """Order Status"""

    PLACED = "placed"
    APPROVED = "approved"
    DELIVERED = "delivered"
