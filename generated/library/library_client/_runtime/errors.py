"""Public exception hierarchy raised by generated SDKs.

::

    APIError
    ├── APIConnectionError          the request failed before a response arrived
    │   └── APITimeoutError         ... because it timed out (also an asyncio.TimeoutError)
    ├── APIStatusError              the server answered with a non-2xx status
    │   ├── BadRequestError             400
    │   ├── AuthenticationError         401
    │   ├── PermissionDeniedError       403
    │   ├── NotFoundError               404
    │   ├── ConflictError               409
    │   ├── UnprocessableEntityError    422
    │   ├── RateLimitError              429
    │   └── InternalServerError         >= 500
    ├── ResponseValidationError     a 2xx body did not match the declared schema
    ├── ResponseTooLargeError       a body was larger than the client's max_response_size
    ├── MissingCredentialError      no configured credential satisfies the operation's security
    │                               (raised before anything is sent)
    └── CredentialProviderError     a credential provider raised or returned a wrong value
        │                           (raised before anything is sent)
        └── TokenRequestError       the OAuth token endpoint did not give an access token

Messages, reprs and the `url` attribute never contain credentials: URLs are redacted and known
secret values are scrubbed before an exception is built.
"""

from __future__ import annotations

import functools
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import multidict
    from multidict import CIMultiDictProxy
else:
    from ._lazy import multidict

if sys.version_info >= (3, 11):
    _TimeoutError = TimeoutError  # what asyncio.TimeoutError is since 3.11
else:  # pragma: no cover - Python 3.10
    from asyncio import TimeoutError as _TimeoutError

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


@functools.cache
def _empty_headers() -> CIMultiDictProxy[str]:
    return multidict.CIMultiDictProxy(multidict.CIMultiDict())


class APIError(Exception):
    """Base class of every error raised by the SDK runtime.

    `method` and `url` describe the request (the URL has credentials redacted).
    """

    message: str
    method: str
    url: str

    def __init__(self, message: str, *, method: str = "", url: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.method = method
        self.url = url

    def __str__(self) -> str:
        return self.message


class APIConnectionError(APIError):
    """The request could not be completed: DNS, connection, TLS or transport failure."""


class ClientClosedError(APIConnectionError):
    """The client was closed (`close()`, or leaving its ``async with`` block) while this call
    was in flight, waiting for a concurrency slot or waiting to retry."""


class APITimeoutError(APIConnectionError, _TimeoutError):
    """The request timed out (after all retries). Also catchable as `asyncio.TimeoutError`."""


class APIStatusError(APIError):
    """The server returned a non-success status code.

    `body` is the error payload: an instance of the declared error schema when the endpoint
    declares one for this status (or a ``4XX``/``default`` response), else the decoded JSON,
    else the text (None for an empty body). `content` holds the raw bytes.
    """

    status_code: int
    headers: CIMultiDictProxy[str]
    body: Any
    content: bytes

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        method: str = "",
        url: str = "",
        headers: CIMultiDictProxy[str] | None = None,
        body: Any = None,
        content: bytes = b"",
    ) -> None:
        super().__init__(message, method=method, url=url)
        self.status_code = status_code
        self.headers = headers if headers is not None else _empty_headers()
        self.body = body
        self.content = content

    @property
    def request_id(self) -> str | None:
        """The server's request id (``x-request-id`` header), useful for support tickets."""
        return self.headers.get("x-request-id")


class BadRequestError(APIStatusError):
    """HTTP 400."""


class AuthenticationError(APIStatusError):
    """HTTP 401."""


class PermissionDeniedError(APIStatusError):
    """HTTP 403."""


class NotFoundError(APIStatusError):
    """HTTP 404."""


class ConflictError(APIStatusError):
    """HTTP 409."""


class UnprocessableEntityError(APIStatusError):
    """HTTP 422."""


class RateLimitError(APIStatusError):
    """HTTP 429."""


class InternalServerError(APIStatusError):
    """HTTP 5xx."""


class ResponseValidationError(APIError):
    """A successful response whose body does not match the declared schema.

    The raw `content`, `status_code` and `headers` are kept so callers can still use the data;
    `errors` are pydantic's structured validation errors.
    """

    status_code: int
    headers: CIMultiDictProxy[str]
    content: bytes
    errors: list[Any]

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        method: str = "",
        url: str = "",
        headers: CIMultiDictProxy[str] | None = None,
        content: bytes = b"",
        errors: list[Any] | None = None,
    ) -> None:
        super().__init__(message, method=method, url=url)
        self.status_code = status_code
        self.headers = headers if headers is not None else _empty_headers()
        self.content = content
        self.errors = errors if errors is not None else []

    @property
    def body(self) -> bytes:
        """Alias of `content`: the raw response body."""
        return self.content


class ResponseTooLargeError(APIError):
    """A response body (of any status) was larger than the client's `max_response_size`.

    Raised as soon as the declared ``Content-Length``, or the bytes received so far (after
    decompression), exceed `limit`: the rest is not read, the connection is closed rather than
    reused, and the request is not retried. Streamed responses are never limited as a whole;
    the lines and events of an event stream (`_streaming`) are, each on its own.
    `content_length` is the size the server declared, if it did.
    """

    status_code: int
    headers: CIMultiDictProxy[str]
    limit: int
    content_length: int | None

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        limit: int,
        content_length: int | None = None,
        method: str = "",
        url: str = "",
        headers: CIMultiDictProxy[str] | None = None,
    ) -> None:
        super().__init__(message, method=method, url=url)
        self.status_code = status_code
        self.limit = limit
        self.content_length = content_length
        self.headers = headers if headers is not None else _empty_headers()


class MissingCredentialError(APIError):
    """The operation requires credentials and none of its security alternatives has them all.

    Raised before anything is sent. `alternatives` lists the operation's security requirement
    alternatives (tuples of security scheme names); any one of them, fully configured, would do.
    """

    alternatives: tuple[tuple[str, ...], ...]

    def __init__(
        self,
        message: str,
        *,
        alternatives: tuple[tuple[str, ...], ...] = (),
        method: str = "",
        url: str = "",
    ) -> None:
        super().__init__(message, method=method, url=url)
        self.alternatives = alternatives


class CredentialProviderError(APIError):
    """A credential provider (a function given in place of a credential) raised, or returned
    something that is not a credential. Raised before anything is sent.

    `scheme` names the security scheme; the provider's own exception is the `__cause__`
    unless its text holds a known credential. Neither the message nor the cause shows a value
    the provider returned.
    """

    scheme: str

    def __init__(self, message: str, *, scheme: str, method: str = "", url: str = "") -> None:
        super().__init__(message, method=method, url=url)
        self.scheme = scheme


class TokenRequestError(CredentialProviderError):
    """The OAuth 2.0 token endpoint did not give an access token (client credentials grant):
    it refused (`status_code`, and RFC 6749 §5.2's `error` code and `error_description` when
    it sent them), could not be reached, or answered something that is not a token. Raised
    before the call is sent; never shows the client secret or a token.
    """

    status_code: int | None
    error: str | None
    error_description: str | None

    def __init__(
        self,
        message: str,
        *,
        scheme: str,
        status_code: int | None = None,
        error: str | None = None,
        error_description: str | None = None,
        method: str = "",
        url: str = "",
    ) -> None:
        super().__init__(message, scheme=scheme, method=method, url=url)
        self.status_code = status_code
        self.error = error
        self.error_description = error_description


class PaginationError(APIError):
    """Auto-pagination cannot go on safely: the API sent a next page it already sent (a
    repeated cursor, link or page), a next link to another origin, or an oversized ``Link``
    header. The pages before it were returned."""


_STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error_class(status: int) -> type[APIStatusError]:
    """The most specific `APIStatusError` subclass for `status`."""
    if status >= 500:
        return InternalServerError
    return _STATUS_ERRORS.get(status, APIStatusError)
