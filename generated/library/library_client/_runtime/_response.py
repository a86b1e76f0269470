"""Response decoding and the raw / streamed response types.

Successful JSON bodies are validated straight from the received bytes with pydantic's JSON
validator (no intermediate ``json.loads``), using one `TypeAdapter` per response type, built on
first use and cached. Error bodies are decoded leniently: the declared error schema if it fits,
else plain JSON, else text.
"""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator, Callable
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

if TYPE_CHECKING:
    import json

    import aiohttp
    import pydantic
    import yarl
    from multidict import CIMultiDictProxy
else:
    from ._lazy import aiohttp, json, pydantic, yarl

from ._endpoint import ResponseSpec
from ._limits import read_body
from ._redact import Redactor
from .errors import ResponseValidationError

__all__ = [
    "RawResponse", "StreamedResponse", "decode_error_body", "decode_json", "decode_success"
]  # fmt: skip

T = TypeVar("T")

ResponseMode = Literal["raw", "stream"]

response_mode: ContextVar[ResponseMode | None] = ContextVar("aiosdkgen_response_mode", default=None)
"""Set by the raw/streamed wrappers; consumed by the next `BaseClient.request` in the task."""

_NO_BODY_STATUSES = frozenset({204, 205, 304})

_adapters: dict[Any, pydantic.TypeAdapter[Any]] = {}
_adapters_by_id: dict[int, tuple[Any, pydantic.TypeAdapter[Any]]] = {}
_validators: dict[Any, Callable[[bytes], Any]] = {}


def type_adapter(tp: Any) -> pydantic.TypeAdapter[Any]:
    """The cached `TypeAdapter` for `tp` (built lazily; unhashable types are keyed by id)."""
    try:
        adapter = _adapters.get(tp)
    except TypeError:
        entry = _adapters_by_id.get(id(tp))
        if entry is None or entry[0] is not tp:
            entry = (tp, pydantic.TypeAdapter(tp))
            _adapters_by_id[id(tp)] = entry  # keeps `tp` alive so its id is never reused
        return entry[1]
    if adapter is None:
        adapter = _adapters[tp] = pydantic.TypeAdapter(tp)
    return adapter


PAUSE_FROM = 16 * 1024
"""Bodies of at least this many bytes are decoded with the collector paused."""


def _collector_paused(decode: Callable[[bytes], T], content: bytes) -> T:
    """`decode(content)`, with the cyclic garbage collector paused if the body is large.

    A large body becomes hundreds of thousands of objects, none of them garbage, and creating
    them triggers collection after collection, each walking the older objects too: with a few
    large results alive (concurrent requests) that costs three to four times the parse itself
    (a 5 MB body, eight results alive: 800 ms a parse with the collector on, 200 ms paused).
    A small one makes fewer objects than start one collection, and pausing would only add one
    (of the whole result, on the next allocation): counted in instructions with four results
    alive, a list of 50 small objects (12 KB) costs 4% more paused, 100 of them (23 KB) 25%
    less. The previous state is restored after.
    """
    if len(content) < PAUSE_FROM or not gc.isenabled():
        return decode(content)
    gc.disable()
    try:
        return decode(content)
    finally:
        gc.enable()


def json_validator(tp: Any) -> Callable[[bytes], Any]:
    """The function validating JSON bytes against `tp`, found on first use and cached."""
    try:
        validate = _validators.get(tp)
    except TypeError:  # unhashable (an annotated union...): its adapter is cached by id
        return type_adapter(tp).validator.validate_json
    if validate is None:
        if isinstance(tp, type) and issubclass(tp, pydantic.BaseModel):
            validate = tp.model_validate_json
        else:
            # The adapter's validator itself: `TypeAdapter.validate_json` only forwards defaults.
            validate = type_adapter(tp).validator.validate_json
        _validators[tp] = validate
    return validate


def validate_json(tp: Any, content: bytes) -> Any:
    """Validate JSON bytes against `tp`, collector paused."""
    return _collector_paused(json_validator(tp), content)


def _loads(content: bytes) -> Any:
    """`json.loads`, collector paused (see `_collector_paused`).

    Nesting deeper than the interpreter's recursion limit is a `ValueError` like any other
    malformed JSON (a 3 KB ``[[[[…]]]]`` would otherwise raise `RecursionError`).
    """
    try:
        return _collector_paused(json.loads, content)
    except RecursionError:
        raise ValueError("JSON nested too deeply to decode") from None


