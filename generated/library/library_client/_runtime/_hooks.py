"""Request and response hooks (``Client(event_hooks=...)``), in the shape of httpx's.

``event_hooks={"request": [...], "response": [...]}``: each hook is a plain function or a
coroutine function taking one argument, called in order, once per attempt (a retried call calls
them again; the redirects the client follows within one attempt do not).

- A request hook gets a `RequestEvent` just before the attempt is sent (before it waits for a
  `max_concurrency` slot). Its ``headers`` are the request's, mutable: a hook may add, replace or
  remove headers (tracing, signing, custom auth), and the attempt goes out with them. The method
  and URL are read-only.
- A response hook gets a `ResponseEvent` once the attempt ends: with the response's status and
  headers (after a buffered body is read, before it is decoded; for a streamed call, before its
  body is read; whatever the status: a 404, or a 503 that will be retried), or with the
  `APIError` the attempt failed with (a connection error, a timeout, the client closed) and no
  status. A body larger than `max_response_size` raises before the response hooks run.

Credentials are never shown to a hook: the URL has its credentials redacted (``***``); the
values of ``Authorization``, ``Proxy-Authorization``, ``Cookie`` and API-key headers, and any
header value holding a configured credential, read ``***``. A header a hook leaves as it found
it is sent with its real value; one it sets is sent as set (so a hook can replace the
credential, never read it).

An exception raised by a hook propagates out of the call unchanged (nothing is retried).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias, TypedDict, cast

if TYPE_CHECKING:
    import multidict
    from multidict import CIMultiDict, CIMultiDictProxy

    from .errors import APIError
else:
    from ._lazy import multidict

from ._redact import REDACTED, Redactor

__all__ = ["EventHooks", "RequestEvent", "RequestHook", "ResponseEvent", "ResponseHook"]

_HIDDEN_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie"})


class RequestEvent:
    """One attempt of a request, as request and response hooks see it."""

    __slots__ = ("_attempt", "_method", "_url", "headers")

    def __init__(self, method: str, url: str, headers: CIMultiDict[str], attempt: int) -> None:
        self._method = method
        self._url = url
        self._attempt = attempt
        self.headers: CIMultiDict[str] = headers
        """The headers to send (credential values read ``***``); a request hook may change
        them."""

    @property
    def method(self) -> str:
        """The HTTP method (read-only)."""
        return self._method

    @property
    def url(self) -> str:
        """The absolute URL, credentials redacted (read-only)."""
        return self._url

    @property
    def attempt(self) -> int:
        """1 for the first attempt, 2 for the first retry, and so on."""
        return self._attempt

    def __repr__(self) -> str:
        return f"<RequestEvent {self.method} {self.url} attempt={self.attempt}>"


class ResponseEvent:
    """The end of one attempt: a response (`status_code` set) or a failure (`error` set)."""

    __slots__ = ("elapsed", "error", "headers", "request", "status_code")

    def __init__(
        self,
        request: RequestEvent,
        *,
        status_code: int | None,
        headers: CIMultiDictProxy[str] | None,
        elapsed: float,
        error: APIError | None,
    ) -> None:
        self.request: RequestEvent = request
        """The attempt this ends, with the headers it was sent with."""
        self.status_code: int | None = status_code
        """The response's status; None when the attempt failed without one."""
        self.headers: CIMultiDictProxy[str] | None = headers
        """The response's headers; None when the attempt failed without a response."""
        self.elapsed: float = elapsed
        """Seconds the attempt took: from sending it to its body read (for a streamed call, to
        its headers), or from its start to the failure."""
        self.error: APIError | None = error
        """Why the attempt failed without a response (`APIConnectionError`,
        `APITimeoutError`, `ClientClosedError`); None when a response came."""

    def __repr__(self) -> str:
        outcome = self.status_code if self.error is None else type(self.error).__name__
        return f"<ResponseEvent {self.request.method} {self.request.url} -> {outcome}>"


RequestHook: TypeAlias = Callable[[RequestEvent], Awaitable[None] | None]
"""A request hook: a function or coroutine function taking a `RequestEvent`."""
ResponseHook: TypeAlias = Callable[[ResponseEvent], Awaitable[None] | None]
"""A response hook: a function or coroutine function taking a `ResponseEvent`."""


class EventHooks(TypedDict, total=False):
    """``Client(event_hooks=...)``: the hooks called for every attempt, in order."""

    request: Sequence[RequestHook]
    response: Sequence[ResponseHook]


async def _call(hook: Callable[[Any], Awaitable[None] | None], event: object) -> None:
    result = hook(event)
    if isinstance(result, Awaitable):
        await result


class Hooks:
    """One client's hooks, and how it shows them a request without its credentials."""

    __slots__ = ("_hidden", "_redactor", "request", "response")

    def __init__(self, hooks: EventHooks, header_names: Iterable[str], redactor: Redactor) -> None:
        unknown = set(hooks) - {"request", "response"}
        if unknown:
            raise ValueError(
                f"event_hooks takes the keys 'request' and 'response', not {sorted(unknown)!r}"
            )
        for kind, listed in hooks.items():  # for callers without a type checker
            if isinstance(listed, str | bytes) or not isinstance(listed, Sequence):
                raise TypeError(f"event_hooks[{kind!r}] must be a list of functions")
            hook: object
            for hook in cast("Sequence[object]", listed):
                if not callable(hook):
                    raise TypeError(f"event_hooks[{kind!r}] holds a non-callable: {hook!r}")
        self.request: tuple[RequestHook, ...] = tuple(hooks.get("request", ()))
        self.response: tuple[ResponseHook, ...] = tuple(hooks.get("response", ()))
        self._hidden = _HIDDEN_HEADERS | {name.lower() for name in header_names}
        self._redactor = redactor

    def _shown(self, name: str, value: str) -> str:
        if name.lower() in self._hidden:
            return REDACTED
        return self._redactor.text(value)

    async def before(
        self, method: str, display_url: str, headers: CIMultiDict[str], attempt: int
    ) -> tuple[RequestEvent, CIMultiDict[str]]:
        """Run the request hooks; returns the event and the headers to send."""
        shown_items = [(name, self._shown(name, value)) for name, value in headers.items()]
        event = RequestEvent(method, display_url, multidict.CIMultiDict(shown_items), attempt)
        if not self.request:
            return event, headers
        for hook in self.request:
            await _call(hook, event)
        after = list(event.headers.items())
        if after == shown_items:
            return event, headers
        # A hidden value left as shown is sent as it was; everything else as the hooks left it.
        hidden: dict[tuple[str, str], list[str]] = {}
        for (name, value), (_, shown) in zip(headers.items(), shown_items, strict=True):
            if shown != value:
                hidden.setdefault((name.lower(), shown), []).append(value)
        sent: CIMultiDict[str] = multidict.CIMultiDict()
        for name, value in after:
            originals = hidden.get((name.lower(), value))
            sent.add(name, originals.pop(0) if originals else value)
        return event, sent

    async def after(self, event: ResponseEvent) -> None:
        for hook in self.response:
            await _call(hook, event)
