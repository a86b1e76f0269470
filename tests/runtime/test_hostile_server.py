"""Whatever a server sends, a call returns or raises one of the SDK's `APIError`s (issue 18).

Real servers on 127.0.0.1: the headers and bodies are sent byte for byte as written here.
"""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp import web
from aiosdkgen.runtime import (
    APIError,
    APIStatusError,
    BaseClient,
    Endpoint,
    Param,
    ResponseSpec,
    ResponseValidationError,
)

from .conftest import ServerFactory
from .helpers import Error, Pet

TYPED: Endpoint[Pet] = Endpoint(
    method="GET",
    path="/pets/{petId}",
    params=(Param("petId", "path"),),
    responses={"200": ResponseSpec("json", Pet), "default": ResponseSpec("json", Error)},
)
UNTYPED: Endpoint[Any] = Endpoint(
    method="GET", path="/pets/{petId}", params=(Param("petId", "path"),), responses={}
)
TEXT: Endpoint[str] = Endpoint(
    method="GET",
    path="/pets/{petId}",
    params=(Param("petId", "path"),),
    responses={"200": ResponseSpec("text"), "default": ResponseSpec("text")},
)

NESTED = b"[" * 1500 + b"]" * 1500  # 3 KB


async def _serve(server: ServerFactory, status: int, body: bytes, **headers: str) -> str:
    async def handler(request: web.Request) -> web.Response:
        return web.Response(status=status, body=body, headers=headers)

    app = web.Application()
    app.router.add_get("/pets/{petId}", handler)
    return await server(app)


@pytest.mark.parametrize("endpoint", [TYPED, UNTYPED, TEXT], ids=["typed", "untyped", "text"])
@pytest.mark.parametrize("status", [200, 500])
async def test_a_deeply_nested_json_body_raises_an_sdk_error_or_returns(
    server: ServerFactory, endpoint: Endpoint[Any], status: int
) -> None:
    base = await _serve(server, status, NESTED, **{"Content-Type": "application/json"})
    async with BaseClient(base_url=base, max_retries=0) as client:
        for strict in (True, False):
            with client.response_validation(strict=strict):
                try:
                    await client.request(endpoint, (1,))
                except APIError as exc:
                    if status == 500:
                        assert isinstance(exc, APIStatusError)
                        assert exc.body is not None  # kept as text, not lost
                    else:
                        assert isinstance(exc, ResponseValidationError)


@pytest.mark.parametrize("charset", ["x-nope", "idna", "base64", "punycode", "undefined"])
@pytest.mark.parametrize("endpoint", [TYPED, UNTYPED, TEXT], ids=["typed", "untyped", "text"])
@pytest.mark.parametrize("status", [200, 404])
async def test_an_unusable_charset_falls_back_to_utf8(
    server: ServerFactory, charset: str, endpoint: Endpoint[Any], status: int
) -> None:
    body = b"caf\xc3\xa9 \xff not json"
    base = await _serve(server, status, body, **{"Content-Type": f"text/plain; charset={charset}"})
    async with BaseClient(base_url=base, max_retries=0) as client:
        try:
            result = await client.request(endpoint, (1,))
        except APIStatusError as exc:
            assert status == 404
            assert "café \ufffd not json" in str(exc)
            assert exc.body == "café \ufffd not json"
        except ResponseValidationError:
            assert endpoint is TYPED
        else:
            assert result == "café \ufffd not json"


@pytest.mark.parametrize(
    "retry_after",
    [
        "Mon, 01 Jan 99999999999 00:00:00 GMT",
        "Mon, 01 Jan 100000 00:00:00 GMT",
        "Fri, 31 Dec 9999 23:59:59 -2359",
        "Mon, 01 Jan 0001 00:00:00 +2359",
        "1e999",
        "-1e999",
    ],
)
async def test_an_absurd_retry_after_is_clamped(
    server: ServerFactory, retry_after: str, recorded_sleeps: list[float]
) -> None:
    base = await _serve(server, 503, b"busy", **{"Retry-After": retry_after})
    async with BaseClient(base_url=base, max_retries=1) as client:
        with pytest.raises(APIStatusError) as info:
            await client.request(TEXT, (1,))
    assert info.value.status_code == 503
    assert len(recorded_sleeps) == 1
    assert 0.0 <= recorded_sleeps[0] <= 60.0


DOWNLOAD: Endpoint[str] = Endpoint(
    method="GET",
    path="/pets/{petId}",
    params=(Param("petId", "path"),),
    responses={"302": ResponseSpec("location", str)},
)


@pytest.mark.parametrize("location", ["http://[::1", "http://host:99999/x"])
async def test_a_redirect_answer_with_an_unparsable_location_raises_an_sdk_error(
    server: ServerFactory, location: str
) -> None:
    base = await _serve(server, 302, b"", Location=location)
    async with BaseClient(base_url=base, max_retries=0) as client:
        with pytest.raises(ResponseValidationError, match="Location"):
            await client.request(DOWNLOAD, (1,))
