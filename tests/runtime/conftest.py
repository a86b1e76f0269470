"""Shared fixtures for the runtime tests.

* `recorded_sleeps` (autouse) replaces `_retry.sleep`, so no test ever waits for a backoff and
  every test can assert the delays the client asked for.
* `mocked` is an `aioresponses` mock; a small shim keeps it working on aiohttp releases whose
  `ClientResponse` grew constructor arguments aioresponses does not pass yet.
* `server` starts a real aiohttp application on 127.0.0.1 (port 0) for tests that need real
  sockets: streaming, connection reuse, timeouts and concurrency.
"""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any

import aiohttp
import aioresponses.core as aioresponses_core
import pytest
from aiohttp import web
from aioresponses import aioresponses
from aiosdkgen.runtime import _retry

_NEEDS_STREAM_WRITER = (
    "stream_writer" in inspect.signature(aiohttp.ClientResponse.__init__).parameters
)


class _FinishedWriter:
    """Stands in for the request writer of a mocked response (the upload is already done)."""

    output_size = 0
    buffer_size = 0

    def __getattr__(self, name: str) -> Any:  # pragma: no cover - only for unexpected access
        raise AttributeError(name)


class _CompatClientResponse(aiohttp.ClientResponse):
    def __init__(self, method: str, url: Any, **kwargs: Any) -> None:
        if _NEEDS_STREAM_WRITER:
            kwargs.setdefault("stream_writer", _FinishedWriter())
        super().__init__(method, url, **kwargs)


@pytest.fixture(autouse=True)
def recorded_sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Every delay the runtime asked to sleep for, in order; sleeping itself is instant."""
    delays: list[float] = []

    async def fake_sleep(delay: float) -> None:
        delays.append(delay)

    monkeypatch.setattr(_retry, "sleep", fake_sleep)
    return delays


@pytest.fixture
def mocked(monkeypatch: pytest.MonkeyPatch) -> Iterator[aioresponses]:
    monkeypatch.setattr(aioresponses_core, "ClientResponse", _CompatClientResponse)
    with aioresponses() as m:
        yield m


ServerFactory = Callable[[web.Application], Awaitable[str]]


@pytest.fixture
async def server() -> AsyncIterator[ServerFactory]:
    """Start aiohttp applications on 127.0.0.1:<random port>; returns their base URLs."""
    runners: list[web.AppRunner] = []

    async def start(app: web.Application) -> str:
        runner = web.AppRunner(app, handle_signals=False)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        runners.append(runner)
        sockets = site._server.sockets if site._server is not None else ()  # type: ignore[union-attr]
        port = sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}"

    yield start
    for runner in runners:
        await runner.cleanup()
