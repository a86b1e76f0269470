"""Typed event streams: Server-Sent Events and streams of JSON items.

An operation whose success is ``text/event-stream`` returns an `AsyncEventStream` of
`ServerSentEvent`; one whose success is ``application/x-ndjson``, ``application/jsonl`` or
``application/json-seq`` returns an `AsyncJsonStream` of its items. Awaiting the method sends
the request and raises the usual typed errors for a non-2xx status (that body is read whole);
for a 2xx the body is left unread and parsed as it arrives::

    async with await client.events.watch() as stream:
        async for event in stream:
            print(event.event, event.data)

The stream holds the connection and the client's concurrency slot until it is closed: by
``async with``, by `close()`, by reaching the end of the body, by an error or a cancellation
while reading, or, failing all of these, when the stream object is garbage collected. Breaking
out of ``async for`` inside ``async with`` closes it; the unread rest of the body is dropped
with the connection (never returned to the pool).

Bounds: one line (or JSON text sequence record) and one event's data are each capped at the
client's `max_response_size` (`ResponseTooLargeError`); nothing else accumulates, so an
endless stream uses constant memory. The client's stream timeout applies (no overall deadline,
a bound on the silence between reads).

Items are validated against their schema one by one and follow the client's validation mode:
strict, an item that does not fit raises `ResponseValidationError` (and closes the stream);
tolerant (the default), it is built as closely as it can be (see `_tolerant`), logged once per
operation, and iteration goes on. Data that is not JSON at all (a ``[DONE]`` sentinel) is, in
tolerant mode, kept as the text it came as; `ServerSentEvent.raw_data` always holds the text.

Reconnection is not done: when the server ends the stream, iteration ends. `last_event_id` and
`retry` (the server's last ``id`` and ``retry`` fields) are kept for a caller that resumes by
calling again with a ``Last-Event-ID`` header (``extra_headers``).

SSE parsing follows the WHATWG HTML standard (9.2.6): lines end with CRLF, LF or CR; a leading
byte order mark is dropped; lines starting with ``:`` are comments; ``data`` lines are joined
with ``"\\n"``; a blank line dispatches the event, unless it has no data; ``id`` containing NUL
is ignored and persists to later events; ``retry`` counts only if it is all ASCII digits; an
event cut off by the end of the body is dropped.
"""

from __future__ import annotations

import contextlib
from collections import deque
from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ._endpoint import ResponseSpec
from ._response import OnDrift, ResponseContext, ResponseMetadata, decode_json
from .errors import (
    APIConnectionError,
    APITimeoutError,
    ResponseTooLargeError,
    ResponseValidationError,
)

if TYPE_CHECKING:
    import asyncio

    import aiohttp
else:
    from ._lazy import aiohttp, asyncio

__all__ = [
    "AsyncEventStream", "AsyncJsonStream", "JsonItemDecoder", "SSEDecoder", "ServerSentEvent",
    "buffered_stream", "open_stream",
]  # fmt: skip

T = TypeVar("T")
Item = TypeVar("Item")

_BOM = "\ufeff"
_RS = b"\x1e"


