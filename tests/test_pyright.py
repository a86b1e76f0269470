"""The bundled specs' SDKs as pyright (VS Code's Pylance) sees them: strict mode without an
error, and 100% type completeness by `pyright --verifytypes` (every public symbol's type is
declared, not left to each checker's inference).

pyright comes from PyPI (the `test` extra): a wrapper that runs the pyright of the same version
on node, fetching it (and node, when there is none) on first use. When it cannot run, these
tests are skipped, saying why.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import GENERATED
from tests.test_generated import package_of

PROJECTS = [GENERATED / "petstore", GENERATED / "showcase", GENERATED / "library"]


@functools.cache
def _unavailable() -> str | None:
    """Why pyright cannot run here, or None when it can."""
    try:
        result = subprocess.run(
            [sys.executable, "-m", "pyright", "--version"],
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
    except subprocess.TimeoutExpired:
        return "`python -m pyright --version` did not finish in 10 minutes"
    if result.returncode != 0:
        output = (result.stderr or result.stdout).strip().splitlines()
        return "pyright cannot run: " + (output[-1] if output else f"exit {result.returncode}")
    return None


def _pyright(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> dict[str, Any]:
    reason = _unavailable()
    if reason is not None:
        pytest.skip(reason)
    result = subprocess.run(
        # The interpreter the SDK's dependencies are installed in; pyright checks for its Python
        # version (the libraries' own annotations are written for it: multidict 7, for one,
        # needs 3.11's typing.Self).
        [sys.executable, "-m", "pyright", "--outputjson", "--pythonpath", sys.executable, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        report: dict[str, Any] = json.loads(result.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"pyright exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
    return report


def _diagnostics(report: dict[str, Any]) -> str:
    return "\n".join(
        f"{d.get('file', '')}:{d.get('range', {}).get('start', {}).get('line', -1) + 1}: "
        f"{d['severity']}: {d['message']}"
        for d in report.get("generalDiagnostics", [])
    )


@pytest.mark.parametrize("project", PROJECTS, ids=lambda p: p.name)
def test_generated_passes_pyright_strict(project: Path, tmp_path: Path) -> None:
    # A configuration outside the project (generated/ stays as generated); pyright takes only
    # paths relative to it.
    config = tmp_path / "pyrightconfig.json"
    config.write_text(
        json.dumps(
            {
                "typeCheckingMode": "strict",
                "include": [os.path.relpath(project / package_of(project), tmp_path)],
                "extraPaths": [os.path.relpath(project, tmp_path)],
            }
        )
    )
    report = _pyright(["--project", str(config)], cwd=tmp_path)
    summary = report["summary"]
    assert summary["filesAnalyzed"] > 0
    assert summary["errorCount"] == 0 and summary["warningCount"] == 0, _diagnostics(report)


@pytest.mark.parametrize("project", PROJECTS, ids=lambda p: p.name)
def test_generated_is_fully_typed_for_verifytypes(project: Path, tmp_path: Path) -> None:
    package = package_of(project)
    # --verifytypes resolves the package by import, as an installed one: from the project dir.
    env = {**os.environ, "PYTHONPATH": str(project)}
    report = _pyright(["--verifytypes", package, "--ignoreexternal"], cwd=tmp_path, env=env)
    completeness = report["typeCompleteness"]
    assert completeness["packageName"] == package
    assert completeness["exportedSymbolCounts"]["withKnownType"] > 0
    unknown = [
        f"{symbol['name']}: {'; '.join(d['message'] for d in symbol.get('diagnostics', []))}"
        for symbol in completeness["symbols"]
        if not symbol.get("isTypeKnown", True) or symbol.get("isTypeAmbiguous", False)
    ]
    assert completeness["completenessScore"] == 1.0, "\n".join(unknown) or _diagnostics(report)