class ResponseContext:
    """What decoding needs to know about a response besides its body (read, never changed)."""

    __slots__ = (
        "headers",
        "method",
        "reason",
        "redactor",
        "redirected",
        "response",
        "status_code",
        "url",
    )

    def __init__(
        self, response: aiohttp.ClientResponse, *, method: str, url: str, redactor: Redactor
    ) -> None:
        self.response: aiohttp.ClientResponse = response
        self.method: str = method
        self.url: str = url
        """The request URL, credentials redacted."""
        self.status_code: int = response.status
        self.headers: CIMultiDictProxy[str] = response.headers
        self.reason: str | None = response.reason
        self.redactor: Redactor = redactor
        self.redirected: bool = False
        """Whether this answers a redirect the runtime followed (set by the client)."""

    @property
    def charset(self) -> str | None:
        return self.response.charset  # parsed from Content-Type only when text is decoded

    @property
    def http_version(self) -> str:
        version = self.response.version
        return f"{version.major}.{version.minor}" if version is not None else "1.1"

    def text(self, content: bytes) -> str:
        """The body as text, in the response's charset; UTF-8 (invalid bytes replaced) when
        there is none or it cannot decode text with replacement (``x-nope``, ``idna``,
        ``base64``...)."""
        charset = self.charset
        if charset is not None:
            try:
                return content.decode(charset, errors="replace")
            except (LookupError, ValueError):  # unknown, not a text codec, strict-only codec
                pass
        return content.decode("utf-8", errors="replace")

    @property
    def is_json(self) -> bool:
        content_type = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        return content_type == "application/json" or content_type.endswith("+json")


OnDrift = Callable[[ResponseValidationError], None]
"""Tolerant mode's hook: told of each response that did not fit (it logs), instead of raising."""


def decode_success(
    spec: ResponseSpec | None, ctx: ResponseContext, content: bytes, on_drift: OnDrift | None
) -> Any:
    """Decode a 2xx body per `spec`. A body that does not fit raises `ResponseValidationError`,
    or, with `on_drift` (tolerant mode), is built as closely as it can be (see `_tolerant`)
    and reported to `on_drift`. A body that is not JSON at all raises in both modes."""
    if spec is not None and spec.kind == "location":
        return _location(ctx, content)
    if ctx.status_code in _NO_BODY_STATUSES or ctx.method == "HEAD":
        if spec is not None and spec.body_required and ctx.method != "HEAD":
            missing = _malformed(
                ctx,
                content,
                "has no body, but the operation declares one for its successes (and not this "
                "status)",
            )
            if on_drift is None:
                raise missing
            on_drift(missing)
        return None
    if spec is None:
        # Undeclared success status: return whatever the body holds, untyped.
        if not content:
            return None
        if ctx.is_json:
            try:
                return _loads(content)
            except ValueError:
                pass
        return ctx.text(content)
    kind = spec.kind
    if kind == "binary":
        return content
    if kind == "text":
        return ctx.text(content)
    if kind != "json":
        if kind == "empty":
            return None
        from ._streaming import buffered_stream  # a raw response's events, read whole

        return buffered_stream(spec, ctx, content, on_drift)
    return decode_json(spec.type, ctx, content, on_drift)


def decode_json(tp: Any, ctx: ResponseContext, content: bytes, on_drift: OnDrift | None) -> Any:
    """Validate one JSON text as `tp` (None: any JSON): a 2xx body, or one item of a stream.
    What does not fit raises `ResponseValidationError`, or, with `on_drift`, is built as
    closely as it can be and reported. Text that is not JSON raises in both modes."""
    try:
        if tp is None:
            return _loads(content) if content else None
        return validate_json(tp, content)
    except (pydantic.ValidationError, ValueError) as exc:
        failure = _validation_error(exc, ctx, content)
    if on_drift is not None:
        try:
            data = _loads(content)
        except ValueError:
            data = failure  # not JSON: no shape to be tolerant of
        if data is not failure:
            from ._tolerant import construct  # only a drifted response needs it

            result = _collector_paused(lambda _: construct(tp, data), content)
            on_drift(failure)
            return result
    raise failure  # outside `except`: no __context__ holding pydantic's error (and the body)


def _location(ctx: ResponseContext, content: bytes) -> str:
    """The absolute URL a redirect that is the answer points to."""
    location = ctx.headers.get("Location")
    if not location:
        raise _malformed(ctx, content, "has no Location header")
    try:
        return str(ctx.response.url.join(yarl.URL(location)))
    except ValueError:  # "http://[::1", a port past 65535...
        raise _malformed(ctx, content, "has a Location header that is not a URL") from None


