"""Every fault, through the generated SDK, with every kind of credential configured.

For each fault and each credential set (bearer + API keys in a header, the query and a cookie;
basic auth + the same keys) the call must end with the documented outcome (exception type,
number of attempts the server saw, raw body kept), leak nothing (no acquired connection, every
socket closed on both sides after `close()`, no ResourceWarning), and no credential, or any
10-character run of one, may appear in exception messages, reprs or tracebacks, the client's
repr, any log record (DEBUG, every logger but the test servers') or any warning.
"""

from __future__ import annotations

import asyncio
import logging
import traceback
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any
from urllib.parse import unquote

import aiohttp
import pytest

from .conftest import (
    CREDENTIAL_SETS,
    LeakCheck,
    leaked_fragments,
)
from .servers import HTML_PAGE, FaultServer, RecordingServer, refused_port, stalled_listener

MiB = 1024 * 1024
# Tiny, granular timeouts: a stalled connect or stalled headers or body each trip their own
# limit well within a second; `total` is generous (no flaky success cases on a busy machine),
# except for the slow drip, which is never silent long enough for sock_read and must trip it.
TIMEOUT = aiohttp.ClientTimeout(total=3, connect=0.4, sock_read=0.3)
DRIP_TIMEOUT = aiohttp.ClientTimeout(total=0.6, connect=0.4, sock_read=0.3)
SERVER_LOGGERS = ("aiohttp.server", "aiohttp.web", "aiohttp.access")


@dataclass(frozen=True)
class Case:
    fault: str
    expect: str | None  # exception class name in the SDK's errors module; None means success
    attempts: int | None  # requests the fault server saw (None: not served by it)
    op: str = "get"  # get | post | blob
    client: dict[str, Any] = field(default_factory=dict)
    content: bytes | None = None  # the raw body the exception must keep
    sleeps: int | None = None  # backoff waits the SDK asked for
    check: Callable[[Any, FaultServer, RecordingServer], None] | None = None

    @property
    def id(self) -> str:
        strict = "-strict" if self.client.get("strict_response_validation") else ""
        return f"{self.op}-{self.fault}{strict}"


def item_named(name: str) -> Callable[[Any, FaultServer, RecordingServer], None]:
    def check(result: Any, server: FaultServer, other: RecordingServer) -> None:
        assert result.id == name
        assert result.name in ("fine", "other origin")

    return check


STRICT = {"strict_response_validation": True}


def drift_kept(result: Any, server: FaultServer, other: RecordingServer) -> None:
    """Tolerant parsing: the declared model, with what came and without what did not."""
    assert type(result).__name__ == "Item"
    assert result.id == 12  # an int where the spec says str: kept as it came
    assert result.name is None and "name" not in result.model_fields_set
    assert result.model_extra == {"title": "no name"}


def html_502_body(error: Any, server: FaultServer, other: RecordingServer) -> None:
    assert error.status_code == 502
    assert error.body == HTML_PAGE.decode()


def html_404_body(error: Any, server: FaultServer, other: RecordingServer) -> None:
    assert error.body == "<html><body>Not Found</body></html>"


def validation_errors(error: Any, server: FaultServer, other: RecordingServer) -> None:
    assert error.status_code == 200
    assert error.errors, "pydantic's structured errors are kept"


def too_large(error: Any, server: FaultServer, other: RecordingServer) -> None:
    assert error.status_code == 200
    assert error.limit == MiB


def credentials_stayed_home(result: Any, server: FaultServer, other: RecordingServer) -> None:
    assert result.id == "elsewhere"
    [hop] = other.seen
    assert_no_credentials(hop.headers, hop.path_qs)


def credentials_followed_same_origin(
    result: Any, server: FaultServer, other: RecordingServer
) -> None:
    assert result.id == "ok"
    first, second = server.seen
    # The Location is requoted as aiohttp does (%2F in a query is the same as /).
    assert unquote(second.path_qs) == unquote(first.path_qs).replace("redirect-same-origin", "ok")
    for name in ("X-API-Key", "Cookie", "Authorization"):
        assert second.headers[name] == first.headers[name]


def post_body_followed_307(result: Any, server: FaultServer, other: RecordingServer) -> None:
    credentials_stayed_home(result, server, other)
    [hop] = other.seen
    assert hop.method == "POST"
    assert hop.body == server.seen[0].body  # 307 keeps method and body; only credentials drop


