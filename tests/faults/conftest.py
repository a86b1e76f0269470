"""Fixtures for the fault-injection tests: a generated SDK, misbehaving servers on 127.0.0.1,
credentials to grep for, and leak checks.

* `sdk` generates ``faults.yaml`` (every auth scheme, a JSON, a non-idempotent and a binary
  operation) into a temporary directory once per session and imports it for real.
* `fault_server` is an aiohttp server whose behaviour is chosen by the item id in the path
  (``GET /v1/items/<fault>``), see `tests.faults.servers`; `other_server` is a second origin
  (another port) that records what reaches it.
* `leak_check` asserts, for a client, that no pooled connection is still acquired, that closing
  it closes the session, the connector and every socket the servers saw, and that no
  ResourceWarning fires (garbage is collected inside the test so a warning is attributed to it).
"""

from __future__ import annotations

import asyncio
import base64
import gc
import importlib
import sys
import warnings
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import quote

import pytest
from aiosdkgen.output import write
from aiosdkgen.pipeline import Choices, generate

from .servers import FaultServer, RecordingServer, start_app

HERE = Path(__file__).resolve().parent
PACKAGE = "faults_sdk"

# Credentials: long, distinctive, and the query key needs percent-encoding on the wire.
BEARER = "brr_7Qx9LmZp2VtK4sWd8NcE"
HEADER_KEY = "hdr_Ju3Rf6YhBn1Tg5Mk0PwA"
QUERY_KEY = "qry_Xe8/Dk2+Lp9=Hs4Wz7Cv"
COOKIE_KEY = "ck_Ub6Gt3Nq8Ry1Fa5Io9Sxq"
BASIC = ("alice", "pwd_Zm4Kc7Vb2Ql6Hj9Dn1Ye")

CREDENTIAL_SETS: dict[str, dict[str, Any]] = {
    "bearer": {
        "bearer_auth": BEARER,
        "header_key": HEADER_KEY,
        "query_key": QUERY_KEY,
        "cookie_key": COOKIE_KEY,
    },
    "basic": {
        "basic_auth": BASIC,
        "header_key": HEADER_KEY,
        "query_key": QUERY_KEY,
        "cookie_key": COOKIE_KEY,
    },
}


def secret_forms() -> list[str]:
    """Every form a credential can take on the wire or in text."""
    raw = [BEARER, HEADER_KEY, QUERY_KEY, COOKIE_KEY, BASIC[1]]
    forms = raw + [quote(s, safe="") for s in raw]
    forms.append(base64.b64encode(f"{BASIC[0]}:{BASIC[1]}".encode()).decode())
    return sorted(set(forms))


WINDOW = 10
"""A run of this many consecutive characters of a secret counts as a leak (catches secrets cut
in half by a truncated message)."""


def leaked_fragments(text: str) -> list[str]:
    """Fragments of any credential found in `text` (empty when clean)."""
    found = []
    for secret in secret_forms():
        for start in range(len(secret) - WINDOW + 1):
            fragment = secret[start : start + WINDOW]
            if fragment in text:
                found.append(fragment)
                break
    return found


@pytest.fixture(scope="session")
def sdk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    """The SDK generated from faults.yaml, imported (with every module) from a temp dir."""
    output = tmp_path_factory.mktemp("faults-sdk") / PACKAGE
    result = generate(HERE / "faults.yaml", Choices(package_name=PACKAGE))
    write(result.files, output, version="test")
    sys.path.insert(0, str(output))
    try:
        module = importlib.import_module(PACKAGE)
        importlib.import_module(f"{PACKAGE}.resources.items")
        importlib.import_module(f"{PACKAGE}.resources.blobs")
        importlib.import_module(f"{PACKAGE}.models")  # `sdk.models` whatever test runs first
        yield module
    finally:
        sys.path.remove(str(output))


@pytest.fixture
async def make_client(sdk: ModuleType) -> AsyncIterator[Callable[..., Any]]:
    """``make_client(**kwargs)`` builds an SDK client; every one is closed at teardown, even
    when the test failed before its own leak check."""
    made: list[Any] = []

    def make(**kwargs: Any) -> Any:
        if not any(name in kwargs for names in CREDENTIAL_SETS.values() for name in names):
            # Its operations need credentials: without any, a call fails before it is sent.
            kwargs = {**CREDENTIAL_SETS["bearer"], **kwargs}
        client = sdk.Client(**kwargs)
        made.append(client)
        return client

    yield make
    for client in made:
        await client.close()


@pytest.fixture
def retry_module(sdk: ModuleType) -> ModuleType:
    """The SDK's own copy of the runtime's retry module."""
    return importlib.import_module(f"{PACKAGE}._runtime._retry")


@pytest.fixture
def recorded_sleeps(retry_module: ModuleType, monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Backoff delays the SDK asked for; the wait itself only yields to the loop once.

    Tests about time budgets and cancellation during backoff do not use this fixture: they wait
    for real.
    """
    delays: list[float] = []

    async def fake_sleep(delay: float) -> None:
        delays.append(delay)
        await asyncio.sleep(0)

    monkeypatch.setattr(retry_module, "sleep", fake_sleep)
    return delays


@pytest.fixture
async def fault_server() -> AsyncIterator[FaultServer]:
    server = FaultServer()
    runner, server.base = await start_app(server.app())
    try:
        yield server
    finally:
        server.release.set()  # unblock every stalled handler so the runner can shut down
        await runner.cleanup()


@pytest.fixture
async def other_server() -> AsyncIterator[RecordingServer]:
    server = RecordingServer()
    runner, server.base = await start_app(server.app())
    try:
        yield server
    finally:
        await runner.cleanup()


def pool_counts(client: Any) -> tuple[int, int]:
    """(acquired, idle) connections of the client's pool: aiohttp 3.x connector internals."""
    session = client._session
    if session is None:
        return 0, 0
    connector = session.connector
    idle = sum(len(conns) for conns in connector._conns.values())
    return len(connector._acquired), idle


class LeakCheck:
    """Checks one client against leaks; use `await check(client, *servers)` after the fault."""

    def __init__(self) -> None:
        self.checked = 0

    async def __call__(self, client: Any, *servers: FaultServer | RecordingServer) -> None:
        session = client._session
        connector = session.connector if session is not None else None
        acquired, _idle = pool_counts(client)
        assert acquired == 0, f"{acquired} connection(s) still acquired after the call"
        await client.close()
        if session is not None:
            assert session.closed
        if connector is not None:
            assert connector.closed
            assert not connector._conns and not connector._acquired
        for server in servers:
            await server.wait_all_closed()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            gc.collect()
        resource = [w for w in caught if issubclass(w.category, ResourceWarning)]
        assert not resource, [str(w.message) for w in resource]
        self.checked += 1


@pytest.fixture
def leak_check() -> LeakCheck:
    return LeakCheck()
