from __future__ import annotations

from pydantic import Field

from .._runtime import _models
from .._runtime._models import BaseModel


class Thumbnail(BaseModel):
    data: _models.Base64Bytes = Field(description="The image bytes (base64 on the wire).")
