"""End-to-end tests against a real aiohttp server on 127.0.0.1 (sockets, pooling, streaming)."""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
import socket
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from aiosdkgen.runtime import (
    APIConnectionError,
    APITimeoutError,
    BaseClient,
    Body,
    Endpoint,
    Param,
    ResponseSpec,
    to_raw_response_wrapper,
    to_streamed_response_wrapper,
)

from .conftest import ServerFactory

ECHO: Endpoint[Any] = Endpoint(
    method="GET",
    path="/echo/{id}",
    params=(
        Param("id", "path", style="matrix", explode=True),
        Param("filter", "query", style="deepObject", explode=True),
        Param("ids", "query", style="pipeDelimited", explode=False),
        Param("words", "query", style="spaceDelimited", explode=False),
        Param("next", "query", allow_reserved=True),
        Param("X-Ids", "header"),
        Param("pref", "cookie", explode=False),
    ),
    responses={"200": ResponseSpec("json")},
)


async def echo(request: web.Request) -> web.Response:
    return web.json_response(
        {
            "raw_path": request.raw_path,
            "query": list(request.query.items()),
            "x_ids": request.headers.get("X-Ids"),
            "cookie": request.headers.get("Cookie"),
            "cookies": dict(request.cookies),
            "user_agent": request.headers.get("User-Agent"),
        }
    )


async def test_wire_format_of_every_parameter_location(server: ServerFactory) -> None:
    app = web.Application()
    app.router.add_get("/echo/{tail:.*}", echo)
    base = await server(app)
    async with BaseClient(base_url=base) as client:
        got = await client.request(
            ECHO,
            (
                [1, 2],
                {"status": "sold out", "tag": {"a": "b"}},
                [3, 4],
                ["x", "y z"],
                "/next/page?x=1",
                ["a", "b"],
                {"theme": "dark", "lang": "en"},
            ),
        )
    assert got["raw_path"] == (
        "/echo/;id=1;id=2"
        "?filter[status]=sold%20out&filter[tag][a]=b"
        "&ids=3%7C4&words=x%20y%20z&next=/next/page?x=1"
    )
    assert ["filter[status]", "sold out"] in got["query"]
    assert ["ids", "3|4"] in got["query"]
    assert got["x_ids"] == "a,b"
    assert got["cookie"] == "pref=theme,dark,lang,en"
    assert got["user_agent"].startswith("aiosdkgen-runtime/")


