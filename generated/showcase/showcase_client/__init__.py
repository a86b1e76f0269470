"""Typed async client for Showcase."""

from typing import TYPE_CHECKING

from ._client import Client
from ._runtime import (
    NOT_GIVEN,
    ClientCredentials,
    EventHooks,
    NotGiven,
    RawResponse,
    RequestEvent,
    ResponseEvent,
    StreamedResponse,
    Token,
)
from .errors import (
    APIConnectionError,
    APIError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ClientClosedError,
    ConflictError,
    CredentialProviderError,
    InternalServerError,
    MissingCredentialError,
    NotFoundError,
    PaginationError,
    PermissionDeniedError,
    RateLimitError,
    ResponseTooLargeError,
    ResponseValidationError,
    TokenRequestError,
    UnprocessableEntityError,
)

if TYPE_CHECKING:
    from ._runtime import AsyncEventStream as AsyncEventStream
    from ._runtime import AsyncJsonStream as AsyncJsonStream
    from ._runtime import ServerSentEvent as ServerSentEvent

__version__ = "2.1.0"

# Loaded with the first method that streams, not with the SDK.
_STREAMS = frozenset({"AsyncEventStream", "AsyncJsonStream", "ServerSentEvent"})


def __getattr__(name: str) -> object:
    if name in _STREAMS:
        from . import _runtime

        return getattr(_runtime, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "NOT_GIVEN",
    "APIConnectionError",
    "APIError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncEventStream",
    "AsyncJsonStream",
    "AuthenticationError",
    "BadRequestError",
    "Client",
    "ClientClosedError",
    "ClientCredentials",
    "ConflictError",
    "CredentialProviderError",
    "EventHooks",
    "InternalServerError",
    "MissingCredentialError",
    "NotFoundError",
    "NotGiven",
    "PaginationError",
    "PermissionDeniedError",
    "RateLimitError",
    "RawResponse",
    "RequestEvent",
    "ResponseEvent",
    "ResponseTooLargeError",
    "ResponseValidationError",
    "ServerSentEvent",
    "StreamedResponse",
    "Token",
    "TokenRequestError",
    "UnprocessableEntityError",
]
