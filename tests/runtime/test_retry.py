"""Retry policy: counts, backoff delays, Retry-After, idempotency rules."""

from __future__ import annotations

import asyncio
import email.utils
import logging
import time
from types import SimpleNamespace
from typing import Any

import aiohttp
import pytest
import yarl
from aioresponses import aioresponses
from aiosdkgen.runtime import (
    APIConnectionError,
    APITimeoutError,
    BaseClient,
    Body,
    Endpoint,
    InternalServerError,
    NotFoundError,
    RateLimitError,
    ResponseSpec,
    _retry,
)

from .helpers import BASE, GET_PET, Pet, requests_made

URL = f"{BASE}/pets/1"
PET = {"id": 1, "name": "Rex"}

CREATE: Endpoint[Pet] = Endpoint(
    method="POST",
    path="/pets",
    body=(Body("application/json", "json"),),
    responses={"201": ResponseSpec("json", Pet)},
)
UPDATE: Endpoint[Pet] = Endpoint(
    method="PATCH",
    path="/pets",
    body=(Body("application/json", "json"),),
    responses={"200": ResponseSpec("json", Pet)},
)
CREATE_IDEMPOTENT: Endpoint[Pet] = Endpoint(
    method="POST",
    path="/pets",
    body=(Body("application/json", "json"),),
    responses={"201": ResponseSpec("json", Pet)},
    idempotent=True,
)


@pytest.fixture(autouse=True)
def no_jitter(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_retry, "random", lambda: 0.0)


def connector_error() -> aiohttp.ClientConnectorError:
    key: Any = SimpleNamespace(host="api.example.test", port=443, ssl=True)
    return aiohttp.ClientConnectorError(key, OSError(111, "Connection refused"))


async def test_get_is_retried_with_exponential_backoff(
    mocked: aioresponses, recorded_sleeps: list[float]
) -> None:
    mocked.get(URL, status=503)
    mocked.get(URL, status=502)
    mocked.get(URL, payload=PET)
    async with BaseClient(base_url=BASE) as client:
        assert await client.request(GET_PET, (1,)) == Pet(id=1, name="Rex")
    assert len(requests_made(mocked)) == 3
    assert recorded_sleeps == [0.5, 1.0]


async def test_retries_are_exhausted_then_error_is_raised(
    mocked: aioresponses, recorded_sleeps: list[float]
) -> None:
    mocked.get(URL, status=500, repeat=True)
    async with BaseClient(base_url=BASE) as client:
        with pytest.raises(InternalServerError):
            await client.request(GET_PET, (1,))
    assert recorded_sleeps == [0.5, 1.0]  # default max_retries=2 → 3 attempts


async def test_backoff_is_capped(mocked: aioresponses, recorded_sleeps: list[float]) -> None:
    mocked.get(URL, status=504, repeat=True)
    async with BaseClient(base_url=BASE, max_retries=7) as client:
        with pytest.raises(InternalServerError):
            await client.request(GET_PET, (1,))
    assert recorded_sleeps == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0]


async def test_jitter_shortens_delays_by_at_most_a_quarter(
    mocked: aioresponses, recorded_sleeps: list[float], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_retry, "random", lambda: 0.999)
    mocked.get(URL, status=500, repeat=True)
    async with BaseClient(base_url=BASE) as client:
        with pytest.raises(InternalServerError):
            await client.request(GET_PET, (1,))
    assert recorded_sleeps == pytest.approx([0.5 * 0.75025, 1.0 * 0.75025])


async def test_per_call_max_retries_overrides_client(
    mocked: aioresponses, recorded_sleeps: list[float]
) -> None:
    mocked.get(URL, status=500, repeat=True)
    async with BaseClient(base_url=BASE, max_retries=5) as client:
        with pytest.raises(InternalServerError):
            await client.request(GET_PET, (1,), max_retries=0)
        assert recorded_sleeps == []
        with pytest.raises(InternalServerError):
            await client.request(GET_PET, (1,), max_retries=1)
    assert recorded_sleeps == [0.5]


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
async def test_retryable_statuses(
    mocked: aioresponses, recorded_sleeps: list[float], status: int
) -> None:
    mocked.get(URL, status=status)
    mocked.get(URL, payload=PET)
    async with BaseClient(base_url=BASE) as client:
        await client.request(GET_PET, (1,))
    assert len(recorded_sleeps) == 1


@pytest.mark.parametrize("status", [400, 401, 404, 409, 501])
async def test_non_retryable_statuses(
    mocked: aioresponses, recorded_sleeps: list[float], status: int
) -> None:
    mocked.get(URL, status=status, repeat=True)
    async with BaseClient(base_url=BASE) as client:
        with pytest.raises(Exception) as info:
            await client.request(GET_PET, (1,))
    assert getattr(info.value, "status_code", None) == status
    assert recorded_sleeps == []


async def test_retry_after_seconds(mocked: aioresponses, recorded_sleeps: list[float]) -> None:
    mocked.get(URL, status=429, headers={"Retry-After": "3"})
    mocked.get(URL, payload=PET)
    async with BaseClient(base_url=BASE) as client:
        await client.request(GET_PET, (1,))
    assert recorded_sleeps == [3.0]