def assert_no_credentials(headers: dict[str, str], path_qs: str) -> None:
    lowered = {k.lower() for k in headers}
    assert "authorization" not in lowered
    assert "x-api-key" not in lowered
    assert "cookie" not in lowered
    assert leaked_fragments(repr(headers) + path_qs) == []


CASES = [
    Case("ok", None, 1, check=item_named("ok")),
    # transport
    # A connection that was never established is retried even for POST: nothing was sent.
    Case("refused", "APIConnectionError", None, sleeps=2),
    Case("refused", "APIConnectionError", None, op="post", sleeps=2),
    Case("connect-stall", "APITimeoutError", None, sleeps=2),
    # aiohttp itself re-sends an idempotent request once when the connection drops before any
    # response (RFC 9112 9.3.1, meant for stale keep-alive connections): 3 attempts x 2.
    Case("reset-before-headers", "APIConnectionError", 6, sleeps=2),
    Case("reset-before-headers", "APIConnectionError", 1, op="post"),  # may have been processed
    Case("reset-mid-body", "APIConnectionError", 3),
    Case("reset-mid-body", "APIConnectionError", 1, op="post"),
    Case("truncated-body", "APIConnectionError", 3),
    Case("garbage", "APIConnectionError", 3),
    Case("stall-headers", "APITimeoutError", 3),
    Case("stall-headers", "APITimeoutError", 1, op="post"),
    Case("stall-body", "APITimeoutError", 3),
    Case("slow-drip", "APITimeoutError", 3, client={"timeout": DRIP_TIMEOUT}),
    # bodies
    Case(
        "truncated-json",
        "ResponseValidationError",
        1,
        content=b'{"id": "truncated-json", "na',
        check=validation_errors,
    ),
    Case(
        "malformed-json",
        "ResponseValidationError",
        1,
        content=b'{"id": "malformed-json", "name": ,}',
        check=validation_errors,
    ),
    Case(
        "wrong-schema",
        "ResponseValidationError",
        1,
        client=STRICT,
        content=b'{"id": 12, "title": "no name"}',
        check=validation_errors,
    ),
    Case("wrong-schema", None, 1, check=drift_kept),  # tolerant, the default
    Case("json-as-text-html", None, 1, check=item_named("json-as-text-html")),
    Case("json-as-octet-stream", None, 1, check=item_named("json-as-octet-stream")),
    Case("html-502", "InternalServerError", 3, content=HTML_PAGE, check=html_502_body),
    Case("html-404", "NotFoundError", 1, check=html_404_body),
    Case(
        "html-200",
        "ResponseValidationError",
        1,
        content=b"<html><body>Please log in</body></html>",
        check=validation_errors,
    ),
    Case("empty-200", "ResponseValidationError", 1, content=b"", check=validation_errors),
    Case("huge-declared", "ResponseTooLargeError", 1, client={"max_response_size": MiB}),
    Case(
        "huge-chunked",
        "ResponseTooLargeError",
        1,
        client={"max_response_size": MiB},
        check=too_large,
    ),
    Case(
        "gzip-bomb", "ResponseTooLargeError", 1, client={"max_response_size": MiB}, check=too_large
    ),
    Case(
        "big-blob",
        "ResponseTooLargeError",
        1,
        op="blob",
        client={"max_response_size": MiB},
        check=too_large,
    ),
    # statuses
    Case("rate-limit-seconds", None, 2, check=item_named("rate-limit-seconds")),
    Case("rate-limit-date", None, 2, check=item_named("rate-limit-date")),
    Case("rate-limit-always", "RateLimitError", 3),
    Case("rate-limit-always", "RateLimitError", 3, op="post"),  # 429: not processed, retried
    Case("burst-503", None, 3, check=item_named("burst-503")),
    Case("burst-503", None, 3, op="post", check=item_named("burst-503")),
    Case("burst-503-long", "InternalServerError", 3),
    # redirects
    Case("redirect-same-origin", None, 1, check=credentials_followed_same_origin),
    Case("redirect-cross-origin", None, 1, check=credentials_stayed_home),
    Case("redirect-307-cross-origin", None, 1, op="post", check=post_body_followed_307),
    Case("redirect-loop", "APIConnectionError", 10),
    # servers echoing what they received
    Case("echo-401", "AuthenticationError", 1),
    Case("echo-200", "ResponseValidationError", 1, client=STRICT, check=validation_errors),
    Case("echo-200-invalid-json", "ResponseValidationError", 1, check=validation_errors),
]


