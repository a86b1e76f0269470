"""Raw and streamed variants of generated methods.

Generated resource methods are plain coroutines that ``return await self._client.request(...)``.
The wrappers set a context variable that the next `BaseClient.request` in the same task reads:
in raw mode it returns a `RawResponse` instead of the parsed value, in stream mode a
`StreamedResponse` with the body still unread. The generated method passes that object through
unchanged, so one implementation serves all three flavours::

    class PetsWithRawResponse:
        def __init__(self, pets: Pets) -> None:
            self.list_pets: Final = to_raw_response_wrapper(pets.list_pets)

(`Final` declares the attribute: its type, the wrapped method's parameters included, is then
part of the SDK's declared interface, which `pyright --verifytypes` counts as complete.)
"""

from __future__ import annotations

import functools
from collections.abc import AsyncGenerator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any, ParamSpec, TypeVar, cast

from ._response import RawResponse, StreamedResponse, response_mode

__all__ = ["to_raw_response_wrapper", "to_streamed_response_wrapper"]

P = ParamSpec("P")
T = TypeVar("T")


def to_raw_response_wrapper(
    func: Callable[P, Awaitable[T]],
) -> Callable[P, Awaitable[RawResponse[T]]]:
    """Wrap a generated method so it returns a `RawResponse` (status, headers, bytes, parse())."""

    @functools.wraps(func)
    async def wrapped(*args: P.args, **kwargs: P.kwargs) -> RawResponse[T]:
        token = response_mode.set("raw")
        try:
            result: Any = await func(*args, **kwargs)
        finally:
            response_mode.reset(token)
        if not isinstance(result, RawResponse):
            raise TypeError(f"{func!r} did not return the result of BaseClient.request")
        return cast(RawResponse[T], result)

    return wrapped


def to_streamed_response_wrapper(
    func: Callable[P, Awaitable[T]],
) -> Callable[P, AbstractAsyncContextManager[StreamedResponse[T]]]:
    """Wrap a generated method so it returns an async context manager of `StreamedResponse`.

    The request is sent on ``__aenter__`` (errors are raised there); the body is read by the
    caller, and the connection is released on ``__aexit__``.
    """

    @functools.wraps(func)
    @asynccontextmanager
    async def wrapped(
        *args: P.args, **kwargs: P.kwargs
    ) -> AsyncGenerator[StreamedResponse[T], None]:
        token = response_mode.set("stream")
        try:
            result: Any = await func(*args, **kwargs)
        finally:
            response_mode.reset(token)
        if not isinstance(result, StreamedResponse):
            raise TypeError(f"{func!r} did not return the result of BaseClient.request")
        streamed = cast(StreamedResponse[T], result)
        try:
            yield streamed
        finally:
            await streamed.close()

    return wrapped
