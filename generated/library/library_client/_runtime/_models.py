"""Base classes the generated models build on: forward compatible by design.

- Unknown fields in a response are kept (`model.model_extra`), never rejected.
- An unknown enum value becomes a pseudo-member named `UNKNOWN` whose `.value` is the value
  received, so a new server-side value never breaks parsing and round-trips unchanged.
- An unknown discriminator value parses as `UnknownVariant`, holding every field it carried.
"""

from __future__ import annotations

import base64
import binascii
import decimal
import enum
import re
from collections.abc import Mapping
from typing import Annotated, Any, ClassVar

import pydantic
from pydantic import BeforeValidator, ConfigDict, Discriminator, PlainSerializer

from ._types import REQUEST_BODY


class BaseModel(pydantic.BaseModel):
    """Base of every generated model: wire names by alias, Python names accepted too."""

    model_config: ClassVar[ConfigDict] = ConfigDict(
        extra="allow",
        validate_by_alias=True,
        validate_by_name=True,
        serialize_by_alias=True,
        # Constraints (minLength, pattern, maximum...) are the server's to enforce: they are not
        # checked here, so a response never fails on a rule the client cannot act on.
        defer_build=True,
    )


class ReadOnlyFields(BaseModel):
    """Base of a model with `readOnly` properties: a request leaves them out, so a model read
    from the API can be sent back as it is. `model_dump()` and friends still include them."""

    # The wire names of the read-only properties, the inherited ones too.
    __read_only__: ClassVar[tuple[str, ...]] = ()

    @pydantic.model_serializer(mode="wrap")
    def _omit_read_only(
        self, serialize: pydantic.SerializerFunctionWrapHandler, info: pydantic.SerializationInfo
    ) -> Any:
        serialized = serialize(self)
        # `isinstance` narrows Any to dict[Unknown, Unknown]; the annotated assignment from
        # `data` (never narrowed) types it.
        data: Any = serialized
        if info.context is REQUEST_BODY and info.by_alias and isinstance(serialized, dict):
            fields: dict[str, Any] = data
            for name in self.__read_only__:
                fields.pop(name, None)
        return data


_URL_SAFE_BASE64 = re.compile(r"[A-Za-z0-9_-]*={0,2}")


def _from_base64(value: Any) -> Any:
    """Text from the wire is base64 (standard or URL-safe, padded or not); bytes given in
    Python are the data itself."""
    if not isinstance(value, str):
        return value
    padded = value + "=" * (-len(value) % 4)
    try:
        return base64.b64decode(padded, validate=True)
    except (binascii.Error, ValueError):
        if _URL_SAFE_BASE64.fullmatch(padded) is None:
            raise ValueError("not base64 text") from None
        return base64.urlsafe_b64decode(padded)


def _to_base64(value: bytes) -> str:
    return base64.b64encode(value).decode("ascii")


Base64Bytes = Annotated[
    bytes,
    BeforeValidator(_from_base64),
    PlainSerializer(_to_base64, return_type=str, when_used="json"),
]
"""OpenAPI's `format: byte`: `bytes` in Python, base64 text in JSON."""


def _to_json_number(value: decimal.Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


DecimalNumber = Annotated[
    decimal.Decimal,
    PlainSerializer(_to_json_number, return_type=int | float, when_used="json"),
]
"""`type: number, format: decimal`: `Decimal` in Python, a number in JSON (not the string
pydantic writes for a `Decimal`). JSON numbers pass through a float both ways, as in most JSON
libraries: about 15 significant digits survive; `type: string, format: decimal` keeps all."""


class UnknownVariant(BaseModel):
    """A union member whose discriminator value this SDK version does not know."""


class _OpenEnum(enum.Enum):
    @classmethod
    def _missing_(cls, value: object) -> Any:
        member_type: Any = getattr(cls, "_member_type_", object)
        if member_type is object or not isinstance(value, member_type):
            return None
        pseudo = member_type.__new__(cls, value)
        pseudo._name_ = "UNKNOWN"
        pseudo._value_ = value
        return pseudo


class OpenStrEnum(str, _OpenEnum):
    """A string enum that accepts values added to the API after this SDK was generated."""

    def __str__(self) -> str:
        return str(self.value)


class OpenIntEnum(int, _OpenEnum):
    """An integer enum that accepts values added to the API after this SDK was generated."""


UNKNOWN_TAG = "__unknown__"


def discriminator(wire_name: str, field_name: str, tags: Mapping[str, str]) -> Discriminator:
    """Pick a union variant by the value of its `wire_name` property.

    `tags` maps each known discriminator value to the variant's tag; any other value selects
    the `UnknownVariant` fallback (tagged `UNKNOWN_TAG`) instead of failing validation.
    """

    def pick(value: Any) -> str:
        data: Any = value  # never narrowed: `isinstance` would make a Mapping of Unknown
        if isinstance(value, Mapping):
            mapping: Mapping[str, Any] = data
            tag = mapping.get(wire_name, mapping.get(field_name))
        else:
            tag = getattr(value, field_name, None)
        if isinstance(tag, enum.Enum):
            tag = tag.value
        return tags.get(tag, UNKNOWN_TAG) if isinstance(tag, str) else UNKNOWN_TAG

    return Discriminator(pick)
