"""The whole life of a published SDK, as its maintainer lives it: generate into a fresh git
repository, add a licence, CI, a changelog and hand-written helpers, commit, regenerate from the
spec's next version, see what changed for users, and build a release PyPI would accept."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

HELPER = '''"""Hand-written: what the zoo's staff use most, on top of the generated client."""

from __future__ import annotations

from ..models import AnimalPage
from .._client import Client


async def first_page(client: Client) -> AnimalPage:
    return await client.animals.list_animals(limit=10)
'''
HAND_WRITTEN = {
    "LICENSE": "Copyright (c) Zoo Inc. All rights reserved.\n",
    ".github/workflows/ci.yml": "on: [push]\njobs: {}\n",
    "CHANGELOG.md": "# Changelog\n\n## 2.1.0\n\nFirst release.\n",
    "zoo/lib/__init__.py": "",
    "zoo/lib/staff.py": HELPER,
}


def _next_version(document: dict[str, Any]) -> dict[str, Any]:
    """The spec's next version: one method gone (breaking), an optional parameter and an enum
    value added (not breaking)."""
    document["info"]["version"] = "2.2.0"
    del document["paths"]["/notes"]["post"]
    if not document["paths"]["/notes"]:
        del document["paths"]["/notes"]
    parameters = document["paths"]["/animals"]["get"].setdefault("parameters", [])
    parameters.append({"name": "sort", "in": "query", "schema": {"type": "string"}})
    document["components"]["schemas"]["AnimalKind"]["enum"].append("fish")
    return document


def _run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [*map(str, args)], cwd=cwd, capture_output=True, text=True, check=False,
        env={**os.environ, "GIT_AUTHOR_NAME": "m", "GIT_AUTHOR_EMAIL": "m@example.com",
             "GIT_COMMITTER_NAME": "m", "GIT_COMMITTER_EMAIL": "m@example.com"},
    )  # fmt: skip
    return result


def _ok(*args: str | Path, cwd: Path) -> str:
    result = _run(*args, cwd=cwd)
    assert result.returncode == 0, f"{args}: {result.stdout[-2000:]}{result.stderr[-3000:]}"
    return result.stdout


def test_generate_customise_regenerate_diff_release(tmp_path: Path) -> None:
    aiosdkgen = [sys.executable, "-m", "aiosdkgen"]
    specs = tmp_path / "specs"
    specs.mkdir()
    v1 = specs / "zoo-2.1.json"
    v2 = specs / "zoo-2.2.json"
    # The showcase spec with its shared file bundled in, as its SDK ships it.
    document = json.loads((ROOT / "generated" / "showcase" / "openapi.json").read_text())
    v1.write_text(json.dumps(document))
    v2.write_text(json.dumps(_next_version(document)))

    sdk = tmp_path / "sdk"
    sdk.mkdir()
    _ok("git", "init", "-q", "-b", "main", cwd=sdk)
    _ok(*aiosdkgen, "generate", v1, "-o", ".", "--package-name", "zoo", cwd=sdk)
    for relative, text in HAND_WRITTEN.items():
        (sdk / relative).parent.mkdir(parents=True, exist_ok=True)
        (sdk / relative).write_text(text)
    _ok("git", "add", "-A", cwd=sdk)
    _ok("git", "commit", "-q", "-m", "zoo 2.1.0", cwd=sdk)

    # The next spec version: the recorded options need only the new spec.
    _ok(*aiosdkgen, "generate", v2, "-o", ".", cwd=sdk)
    for relative, text in HAND_WRITTEN.items():
        assert (sdk / relative).read_text() == text, relative
    changed = set(_ok("git", "diff", "--name-only", cwd=sdk).split())
    marker = json.loads((sdk / ".aiosdkgen.json").read_text())["files"]
    assert changed <= set(marker) | {".aiosdkgen.json", "aiosdkgen.toml"}, changed
    assert {"openapi.json", "zoo/resources/media.py", "api.md", "pyproject.toml"} <= changed
    assert "add_note" not in (sdk / "zoo" / "resources" / "media.py").read_text()
    assert "sort: str | NotGiven" in (sdk / "zoo" / "resources" / "animals.py").read_text()
    assert 'spec = "../specs/zoo-2.2.json"' in (sdk / "aiosdkgen.toml").read_text()
    assert 'version = "2.2.0"' in (sdk / "pyproject.toml").read_text()

    # CI's guard: the repository holds exactly what generation writes, whatever else it holds.
    _ok(*aiosdkgen, "generate", "-o", ".", "--check", cwd=sdk)

    report = _ok(*aiosdkgen, "diff", v1, v2, "--format", "markdown", cwd=tmp_path)
    assert report.startswith("## 3.0.0\n")
    assert "- `client.media.add_note`: method removed" in report
    assert "- `client.animals.list_animals`: new optional argument `sort: str`" in report
    assert '- `AnimalKind`: new value "fish"' in report
    assert _run(*aiosdkgen, "diff", v1, v2, "--fail-on-breaking", cwd=tmp_path).returncode == 3

    # The hand-written helpers are type-checked with the package, and a release builds.
    _ok(sys.executable, "-m", "mypy", "--strict", "zoo", cwd=sdk)
    _ok(sys.executable, "-m", "build", "--outdir", tmp_path / "dist", cwd=sdk)
    built = sorted(path.name for path in (tmp_path / "dist").iterdir())
    assert built == ["zoo-2.2.0-py3-none-any.whl", "zoo-2.2.0.tar.gz"], built
    _ok(sys.executable, "-m", "twine", "check", "--strict", *(tmp_path / "dist").iterdir(),
        cwd=tmp_path)  # fmt: skip
