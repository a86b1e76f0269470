"""20,000 requests through one client at concurrency 256, against a server in another process.

Every response must echo its request's id and sequence number (so a response delivered to the
wrong caller, or out of order, fails), none may error, peak and current RSS must stay flat
between a warm-up and the end, and connections must be reused: the server counts the distinct
TCP connections, which may not exceed the pool size.
"""

from __future__ import annotations

import asyncio
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from .conftest import CREDENTIAL_SETS, LeakCheck, pool_counts

REQUESTS = 20_000
WARM_UP = 2_000
CONCURRENCY = 256
MAX_GROWTH_MIB = 8


@pytest.fixture
def load_server() -> Iterator[str]:
    credentials = CREDENTIAL_SETS["bearer"]
    process = subprocess.Popen(
        [
            sys.executable,
            str(Path(__file__).with_name("load_server.py")),
            credentials["bearer_auth"],
            credentials["header_key"],
            credentials["query_key"],
            credentials["cookie_key"],
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("PORT "), line
        yield f"http://127.0.0.1:{int(line.split()[1])}"
    finally:
        assert process.stdin is not None
        process.stdin.close()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        assert process.stdout is not None
        process.stdout.close()


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def run(client: Any, start: int, stop: int, answered: bytearray) -> None:
    """Requests start..stop-1 through `CONCURRENCY` workers.

    Each response is checked against its own request as it arrives and only a flag is kept, so
    memory reflects the client, not 20,000 results held by the test.
    """
    cursor = iter(range(start, stop))

    async def worker() -> None:
        for seq in cursor:
            result = await client.items.get_item(f"item-{seq}", seq=seq)
            assert (result.id, result.seq, result.name) == (f"item-{seq}", seq, "load")
            answered[seq] += 1

    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))


def current_rss_mib() -> float:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / (1024 * 1024)


async def server_stats(base: str) -> dict[str, Any]:
    async with aiohttp.ClientSession() as session, session.get(f"{base}/stats") as response:
        stats: dict[str, Any] = json.loads(await response.read())
        return stats


async def test_20000_requests_at_concurrency_256(
    make_client: Callable[..., Any],
    load_server: str,
    leak_check: LeakCheck,
) -> None:
    client = make_client(
        base_url=f"{load_server}/v1",
        connector_limit=CONCURRENCY,
        max_concurrency=CONCURRENCY,
        max_retries=0,  # a failure must surface, not be papered over
        **CREDENTIAL_SETS["bearer"],
    )
    answered = bytearray(REQUESTS)
    started = time.monotonic()
    await asyncio.wait_for(run(client, 0, WARM_UP, answered), 600)
    rss_before, current_before = peak_rss_mib(), current_rss_mib()
    await asyncio.wait_for(run(client, WARM_UP, REQUESTS, answered), 600)
    rss_after, current_after = peak_rss_mib(), current_rss_mib()
    elapsed = time.monotonic() - started

    assert answered == b"\x01" * REQUESTS  # every request answered exactly once, by its own
    stats = await server_stats(load_server)
    acquired, idle = pool_counts(client)
    print(
        f"\nload: {REQUESTS} requests in {elapsed:.1f}s at concurrency {CONCURRENCY}; "
        f"{stats['connections']} new connections (pool: {idle} idle, {acquired} acquired); "
        f"client peak RSS {rss_before:.1f} MiB after {WARM_UP} -> {rss_after:.1f} MiB after "
        f"{REQUESTS} (current {current_before:.1f} -> {current_after:.1f} MiB); "
        f"server RSS {stats['rss'] / (1024 * 1024):.1f} MiB"
    )
    assert stats["served"] == REQUESTS
    assert stats["connections"] <= CONCURRENCY  # every connection reused ~80 times or more
    assert acquired == 0
    # Peak RSS is the process's high-water mark (earlier tests included); current RSS shows
    # the client's own footprint. Neither may grow with the number of requests.
    assert rss_after - rss_before < MAX_GROWTH_MIB
    assert current_after - current_before < MAX_GROWTH_MIB
    await leak_check(client)
