"""Redirects beyond the fault matrix: method rewriting, credentials that stay dropped, unusable
Locations, credential-bearing extra headers, and one time budget across all hops."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from types import ModuleType
from typing import Any

import aiohttp
import pytest

from .conftest import BEARER, CREDENTIAL_SETS, LeakCheck, leaked_fragments
from .servers import FaultServer, RecordingServer
from .test_faults import assert_no_credentials


@pytest.fixture
def servers(fault_server: FaultServer, other_server: RecordingServer) -> FaultServer:
    fault_server.other = other_server.base
    return fault_server


async def test_303_after_post_continues_as_a_get_without_body_or_credentials(
    sdk: ModuleType,
    make_client: Callable[..., Any],
    servers: FaultServer,
    other_server: RecordingServer,
    leak_check: LeakCheck,
) -> None:
    client = make_client(base_url=f"{servers.base}/v1", **CREDENTIAL_SETS["bearer"])
    body = sdk.models.Item(id="posted", name="payload")
    result = await client.items.touch_item("redirect-303", body=body)
    assert result.id == "elsewhere"
    [first] = servers.seen
    assert first.method == "POST" and first.body
    [hop] = other_server.seen
    assert hop.method == "GET"
    assert hop.body == b""
    assert "Content-Type" not in hop.headers
    assert_no_credentials(hop.headers, hop.path_qs)
    await leak_check(client, servers, other_server)


async def test_credentials_stay_dropped_after_coming_back_to_the_origin(
    sdk: ModuleType,
    make_client: Callable[..., Any],
    servers: FaultServer,
    other_server: RecordingServer,
    leak_check: LeakCheck,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    client = make_client(base_url=f"{servers.base}/v1", **CREDENTIAL_SETS["basic"])
    result = await client.items.get_item("redirect-away-and-back", seq=3)
    assert result.id == "ok"
    first, back = servers.seen
    assert first.headers["X-API-Key"]
    [bounce] = other_server.seen
    assert_no_credentials(bounce.headers, bounce.path_qs)
    assert_no_credentials(back.headers, back.path_qs)  # like browsers, aiohttp and requests
    assert "seq=3" in back.path_qs
    assert "credentials dropped" in caplog.text
    assert leaked_fragments(caplog.text) == []
    await leak_check(client, servers, other_server)


@pytest.mark.parametrize(
    ("fault", "status"), [("redirect-no-location", 302), ("redirect-ftp", 301)]
)
async def test_a_redirect_without_usable_location_is_returned_as_a_status_error(
    fault: str,
    status: int,
    sdk: ModuleType,
    make_client: Callable[..., Any],
    servers: FaultServer,
    recorded_sleeps: list[float],
    leak_check: LeakCheck,
) -> None:
    client = make_client(base_url=f"{servers.base}/v1", **CREDENTIAL_SETS["bearer"])
    with pytest.raises(sdk.errors.APIStatusError) as caught:
        await client.items.get_item(fault)
    assert caught.value.status_code == status
    assert servers.attempts[fault] == 1  # 3xx is not retried
    if fault == "redirect-no-location":
        assert caught.value.body == "moved, but where?"
    await leak_check(client, servers)


async def test_extra_headers_carrying_a_credential_do_not_follow_to_another_origin(
    sdk: ModuleType,
    make_client: Callable[..., Any],
    servers: FaultServer,
    other_server: RecordingServer,
    leak_check: LeakCheck,
) -> None:
    client = make_client(base_url=f"{servers.base}/v1", **CREDENTIAL_SETS["bearer"])
    await client.items.get_item(
        "redirect-cross-origin",
        extra_headers={"X-Forwarded-Token": f"token {BEARER}", "X-Trace": "trace-1"},
    )
    assert servers.seen[0].headers["X-Forwarded-Token"] == f"token {BEARER}"
    [hop] = other_server.seen
    assert "X-Forwarded-Token" not in hop.headers
    assert hop.headers["X-Trace"] == "trace-1"  # headers without credentials still follow
    assert_no_credentials(hop.headers, hop.path_qs)
    await leak_check(client, servers, other_server)


async def test_a_credential_nested_in_a_query_value_does_not_follow(
    make_client: Callable[..., Any],
    servers: FaultServer,
    other_server: RecordingServer,
    leak_check: LeakCheck,
) -> None:
    client = make_client(base_url=f"{servers.base}/v1", **CREDENTIAL_SETS["bearer"])
    await client.items.get_item("redirect-nested-key")
    [hop] = other_server.seen
    assert hop.path_qs == "/v1/items/moved?page=2"
    assert_no_credentials(hop.headers, hop.path_qs)
    await leak_check(client, servers, other_server)


async def test_all_hops_share_one_total_timeout(
    sdk: ModuleType, make_client: Callable[..., Any], servers: FaultServer, leak_check: LeakCheck
) -> None:
    client = make_client(
        base_url=f"{servers.base}/v1",
        timeout=aiohttp.ClientTimeout(total=0.5),
        max_retries=0,
        **CREDENTIAL_SETS["bearer"],
    )
    started = time.monotonic()
    with pytest.raises(sdk.errors.APITimeoutError):
        await client.items.get_item("slow-redirect")
    elapsed = time.monotonic() - started
    # Hops take 0.2 s each: a fresh budget per hop would run to the 10-redirect limit (2 s).
    assert servers.attempts["slow-redirect"] <= 3
    assert elapsed < 1.5
    await leak_check(client, servers)
