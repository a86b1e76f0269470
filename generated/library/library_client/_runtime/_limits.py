"""A cap on buffered response bodies.

A call that returns a parsed value reads the whole body into memory first; a server that
misbehaves (or a decompression bomb: ``Content-Encoding: gzip`` inflates after the
``Content-Length`` check) could otherwise exhaust the process's memory. `read_body` stops at
`max_response_size` bytes and raises `ResponseTooLargeError`. Streamed responses
(``with_streaming_response``) are never capped: they exist for bodies of any size.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import aiohttp
else:
    from ._lazy import aiohttp

from .errors import ResponseTooLargeError

__all__ = ["DEFAULT_MAX_RESPONSE_SIZE", "read_body"]

DEFAULT_MAX_RESPONSE_SIZE = 100 * 1024 * 1024
"""100 MiB: far above any JSON document an API returns, far below what hurts a process."""

_IDENTITY = frozenset({"", "identity"})


def _too_large(
    response: aiohttp.ClientResponse, method: str, url: str, limit: int
) -> ResponseTooLargeError:
    response.close()  # the unread rest is dropped with the connection; it is never reused
    declared = response.content_length
    size = f"{declared} bytes" if declared is not None else "more"
    return ResponseTooLargeError(
        f"{response.status} response to {method} {url} is too large: {size}, the limit is "
        f"{limit} bytes (Client(max_response_size=...); or stream it with "
        f"with_streaming_response)",
        status_code=response.status,
        limit=limit,
        content_length=declared,
        method=method,
        url=url,
        headers=response.headers,
    )


async def read_body(
    response: aiohttp.ClientResponse, limit: int | None, method: str, url: str
) -> bytes:
    """The whole body of `response`, or `ResponseTooLargeError` past `limit` bytes.

    `url` is the redacted request URL, for the message.
    """
    if limit is None:
        return await response.read()
    declared = response.content_length
    if declared is not None:
        if declared > limit:
            raise _too_large(response, method, url, limit)
        encoding = response.headers.get("Content-Encoding", "").strip().lower()
        if encoding in _IDENTITY:
            return await response.read()  # aiohttp never reads past Content-Length
    # Chunked or compressed: count what arrives.
    buffer = bytearray()
    async for chunk in response.content.iter_any():
        buffer += chunk
        if len(buffer) > limit:
            raise _too_large(response, method, url, limit)
    return bytes(buffer)
