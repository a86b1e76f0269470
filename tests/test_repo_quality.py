"""aiosdkgen's own code meets the bar it sets for generated code."""

from __future__ import annotations

import subprocess
import sys

from ruff.__main__ import find_ruff_bin

from tests.conftest import ROOT


def test_ruff_check_and_format() -> None:
    dirs = ["generator", "tests", "bench"]
    for command in (["check", *dirs], ["format", "--check", *dirs]):
        result = subprocess.run(
            [find_ruff_bin(), *command, "--no-cache"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_generator_runtime_and_bench_pass_mypy(tmp_path: object) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path), "generator", "bench"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout
