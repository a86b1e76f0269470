"""Fixtures for the tests that call every operation against a mock server built from the spec.

Run them against Prism (https://github.com/stoplightio/prism), which answers from the spec and
rejects requests that do not match it (HTTP 422). From the project's directory, which holds
openapi.json, the spec this SDK was generated from:

    npx --yes @stoplight/prism-cli mock openapi.json -h 127.0.0.1 -p 4010
    TEST_API_BASE_URL=http://127.0.0.1:4010 pytest tests

Without TEST_API_BASE_URL every test is skipped.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator

import pytest

from showcase_client import Client

BASE_URL = os.environ.get("TEST_API_BASE_URL")


@pytest.fixture
async def client() -> AsyncIterator[Client]:
    if not BASE_URL:
        pytest.skip("no mock server configured: start Prism and set TEST_API_BASE_URL")
    async with Client(
        base_url=BASE_URL,
        max_retries=0,
        # The tests prove the SDK and the spec agree: a response that drifts fails them.
        strict_response_validation=True,
        bearer_auth="test-token",
        basic_auth=("user", "password"),
        query_key="test-key",
        cookie_key="test-key",
    ) as client:
        yield client