MAX_VALIDATION_ERRORS = 100
"""Validation errors a `ResponseValidationError` keeps (and lists in its message); a body can
fail in millions of places (``[1,1,…]`` for a list of objects)."""
MAX_SUMMARY = 20_000
"""Characters of pydantic's summary kept in a `ResponseValidationError`'s message."""


def _first_errors(exc: pydantic.ValidationError) -> list[Any]:
    """The first `MAX_VALIDATION_ERRORS` of `exc`'s errors, without their inputs, without
    building all of them as Python objects (pydantic's own `errors()` has no limit)."""
    text = exc.json(include_url=False, include_context=False, include_input=False)
    decoder = json.JSONDecoder()
    errors: list[Any] = []
    index = 1  # past the "["
    while len(errors) < MAX_VALIDATION_ERRORS and index < len(text) - 1:
        error, index = decoder.raw_decode(text, index)
        errors.append(error)
        index += 1  # past the ","
    return errors


def _malformed(
    ctx: ResponseContext, content: bytes, problem: str, errors: list[Any] | None = None
) -> ResponseValidationError:
    """The error for a 2xx response that is not what its operation promises."""
    return ResponseValidationError(
        f"{ctx.status_code} response to {ctx.method} {ctx.url} {problem}",
        status_code=ctx.status_code,
        method=ctx.method,
        url=ctx.url,
        headers=ctx.headers,
        content=content,
        errors=errors,
    )


def _validation_error(
    exc: pydantic.ValidationError | ValueError, ctx: ResponseContext, content: bytes
) -> ResponseValidationError:
    errors: list[Any] = []
    summary = str(exc) if not isinstance(exc, pydantic.ValidationError) else ""
    if isinstance(exc, pydantic.ValidationError):
        count = exc.error_count()
        listed: list[Any] | None
        if count > MAX_VALIDATION_ERRORS:
            errors = listed = _first_errors(exc)  # without their inputs
        else:
            errors = exc.errors(include_url=False)
            listed = None
            if ctx.redactor.found_in(ctx.text(content)):
                # The body holds a credential, and pydantic's message quotes inputs cut to a
                # few dozen characters, which can halve a secret past recognition: list the
                # errors without them.
                listed = exc.errors(include_url=False, include_input=False)
            else:
                summary = str(exc)
        if listed is not None:
            lines = [f"{count} validation errors for {exc.title}"]
            if len(listed) < count:
                lines[0] += f" (the first {len(listed)} listed)"
            for error in listed:
                lines.append(".".join(str(part) for part in error["loc"]) or "(body)")
                lines.append(f"  {error['msg']} [type={error['type']}]")
            summary = "\n".join(lines)
    summary = ctx.redactor.text(summary)
    if len(summary) > MAX_SUMMARY:
        summary = ctx.redactor.text(summary[:MAX_SUMMARY], cut=True) + "..."
    return _malformed(ctx, content, f"does not match the declared schema: {summary}", errors=errors)


MAX_DECODED_ERROR_BODY = 1024 * 1024
"""Error bodies larger than this many bytes are kept as text, not decoded: decoded JSON takes up
to ~50 times its size (``[{},{},…]``), and an error body is read eagerly, whether or not the
caller looks at it."""


def decode_error_body(spec: ResponseSpec | None, ctx: ResponseContext, content: bytes) -> Any:
    """Decode an error body: declared model if it fits, else JSON, else text, else None.
    A body over `MAX_DECODED_ERROR_BODY` bytes is only decoded as text."""
    if not content:
        return None
    if len(content) > MAX_DECODED_ERROR_BODY:
        return ctx.text(content)
    if spec is not None and spec.kind == "json" and spec.type is not None:
        try:
            return validate_json(spec.type, content)
        except pydantic.ValidationError:
            pass
    try:
        return _loads(content)
    except ValueError:
        return ctx.text(content)


class ResponseMetadata:
    """Status line and headers, shared by raw and streamed responses."""

    _ctx: ResponseContext

    @property
    def status_code(self) -> int:
        return self._ctx.status_code

    @property
    def headers(self) -> CIMultiDictProxy[str]:
        return self._ctx.headers

    @property
    def method(self) -> str:
        return self._ctx.method

    @property
    def url(self) -> str:
        """The request URL, credentials redacted."""
        return self._ctx.url


