"""The one place where names from a spec become Python identifiers.

Rules are deterministic and total: any text (empty, non-ASCII, keywords, digits first,
10,000 characters) maps to a valid, non-reserved identifier, and a `NameRegistry` makes names
unique within one namespace by suffixing 2, 3, ... in registration order.
"""

from __future__ import annotations

import functools
import keyword
import re
import unicodedata

_MAX_LENGTH = 80
# The same names come up again and again (every `id`, every `status`): the pure conversions
# below are memoized, which takes a sixth off parsing a large spec.
_memoized = functools.lru_cache(maxsize=1 << 16)
# Names that read like 1 and 0 (pycodestyle E741-E743, which ruff checks in generated code).
_AMBIGUOUS = frozenset({"l", "I", "O"})
_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z]|[0-9]|\b|_)|[A-Z]?[a-z]+|[A-Z]+|[0-9]+[a-z]*")

# Names a generated model field must not take: pydantic.BaseModel attributes (shadowing them
# breaks the model), and the names generated modules import (a field `date: date` would
# shadow its own annotation). Kept static so output never depends on the installed pydantic.
_BASEMODEL_ATTRIBUTES = frozenset(
    {
        "construct", "copy", "dict", "from_orm", "json", "parse_file", "parse_obj", "parse_raw",
        "schema", "schema_json", "update_forward_refs", "validate", "model_config",
        "model_fields", "model_computed_fields", "model_extra", "model_fields_set",
    }
)  # fmt: skip
_TYPE_NAMES = frozenset(
    {
        "Annotated", "Any", "BaseModel", "Discriminator", "Field", "Literal", "Tag", "TypeAlias",
        "Decimal", "UUID", "bool", "bytes", "date", "datetime", "dict", "float", "int", "list",
        "object", "str", "time", "type", "None",
    }
)  # fmt: skip
RESERVED_FIELD_NAMES = _BASEMODEL_ATTRIBUTES | _TYPE_NAMES | {"pydantic"}
# Class names that would shadow what generated modules import or define.
# (pydantic's Tag is used as `pydantic.Tag`, so a schema named Tag keeps its name.)
# Names that client and resource modules import (a model of the same name would shadow them).
_CLIENT_MODULE_NAMES = frozenset(
    {
        "AsyncIterable", "BaseClient", "Body", "Credential", "CredentialProvider", "Endpoint",
        "EventHooks", "Final", "Headers", "IO", "Mapping", "NOT_GIVEN", "NotGiven", "Param",
        "Query", "ResponseSpec", "SecurityScheme", "TYPE_CHECKING", "Timeout",
        "ClientCredentials", "Sequence",
        "AsyncPager", "Paging",
        "AsyncEventStream", "AsyncJsonStream",
    }
)  # fmt: skip
RESERVED_CLASS_NAMES = (_TYPE_NAMES - {"Tag", "Discriminator"}) | _CLIENT_MODULE_NAMES | {
    "OpenStrEnum", "OpenIntEnum", "Client", "ClientWithRawResponse", "ClientWithStreamingResponse"
}  # fmt: skip


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def words(text: str) -> list[str]:
    """Split `userName`, `user-name`, `HTTPServer2`, `@type` into lower-level words."""
    return _WORD.findall(_ascii(text))


def _finish(identifier: str, *, prefix: str, reserved: frozenset[str] | set[str]) -> str:
    identifier = identifier[:_MAX_LENGTH].rstrip("_") or prefix.rstrip("_")
    if identifier[0].isdigit():
        identifier = prefix + identifier
    if keyword.iskeyword(identifier) or keyword.issoftkeyword(identifier):
        identifier += "_"
    if identifier in reserved or identifier in _AMBIGUOUS or identifier.startswith("model_"):
        identifier += "_"
    return identifier


@_memoized
def pascal_case(text: str, *, prefix: str = "Model") -> str:
    """`pet owner` -> `PetOwner`; a name starting with a digit gets `prefix`."""
    joined = "".join(word[:1].upper() + word[1:] for word in words(text))
    return _finish(joined, prefix=prefix, reserved=RESERVED_CLASS_NAMES)


@_memoized
def snake_case(text: str, *, prefix: str = "field_") -> str:
    """`userName` -> `user_name`; `class` -> `class_`; `2fa` -> `field_2fa`."""
    joined = "_".join(word.lower() for word in words(text))
    return _finish(joined, prefix=prefix, reserved=RESERVED_FIELD_NAMES)


@_memoized
def constant_case(text: str, *, prefix: str = "VALUE_") -> str:
    """Enum member names: `in-progress` -> `IN_PROGRESS`, `2xx` -> `VALUE_2XX`, `` -> `EMPTY`."""
    joined = "_".join(word.upper() for word in words(text))
    if not joined:
        return "EMPTY" if text == "" else prefix.rstrip("_")
    return _finish(joined, prefix=prefix, reserved=frozenset({"NONE", "TRUE", "FALSE"}))


class NameRegistry:
    """Hands out unique names in one namespace; the first to ask keeps the plain name."""

    def __init__(
        self, reserved: set[str] | frozenset[str] = frozenset(), *, case_sensitive: bool = False
    ) -> None:
        # Class names are compared case-insensitively by default: they also name module files,
        # and some disks ignore case.
        self._fold = (lambda name: name) if case_sensitive else str.lower
        # Built without calling `_fold`: a registry is made per operation and per model.
        self._taken = set(reserved) if case_sensitive else {name.lower() for name in reserved}

    def reserve(self, name: str) -> None:
        """Keep `name` from being handed out (no-op when already taken)."""
        self._taken.add(self._fold(name))

    def taken(self, name: str) -> bool:
        """Whether `name` was already handed out or reserved."""
        return self._fold(name) in self._taken

    def claim(self, wanted: str) -> str:
        name, number = wanted, 2
        while self._fold(name) in self._taken:
            name, number = f"{wanted}{number}", number + 1
        self._taken.add(self._fold(name))
        return name
