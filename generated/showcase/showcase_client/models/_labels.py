from __future__ import annotations

from pydantic import Field

from .._runtime._models import BaseModel


class Labels(BaseModel):
    """A map with known keys and typed extras."""

    __pydantic_extra__: dict[str, str] = Field(init=False)  # pyright: ignore[reportIncompatibleVariableOverride]
    primary: str | None = None
