"""`close()` called in another event loop than the one the client was used in (issue 18,
item 10): the connections are closed in their own loop if it still runs, else the caller is
told what to do instead. Synchronous tests: each drives its own event loops."""

from __future__ import annotations

import asyncio
import gc
import threading
import warnings
from collections.abc import Iterator
from typing import Any

import pytest
from aiohttp import web
from aiosdkgen.runtime import BaseClient, Endpoint, ResponseSpec

HELLO: Endpoint[str] = Endpoint(method="GET", path="/", responses={"200": ResponseSpec("text")})


def _run_in(loop: asyncio.AbstractEventLoop, coro: Any) -> Any:
    return asyncio.run_coroutine_threadsafe(coro, loop).result(timeout=30)


@pytest.fixture
def server_loop() -> Iterator[tuple[asyncio.AbstractEventLoop, str]]:
    """A local server, in an event loop running in a thread of its own."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()

    async def start() -> tuple[web.AppRunner, str]:
        async def hello(request: web.Request) -> web.Response:
            return web.Response(text="hi")

        app = web.Application()
        app.router.add_get("/", hello)
        runner = web.AppRunner(app, handle_signals=False)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return runner, f"http://127.0.0.1:{port}"

    runner, base = _run_in(loop, start())
    yield loop, base
    _run_in(loop, runner.cleanup())
    loop.call_soon_threadsafe(loop.stop)
    thread.join(timeout=30)
    loop.close()


def test_close_from_another_loop_closes_the_connections_in_their_running_loop(
    server_loop: tuple[asyncio.AbstractEventLoop, str],
) -> None:
    loop, base = server_loop
    client = BaseClient(base_url=base)
    assert _run_in(loop, client.request(HELLO)) == "hi"  # the session lives in `loop`
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        asyncio.run(client.close())
        gc.collect()
    assert [w for w in caught if issubclass(w.category, ResourceWarning | RuntimeWarning)] == []
    assert client._session is None


@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_close_after_the_loop_that_used_the_client_ended_says_what_to_do(
    server_loop: tuple[asyncio.AbstractEventLoop, str],
) -> None:
    _loop, base = server_loop
    client = BaseClient(base_url=base)
    assert asyncio.run(client.request(HELLO)) == "hi"  # that loop ends with the call
    with pytest.warns(RuntimeWarning, match="in the loop that uses it"):
        asyncio.run(client.close())
    assert asyncio.run(_call_and_close(client)) == "hi"  # usable again, in a new loop
    gc.collect()  # the connection left behind is reclaimed here, under this test's filters


async def _call_and_close(client: BaseClient) -> str:
    async with client:
        result: str = await client.request(HELLO)
        return result