class RawResponse(ResponseMetadata, Generic[T]):
    """A fully read response plus lazy access to the parsed value.

    Returned by methods wrapped with `to_raw_response_wrapper`: use it to read headers (rate
    limits, request ids) or the exact bytes, and call `parse()` for the usual typed result.
    """

    def __init__(
        self,
        *,
        ctx: ResponseContext,
        content: bytes,
        parser: Callable[[bytes], T],
        elapsed: float,
    ) -> None:
        self._ctx = ctx
        self._parser = parser
        self._parsed: list[T] = []
        self.content: bytes = content
        """The raw body."""
        self.http_version: str = ctx.http_version
        """``"1.1"`` etc."""
        self.elapsed: float = elapsed
        """Seconds from sending the request to receiving the whole body."""

    def parse(self) -> T:
        """The typed result (the same value the unwrapped method returns); cached."""
        if not self._parsed:
            self._parsed.append(self._parser(self.content))
        return self._parsed[0]

    @property
    def parsed(self) -> T:
        """Alias of `parse()`."""
        return self.parse()

    def text(self) -> str:
        """The body decoded with the response charset (UTF-8 by default)."""
        return self._ctx.text(self.content)

    def json(self) -> Any:
        """The body decoded as JSON, without schema validation."""
        return _loads(self.content)

    def __repr__(self) -> str:
        return f"<RawResponse [{self.status_code}] {self.method} {self.url}>"


class StreamedResponse(ResponseMetadata, Generic[T]):
    """A response whose body has not been read yet.

    Obtained from methods wrapped with `to_streamed_response_wrapper`, inside ``async with``. The
    body is consumed incrementally with `iter_bytes` (or all at once with `read`); the connection
    is released when the context exits.
    """

    def __init__(
        self,
        *,
        response: aiohttp.ClientResponse,
        ctx: ResponseContext,
        parser: Callable[[bytes], T],
        on_close: Callable[[], None],
        live: Callable[[AsyncIterator[bytes], Callable[[], None]], T] | None = None,
    ) -> None:
        self._response = response
        self._ctx = ctx
        self._parser = parser
        self._on_close = on_close
        # For a stream of items (events, JSON lines): builds it over the unread body.
        self._live = live
        self._content: bytes | None = None
        self._closed = False
        self.http_version: str = ctx.http_version

    @property
    def closed(self) -> bool:
        return self._closed

    async def iter_bytes(self, chunk_size: int = 65536) -> AsyncIterator[bytes]:
        """Yield the body in chunks of at most `chunk_size` bytes, never buffering it whole."""
        if self._content is not None:
            for start in range(0, len(self._content), chunk_size):
                yield self._content[start : start + chunk_size]
            return
        self._check_open()
        async for chunk in self._response.content.iter_chunked(chunk_size):
            yield chunk

    async def iter_lines(self) -> AsyncIterator[str]:
        """Yield decoded lines without their line terminators (for NDJSON / SSE style bodies)."""
        self._check_open()
        async for raw in self._response.content:
            yield self._ctx.text(raw).rstrip("\r\n")

    async def read(self) -> bytes:
        """Read (and keep) the whole remaining body."""
        if self._content is None:
            self._check_open()
            self._content = await self._response.read()
        return self._content

    async def text(self) -> str:
        return self._ctx.text(await self.read())

    async def json(self) -> Any:
        return _loads(await self.read())

    async def parse(self) -> T:
        """Read the body and decode it like the unwrapped method would; for an operation that
        streams items (events, JSON lines), the stream over the unread body instead."""
        if self._live is not None and self._content is None:
            self._check_open()
            return self._live(self._response.content.iter_any(), self.discard)
        return self._parser(await self.read())

    async def parse_capped(self, limit: int | None) -> T:
        """`parse()` of a body read whole, raising `ResponseTooLargeError` past `limit` bytes."""
        if self._content is None:
            self._check_open()
            ctx = self._ctx
            self._content = await read_body(self._response, limit, ctx.method, ctx.url)
        return self._parser(self._content)

    @property
    def streams(self) -> bool:
        """Whether `parse()` returns a stream of items over the unread body."""
        return self._live is not None

    def _check_open(self) -> None:
        if self._closed:
            raise RuntimeError("the streamed response is closed; read it inside `async with`")

    async def close(self) -> None:
        """Release the connection (closing it if the body was not fully read). Idempotent."""
        self.discard()

    def discard(self) -> None:
        """`close()`, synchronously (for a stream closed on cancellation or collection)."""
        if self._closed:
            return
        self._closed = True
        try:
            self._response.release()
        finally:
            self._on_close()

    async def __aenter__(self) -> StreamedResponse[T]:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    def __repr__(self) -> str:
        return f"<StreamedResponse [{self.status_code}] {self.method} {self.url}>"
