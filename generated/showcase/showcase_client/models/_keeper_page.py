from __future__ import annotations

from pydantic import Field

from .._runtime._models import BaseModel
from ._keeper import Keeper


class KeeperPage(BaseModel):
    keepers: list[Keeper]
    next_cursor: str | None = Field(
        default=None, description="The next page's `cursor`; null on the last page."
    )