@contextmanager
def base_url_for(case: Case, server: FaultServer) -> Iterator[str]:
    if case.fault == "refused":
        with refused_port() as port:
            yield f"http://127.0.0.1:{port}/v1"
    elif case.fault == "connect-stall":
        with stalled_listener() as port:
            yield f"http://127.0.0.1:{port}/v1"
    else:
        yield f"{server.base}/v1"


async def call(client: Any, sdk: ModuleType, case: Case) -> Any:
    if case.op == "get":
        return await client.items.get_item(case.fault, seq=7)
    if case.op == "post":
        item = sdk.models.Item(id="posted", name="payload", seq=1)
        return await client.items.touch_item(case.fault, body=item)
    return await client.blobs.get_blob(case.fault)


def exception_texts(error: BaseException) -> list[str]:
    texts = [str(error), repr(error), str(error.args)]
    texts.append("".join(traceback.format_exception(type(error), error, error.__traceback__)))
    for attribute in ("url", "message"):
        texts.append(str(getattr(error, attribute, "")))
    for linked in (error.__cause__, error.__context__):
        if linked is not None:
            texts += [str(linked), repr(linked)]
    return texts


def sdk_log_text(caplog: pytest.LogCaptureFixture) -> str:
    lines = []
    for record in caplog.records:
        if record.name.startswith(SERVER_LOGGERS):
            continue
        lines.append(f"{record.name}: {record.getMessage()}")
        if record.exc_info and record.exc_info[1] is not None:
            lines += exception_texts(record.exc_info[1])
    return "\n".join(lines)


@pytest.mark.parametrize("credentials", sorted(CREDENTIAL_SETS))
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
async def test_fault(
    case: Case,
    credentials: str,
    sdk: ModuleType,
    fault_server: FaultServer,
    other_server: RecordingServer,
    recorded_sleeps: list[float],
    leak_check: LeakCheck,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    fault_server.other = other_server.base
    outcome: Any = None
    error: BaseException | None = None
    with (
        base_url_for(case, fault_server) as base_url,
        warnings.catch_warnings(record=True) as caught,
    ):
        warnings.simplefilter("always")
        options = {"timeout": TIMEOUT, **CREDENTIAL_SETS[credentials], **case.client}
        client = sdk.Client(base_url=base_url, **options)
        try:
            try:
                outcome = await asyncio.wait_for(call(client, sdk, case), 20)
            except sdk.errors.APIError as exc:
                error = exc
            check_outcome(case, sdk, outcome, error, fault_server, other_server)
            if case.sleeps is not None:
                assert len(recorded_sleeps) == case.sleeps
            check_outcome_for_credentials(client, outcome, error, caplog, caught)
            await leak_check(client, fault_server, other_server)
        finally:
            await client.close()
    assert not [w for w in caught if issubclass(w.category, ResourceWarning)]


def check_outcome(
    case: Case,
    sdk: ModuleType,
    outcome: Any,
    error: BaseException | None,
    server: FaultServer,
    other: RecordingServer,
) -> None:
    if case.expect is None:
        assert error is None, f"expected success, got {error!r}"
    else:
        assert error is not None, f"expected {case.expect}, got {outcome!r}"
        assert type(error) is getattr(sdk.errors, case.expect), repr(error)
    if case.attempts is not None:
        assert server.attempts[case.fault] == case.attempts
    else:
        assert server.attempts[case.fault] == 0
    if case.content is not None:
        assert error is not None and error.content == case.content  # type: ignore[attr-defined]
    if case.check is not None:
        case.check(error if error is not None else outcome, server, other)


def check_outcome_for_credentials(
    client: Any,
    outcome: Any,
    error: BaseException | None,
    caplog: pytest.LogCaptureFixture,
    caught: list[warnings.WarningMessage],
) -> None:
    texts = [repr(client), sdk_log_text(caplog)]
    texts += [str(w.message) for w in caught]
    if error is not None:
        texts += exception_texts(error)
    else:
        texts.append(repr(outcome))
    assert leaked_fragments("\n".join(texts)) == []
