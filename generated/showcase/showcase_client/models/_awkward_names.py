from __future__ import annotations

from datetime import date

from pydantic import Field

from .._runtime._models import BaseModel


class AwkwardNames(BaseModel):
    """Awkward "names"

    Wire names that are not identifiers. Text with \"\"\"triple quotes\"\"\", a trailing backslash \\
    and {{ jinja }} {% syntax %} must stay inert.
    """

    class_: str | None = Field(default=None, validation_alias="class", serialization_alias="class")
    from_: str | None = Field(default=None, validation_alias="from", serialization_alias="from")
    type_: str | None = Field(default=None, validation_alias="@type", serialization_alias="@type")
    user_name2: str | None = Field(
        default=None, validation_alias="user-name", serialization_alias="user-name"
    )
    user_name: str | None = None
    field_2fa: bool | None = Field(default=None, validation_alias="2fa", serialization_alias="2fa")
    json_: str | None = Field(default=None, validation_alias="json", serialization_alias="json")
    model_config_: str | None = Field(
        default=None, validation_alias="model_config", serialization_alias="model_config"
    )
    date_: date | None = Field(default=None, validation_alias="date", serialization_alias="date")
