"""`aiosdkgen verify` end to end: generate, install in a fresh venv, start Prism, run the SDK's
own per-operation tests. Every operation must pass; a skip is only allowed where Prism itself
cannot serve the operation, and says so."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from aiosdkgen.render.tests import (
    PRISM_FORM_ARRAY,
    PRISM_FORM_UNDECLARED,
    PRISM_LOCATION,
    PRISM_MATRIX,
    PRISM_MULTIPART_JSON,
    PRISM_WILDCARD,
)

from tests.conftest import SPECS

PRISM_ENV = "AIOSDKGEN_PRISM"
Verify = Callable[[Path], tuple[int, list[str]]]
# Real specs of different shapes: maps and nested models (apis.guru), JSON and XML with query
# parameters (jokes.one), a POST body with an API key (vehicle-enquiry), bearer-auth CRUD
# (ably.net), and dozens of operations with many media types (httpbin.org).
DIRECTORY_SPECS = [
    "apis.guru",
    "jokes.one",
    "api.gov.uk/vehicle-enquiry",
    "ably.net/control",
    "httpbin.org",
]


@pytest.fixture(scope="module")
def environment(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One virtual environment for every verify run here (verify creates it on first use)."""
    return tmp_path_factory.mktemp("verify") / "venv"


@pytest.fixture
def run_verify(environment: Path) -> Verify:
    def run_verify(spec: Path) -> tuple[int, list[str]]:
        return _run_verify(spec, environment)

    return run_verify


def _run_verify(spec: Path, environment: Path) -> tuple[int, list[str]]:
    if not os.environ.get(PRISM_ENV):
        pytest.skip(f"{PRISM_ENV} is not set: scripts/test installs Prism and sets it")
    result = subprocess.run(
        [sys.executable, "-m", "aiosdkgen", "verify", str(spec), "--venv", str(environment)],
        capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, result.stdout.splitlines()


def assert_all_pass(code: int, lines: list[str], *, operations: int) -> None:
    results = lines[:-1]
    assert len(results) == operations, lines
    for line in results:
        assert line.startswith(("PASSED", "SKIPPED")), line
        if line.startswith("SKIPPED"):
            prism_limits = (
                PRISM_MATRIX, PRISM_MULTIPART_JSON, PRISM_FORM_ARRAY, PRISM_FORM_UNDECLARED,
                PRISM_LOCATION, PRISM_WILDCARD,
            )  # fmt: skip
            assert line.endswith(prism_limits), line
    assert " 0 failed," in lines[-1]
    assert code == 0


def test_verify_petstore(run_verify: Verify) -> None:
    code, lines = run_verify(SPECS / "petstore.yaml")
    assert_all_pass(code, lines, operations=19)
    assert lines[-1] == "19 passed, 0 failed, 0 skipped"


@pytest.mark.slow
def test_verify_showcase_31(run_verify: Verify) -> None:
    code, lines = run_verify(SPECS / "showcase.yaml")
    assert_all_pass(code, lines, operations=15)  # with the webhook parsing test
    assert lines[-1] == "14 passed, 0 failed, 1 skipped"  # matrix-style parameters: Prism crashes


@pytest.mark.slow
@pytest.mark.parametrize("name", DIRECTORY_SPECS)
def test_verify_real_specs(name: str, corpus_cache: Path, run_verify: Verify) -> None:
    code, lines = run_verify(corpus_cache / "directory" / "api" / f"{name}.json")
    assert code == 0, "\n".join(lines)
    assert lines[-1].split()[2:4] == ["0", "failed,"], lines[-1]
    assert all(line.startswith("PASSED") or line.endswith(PRISM_LOCATION) for line in lines[:-1]), (
        "\n".join(lines)
    )


@pytest.mark.slow
def test_verify_reports_failures_and_exits_1(tmp_path: Path, run_verify: Verify) -> None:
    """A server that does not behave as the spec says makes verify fail loudly."""
    spec = tmp_path / "lying.yaml"
    spec.write_text(
        (SPECS / "petstore.yaml")
        .read_text()
        .replace("operationId: getInventory", "operationId: getInventory\n      deprecated: false")
        .replace(
            "                additionalProperties:\n                  type: integer\n                  format: int32\n      security:\n        - api_key: []",
            "                additionalProperties:\n                  type: integer\n                  format: int32\n      security:\n        - api_key: []\n      parameters:\n        - name: must\n          in: query\n          required: true\n          schema:\n            type: string\n            pattern: '^a\\bb$'",
        )
    )
    code, lines = run_verify(spec)
    assert code == 1
    assert any(line.startswith("FAILED   store.get_inventory") for line in lines), lines
