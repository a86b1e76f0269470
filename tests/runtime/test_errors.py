"""Status errors, error bodies and response validation."""

from __future__ import annotations

import asyncio

import pytest
from aioresponses import aioresponses
from aiosdkgen.runtime import (
    APIConnectionError,
    APIError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    BaseClient,
    ConflictError,
    Endpoint,
    InternalServerError,
    NotFoundError,
    Param,
    PermissionDeniedError,
    RateLimitError,
    ResponseSpec,
    ResponseValidationError,
    UnprocessableEntityError,
)

from .helpers import BASE, GET_PET, Error, Pet

NO_DEFAULT: Endpoint[Pet] = Endpoint(
    method="GET",
    path="/pets/{petId}",
    params=(Param("petId", "path"),),
    responses={"200": ResponseSpec("json", Pet), "404": ResponseSpec("json", Error)},
)
RANGE: Endpoint[Pet] = Endpoint(
    method="GET",
    path="/pets/{petId}",
    params=(Param("petId", "path"),),
    responses={"200": ResponseSpec("json", Pet), "4XX": ResponseSpec("json", Error)},
)


async def test_a_lazily_loaded_error_type_is_loaded_once_when_its_error_comes(
    mocked: aioresponses,
) -> None:
    loads: list[str] = []

    def error_type() -> type[Error]:
        loads.append("Error")
        return Error

    spec = ResponseSpec("json", load=error_type)
    endpoint: Endpoint[Pet] = Endpoint(
        method="GET",
        path="/pets/{petId}",
        params=(Param("petId", "path"),),
        responses={"200": ResponseSpec("json", Pet), "404": spec},
    )
    mocked.get(f"{BASE}/pets/1", payload={"id": 1, "name": "Rex"})
    mocked.get(f"{BASE}/pets/2", status=404, payload={"code": 404, "message": "nope"}, repeat=True)
    async with BaseClient(base_url=BASE, max_retries=0) as client:
        assert await client.request(endpoint, (1,)) == Pet(id=1, name="Rex")
        assert loads == []  # a success never needs the error's type
        for _ in range(2):
            with pytest.raises(NotFoundError) as info:
                await client.request(endpoint, (2,))
            assert info.value.body == Error(code=404, message="nope")
    assert loads == ["Error"]
    assert spec == ResponseSpec("json", Error)


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (409, ConflictError),
        (422, UnprocessableEntityError),
        (429, RateLimitError),
        (500, InternalServerError),
        (503, InternalServerError),
        (418, APIStatusError),
    ],
)
async def test_status_maps_to_error_class_with_parsed_body(
    mocked: aioresponses, status: int, cls: type[APIStatusError]
) -> None:
    mocked.get(
        f"{BASE}/pets/1",
        status=status,
        payload={"code": status, "message": "nope"},
        headers={"x-request-id": "req-1"},
        repeat=True,
    )
    async with BaseClient(base_url=BASE, max_retries=0) as client:
        with pytest.raises(cls) as info:
            await client.request(GET_PET, (1,))
    err = info.value
    assert type(err) is cls
    assert err.status_code == status
    assert err.body == Error(code=status, message="nope")
    assert err.method == "GET"
    assert err.url == f"{BASE}/pets/1"
    assert err.request_id == "req-1"
    assert str(status) in str(err) and "nope" in str(err)


async def test_range_key_parses_error_body(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/pets/1", status=409, payload={"code": 9, "message": "dup"})
    async with BaseClient(base_url=BASE) as client:
        with pytest.raises(ConflictError) as info:
            await client.request(RANGE, (1,))
    assert info.value.body == Error(code=9, message="dup")


async def test_undeclared_status_body_is_decoded_json_then_text(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/pets/1", status=400, payload={"detail": "bad"})
    mocked.get(f"{BASE}/pets/2", status=403, body="plain words")
    mocked.get(f"{BASE}/pets/3", status=404, payload={"unexpected": True})
    async with BaseClient(base_url=BASE) as client:
        with pytest.raises(BadRequestError) as bad:
            await client.request(NO_DEFAULT, (1,))
        with pytest.raises(PermissionDeniedError) as denied:
            await client.request(NO_DEFAULT, (2,))
        with pytest.raises(NotFoundError) as missing:
            await client.request(NO_DEFAULT, (3,))
    assert bad.value.body == {"detail": "bad"}
    assert denied.value.body == "plain words"
    # Declared schema that does not fit: fall back to the decoded JSON.
    assert missing.value.body == {"unexpected": True}


async def test_success_body_not_matching_schema(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/pets/1", payload={"id": "not-a-number", "name": "x"})
    async with BaseClient(base_url=BASE, strict_response_validation=True) as client:
        with pytest.raises(ResponseValidationError) as info:
            await client.request(GET_PET, (1,))
    err = info.value
    assert err.status_code == 200
    assert b"not-a-number" in err.content
    assert err.headers["Content-Type"].startswith("application/json")
    assert err.errors and err.errors[0]["loc"] == ("id",)
    assert isinstance(err, APIError) and not isinstance(err, APIStatusError)


async def test_invalid_json_success_body(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/pets/1", body="{truncated", content_type="application/json")
    async with BaseClient(base_url=BASE) as client:
        with pytest.raises(ResponseValidationError):
            await client.request(GET_PET, (1,))


def test_timeout_error_is_also_asyncio_timeout_error() -> None:
    assert issubclass(APITimeoutError, APIConnectionError)
    assert issubclass(APITimeoutError, asyncio.TimeoutError)
    assert issubclass(APIConnectionError, APIError)


async def test_connection_error_is_wrapped(mocked: aioresponses) -> None:
    # aioresponses raises ClientConnectionError for unmatched URLs.
    async with BaseClient(base_url=BASE, max_retries=0) as client:
        with pytest.raises(APIConnectionError) as info:
            await client.request(GET_PET, (1,))
    assert not isinstance(info.value, APITimeoutError)
    assert info.value.url == f"{BASE}/pets/1"
