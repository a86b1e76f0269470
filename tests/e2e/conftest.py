"""Prism, the OpenAPI mock server, serving specs/petstore.yaml on 127.0.0.1 for the e2e tests.

`scripts/test` installs Prism from npm into .cache/prism and exports ``AIOSDKGEN_PRISM`` (the
path of the `prism` executable); without it the e2e tests are skipped. When it is set but Prism
does not come up, the tests fail (with Prism's log) instead of being skipped.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, SPECS

PRISM_ENV = "AIOSDKGEN_PRISM"
PETSTORE_SPEC = SPECS / "petstore.yaml"
HOST = "127.0.0.1"
START_TIMEOUT = 60.0
START_ATTEMPTS = 3


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def answers(port: int) -> bool:
    """True once Prism answers HTTP on `port` (any status: `/` is no route, so 404)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=2)
    try:
        connection.request("GET", "/")
        connection.getresponse().read()
        return True
    except OSError:
        return False
    finally:
        connection.close()


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Terminate Prism's whole process group (the npm shim may have spawned node children)."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    # Also reap anything left in the group after the leader exited.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


def _log_tail(path: Path, limit: int = 4000) -> str:
    text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
    return text[-limit:]


def _start(prism: str, log_path: Path) -> tuple[subprocess.Popen[bytes], int]:
    """Start `prism mock` on a free port (retried if the port is lost to a race)."""
    problems: list[str] = []
    for _attempt in range(START_ATTEMPTS):
        port = _free_port()
        with open(log_path, "wb") as log:
            process = subprocess.Popen(
                # --errors: a mocked response that violates the document becomes a 500 instead of
                # a mere `sl-violations` header, so the SDK never decodes an invalid mock.
                # Requests are validated regardless: an invalid one gets the operation's 422 or
                # 400 response (Prism's generic 422 problem when neither is declared), and the
                # violations in the `sl-violations` response header.
                [prism, "mock", str(PETSTORE_SPEC), "-h", HOST, "-p", str(port), "--errors"],
                cwd=ROOT,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if process.poll() is not None:
                break
            if answers(port):
                return process, port
            time.sleep(0.1)
        _stop(process)
        tail = _log_tail(log_path)
        problems.append(f"port {port}, exit code {process.returncode}:\n{tail}")
        if "EADDRINUSE" not in tail:
            break
    pytest.fail("Prism did not start:\n" + "\n---\n".join(problems), pytrace=False)


@pytest.fixture(scope="session")
def prism_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a Prism mock of specs/petstore.yaml, e.g. ``http://127.0.0.1:40123``.

    Prism serves the document's paths at the root of its own address: it does not apply the
    relative server URL ``/api/v3`` (``/api/v3/pet/1`` is a 404 NO_PATH_MATCHED_ERROR). Servers
    are only matched when a request names one in Prism's ``__server`` query parameter.
    """
    prism = os.environ.get(PRISM_ENV)
    if not prism:
        pytest.skip(
            f"{PRISM_ENV} is not set: run scripts/test, which installs Prism (npm) and sets it"
        )
    if not os.access(prism, os.X_OK):
        pytest.fail(f"{PRISM_ENV}={prism!r} is not an executable", pytrace=False)
    log_path = tmp_path_factory.mktemp("prism") / "prism.log"
    process, port = _start(prism, log_path)
    try:
        yield f"http://{HOST}:{port}"
    finally:
        _stop(process)
