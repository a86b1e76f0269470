"""Cancelling a call at any point leaves the client usable and leaks nothing.

The clients here allow one request in flight (`max_concurrency=1`) over one pooled connection
(`connector_limit=1`): a concurrency slot or a connection left behind by a cancelled call would
make the next call hang, so "the next call succeeds within 5 s" proves both were released.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Coroutine
from types import ModuleType
from typing import Any

import pytest

from .conftest import CREDENTIAL_SETS, LeakCheck, pool_counts
from .servers import FaultServer


def one_lane_client(make_client: Callable[..., Any], server: FaultServer, **kwargs: Any) -> Any:
    return make_client(
        base_url=f"{server.base}/v1",
        max_concurrency=1,
        connector_limit=1,
        **CREDENTIAL_SETS["bearer"],
        **kwargs,
    )


async def cancel_when(
    coro: Coroutine[Any, Any, Any], ready: Callable[[], Coroutine[Any, Any, Any]]
) -> float:
    """Run `coro`, cancel it once `ready()` returns; returns how long cancelling took."""
    task = asyncio.ensure_future(coro)
    await asyncio.wait_for(ready(), 5)
    assert not task.done()
    started = time.monotonic()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    return time.monotonic() - started


async def assert_usable(client: Any) -> None:
    acquired, _idle = pool_counts(client)
    assert acquired == 0
    result = await asyncio.wait_for(client.items.get_item("ok", seq=1), 5)
    assert result.id == "ok" and result.seq == 1


@pytest.mark.parametrize("fault", ["stall-headers", "stall-body", "slow-drip"])
async def test_cancel_mid_request(
    fault: str,
    make_client: Callable[..., Any],
    fault_server: FaultServer,
    leak_check: LeakCheck,
) -> None:
    client = one_lane_client(make_client, fault_server)
    fault_server.arrived.clear()

    async def arrived() -> None:
        await fault_server.arrived.wait()
        await asyncio.sleep(0.1)  # headers / the first bytes are on their way

    took = await cancel_when(client.items.get_item(fault), arrived)
    assert took < 1.0
    await assert_usable(client)
    await leak_check(client, fault_server)


async def test_cancel_mid_backoff(
    make_client: Callable[..., Any],
    fault_server: FaultServer,
    leak_check: LeakCheck,
) -> None:
    """Retry-After: 30 puts the call to sleep (for real); cancelling wakes it at once."""
    client = one_lane_client(make_client, fault_server)
    fault_server.arrived.clear()

    async def backing_off() -> None:
        await fault_server.arrived.wait()
        await asyncio.sleep(0.2)

    took = await cancel_when(client.items.get_item("rate-limit-long"), backing_off)
    assert took < 1.0
    assert fault_server.attempts["rate-limit-long"] == 1
    await assert_usable(client)
    await leak_check(client, fault_server)


async def test_cancel_mid_backoff_after_a_connection_error(
    make_client: Callable[..., Any],
    fault_server: FaultServer,
    retry_module: ModuleType,
    monkeypatch: pytest.MonkeyPatch,
    leak_check: LeakCheck,
) -> None:
    sleeping = asyncio.Event()
    real_sleep = asyncio.sleep

    async def long_sleep(delay: float) -> None:
        sleeping.set()
        await real_sleep(30)

    monkeypatch.setattr(retry_module, "sleep", long_sleep)
    client = one_lane_client(make_client, fault_server)
    took = await cancel_when(client.items.get_item("reset-mid-body"), sleeping.wait)
    assert took < 1.0
    monkeypatch.setattr(retry_module, "sleep", real_sleep)
    await assert_usable(client)
    await leak_check(client, fault_server)


async def test_cancel_while_streaming(
    make_client: Callable[..., Any],
    fault_server: FaultServer,
    leak_check: LeakCheck,
) -> None:
    client = one_lane_client(make_client, fault_server)
    got_chunk = asyncio.Event()

    async def stream() -> None:
        async with client.blobs.with_streaming_response.get_blob("big-blob") as response:
            async for _chunk in response.iter_bytes(4096):
                got_chunk.set()
                await asyncio.sleep(10)

    took = await cancel_when(stream(), got_chunk.wait)
    assert took < 1.0
    await assert_usable(client)
    await leak_check(client, fault_server)


async def test_cancel_between_redirect_hops(
    make_client: Callable[..., Any],
    fault_server: FaultServer,
    leak_check: LeakCheck,
) -> None:
    client = one_lane_client(make_client, fault_server)

    async def second_hop() -> None:
        while fault_server.attempts["slow-redirect"] < 2:
            await asyncio.sleep(0.01)

    took = await cancel_when(client.items.get_item("slow-redirect"), second_hop)
    assert took < 1.0
    await assert_usable(client)
    await leak_check(client, fault_server)


async def test_cancelling_many_concurrent_calls(
    make_client: Callable[..., Any],
    fault_server: FaultServer,
    leak_check: LeakCheck,
) -> None:
    client = make_client(
        base_url=f"{fault_server.base}/v1", connector_limit=16, **CREDENTIAL_SETS["basic"]
    )
    tasks = [asyncio.ensure_future(client.items.get_item("stall-headers")) for _ in range(64)]
    while fault_server.attempts["stall-headers"] < 16:  # the pool's worth is in flight
        await asyncio.sleep(0.01)
    for task in tasks:
        task.cancel()
    results = await asyncio.gather(*tasks, return_exceptions=True)
    assert all(isinstance(r, asyncio.CancelledError) for r in results)
    assert pool_counts(client)[0] == 0
    results = await asyncio.wait_for(
        asyncio.gather(*(client.items.get_item("ok", seq=i) for i in range(64))), 10
    )
    assert [r.seq for r in results] == list(range(64))
    await leak_check(client, fault_server)
