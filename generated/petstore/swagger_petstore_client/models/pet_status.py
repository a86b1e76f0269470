from __future__ import annotations

from .._runtime._models import OpenStrEnum


class PetStatus(OpenStrEnum):
    """pet status in the store"""

    AVAILABLE = "available"
    PENDING = "pending"
    SOLD = "sold"
