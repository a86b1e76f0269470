"""The README's commands and examples, run as written, as a newcomer would: in a copy of the
repository's files (what a fresh clone holds), from its root.

The two commands' first (install and generate Petstore), then "Using the SDK you generated"
against Prism on 127.0.0.1:4010, then the `zoo` example. The only step not run verbatim is
`npm install @stoplight/prism-cli`: the Prism that scripts/test installed stands in for it.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.e2e.conftest import answers

pytestmark = pytest.mark.slow

README = (ROOT / "README.md").read_text(encoding="utf-8")
PRISM_PORT = 4010


def blocks(section: str) -> list[tuple[str, str]]:
    """The fenced code blocks of a `## ` section, as (language, text)."""
    match = re.search(rf"^## {re.escape(section)}\n(.*?)(?=^## |\Z)", README, re.M | re.S)
    assert match, f"README has no section {section!r}"
    return re.findall(r"^```(\w+)\n(.*?)^```$", match.group(1), re.M | re.S)


def sh(command: str, cwd: Path) -> str:
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", command],
        cwd=cwd,
        env={k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}},
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    assert result.returncode == 0, f"{command}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result.stdout


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's tracked files, as a fresh clone has them, with the first command run."""
    root = tmp_path_factory.mktemp("clone")
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split("\0")
    for name in filter(None, tracked):
        if (ROOT / name).is_file():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, root / name)
    [(language, first), _] = blocks("The two commands")
    assert language == "sh"
    sh(first, root)
    assert list((root / "petstore-sdk").glob("*/_client.py"))
    return root


@pytest.fixture
def prism_as_installed(clone: Path) -> Iterator[list[subprocess.Popen[bytes]]]:
    """Where `npm install @stoplight/prism-cli` puts Prism: node_modules/.bin/prism."""
    prism = os.environ.get("AIOSDKGEN_PRISM")
    if not prism:
        pytest.skip("AIOSDKGEN_PRISM is not set: scripts/test installs Prism and sets it")
    local = clone / "node_modules" / ".bin" / "prism"
    local.parent.mkdir(parents=True, exist_ok=True)
    local.unlink(missing_ok=True)
    local.symlink_to(prism)
    started: list[subprocess.Popen[bytes]] = []
    yield started
    for server in started:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def test_using_the_sdk_you_generated(
    clone: Path, prism_as_installed: list[subprocess.Popen[bytes]]
) -> None:
    [(_, commands), (language, example)] = blocks("Using the SDK you generated")
    assert language == "python"
    for command in commands.strip().splitlines():
        if command.startswith("npm install"):
            continue  # stood in for by prism_as_installed
        if command.endswith("&"):  # the mock server: started here, to be stopped afterwards
            assert f"-p {PRISM_PORT}" in command
            server = subprocess.Popen(
                ["bash", "-c", f"exec {command.removesuffix('&')}"],
                cwd=clone,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            prism_as_installed.append(server)
            deadline = time.monotonic() + 60
            while not answers(PRISM_PORT):
                assert server.poll() is None and time.monotonic() < deadline, "Prism did not start"
                time.sleep(0.2)
            continue
        sh(command, clone)
    (clone / "example.py").write_text(example, encoding="utf-8")
    output = sh(".venv/bin/python example.py", clone)
    assert re.fullmatch(r"pet 10: doggie, \w+\norder 10: \d+ of pet \d+, \w+\n", output), output


def test_the_zoo_example(clone: Path) -> None:
    [(_, commands), (language, example)] = blocks("Example")
    assert language == "python"
    sh(commands, clone)
    (clone / "zoo_example.py").write_text(example, encoding="utf-8")
    output = sh(".venv/bin/python zoo_example.py", clone)
    assert '"kind":"cat"' in output and '"lives":9' in output, output
