"""`aiosdkgen verify`'s set-up, without Prism: where it looks for Prism."""

from __future__ import annotations

from pathlib import Path

import pytest
from aiosdkgen import verify


@pytest.fixture
def nowhere_else(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No $AIOSDKGEN_PRISM and no prism on PATH."""
    monkeypatch.delenv("AIOSDKGEN_PRISM", raising=False)
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    return tmp_path


def test_finds_prism_installed_locally_by_npm(
    nowhere_else: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`npm install @stoplight/prism-cli` puts prism in node_modules/.bin, not on PATH."""
    project = nowhere_else / "project"
    prism = project / "node_modules" / ".bin" / "prism"
    prism.parent.mkdir(parents=True)
    prism.write_text("#!/bin/sh\n")
    prism.chmod(0o755)
    (project / "specs").mkdir()
    monkeypatch.chdir(project / "specs")  # from a subdirectory, as npx would
    assert verify.find_prism(None) == str(prism)


def test_an_explicit_prism_wins(nowhere_else: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(nowhere_else)
    monkeypatch.setenv("AIOSDKGEN_PRISM", "/opt/from-env/prism")
    assert verify.find_prism("/opt/explicit/prism") == "/opt/explicit/prism"
    assert verify.find_prism(None) == "/opt/from-env/prism"


def test_without_prism_the_error_says_how_to_install_it(
    nowhere_else: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(nowhere_else)
    with pytest.raises(verify.VerifyError, match="npm install @stoplight/prism-cli"):
        verify.find_prism(None)


def test_prism_gets_longer_to_start_on_a_larger_spec() -> None:
    """Stripe's 6 MB spec takes Prism minutes to load; Petstore seconds. Bounded either way."""
    petstore, stripe = verify.prism_start_seconds(20_000), verify.prism_start_seconds(6_000_000)
    assert 60 <= petstore < 62
    assert stripe >= 4 * 60
    assert verify.prism_start_seconds(10**12) == 1200
