from __future__ import annotations

from .._runtime._models import BaseModel


class UploadPhotoRequest(BaseModel):
    file: bytes
    caption: str | None = None
