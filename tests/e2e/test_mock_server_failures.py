"""The generated tests tell the SDK's failures from the mock server's: Prism's own 5xx error
documents, or Prism gone, skip a test saying why; any other failure fails it. (`verify` reports
these verdicts as they are.)"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from aiohttp import web
from aiohttp.test_utils import TestServer
from aiosdkgen.verify import _results

from tests.conftest import GENERATED

PETSTORE = GENERATED / "petstore"
PRISM_500 = {
    "type": "https://stoplight.io/prism/errors#UNKNOWN",
    "title": "Unexpected error",
    "detail": "Cannot read properties of undefined (reading 'schema')",
    "status": 500,
}


async def run_generated_tests(base_url: str, tmp_path: Path) -> list[tuple[str, str, str]]:
    junit = tmp_path / "junit.xml"
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "pytest", "tests/test_store.py", "-q", "-p", "no:cacheprovider",
        f"--junitxml={junit}", cwd=PETSTORE,
        env={**os.environ, "TEST_API_BASE_URL": base_url, "PYTHONPATH": str(PETSTORE)},
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    output, _ = await process.communicate()
    assert junit.exists(), output.decode()[-3000:]
    return [(r.operation, r.outcome, r.reason) for r in _results(junit)]


async def against(handler: web.RequestHandler, tmp_path: Path) -> list[tuple[str, str, str]]:
    """The generated tests' verdicts against a server on 127.0.0.1 answering with `handler`."""
    server = await serve(handler)
    try:
        return await run_generated_tests(str(server.make_url("")).rstrip("/"), tmp_path)
    finally:
        await server.close()


async def serve(handler: web.RequestHandler) -> TestServer:
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handler)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    return server


async def test_prisms_own_errors_skip_the_test(tmp_path: Path) -> None:
    async def prism_failing(request: web.Request) -> web.Response:
        return web.json_response(PRISM_500, status=500, content_type="application/problem+json")

    results = await against(prism_failing, tmp_path)
    assert results and all(outcome == "skipped" for _, outcome, _ in results), results
    assert all("UNKNOWN: Cannot read properties" in reason for *_, reason in results)


async def test_any_other_server_error_fails_the_test(tmp_path: Path) -> None:
    async def broken(request: web.Request) -> web.Response:
        return web.json_response({"type": "https://example.test/oops"}, status=500)

    results = await against(broken, tmp_path)
    assert results and all(outcome == "failed" for _, outcome, _ in results), results


async def test_a_mock_server_that_is_gone_skips_the_test(tmp_path: Path) -> None:
    async def nothing(request: web.Request) -> web.Response:
        return web.Response()

    server = await serve(nothing)
    url = str(server.make_url("")).rstrip("/")
    await server.close()  # nothing listens there any more
    results = await run_generated_tests(url, tmp_path)
    assert results and all(outcome == "skipped" for _, outcome, _ in results), results
    assert all("the mock server is gone" in reason for *_, reason in results)


async def test_a_rejected_request_fails_with_what_prism_found(tmp_path: Path) -> None:
    found = '[{"location":["request","body"],"code":"type","message":"body must be object"}]'

    async def rejecting(request: web.Request) -> web.Response:
        return web.json_response({"code": 1}, status=400, headers={"sl-violations": found})

    results = await against(rejecting, tmp_path)
    placed = [r for r in results if r[0] == "store.place_order"]
    assert placed and placed[0][1] == "failed"
    assert "the mock server found" in placed[0][2] and "body must be object" in placed[0][2]


async def test_a_response_prism_says_breaks_the_spec_skips_the_test(tmp_path: Path) -> None:
    found = '[{"location":["response","body"],"code":"required","message":"must have id"}]'

    async def inventing(request: web.Request) -> web.Response:
        return web.json_response({"id": "not a number"}, headers={"sl-violations": found})

    results = await against(inventing, tmp_path)
    by_name = {name: (outcome, reason) for name, outcome, reason in results}
    outcome, reason = by_name["store.get_order_by_id"]
    assert outcome == "skipped" and "breaks the spec" in reason and "must have id" in reason


async def test_prisms_own_422_fails_with_its_validation(tmp_path: Path) -> None:
    problem = {
        "type": "https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY",
        "title": "Invalid request",
        "status": 422,
        "validation": [{"location": ["query", "limit"], "message": "must be integer"}],
    }

    async def rejecting(request: web.Request) -> web.Response:
        return web.json_response(problem, status=422, content_type="application/problem+json")

    results = await against(rejecting, tmp_path)
    assert results and all(outcome == "failed" for _, outcome, _ in results), results
    assert all("limit" in reason and "must be integer" in reason for *_, reason in results)
