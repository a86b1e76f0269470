"""Exceptions raised by the client.

`APIStatusError` subclasses carry `status_code`, `headers`, `method`, `url` and `body` (the
parsed error model when the API declares one for that status, else the decoded JSON or text).
`APITimeoutError` is also an `asyncio.TimeoutError`. `ResponseTooLargeError`: a body larger than
`Client(max_response_size=...)`. `ClientClosedError` (an `APIConnectionError`): the client was
closed while the call was in flight.
"""

from ._runtime.errors import (
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

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ClientClosedError",
    "ConflictError",
    "CredentialProviderError",
    "InternalServerError",
    "MissingCredentialError",
    "NotFoundError",
    "PaginationError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseTooLargeError",
    "ResponseValidationError",
    "TokenRequestError",
    "UnprocessableEntityError",
]
