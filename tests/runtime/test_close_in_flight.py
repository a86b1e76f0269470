"""`close()` while calls are in flight: they raise an SDK error saying the client was closed
(issue 18, item 10), never aiohttp's bare ``RuntimeError: Session is closed``."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from aiohttp import web
from aiosdkgen.runtime import (
    APIConnectionError,
    APIStatusError,
    BaseClient,
    ClientClosedError,
    _retry,
)

from .conftest import ServerFactory
from .test_no_replay import CREATE, LIST


async def _stalling(server: ServerFactory) -> tuple[str, asyncio.Event, asyncio.Event]:
    """A server whose answers wait for `release`; `entered` is set once a request is in."""
    entered, release = asyncio.Event(), asyncio.Event()

    async def handler(request: web.Request) -> web.Response:
        entered.set()
        await release.wait()
        return web.Response(status=503, text="{}")

    app = web.Application()
    app.router.add_route("*", "/orders", handler)
    return await server(app), entered, release


@pytest.mark.parametrize("endpoint", [LIST, CREATE], ids=["GET", "POST"])
async def test_calls_in_flight_and_queued_raise_client_closed(
    server: ServerFactory, endpoint: Any
) -> None:
    base, entered, release = await _stalling(server)
    client = BaseClient(base_url=base, max_concurrency=1)
    try:
        in_flight = asyncio.ensure_future(client.request(endpoint))
        queued = asyncio.ensure_future(client.request(endpoint))  # waits for the slot
        await entered.wait()
        await client.close()
        for task in (in_flight, queued):
            with pytest.raises(ClientClosedError, match="closed") as info:
                await task
            assert isinstance(info.value, APIConnectionError)
    finally:
        release.set()
        await client.close()


async def test_a_call_waiting_to_retry_raises_client_closed(
    server: ServerFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    base, _entered, release = await _stalling(server)
    release.set()  # answers 503 at once
    client = BaseClient(base_url=base, max_retries=2)

    async def close_meanwhile(delay: float) -> None:
        await client.close()

    monkeypatch.setattr(_retry, "sleep", close_meanwhile)
    with pytest.raises(ClientClosedError, match="closed"):
        await client.request(LIST)
    await client.close()


async def test_a_closed_client_still_opens_a_fresh_session_for_a_new_call(
    server: ServerFactory,
) -> None:
    base, _entered, release = await _stalling(server)
    release.set()
    async with BaseClient(base_url=base, max_retries=0) as client:
        await client.close()
        with pytest.raises(APIStatusError):  # the server's 503, not ClientClosedError
            await client.request(LIST)
