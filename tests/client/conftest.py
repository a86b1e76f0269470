"""Fixtures for tests that run the committed generated SDKs (generated/) for real."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest

from tests.conftest import GENERATED
from tests.runtime.conftest import mocked, server  # noqa: F401  (fixtures shared with the runtime tests)

for project in ("showcase", "petstore", "library"):
    if str(GENERATED / project) not in sys.path:
        sys.path.insert(0, str(GENERATED / project))


@pytest.fixture(autouse=True)
def recorded_sleeps(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[float]]:
    """Backoff delays each SDK's own runtime copy asked for; nobody actually waits."""
    import showcase_client._runtime._retry as showcase_retry
    import swagger_petstore_client._runtime._retry as petstore_retry

    delays: list[float] = []

    async def fake_sleep(delay: float) -> None:
        delays.append(delay)

    for module in (showcase_retry, petstore_retry):
        monkeypatch.setattr(module, "sleep", fake_sleep)
    yield delays
