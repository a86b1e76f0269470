"""`aiosdkgen verify SPEC`: prove a generated SDK on the wire.

Generates the SDK into a temporary directory, installs it into a temporary virtual environment,
starts the Prism mock server for the spec on 127.0.0.1, runs the SDK's own tests (one per
operation) against it, and reports one line per operation.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import venv
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from .. import __version__, output
from ..pipeline import SHIPPED_SPEC, Choices, Speed, generate
from . import prism_served


def prism_start_seconds(spec_size: int) -> float:
    """How long Prism may take to load a spec of `spec_size` bytes before it is given up on.

    Prism dereferences the whole document before it listens, which takes minutes for the
    largest specs. A minute, plus 40 s per MB, at most 20 minutes."""
    return min(60 + 40 * spec_size / 1_000_000, 1200)


_PACKAGE = "sdk_under_verification"
# One distribution name for every spec, so a reused environment replaces the previous SDK.
_PROJECT = "sdk-under-verification"


class VerifyError(Exception):
    """The verification could not run (not: an operation failed)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class OperationResult:
    operation: str
    outcome: str  # passed | failed | skipped
    reason: str = ""


def find_prism(explicit: str | None) -> str:
    """`--prism`, else $AIOSDKGEN_PRISM, else `prism` on PATH, else the one a local
    `npm install @stoplight/prism-cli` put in node_modules/.bin here or in a parent directory
    (where npx looks too)."""
    candidate = explicit or os.environ.get("AIOSDKGEN_PRISM") or shutil.which("prism")
    if candidate:
        return candidate
    for directory in (Path.cwd(), *Path.cwd().parents):
        local = directory / "node_modules" / ".bin" / "prism"
        if os.access(local, os.X_OK):
            return str(local)
    raise VerifyError(
        "Prism was not found: run `npm install @stoplight/prism-cli` here (verify finds "
        "node_modules/.bin/prism), or pass --prism PATH or set AIOSDKGEN_PRISM"
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class MockServer:
    """Prism on 127.0.0.1, in its own process group so it can be stopped with its children."""

    def __init__(self, prism: str, spec: Path, log: Path) -> None:
        self.port = _free_port()
        self.spec = spec
        self.log = log
        self._log_stream: TextIO = log.open("w")
        command = [prism, "mock", str(spec), "-h", "127.0.0.1", "-p", str(self.port)]
        # Data built from schemas (the generated tests ask for it per call) is deterministic.
        command += ["--seed", "aiosdkgen"]
        self.process = subprocess.Popen(
            command, stdout=self._log_stream, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.url = f"http://127.0.0.1:{self.port}"

    def wait_ready(self) -> None:
        limit = prism_start_seconds(self.spec.stat().st_size)
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise VerifyError(
                    "Prism could not load the spec (it exited at start):\n"
                    + self.log.read_text()[-2000:]
                )
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.2)
        raise VerifyError(
            f"Prism did not start within {limit:.0f} s (it is still loading the spec)"
        )

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self._log_stream.close()


def _environment(environment: Path) -> Path:
    """The Python of a virtual environment for verification, created if missing.

    It sees this interpreter's packages, so aiohttp, pydantic and pytest are only downloaded
    when they are missing here; hatchling, the generated project's build backend, is installed
    into it once so that projects are built without a fresh build environment each time.
    """
    python = environment / "bin" / "python"
    if not python.exists():
        venv.create(environment, with_pip=True, system_site_packages=True)
    has_backend = subprocess.run([python, "-c", "import hatchling"], capture_output=True)
    if has_backend.returncode != 0:
        _pip(python, "hatchling")
    return python


def _pip(python: Path, *requirements: str) -> None:
    result = subprocess.run(
        [python, "-m", "pip", "install", "-q", "--disable-pip-version-check",
         "--no-build-isolation", *requirements],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        raise VerifyError(f"installing the generated SDK failed:\n{result.stderr[-2000:]}")


# Prism 5 reads an array of objects in a form body only as JSON text, never as the bracketed
# `a[0][b]=c` that the SDK sends for one (the convention of the APIs that use them: Stripe),
# so it answers 415 before it looks at the body (prism-http validator/deserializers).
PRISM_FORM_OBJECT_ARRAY = "Prism cannot read an array of objects in a form body (a[0][b]=c)"
_PRISM_FORM_OBJECT_ARRAY = "Cannot deserialize JSON object array in form data request body"


def _prism_limit(message: str) -> str | None:
    """Why a failure is Prism's, when every violation it reported is one of its limits."""
    _, found, rest = message.partition("the mock server found: ")
    try:
        violations, _ = json.JSONDecoder().raw_decode(rest) if found else (None, 0)
    except ValueError:
        return None
    if isinstance(violations, list) and violations and all(
        isinstance(v, dict) and v.get("code") == 415
        and str(v.get("message", "")).startswith(_PRISM_FORM_OBJECT_ARRAY)
        for v in violations
    ):  # fmt: skip
        return PRISM_FORM_OBJECT_ARRAY
    return None


def _results(junit: Path) -> list[OperationResult]:
    results = []
    for case in ElementTree.parse(junit).getroot().iter("testcase"):
        module = case.get("classname", "").rsplit(".", 1)[-1].removeprefix("test_")
        name = case.get("name", "").removeprefix("test_")
        operation = name if module == "client" else f"{module}.{name}"
        outcome, reason = "passed", ""
        for tag in ("failure", "error", "skipped"):
            element = case.find(tag)
            if element is not None:
                message = element.get("message") or ""
                outcome = "skipped" if tag == "skipped" else "failed"
                if outcome == "failed" and (limit := _prism_limit(message)) is not None:
                    outcome, message = "skipped", limit
                reason = " ".join(message.split())[:1000]
        results.append(OperationResult(operation=operation, outcome=outcome, reason=reason))
    return results


def verify(
    spec: Path,
    *,
    lenient: bool = False,
    prism: str | None = None,
    ref_root: Path | None = None,
    environment: Path | None = None,
    speed: Speed | None = None,
) -> list[OperationResult]:
    """Run the whole loop for `spec`; returns the result of each operation's test.

    `environment` is a virtual environment to reuse (created if missing) instead of a temporary
    one: each run replaces the SDK installed there, so runs sharing one must not overlap.
    """
    prism_command = find_prism(prism)
    with tempfile.TemporaryDirectory(prefix="aiosdkgen-verify-") as scratch:
        root = Path(scratch)
        choices = Choices(
            package_name=_PACKAGE, project_name=_PROJECT, lenient=lenient, ref_root=ref_root
        )
        result = generate(spec, choices, speed)
        project = root / "project"
        output.write(result.files, project, version=__version__, speed=speed)
        python = _environment(environment or root / "venv")
        _pip(python, f"{project}[test]")
        # Prism serves the spec the project ships, as its README tells its users to, unless
        # Prism cannot load it: then a copy that validates requests the same (prism_served).
        shipped = project / SHIPPED_SPEC
        served = prism_served.served(json.loads(shipped.read_text()))
        for note in served.notes:
            print(f"note: {note}", file=sys.stderr)
        if served.notes:
            shipped = root / "prism-openapi.json"
            shipped.write_text(json.dumps(served.document))
        server = MockServer(prism_command, shipped, root / "prism.log")
        try:
            server.wait_ready()
            junit = root / "junit.xml"
            run = subprocess.run(
                [python, "-m", "pytest", "tests", "-q", "-p", "no:cacheprovider",
                 f"--junitxml={junit}"],
                cwd=project, env={**os.environ, "TEST_API_BASE_URL": server.url},
                capture_output=True, text=True, check=False,
            )  # fmt: skip
            if not junit.exists():
                raise VerifyError(f"the generated tests did not run:\n{run.stdout[-2000:]}")
            return _results(junit)
        finally:
            server.stop()


def report(results: list[OperationResult], stream: TextIO = sys.stdout) -> int:
    """One line per operation and the totals; the exit code (1 if any failed)."""
    for result in results:
        reason = f": {result.reason}" if result.reason else ""
        print(f"{result.outcome.upper():<8} {result.operation}{reason}", file=stream)
    counts = {
        outcome: sum(r.outcome == outcome for r in results)
        for outcome in ("passed", "failed", "skipped")
    }
    print(
        f"{counts['passed']} passed, {counts['failed']} failed, {counts['skipped']} skipped",
        file=stream,
    )
    return 1 if counts["failed"] else 0