class _TooLong(Exception):
    """A line, record or event's data passed the limit (turned into `ResponseTooLargeError`)."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


class _Splitter:
    """Cuts a byte stream into lines (CRLF, LF or CR) or, with `records`, into JSON text
    sequence records (each starting with 0x1E), keeping at most `limit` bytes of an unfinished
    one. A CR that ends one chunk and an LF that starts the next are one line end."""

    __slots__ = ("_limit", "_parts", "_records", "_size", "_skip_lf")

    def __init__(self, limit: int | None, *, records: bool = False) -> None:
        self._limit = limit
        self._records = records
        self._parts: list[bytes] = []  # the unfinished piece, as it arrived
        self._size = 0
        self._skip_lf = False

    def feed(self, chunk: bytes) -> list[bytes]:
        """The pieces `chunk` completes (line ends or separators removed)."""
        if self._skip_lf:
            self._skip_lf = False
            if chunk[:1] == b"\n":
                chunk = chunk[1:]
        if not chunk:
            return []
        if self._records:
            if _RS not in chunk:
                self._keep(chunk)
                return []
            pieces = chunk.split(_RS)
            tail = pieces.pop()
        else:
            if b"\n" not in chunk and b"\r" not in chunk:
                self._keep(chunk)
                return []
            pieces = chunk.splitlines(keepends=True)
            tail = pieces.pop() if not pieces[-1].endswith((b"\n", b"\r")) else b""
            if not tail and pieces[-1].endswith(b"\r"):
                self._skip_lf = True  # an LF starting the next chunk belongs to this CR
            pieces = [piece.rstrip(b"\r\n") for piece in pieces]
        if self._parts:
            self._parts.append(pieces[0])
            self._check(self._size + len(pieces[0]))
            pieces[0] = b"".join(self._parts)
            self._parts.clear()
        self._size = 0
        for piece in pieces:
            self._check(len(piece))
        if tail:
            self._keep(tail)
        return pieces

    def end(self) -> bytes:
        """The unfinished piece left when the body ends."""
        rest = b"".join(self._parts)
        self._parts.clear()
        self._size = 0
        return rest

    def _keep(self, part: bytes) -> None:
        self._size += len(part)
        self._check(self._size)
        self._parts.append(part)

    def _check(self, size: int) -> None:
        if self._limit is not None and size > self._limit:
            raise _TooLong("a record" if self._records else "a line")


class ServerSentEvent(Generic[T]):
    """One event of a Server-Sent Events stream.

    `data` is the event's data validated as the operation's type (a model, or `str` when the
    spec describes text); `raw_data` is the text the server sent. `event` is the event type
    (``"message"`` when the server names none), `id` the last event ID the stream set (kept
    from earlier events, as browsers do; None if never set), `retry` the reconnection time in
    milliseconds this event's block gave, if any.
    """

    __slots__ = ("data", "event", "id", "raw_data", "retry")

    def __init__(self, *, event: str, data: T, raw_data: str, id: str | None, retry: int | None):
        self.event: str = event
        self.data: T = data
        self.raw_data: str = raw_data
        self.id: str | None = id
        self.retry: int | None = retry

    def __repr__(self) -> str:
        return (
            f"ServerSentEvent(event={self.event!r}, data={self.data!r}, id={self.id!r}, "
            f"retry={self.retry!r})"
        )


class _RawEvent:
    __slots__ = ("data", "event", "id", "retry")

    def __init__(self, event: str, data: str, id: str | None, retry: int | None) -> None:
        self.event = event
        self.data = data
        self.id = id
        self.retry = retry


class SSEDecoder:
    """Incremental WHATWG Server-Sent Events parser: `feed` bytes as they arrive, get the
    events they complete. An event's data is capped at `limit` characters, a line at `limit`
    bytes (None: no cap)."""

    __slots__ = (
        "_data", "_data_size", "_event", "_first", "_limit", "_lines", "_retry", "last_event_id",
        "retry",
    )  # fmt: skip

    def __init__(self, limit: int | None) -> None:
        self._limit = limit
        self._lines = _Splitter(limit)
        self._first = True
        self._event = ""
        self._data: list[str] = []
        self._data_size = 0
        self._retry: int | None = None
        self.last_event_id: str | None = None
        """The ``id`` the stream last set (the last event ID buffer); persists across events."""
        self.retry: int | None = None
        """The last valid ``retry`` (milliseconds) the stream gave."""

    def feed(self, chunk: bytes) -> list[_RawEvent]:
        events: list[_RawEvent] = []
        for line in self._lines.feed(chunk):
            event = self._line(line)
            if event is not None:
                events.append(event)
        return events

    def end(self) -> list[_RawEvent]:
        """At the end of the body an unfinished event is discarded (WHATWG)."""
        self._lines.end()
        self._reset()
        return []

    def _line(self, raw: bytes) -> _RawEvent | None:
        line = raw.decode("utf-8", errors="replace")
        if self._first:
            self._first = False
            if line.startswith(_BOM):
                line = line[1:]
        if not line:
            return self._dispatch()
        if line[0] == ":":
            return None  # a comment (often a keep-alive)
        field, colon, value = line.partition(":")
        if colon and value[:1] == " ":
            value = value[1:]
        if field == "data":
            self._data_size += len(value) + 1
            if self._limit is not None and self._data_size > self._limit:
                raise _TooLong("an event's data")
            self._data.append(value)
        elif field == "event":
            self._event = value
        elif field == "id":
            if "\0" not in value:
                self.last_event_id = value
        elif field == "retry" and value.isascii() and value.isdigit():
            self._retry = self.retry = int(value)
        return None  # any other field is ignored

    def _dispatch(self) -> _RawEvent | None:
        if not self._data:
            self._reset()
            return None
        event = _RawEvent(
            self._event or "message", "\n".join(self._data), self.last_event_id, self._retry
        )
        self._reset()
        return event

    def _reset(self) -> None:
        self._event = ""
        self._data = []
        self._data_size = 0
        self._retry = None


class JsonItemDecoder:
    """Incremental splitter of NDJSON / JSON Lines (one JSON text a line; blank lines skipped)
    or, with `records`, RFC 7464 JSON text sequences (each record starts with 0x1E): `feed`
    bytes, get the JSON texts they complete. A text is capped at `limit` bytes."""

    __slots__ = ("_records", "_splitter")

    def __init__(self, limit: int | None, *, records: bool = False) -> None:
        self._records = records
        self._splitter = _Splitter(limit, records=records)

    def feed(self, chunk: bytes) -> list[bytes]:
        return [text for text in self._splitter.feed(chunk) if text.strip()]

    def end(self) -> list[bytes]:
        # A last line without its line end (or the last record) still counts.
        rest = self._splitter.end()
        return [rest] if rest.strip() else []


_S = TypeVar("_S", bound="_AsyncStream[Any, Any]")
_D = TypeVar("_D", "SSEDecoder", "JsonItemDecoder")


class _AsyncStream(ResponseMetadata, Generic[T, _D]):
    """What both stream types share: reading chunks through their decoder, closing, the
    status line and headers."""

    def __init__(
        self,
        *,
        chunks: AsyncIterator[bytes],
        ctx: ResponseContext,
        type: Any,
        on_drift: OnDrift | None,
        discard: Callable[[], None],
        limit: int | None,
        decoder: _D,
    ) -> None:
        self._chunks = chunks
        self._ctx = ctx
        self._type = type
        self._on_drift = on_drift
        self._discard = discard
        self._limit = limit
        self._decoder: _D = decoder
        self._ready: deque[Any] = deque()
        self._done = False
        self._closed = False

    @property
    def closed(self) -> bool:
        """Whether the connection was given back (closed, ended, failed or cancelled)."""
        return self._closed

    def __aiter__(self) -> _AsyncStream[T, _D]:
        return self

    async def __anext__(self) -> T:
        ready = self._ready
        while not ready:
            if self._closed:
                raise StopAsyncIteration
            if self._done:
                self._finish()
                raise StopAsyncIteration
            try:
                chunk = await self._chunks.__anext__()
            except StopAsyncIteration:
                self._done = True
                chunk = None
            except BaseException as exc:
                closed_meanwhile = self._closed
                self._finish()
                if closed_meanwhile:
                    raise StopAsyncIteration from None  # `close()` from another task
                failure = self._transport_error(exc)
                if failure is None:
                    raise
                raise failure from None
            try:
                decoder = self._decoder
                ready.extend(decoder.feed(chunk) if chunk is not None else decoder.end())
            except _TooLong as exc:
                self._finish()
                raise self._too_large(exc.what) from None
        try:
            return self._item(ready.popleft())
        except BaseException:
            self._finish()
            raise

    def _item(self, raw: Any) -> T:
        raise NotImplementedError

    def _decode(self, content: bytes) -> Any:
        """One JSON text validated as the stream's type, per the client's validation mode."""
        try:
            return decode_json(self._type, self._ctx, content, self._on_drift)
        except ResponseValidationError as failure:
            if self._on_drift is None:
                raise
            self._on_drift(failure)  # tolerant: not JSON at all is kept as its text
            return self._ctx.text(content)

    def _transport_error(self, exc: BaseException) -> BaseException | None:
        ctx = self._ctx
        if isinstance(exc, asyncio.TimeoutError):
            return APITimeoutError(
                f"Stream read timed out: {ctx.method} {ctx.url}", method=ctx.method, url=ctx.url
            )
        if isinstance(exc, aiohttp.ClientError):
            return APIConnectionError(
                f"Stream broken: {ctx.method} {ctx.url}: {type(exc).__name__}",
                method=ctx.method,
                url=ctx.url,
            )
        return None  # cancellation, or anything else: unchanged

    def _too_large(self, what: str) -> ResponseTooLargeError:
        ctx, limit = self._ctx, self._limit
        return ResponseTooLargeError(
            f"{ctx.status_code} response to {ctx.method} {ctx.url}: {what} of the stream is "
            f"larger than the limit of {limit} bytes (Client(max_response_size=...))",
            status_code=ctx.status_code,
            limit=limit or 0,
            method=ctx.method,
            url=ctx.url,
            headers=ctx.headers,
        )

    def _finish(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._ready.clear()
        self._discard()

    async def close(self) -> None:
        """Close the connection (dropping what is unread) and free the concurrency slot.
        Idempotent."""
        self._finish()

    async def __aenter__(self: _S) -> _S:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self._finish()

    def __del__(self) -> None:
        # Never closed (no `async with`, iteration abandoned): give the slot back now.
        if not getattr(self, "_closed", True):
            with contextlib.suppress(Exception):  # nothing to report to at collection
                self._finish()


class AsyncEventStream(_AsyncStream[ServerSentEvent[Item], "SSEDecoder"]):
    """A Server-Sent Events response, read as it arrives: an async iterator of
    `ServerSentEvent` whose `data` is typed `Item`, and an async context manager that closes
    it. `last_event_id` and `retry` keep the last ``id`` and ``retry`` the server sent."""

    @property
    def last_event_id(self) -> str | None:
        """The last ``id`` the server set: send it as ``Last-Event-ID`` to resume."""
        return self._decoder.last_event_id

    @property
    def retry(self) -> int | None:
        """The last reconnection time (milliseconds) the server asked for."""
        return self._decoder.retry

    def _item(self, raw: _RawEvent) -> ServerSentEvent[Item]:
        data: Any = raw.data
        if self._type is not str:
            data = self._decode(raw.data.encode())
        return ServerSentEvent(
            event=raw.event, data=data, raw_data=raw.data, id=raw.id, retry=raw.retry
        )

    def __repr__(self) -> str:
        return f"<AsyncEventStream [{self.status_code}] {self._ctx.method} {self._ctx.url}>"


class AsyncJsonStream(_AsyncStream[Item, "JsonItemDecoder"]):
    """A stream of JSON items (NDJSON / JSON Lines, or RFC 7464 JSON text sequences), read as
    it arrives: an async iterator of `Item`, and an async context manager that closes it."""

    def _item(self, raw: bytes) -> Item:
        result: Item = self._decode(raw)
        return result

    def __repr__(self) -> str:
        return f"<AsyncJsonStream [{self.status_code}] {self._ctx.method} {self._ctx.url}>"


def open_stream(
    spec: ResponseSpec,
    ctx: ResponseContext,
    on_drift: OnDrift | None,
    limit: int | None,
    chunks: AsyncIterator[bytes],
    discard: Callable[[], None],
) -> AsyncEventStream[Any] | AsyncJsonStream[Any]:
    """The stream `spec` (of a stream kind) describes, reading `chunks`; `discard` closes the
    connection and frees the concurrency slot."""
    if spec.kind == "sse":
        return AsyncEventStream(
            chunks=chunks,
            ctx=ctx,
            type=spec.type,
            on_drift=on_drift,
            discard=discard,
            limit=limit,
            decoder=SSEDecoder(limit),
        )
    return AsyncJsonStream(
        chunks=chunks,
        ctx=ctx,
        type=spec.type,
        on_drift=on_drift,
        discard=discard,
        limit=limit,
        decoder=JsonItemDecoder(limit, records=spec.kind == "json-seq"),
    )


async def _once(content: bytes) -> AsyncIterator[bytes]:
    yield content


def buffered_stream(
    spec: ResponseSpec, ctx: ResponseContext, content: bytes, on_drift: OnDrift | None
) -> AsyncEventStream[Any] | AsyncJsonStream[Any]:
    """A stream over a body already read whole (a raw response's `parse()`)."""
    return open_stream(spec, ctx, on_drift, None, _once(content), _nothing)


def _nothing() -> None:
    pass
