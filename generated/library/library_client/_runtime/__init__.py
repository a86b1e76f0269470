"""aiosdkgen runtime: the HTTP layer shared by every generated SDK.

This package is copied verbatim into each generated SDK as ``<package>/_runtime/`` and depends
only on the standard library, aiohttp and pydantic v2. Generated code imports everything it
needs from here; the exception classes are also re-exported by the SDK's public ``errors``.
"""

import importlib
from typing import TYPE_CHECKING, Any

from ._auth import Credential, CredentialProvider, SecurityScheme
from ._client import RUNTIME_VERSION, BaseClient
from ._endpoint import Body, Endpoint, Param, ResponseSpec
from ._hooks import EventHooks, RequestEvent, RequestHook, ResponseEvent, ResponseHook
from ._limits import DEFAULT_MAX_RESPONSE_SIZE
from ._oauth import ClientCredentials, Token
from ._response import RawResponse, StreamedResponse
from ._servers import Server, server_url
from ._types import NOT_GIVEN, Headers, NotGiven, Query, is_given
from ._wrappers import to_raw_response_wrapper, to_streamed_response_wrapper
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
    from ._client import DEFAULT_STREAM_TIMEOUT, DEFAULT_TIMEOUT
    from ._pagination import AsyncPager, Page, Paging
    from ._streaming import AsyncEventStream, AsyncJsonStream, ServerSentEvent
    from ._types import Timeout

# Nothing here imports aiohttp or pydantic: an SDK's import and client construction stay
# cheap, and the libraries load with the first request (see _lazy). Streams and pagers load
# with the first method that returns one.
_LAZY = {
    "DEFAULT_STREAM_TIMEOUT": "_client",
    "DEFAULT_TIMEOUT": "_client",
    "Timeout": "_types",
    "AsyncPager": "_pagination",
    "Page": "_pagination",
    "Paging": "_pagination",
    "AsyncEventStream": "_streaming",
    "AsyncJsonStream": "_streaming",
    "ServerSentEvent": "_streaming",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DEFAULT_MAX_RESPONSE_SIZE",
    "DEFAULT_STREAM_TIMEOUT",
    "DEFAULT_TIMEOUT",
    "NOT_GIVEN",
    "RUNTIME_VERSION",
    "APIConnectionError",
    "APIError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncEventStream",
    "AsyncJsonStream",
    "AsyncPager",
    "AuthenticationError",
    "BadRequestError",
    "BaseClient",
    "Body",
    "ClientClosedError",
    "ClientCredentials",
    "ConflictError",
    "Credential",
    "CredentialProvider",
    "CredentialProviderError",
    "Endpoint",
    "EventHooks",
    "Headers",
    "InternalServerError",
    "MissingCredentialError",
    "NotFoundError",
    "NotGiven",
    "Page",
    "PaginationError",
    "Paging",
    "Param",
    "PermissionDeniedError",
    "Query",
    "RateLimitError",
    "RawResponse",
    "RequestEvent",
    "RequestHook",
    "ResponseEvent",
    "ResponseHook",
    "ResponseSpec",
    "ResponseTooLargeError",
    "ResponseValidationError",
    "SecurityScheme",
    "Server",
    "ServerSentEvent",
    "StreamedResponse",
    "Timeout",
    "Token",
    "TokenRequestError",
    "UnprocessableEntityError",
    "is_given",
    "server_url",
    "to_raw_response_wrapper",
    "to_streamed_response_wrapper",
]
