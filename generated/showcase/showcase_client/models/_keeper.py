from __future__ import annotations

from .._runtime._models import BaseModel


class Keeper(BaseModel):
    """A fish's owner is a keeper (an allOf branch retyping a base property)."""

    badge: str
