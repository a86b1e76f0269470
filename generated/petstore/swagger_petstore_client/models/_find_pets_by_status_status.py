from __future__ import annotations

from .._runtime._models import OpenStrEnum


class FindPetsByStatusStatus(OpenStrEnum):
    AVAILABLE = "available"
    PENDING = "pending"
    SOLD = "sold"
