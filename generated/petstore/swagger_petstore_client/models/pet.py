from __future__ import annotations

from pydantic import Field

from .._runtime._models import BaseModel
from .category import Category
from .pet_status import PetStatus
from .tag import Tag


class Pet(BaseModel):
    id: int | None = None
    name: str
    category: Category | None = None
    photo_urls: list[str] = Field(validation_alias="photoUrls", serialization_alias="photoUrls")
    tags: list[Tag] | None = None
    status: PetStatus | None = Field(default=None, description="pet status in the store")
