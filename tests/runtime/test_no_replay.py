"""A non-idempotent request is retried only when it cannot have reached the server, or the
caller opted in (issue 18, item 6): held across redirects and server hints.

Real servers on 127.0.0.1 count the requests that reach them.
"""

from __future__ import annotations

import socket
from typing import Any

import pytest
from aiohttp import web
from aiosdkgen.runtime import APIConnectionError, APIStatusError, BaseClient, Endpoint, ResponseSpec

from .conftest import ServerFactory

CREATE: Endpoint[Any] = Endpoint(
    method="POST", path="/orders", params=(), responses={"201": ResponseSpec("json")}
)
LIST: Endpoint[Any] = Endpoint(
    method="GET", path="/orders", params=(), responses={"200": ResponseSpec("json")}
)


def _closed_port() -> int:
    """A port on 127.0.0.1 nothing listens on (connections to it are refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


async def _counting(
    server: ServerFactory, status: int, headers: dict[str, str]
) -> tuple[str, list[str]]:
    seen: list[str] = []

    async def handler(request: web.Request) -> web.Response:
        seen.append(request.method)
        return web.Response(status=status, headers=headers, text="{}")

    app = web.Application()
    app.router.add_route("*", "/orders", handler)
    return await server(app), seen


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
async def test_a_post_redirected_to_an_unreachable_host_is_sent_once(
    server: ServerFactory, status: int
) -> None:
    target = f"http://127.0.0.1:{_closed_port()}/elsewhere"
    base, seen = await _counting(server, status, {"Location": target})
    async with BaseClient(base_url=base, max_retries=2) as client:
        with pytest.raises(APIConnectionError):
            await client.request(CREATE)
    assert seen == ["POST"]


@pytest.mark.parametrize("opt_in", ["key", "client"])
async def test_an_opted_in_post_redirected_to_an_unreachable_host_is_retried(
    server: ServerFactory, opt_in: str
) -> None:
    target = f"http://127.0.0.1:{_closed_port()}/elsewhere"
    base, seen = await _counting(server, 307, {"Location": target})
    headers = {"Idempotency-Key": "k-1"} if opt_in == "key" else None
    async with BaseClient(
        base_url=base, max_retries=2, retry_non_idempotent=opt_in == "client"
    ) as client:
        with pytest.raises(APIConnectionError):
            await client.request(CREATE, extra_headers=headers)
    assert seen == ["POST"] * 3


async def test_a_get_redirected_to_an_unreachable_host_is_retried(server: ServerFactory) -> None:
    target = f"http://127.0.0.1:{_closed_port()}/elsewhere"
    base, seen = await _counting(server, 302, {"Location": target})
    async with BaseClient(base_url=base, max_retries=2) as client:
        with pytest.raises(APIConnectionError):
            await client.request(LIST)
    assert seen == ["GET"] * 3


@pytest.mark.parametrize("status", [400, 409, 500, 502])
async def test_x_should_retry_true_does_not_replay_a_post(
    server: ServerFactory, status: int
) -> None:
    base, seen = await _counting(server, status, {"x-should-retry": "true"})
    async with BaseClient(base_url=base, max_retries=2) as client:
        with pytest.raises(APIStatusError):
            await client.request(CREATE)
        assert seen == ["POST"]
        seen.clear()
        with pytest.raises(APIStatusError):
            await client.request(CREATE, extra_headers={"Idempotency-Key": "k-2"})
        assert seen == ["POST"] * 3
        seen.clear()
        with pytest.raises(APIStatusError):
            await client.request(LIST)
        assert seen == ["GET"] * 3


@pytest.mark.parametrize("status", [429, 503])
async def test_a_not_processed_status_after_a_redirect_does_not_replay_a_post(
    server: ServerFactory, status: int
) -> None:
    """429 and 503 say the server that sent them did not act; the one that redirected did see
    the request."""
    target_base, target_seen = await _counting(server, status, {})
    base, seen = await _counting(server, 307, {"Location": f"{target_base}/orders"})
    async with BaseClient(base_url=base, max_retries=2) as client:
        with pytest.raises(APIStatusError):
            await client.request(CREATE)
    assert seen == ["POST"]
    assert target_seen == ["POST"]