async def test_streaming_a_large_body_is_incremental(server: ServerFactory) -> None:
    size = 8 * 1024 * 1024
    block = bytes(range(256)) * 4096  # 1 MiB
    first_chunk_seen = asyncio.Event()

    async def download(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse()
        response.content_length = size
        await response.prepare(request)
        await response.write(block)
        # The rest is only sent once the client has consumed part of the body: a client that
        # buffered the whole response before yielding would deadlock here.
        await asyncio.wait_for(first_chunk_seen.wait(), 5)
        for _ in range(size // len(block) - 1):
            await response.write(block)
        await response.write_eof()
        return response

    app = web.Application()
    app.router.add_get("/file", download)
    base = await server(app)
    endpoint: Endpoint[bytes] = Endpoint(
        method="GET", path="/file", responses={"200": ResponseSpec("binary")}
    )

    class Files:
        def __init__(self, client: BaseClient) -> None:
            self._client = client

        async def download(self) -> bytes:
            return await self._client.request(endpoint)

    digest = hashlib.sha256()
    total = 0
    largest = 0
    async with BaseClient(base_url=base) as client:
        stream = to_streamed_response_wrapper(Files(client).download)
        async with stream() as response:
            assert response.status_code == 200
            assert response.headers["Content-Length"] == str(size)
            async for chunk in response.iter_bytes(chunk_size=65536):
                first_chunk_seen.set()
                digest.update(chunk)
                total += len(chunk)
                largest = max(largest, len(chunk))
    assert total == size
    assert largest <= 65536
    assert digest.hexdigest() == hashlib.sha256(block * 8).hexdigest()


async def test_connections_are_reused(server: ServerFactory) -> None:
    peers: list[Any] = []

    async def handler(request: web.Request) -> web.Response:
        assert request.transport is not None
        peers.append(request.transport.get_extra_info("peername"))
        return web.json_response({"ok": True})

    app = web.Application()
    app.router.add_get("/ping", handler)
    base = await server(app)
    endpoint: Endpoint[Any] = Endpoint(
        method="GET", path="/ping", responses={"200": ResponseSpec("json")}
    )
    async with BaseClient(base_url=base) as client:
        for _ in range(10):
            await client.request(endpoint)
    assert len(peers) == 10
    assert len(set(peers)) == 1


async def test_stalled_server_times_out_after_retries(server: ServerFactory) -> None:
    attempts = 0

    async def stall(request: web.Request) -> web.Response:
        nonlocal attempts
        attempts += 1
        await asyncio.sleep(0.5)
        return web.json_response({})

    app = web.Application()
    app.router.add_get("/slow", stall)
    base = await server(app)
    endpoint: Endpoint[Any] = Endpoint(
        method="GET", path="/slow", responses={"200": ResponseSpec("json")}
    )
    async with BaseClient(base_url=base, timeout=0.05, max_retries=1) as client:
        with pytest.raises(APITimeoutError) as info:
            await client.request(endpoint)
        assert attempts == 2
        assert isinstance(info.value, asyncio.TimeoutError)
        # Per-call override: a generous timeout succeeds.
        assert await client.request(endpoint, timeout=aiohttp.ClientTimeout(total=5)) == {}


async def test_per_call_timeout_overrides_client_default(server: ServerFactory) -> None:
    async def stall(request: web.Request) -> web.Response:
        await asyncio.sleep(0.3)
        return web.json_response({})

    app = web.Application()
    app.router.add_get("/slow", stall)
    base = await server(app)
    endpoint: Endpoint[Any] = Endpoint(
        method="GET", path="/slow", responses={"200": ResponseSpec("json")}
    )
    async with BaseClient(base_url=base) as client:
        with pytest.raises(APITimeoutError):
            await client.request(endpoint, timeout=0.05, max_retries=0)


async def test_max_concurrency_is_honoured(server: ServerFactory) -> None:
    in_flight = 0
    peak = 0

    async def handler(request: web.Request) -> web.Response:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        await asyncio.sleep(0.05)
        in_flight -= 1
        return web.json_response({})

    app = web.Application()
    app.router.add_get("/work", handler)
    base = await server(app)
    endpoint: Endpoint[Any] = Endpoint(
        method="GET", path="/work", responses={"200": ResponseSpec("json")}
    )
    async with BaseClient(base_url=base, max_concurrency=3) as client:
        await asyncio.gather(*(client.request(endpoint) for _ in range(12)))
    assert peak == 3
    peak = 0
    async with BaseClient(base_url=base) as client:
        await asyncio.gather(*(client.request(endpoint) for _ in range(12)))
    assert peak > 3  # without the cap the same fan-out does run wider


async def test_elapsed_leaves_out_the_wait_for_a_concurrency_slot(server: ServerFactory) -> None:
    slow_started = asyncio.Event()

    async def slow(request: web.Request) -> web.Response:
        slow_started.set()
        await asyncio.sleep(0.6)
        return web.json_response({})

    async def fast(request: web.Request) -> web.Response:
        return web.json_response({})

    app = web.Application()
    app.router.add_get("/slow", slow)
    app.router.add_get("/fast", fast)
    base = await server(app)
    spec = {"200": ResponseSpec("json")}
    slow_endpoint: Endpoint[Any] = Endpoint(method="GET", path="/slow", responses=spec)
    fast_endpoint: Endpoint[Any] = Endpoint(method="GET", path="/fast", responses=spec)

    async def fetch(client: BaseClient) -> Any:
        return await client.request(fast_endpoint)

    async with BaseClient(base_url=base, max_concurrency=1) as client:
        holder = asyncio.create_task(client.request(slow_endpoint))
        await slow_started.wait()  # the only slot is taken
        started = asyncio.get_running_loop().time()
        raw = await to_raw_response_wrapper(fetch)(client)
        waited = asyncio.get_running_loop().time() - started
        await holder
    assert waited >= 0.4  # it did queue behind the slow request...
    assert raw.elapsed < 0.3  # ...but its elapsed time counts from sending it


async def test_multipart_upload(server: ServerFactory, tmp_path: Path) -> None:
    async def receive(request: web.Request) -> web.Response:
        assert request.content_type == "multipart/form-data"
        parts = []
        reader = await request.multipart()
        async for part in reader:
            assert isinstance(part, aiohttp.BodyPartReader)
            parts.append(
                {
                    "name": part.name,
                    "filename": part.filename,
                    "type": part.headers.get("Content-Type"),
                    "data": (await part.read()).decode("latin-1"),
                }
            )
        return web.json_response(parts)

    app = web.Application()
    app.router.add_post("/upload", receive)
    base = await server(app)
    endpoint: Endpoint[Any] = Endpoint(
        method="POST",
        path="/upload",
        body=(Body("multipart/form-data", "multipart"),),
        responses={"200": ResponseSpec("json")},
    )
    disk_file = tmp_path / "photo.jpg"
    disk_file.write_bytes(b"\xff\xd8jpeg")
    with disk_file.open("rb") as handle:
        async with BaseClient(base_url=base) as client:
            parts = await client.request(
                endpoint,
                (),
                {
                    "title": "My pet",
                    "count": 3,
                    "meta": {"a": [1, 2]},
                    "avatar": ("me.png", b"\x89PNG", "image/png"),
                    "raw": b"\x00\x01",
                    "photo": handle,
                    "buffer": io.BytesIO(b"buffered"),
                    "tags": ["x", "y"],
                },
            )
    by_name: dict[str, list[dict[str, Any]]] = {}
    for part in parts:
        by_name.setdefault(part["name"], []).append(part)
    assert by_name["title"][0]["data"] == "My pet"
    assert by_name["title"][0]["filename"] is None
    assert by_name["count"][0]["data"] == "3"
    assert json.loads(by_name["meta"][0]["data"]) == {"a": [1, 2]}
    assert by_name["meta"][0]["type"] == "application/json"
    assert by_name["avatar"][0] == {
        "name": "avatar",
        "filename": "me.png",
        "type": "image/png",
        "data": "\x89PNG",
    }
    assert by_name["raw"][0]["filename"] == "raw"
    assert by_name["raw"][0]["data"] == "\x00\x01"
    assert by_name["photo"][0]["filename"] == "photo.jpg"
    assert by_name["photo"][0]["data"] == "\xff\xd8jpeg"
    assert by_name["buffer"][0]["data"] == "buffered"
    assert [p["data"] for p in by_name["tags"]] == ["x", "y"]


async def test_file_body_is_replayed_on_retry(server: ServerFactory, tmp_path: Path) -> None:
    received: list[bytes] = []

    async def receive(request: web.Request) -> web.Response:
        received.append(await request.read())
        if len(received) == 1:
            return web.Response(status=503)
        return web.Response(status=204)

    app = web.Application()
    app.router.add_put("/blob", receive)
    base = await server(app)
    endpoint: Endpoint[None] = Endpoint(
        method="PUT",
        path="/blob",
        body=(Body("application/octet-stream", "binary"),),
        responses={"204": ResponseSpec("empty")},
    )
    payload = bytes(range(256)) * 1000
    path = tmp_path / "blob.bin"
    path.write_bytes(payload)
    with path.open("rb") as handle:
        async with BaseClient(base_url=base) as client:
            assert await client.request(endpoint, (), handle) is None
    assert received == [payload, payload]


async def test_post_is_retried_when_the_connection_is_refused(
    recorded_sleeps: list[float],
) -> None:
    with socket.socket() as sock:  # find a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    endpoint: Endpoint[Any] = Endpoint(
        method="POST",
        path="/x",
        body=(Body("application/json", "json"),),
        responses={"200": ResponseSpec("json")},
    )
    async with BaseClient(base_url=f"http://127.0.0.1:{port}") as client:
        with pytest.raises(APIConnectionError) as info:
            await client.request(endpoint, (), {"a": 1})
    assert len(recorded_sleeps) == 2
    assert isinstance(info.value.__cause__, aiohttp.ClientConnectorError)


async def test_unread_stream_releases_its_connection(server: ServerFactory) -> None:
    async def big(request: web.Request) -> web.Response:
        return web.Response(body=b"x" * 1_000_000)

    app = web.Application()
    app.router.add_get("/big", big)
    base = await server(app)
    endpoint: Endpoint[bytes] = Endpoint(
        method="GET", path="/big", responses={"200": ResponseSpec("binary")}
    )

    async def fetch(client: BaseClient) -> bytes:
        return await client.request(endpoint)

    async with BaseClient(base_url=base, connector_limit=1, max_concurrency=1) as client:
        for _ in range(3):  # would hang on the second iteration if the slot leaked
            async with to_streamed_response_wrapper(fetch)(client) as response:
                assert response.status_code == 200
        assert await asyncio.wait_for(fetch(client), 5) == b"x" * 1_000_000
