from __future__ import annotations

from decimal import Decimal

from pydantic import Field

from .._runtime._models import BaseModel, OpenIntEnum, OpenStrEnum


class FeedEventKind(OpenStrEnum):
    ADDED = "added"
    REMOVED = "removed"


class FeedEventPriority(OpenIntEnum):
    """How soon keepers should look (enum member names from x-enum-varnames)."""

    LOW = 1
    """Whenever"""
    NORMAL = 2
    """Today"""
    HIGH = 3
    """Now"""


class FeedEvent(BaseModel):
    """One change in the zoo, as the feed reports it."""

    kind: FeedEventKind
    animal_id: int
    note: str | None = None
    priority: FeedEventPriority | None = Field(
        default=None,
        description="How soon keepers should look (enum member names from x-enum-varnames).",
    )
    fee: Decimal | None = Field(
        default=None, description="What the change cost, exactly (format decimal)."
    )