async def test_retry_after_http_date(mocked: aioresponses, recorded_sleeps: list[float]) -> None:
    when = email.utils.formatdate(time.time() + 20, usegmt=True)
    mocked.get(URL, status=503, headers={"Retry-After": when})
    mocked.get(URL, payload=PET)
    async with BaseClient(base_url=BASE) as client:
        await client.request(GET_PET, (1,))
    assert len(recorded_sleeps) == 1
    assert 17.0 <= recorded_sleeps[0] <= 20.0


async def test_retry_after_ms_wins(mocked: aioresponses, recorded_sleeps: list[float]) -> None:
    mocked.get(URL, status=429, headers={"retry-after-ms": "1500", "Retry-After": "9"})
    mocked.get(URL, payload=PET)
    async with BaseClient(base_url=BASE) as client:
        await client.request(GET_PET, (1,))
    assert recorded_sleeps == [1.5]


async def test_retry_after_is_capped(mocked: aioresponses, recorded_sleeps: list[float]) -> None:
    mocked.get(URL, status=429, headers={"Retry-After": "3600"})
    mocked.get(URL, status=429, headers={"Retry-After": "garbage"})
    mocked.get(URL, payload=PET)
    async with BaseClient(base_url=BASE) as client:
        await client.request(GET_PET, (1,))
    assert recorded_sleeps == [60.0, 1.0]  # capped; invalid header falls back to backoff


async def test_server_can_veto_retries(mocked: aioresponses, recorded_sleeps: list[float]) -> None:
    mocked.get(URL, status=503, headers={"x-should-retry": "false"})
    async with BaseClient(base_url=BASE) as client:
        with pytest.raises(InternalServerError):
            await client.request(GET_PET, (1,))
    assert recorded_sleeps == []


async def test_a_success_is_never_retried(
    mocked: aioresponses, recorded_sleeps: list[float]
) -> None:
    # `x-should-retry` speaks to failures: on a 2xx it is ignored.
    mocked.get(URL, payload=PET, headers={"x-should-retry": "true"})
    mocked.get(URL, payload={**PET, "name": "second"})
    async with BaseClient(base_url=BASE) as client:
        result = await client.request(GET_PET, (1,))
    assert result == Pet.model_validate(PET)
    assert recorded_sleeps == []


@pytest.mark.parametrize("endpoint", [CREATE, UPDATE])
async def test_post_and_patch_are_not_retried_when_maybe_processed(
    mocked: aioresponses, recorded_sleeps: list[float], endpoint: Endpoint[Pet]
) -> None:
    mocked.add(f"{BASE}/pets", endpoint.method, status=500, repeat=True)
    async with BaseClient(base_url=BASE) as client:
        with pytest.raises(InternalServerError):
            await client.request(endpoint, (), {"name": "a"})
    assert recorded_sleeps == []


@pytest.mark.parametrize("endpoint", [CREATE, UPDATE])
async def test_post_and_patch_timeouts_are_not_retried(
    mocked: aioresponses, recorded_sleeps: list[float], endpoint: Endpoint[Pet]
) -> None:
    mocked.add(f"{BASE}/pets", endpoint.method, exception=asyncio.TimeoutError(), repeat=True)
    async with BaseClient(base_url=BASE) as client:
        with pytest.raises(APITimeoutError):
            await client.request(endpoint, (), {"name": "a"})
    assert recorded_sleeps == []


@pytest.mark.parametrize("status", [429, 503])
async def test_post_is_retried_when_server_did_not_process_it(
    mocked: aioresponses, recorded_sleeps: list[float], status: int
) -> None:
    mocked.post(f"{BASE}/pets", status=status)
    mocked.post(f"{BASE}/pets", status=201, payload=PET)
    async with BaseClient(base_url=BASE) as client:
        assert await client.request(CREATE, (), {"name": "a"}) == Pet(id=1, name="Rex")
    assert len(recorded_sleeps) == 1


async def test_post_is_retried_when_connection_was_refused(
    mocked: aioresponses, recorded_sleeps: list[float]
) -> None:
    mocked.post(f"{BASE}/pets", exception=connector_error())
    mocked.post(f"{BASE}/pets", status=201, payload=PET)
    async with BaseClient(base_url=BASE) as client:
        await client.request(CREATE, (), {"name": "a"})
    assert recorded_sleeps == [0.5]


async def test_post_disconnect_after_sending_is_not_retried(
    mocked: aioresponses, recorded_sleeps: list[float]
) -> None:
    mocked.post(f"{BASE}/pets", exception=aiohttp.ServerDisconnectedError(), repeat=True)
    async with BaseClient(base_url=BASE) as client:
        with pytest.raises(APIConnectionError):
            await client.request(CREATE, (), {"name": "a"})
    assert recorded_sleeps == []


async def test_client_opt_in_retries_post(
    mocked: aioresponses, recorded_sleeps: list[float]
) -> None:
    mocked.post(f"{BASE}/pets", status=500)
    mocked.post(f"{BASE}/pets", status=201, payload=PET)
    async with BaseClient(base_url=BASE, retry_non_idempotent=True) as client:
        await client.request(CREATE, (), {"name": "a"})
    assert recorded_sleeps == [0.5]


