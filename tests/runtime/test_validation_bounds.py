"""A `ResponseValidationError` keeps a bounded number of errors and a bounded message, whatever
the body (issue 18, item 7): a 2 MB ``[1,1,…]`` that does not fit ``list[Pet]`` fails in a
million places. Measured as memory (Python allocations, `tracemalloc`), never as time."""

from __future__ import annotations

import tracemalloc
from typing import Any

import pytest
from aiohttp import web
from aiosdkgen.runtime import (
    BaseClient,
    Endpoint,
    InternalServerError,
    ResponseSpec,
    ResponseValidationError,
)
from aiosdkgen.runtime._response import (
    MAX_DECODED_ERROR_BODY,
    MAX_SUMMARY,
    MAX_VALIDATION_ERRORS,
)

from .conftest import ServerFactory
from .helpers import Pet

LIST_PETS: Endpoint[list[Pet]] = Endpoint(
    method="GET", path="/pets", responses={"200": ResponseSpec("json", list[Pet])}
)
ITEMS = 1_000_000
BODY = b"[" + b",".join([b"1"] * ITEMS) + b"]"  # 2 MB


async def _serve(server: ServerFactory, body: bytes) -> str:
    async def handler(request: web.Request) -> web.Response:
        return web.Response(body=body, content_type="application/json")

    app = web.Application()
    app.router.add_get("/pets", handler)
    return await server(app)


async def test_a_body_failing_a_million_times_keeps_a_bounded_error(
    server: ServerFactory,
) -> None:
    base = await _serve(server, BODY)
    async with BaseClient(base_url=base, max_retries=0) as client:
        await client.request(
            Endpoint(method="GET", path="/pets", responses={"200": ResponseSpec("json")})
        )  # the session and its connection exist before measuring
        tracemalloc.start()
        try:
            with client.response_validation(strict=True):
                try:
                    await client.request(LIST_PETS)
                except ResponseValidationError as exc:
                    error: Any = exc
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert len(error.errors) == MAX_VALIDATION_ERRORS
    assert error.errors[0]["loc"] == (0,) or error.errors[0]["loc"] == [0]
    message = str(error)
    assert len(message) < MAX_SUMMARY + 500
    assert f"{ITEMS} validation errors" in message
    assert f"the first {MAX_VALIDATION_ERRORS} listed" in message
    # Before: a million error dicts (~1 GB) and a 164 MB message. Now: pydantic's errors as one
    # ~71 MB JSON text, read for the first ones and dropped, besides the 2 MB body.
    assert peak < 150 * 1024 * 1024, peak


async def test_a_few_errors_are_all_kept_with_their_inputs(server: ServerFactory) -> None:
    base = await _serve(server, b'[{"id": 1, "name": "a"}, 7, {"id": "x", "name": "b"}]')
    async with BaseClient(base_url=base, max_retries=0) as client:
        with client.response_validation(strict=True):
            try:
                await client.request(LIST_PETS)
            except ResponseValidationError as exc:
                error: Any = exc
    assert len(error.errors) == 2
    assert error.errors[0]["input"] == 7
    assert "2 validation errors" in str(error)


async def test_a_large_json_error_body_is_not_decoded(server: ServerFactory) -> None:
    """A 4 MB error body ``[{},{},…]`` would be 1.3 million dicts (~50x its size) if decoded:
    past `MAX_DECODED_ERROR_BODY` it is kept as text."""
    big = b"[" + b",".join([b"{}"] * 1_400_000) + b"]"
    assert len(big) > MAX_DECODED_ERROR_BODY

    async def handler(request: web.Request) -> web.Response:
        return web.Response(status=500, body=big, content_type="application/json")

    app = web.Application()
    app.router.add_get("/pets", handler)
    base = await server(app)
    async with BaseClient(base_url=base, max_retries=0) as client:
        with pytest.raises(InternalServerError):  # the session exists before measuring
            await client.request(LIST_PETS)
        tracemalloc.start()
        try:
            with pytest.raises(InternalServerError) as info:
                await client.request(LIST_PETS)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert isinstance(info.value.body, str) and info.value.body.startswith("[{},{}")
    assert info.value.content == big
    # Decoded, the list alone is over 80 MB; the bytes and their text are 8 MB.
    assert peak < 40 * 1024 * 1024, peak


async def test_a_small_json_error_body_is_still_decoded(server: ServerFactory) -> None:
    async def handler(request: web.Request) -> web.Response:
        return web.Response(status=500, body=b'{"code": 5}', content_type="application/json")

    app = web.Application()
    app.router.add_get("/pets", handler)
    base = await server(app)
    async with BaseClient(base_url=base, max_retries=0) as client:
        with pytest.raises(InternalServerError) as info:
            await client.request(LIST_PETS)
    assert info.value.body == {"code": 5}
