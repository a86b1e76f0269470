"""Typed async client for Showcase."""

from ._client import Client
from ._runtime import (
    NOT_GIVEN,
    EventHooks,
    NotGiven,
    RawResponse,
    RequestEvent,
    ResponseEvent,
    StreamedResponse,
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
    UnprocessableEntityError,
)

__version__ = "2.1.0"

__all__ = [
    "NOT_GIVEN",
    "APIConnectionError",
    "APIError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "Client",
    "ClientClosedError",
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
    "StreamedResponse",
    "UnprocessableEntityError",
]
