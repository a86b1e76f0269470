"""The cap on buffered bodies: its default, opting out, and streams that are never capped.
Raw and streamed response objects are grepped for credentials too."""

from __future__ import annotations

import logging
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest

from .conftest import CREDENTIAL_SETS, LeakCheck, leaked_fragments
from .servers import FaultServer

MiB = 1024 * 1024


async def test_default_cap_refuses_a_declared_10_gib_body_before_reading_it(
    sdk: ModuleType,
    make_client: Callable[..., Any],
    fault_server: FaultServer,
    leak_check: LeakCheck,
) -> None:
    client = make_client(base_url=f"{fault_server.base}/v1", **CREDENTIAL_SETS["bearer"])
    assert client.max_response_size == sdk._runtime.DEFAULT_MAX_RESPONSE_SIZE == 100 * MiB
    with pytest.raises(sdk.errors.ResponseTooLargeError) as caught:
        await client.items.get_item("huge-declared")
    error = caught.value
    assert error.content_length == 10 * 1024**3
    assert error.limit == 100 * MiB
    assert "max_response_size" in str(error)
    assert fault_server.attempts["huge-declared"] == 1  # not retried
    await leak_check(client, fault_server)


async def test_no_cap_reads_a_big_body(
    make_client: Callable[..., Any], fault_server: FaultServer, leak_check: LeakCheck
) -> None:
    client = make_client(base_url=f"{fault_server.base}/v1", max_response_size=None)
    assert await client.blobs.get_blob("big-blob") == b"\x00" * (8 * MiB)
    await leak_check(client, fault_server)


@pytest.mark.parametrize("fault", ["big-blob", "huge-chunked"])
async def test_streams_are_never_capped(
    fault: str,
    make_client: Callable[..., Any],
    fault_server: FaultServer,
    leak_check: LeakCheck,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    client = make_client(
        base_url=f"{fault_server.base}/v1", max_response_size=MiB, **CREDENTIAL_SETS["basic"]
    )
    total = 0
    async with client.blobs.with_streaming_response.get_blob(fault) as response:
        assert response.status_code == 200
        async for chunk in response.iter_bytes(65536):
            total += len(chunk)
        texts = [repr(response), response.url]
    assert total > 8 * MiB - 1
    texts += [repr(client), caplog.text]
    assert leaked_fragments("\n".join(texts)) == []
    await leak_check(client, fault_server)


async def test_raw_responses_hold_no_credentials(
    make_client: Callable[..., Any],
    fault_server: FaultServer,
    leak_check: LeakCheck,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    texts = []
    for credentials in CREDENTIAL_SETS.values():
        client = make_client(base_url=f"{fault_server.base}/v1", **credentials)
        for fault in ("ok", "redirect-same-origin", "json-as-text-html"):
            raw = await client.items.with_raw_response.get_item(fault, seq=2)
            assert raw.status_code == 200
            assert raw.parse().seq == 2
            texts += [repr(raw), raw.url, repr(raw.parse()), repr(client)]
        await leak_check(client, fault_server)
    assert leaked_fragments("\n".join([*texts, caplog.text])) == []