async def test_endpoint_marked_idempotent_retries_post(
    mocked: aioresponses, recorded_sleeps: list[float]
) -> None:
    mocked.post(f"{BASE}/pets", status=502)
    mocked.post(f"{BASE}/pets", status=201, payload=PET)
    async with BaseClient(base_url=BASE) as client:
        await client.request(CREATE_IDEMPOTENT, (), {"name": "a"})
    assert recorded_sleeps == [0.5]


async def test_idempotency_key_is_kept_across_retries(
    mocked: aioresponses, recorded_sleeps: list[float]
) -> None:
    mocked.post(f"{BASE}/pets", status=500)
    mocked.post(f"{BASE}/pets", exception=aiohttp.ServerDisconnectedError())
    mocked.post(f"{BASE}/pets", status=201, payload=PET)
    async with BaseClient(base_url=BASE) as client:
        await client.request(
            CREATE, (), {"name": "a"}, extra_headers={"Idempotency-Key": "key-123"}
        )
    sent = [call.kwargs for call in mocked.requests[("POST", yarl.URL(f"{BASE}/pets"))]]
    assert len(sent) == 3
    assert [kw["headers"]["Idempotency-Key"] for kw in sent] == ["key-123"] * 3
    assert [kw["data"] for kw in sent] == [b'{"name":"a"}'] * 3
    assert recorded_sleeps == [0.5, 1.0]


async def test_timeouts_are_retried_then_raise_api_timeout_error(
    mocked: aioresponses, recorded_sleeps: list[float]
) -> None:
    mocked.get(URL, exception=asyncio.TimeoutError(), repeat=True)
    async with BaseClient(base_url=BASE) as client:
        with pytest.raises(APITimeoutError) as info:
            await client.request(GET_PET, (1,))
    assert isinstance(info.value, asyncio.TimeoutError)
    assert recorded_sleeps == [0.5, 1.0]


async def test_one_shot_body_is_never_retried(
    mocked: aioresponses, recorded_sleeps: list[float]
) -> None:
    upload: Endpoint[None] = Endpoint(
        method="PUT",
        path="/blob",
        body=(Body("application/octet-stream", "binary"),),
        responses={"204": ResponseSpec("empty")},
    )

    async def chunks() -> Any:
        yield b"abc"

    mocked.put(f"{BASE}/blob", status=503, repeat=True)
    async with BaseClient(base_url=BASE) as client:
        with pytest.raises(InternalServerError):
            await client.request(upload, (), chunks())
    assert recorded_sleeps == []


async def test_retries_are_logged_at_debug(
    mocked: aioresponses, caplog: pytest.LogCaptureFixture
) -> None:
    mocked.get(URL, status=503)
    mocked.get(URL, status=404)
    caplog.set_level(logging.DEBUG, logger="petstore")
    async with BaseClient(base_url=BASE, logger_name="petstore") as client:
        with pytest.raises(NotFoundError):
            await client.request(GET_PET, (1,))
    messages = [r.getMessage() for r in caplog.records if r.name == "petstore"]
    assert f"HTTP request: GET {URL}" in messages
    assert f"Retrying GET {URL} in 0.50s (retry 1 of 2) after HTTP 503" in messages
    assert any(m.startswith(f"HTTP response: GET {URL} -> 404") for m in messages)
    assert all(r.levelno == logging.DEBUG for r in caplog.records if r.name == "petstore")


async def test_rate_limit_error_after_retries(
    mocked: aioresponses, recorded_sleeps: list[float]
) -> None:
    mocked.get(URL, status=429, repeat=True, headers={"Retry-After": "1"})
    async with BaseClient(base_url=BASE, max_retries=3) as client:
        with pytest.raises(RateLimitError):
            await client.request(GET_PET, (1,))
    assert recorded_sleeps == [1.0, 1.0, 1.0]


def test_parse_retry_after_variants() -> None:
    now = 1_700_000_000.0
    date = email.utils.formatdate(now + 5, usegmt=True)
    assert _retry.parse_retry_after({"retry-after": date}, now=now) == pytest.approx(5.0)
    assert _retry.parse_retry_after({"retry-after": "2.5"}) == 2.5
    assert _retry.parse_retry_after({"retry-after": "nan"}) is None
    assert _retry.parse_retry_after({}) is None


async def test_concurrency_slot_is_free_while_backing_off(
    mocked: aioresponses, monkeypatch: pytest.MonkeyPatch
) -> None:
    mocked.get(URL, status=503)
    mocked.get(URL, exception=aiohttp.ServerDisconnectedError())
    mocked.get(URL, payload=PET)
    client = BaseClient(base_url=BASE, max_concurrency=1)
    held_while_sleeping: list[bool] = []

    async def checking_sleep(delay: float) -> None:
        assert client._semaphore is not None
        held_while_sleeping.append(client._semaphore.locked())

    monkeypatch.setattr(_retry, "sleep", checking_sleep)
    async with client:
        await client.request(GET_PET, (1,))
    assert held_while_sleeping == [False, False]
