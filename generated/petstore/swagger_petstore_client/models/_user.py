from __future__ import annotations

from pydantic import Field

from .._runtime._models import BaseModel


class User(BaseModel):
    id: int | None = None
    username: str | None = None
    first_name: str | None = Field(
        default=None, validation_alias="firstName", serialization_alias="firstName"
    )
    last_name: str | None = Field(
        default=None, validation_alias="lastName", serialization_alias="lastName"
    )
    email: str | None = None
    password: str | None = None
    phone: str | None = None
    user_status: int | None = Field(
        default=None,
        validation_alias="userStatus",
        serialization_alias="userStatus",
        description="User Status",
    )
