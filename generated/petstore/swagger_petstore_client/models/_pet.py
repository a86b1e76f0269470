from __future__ import annotations

from pydantic import Field

from .._runtime._models import BaseModel, OpenStrEnum


class PetStatus(OpenStrEnum):
    """pet status in the store"""

    AVAILABLE = "available"
    PENDING = "pending"
    SOLD = "sold"


class Category(BaseModel):
    id: int | None = None
    name: str | None = None


class Tag(BaseModel):
    id: int | None = None
    name: str | None = None


class Pet(BaseModel):
    id: int | None = None
    name: str
    category: Category | None = None
    photo_urls: list[str] = Field(validation_alias="photoUrls", serialization_alias="photoUrls")
    tags: list[Tag] | None = None
    status: PetStatus | None = Field(default=None, description="pet status in the store")
