from __future__ import annotations

from .._runtime._models import BaseModel, OpenStrEnum


class FeedEventKind(OpenStrEnum):
    ADDED = "added"
    REMOVED = "removed"


class FeedEvent(BaseModel):
    """One change in the zoo, as the feed reports it."""

    kind: FeedEventKind
    animal_id: int
    note: str | None = None
