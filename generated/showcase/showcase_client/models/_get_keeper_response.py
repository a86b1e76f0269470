from __future__ import annotations

from .._runtime._models import BaseModel


class GetKeeperResponse(BaseModel):
    name: str
