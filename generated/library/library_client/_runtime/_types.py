"""Core value types shared by every runtime module.

`NotGiven` distinguishes "the caller did not pass this argument" from an explicit ``None``:
generated methods default optional parameters to `NOT_GIVEN` so that an omitted argument is not
sent at all, while ``None`` is sent as a null/empty value.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, TypeGuard, TypeVar, final

if TYPE_CHECKING:
    import aiohttp
else:
    from ._lazy import aiohttp


__all__ = ["NOT_GIVEN", "Headers", "NotGiven", "Query", "Timeout"]

_T = TypeVar("_T")

# The serialization context of a value sent to the API, in a body or a parameter: models leave
# out their read-only properties in it (`_models.ReadOnlyFields`).
REQUEST_BODY: Mapping[str, bool] = {"aiosdkgen_request": True}


@final
class NotGiven:
    """Sentinel type for "argument not passed".

    It is falsy so ``if value:`` treats it like an absent value, and it has a stable repr so that
    generated signatures read ``param: int | NotGiven = NOT_GIVEN`` in help() and docs.
    """

    _instance: NotGiven | None = None

    def __new__(cls) -> NotGiven:
        # A singleton keeps `is NOT_GIVEN` checks valid even if the class is instantiated again.
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __copy__(self) -> NotGiven:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> NotGiven:
        return self

    def __reduce__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = NotGiven()
"""The single `NotGiven` instance."""

if TYPE_CHECKING:
    Timeout: TypeAlias = aiohttp.ClientTimeout
    """Timeout configuration; an `aiohttp.ClientTimeout`. A bare float means a total timeout."""


def __getattr__(name: str) -> Any:
    # `Timeout` is for annotations (imported under TYPE_CHECKING); reading it at run time
    # still works, and only then imports aiohttp.
    if name == "Timeout":
        return aiohttp.ClientTimeout
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


Headers: TypeAlias = Mapping[str, str | None]
"""Extra request headers. A ``None`` value removes a header the client would otherwise send."""

Query: TypeAlias = Mapping[str, object]
"""Extra query parameters, serialized like OpenAPI ``form`` style with ``explode=true``."""


def is_given(value: _T | NotGiven) -> TypeGuard[_T]:
    """Return True unless `value` is the `NOT_GIVEN` sentinel."""
    return not isinstance(value, NotGiven)
