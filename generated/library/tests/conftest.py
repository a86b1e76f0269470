"""Fixtures for the tests that call every operation against a mock server built from the spec.

Run them against Prism (https://github.com/stoplightio/prism), which answers from the spec and
rejects requests that do not match it (HTTP 422). From the project's directory, which holds
openapi.json, the spec this SDK was generated from:

    npx --yes @stoplight/prism-cli mock openapi.json -h 127.0.0.1 -p 4010
    TEST_API_BASE_URL=http://127.0.0.1:4010 pytest tests

Without TEST_API_BASE_URL every test is skipped. A failure means the SDK sent something the
spec does not allow, or could not read what the spec allows; where the mock server itself
fails (Prism's own 5xx errors, or Prism gone), the test is skipped, saying so.
"""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator, Iterator

import pytest

from library_client import APIConnectionError, APIStatusError, Client, ResponseValidationError

BASE_URL = os.environ.get("TEST_API_BASE_URL")
# Where Prism's own error documents (RFC 7807) point their `type`.
PRISM_ERRORS = "https://stoplight.io/prism/errors#"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """Skip, not fail, a test that only met the mock server's own failure."""
    try:
        return (yield)
    except ResponseValidationError as error:
        violations = error.headers.get("sl-violations")
        if not violations:
            raise
        # Prism made up a response and says itself that it breaks the spec.
        pytest.skip(f"the mock server's response breaks the spec: {violations}")
    except APIStatusError as error:
        violations = error.headers.get("sl-violations") or _prism_validation(error)
        if error.status_code < 500 and violations:  # Prism says what the request broke
            pytest.fail(f"the mock server found: {violations}; {error}", pytrace=False)
        problem = _prism_problem(error)
        if error.status_code < 500 or problem is None:
            raise
        pytest.skip(f"the mock server failed on its own: {problem}")
    except APIConnectionError as error:
        pytest.skip(f"the mock server is gone (it crashed): {error}")


def _prism_document(error: APIStatusError) -> dict[str, object] | None:
    """Prism's own error document (RFC 7807) in a response; None for any other body."""
    try:
        body = json.loads(error.content)
    except ValueError:
        return None
    kind = body.get("type") if isinstance(body, dict) else None
    return body if isinstance(kind, str) and kind.startswith(PRISM_ERRORS) else None


def _prism_problem(error: APIStatusError) -> str | None:
    body = _prism_document(error)
    if body is None:
        return None
    kind = str(body["type"]).removeprefix(PRISM_ERRORS)
    return f"{kind}: {body.get('detail') or body.get('title')}"


def _prism_validation(error: APIStatusError) -> str | None:
    """What Prism found wrong with the request, when it made up the 422 itself."""
    body = _prism_document(error)
    return json.dumps(body.get("validation")) if body and body.get("validation") else None


@pytest.fixture
async def client() -> AsyncIterator[Client]:
    if not BASE_URL:
        pytest.skip("no mock server configured: start Prism and set TEST_API_BASE_URL")
    async with Client(
        base_url=BASE_URL,
        max_retries=0,
        # The tests prove the SDK and the spec agree: a response that drifts fails them.
        strict_response_validation=True,
    ) as client:
        yield client
