"""Retries are bounded in count and in time, with real waits (no patched sleep).

Times are behaviour, not performance: a lower bound proves the wait the server asked for was
honoured, a generous upper bound proves the retries stopped within the configured budget.
"""

from __future__ import annotations

import asyncio
import email.utils
import time
from collections.abc import Awaitable, Callable
from types import ModuleType
from typing import Any

import aiohttp
import pytest

from .conftest import CREDENTIAL_SETS, LeakCheck
from .servers import FaultServer, stalled_listener

SLACK = 1.5  # seconds of margin on a slow, shared machine


@pytest.fixture
def waits(retry_module: ModuleType, monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Delays the SDK asked for; it really waits for each."""
    delays: list[float] = []
    real_sleep: Callable[[float], Awaitable[None]] = asyncio.sleep

    async def recording_sleep(delay: float) -> None:
        delays.append(delay)
        await real_sleep(delay)

    monkeypatch.setattr(retry_module, "sleep", recording_sleep)
    return delays


async def timed(call: Awaitable[Any]) -> tuple[Any, float]:
    started = time.monotonic()
    result = await call
    return result, time.monotonic() - started


async def test_stalled_server_retries_stop_within_the_budget(
    make_client: Callable[..., Any],
    fault_server: FaultServer,
    waits: list[float],
    leak_check: LeakCheck,
    sdk: ModuleType,
) -> None:
    client = make_client(
        base_url=f"{fault_server.base}/v1",
        timeout=aiohttp.ClientTimeout(total=5, sock_read=0.2),
        max_retries=2,
        **CREDENTIAL_SETS["bearer"],
    )
    started = time.monotonic()
    with pytest.raises(sdk.errors.APITimeoutError):
        await client.items.get_item("stall-headers")
    elapsed = time.monotonic() - started
    assert fault_server.attempts["stall-headers"] == 3
    assert len(waits) == 2
    assert 0.375 <= waits[0] <= 0.5 and 0.75 <= waits[1] <= 1.0  # backoff with jitter
    budget = 3 * 0.2 + sum(waits)
    assert budget <= elapsed < budget + SLACK
    await leak_check(client, fault_server)


@pytest.mark.parametrize(
    ("fault", "timeout", "limit"),
    [
        ("stall-headers", aiohttp.ClientTimeout(total=30, sock_read=0.2), 0.2),
        ("stall-body", aiohttp.ClientTimeout(total=30, sock_read=0.2), 0.2),
        ("slow-drip", aiohttp.ClientTimeout(total=0.5, sock_read=0.2), 0.5),
        ("connect-stall", aiohttp.ClientTimeout(total=30, connect=0.2), 0.2),
    ],
)
async def test_each_granular_timeout_fires_promptly(
    fault: str,
    timeout: aiohttp.ClientTimeout,
    limit: float,
    make_client: Callable[..., Any],
    fault_server: FaultServer,
    leak_check: LeakCheck,
    sdk: ModuleType,
) -> None:
    """With a generous total, sock_read or connect alone ends the call (and vice versa)."""
    with stalled_listener() as port:
        base = f"http://127.0.0.1:{port}" if fault == "connect-stall" else fault_server.base
        client = make_client(base_url=f"{base}/v1", timeout=timeout, max_retries=0)
        started = time.monotonic()
        with pytest.raises(sdk.errors.APITimeoutError):
            await client.items.get_item(fault)
        elapsed = time.monotonic() - started
    assert limit <= elapsed + 0.01 < limit + SLACK
    await leak_check(client, fault_server)


async def test_a_503_burst_is_ridden_out_with_backoff(
    make_client: Callable[..., Any],
    fault_server: FaultServer,
    waits: list[float],
    leak_check: LeakCheck,
) -> None:
    client = make_client(base_url=f"{fault_server.base}/v1", **CREDENTIAL_SETS["bearer"])
    result, elapsed = await timed(client.items.get_item("burst-503"))
    assert result.id == "burst-503"
    assert fault_server.attempts["burst-503"] == 3
    assert sum(waits) <= elapsed < sum(waits) + SLACK
    await leak_check(client, fault_server)


async def test_retry_after_in_seconds_is_waited_for(
    make_client: Callable[..., Any],
    fault_server: FaultServer,
    waits: list[float],
    leak_check: LeakCheck,
) -> None:
    client = make_client(base_url=f"{fault_server.base}/v1", **CREDENTIAL_SETS["basic"])
    result, elapsed = await timed(client.items.get_item("rate-limit-seconds"))
    assert result.id == "rate-limit-seconds"
    assert waits == [1.0]
    assert 1.0 <= elapsed < 1.0 + SLACK
    await leak_check(client, fault_server)


async def test_retry_after_as_an_http_date_is_waited_for(
    make_client: Callable[..., Any],
    fault_server: FaultServer,
    waits: list[float],
    leak_check: LeakCheck,
) -> None:
    client = make_client(base_url=f"{fault_server.base}/v1", **CREDENTIAL_SETS["bearer"])
    result, elapsed = await timed(client.items.get_item("rate-limit-date"))
    assert result.id == "rate-limit-date"
    [delay] = waits
    assert 0.5 < delay <= 2.0  # "now + 2 s" at one-second resolution
    assert delay <= elapsed < delay + SLACK
    await leak_check(client, fault_server)


@pytest.mark.parametrize(
    ("retry_after", "expected"),
    [
        ("3600", [60.0, 60.0]),  # clamped to MAX_RETRY_AFTER
        (email.utils.formatdate(time.time() + 7200, usegmt=True), [60.0, 60.0]),
        ("Wed, 21 Oct 2015 07:28:00 GMT", [0.0, 0.0]),  # a date in the past: retry now
        ("-5", [0.0, 0.0]),
        ("soon", None),  # unparsable: ordinary backoff
    ],
    ids=["seconds-huge", "date-far", "date-past", "negative", "garbage"],
)
async def test_retry_after_values_are_clamped(
    retry_after: str,
    expected: list[float] | None,
    make_client: Callable[..., Any],
    fault_server: FaultServer,
    recorded_sleeps: list[float],
    retry_module: ModuleType,
    monkeypatch: pytest.MonkeyPatch,
    leak_check: LeakCheck,
    sdk: ModuleType,
) -> None:
    monkeypatch.setattr(retry_module, "random", lambda: 0.0)
    client = make_client(base_url=f"{fault_server.base}/v1", **CREDENTIAL_SETS["bearer"])
    with pytest.raises(sdk.errors.RateLimitError) as caught:
        await client.items.get_item(
            "rate-limit-header", extra_headers={"X-Test-Retry-After": retry_after}
        )
    assert caught.value.headers["Retry-After"] == retry_after  # the caller can reschedule
    assert fault_server.attempts["rate-limit-header"] == 3
    assert recorded_sleeps == (expected if expected is not None else [0.5, 1.0])
    await leak_check(client, fault_server)


async def test_per_call_max_retries_bounds_the_count(
    make_client: Callable[..., Any],
    fault_server: FaultServer,
    recorded_sleeps: list[float],
    leak_check: LeakCheck,
    sdk: ModuleType,
) -> None:
    client = make_client(base_url=f"{fault_server.base}/v1", max_retries=5)
    with pytest.raises(sdk.errors.InternalServerError):
        await client.items.get_item("burst-503-long", max_retries=0)
    assert fault_server.attempts["burst-503-long"] == 1
    with pytest.raises(sdk.errors.InternalServerError):
        await client.items.get_item("html-502")
    assert fault_server.attempts["html-502"] == 6
    assert len(recorded_sleeps) == 5
    await leak_check(client, fault_server)
