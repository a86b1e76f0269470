"""The two ways a cache used to serve or keep what it should not:

- `--no-cache` still read and wrote the formatting cache and Jinja's compiled templates;
- the validation cache's key was built from a hand-kept list of files that left out
  `diagnostics.py`, so a changed message was served stale.

Now `--no-cache` touches no cache at all, and every key starts from one fingerprint of every
file of the generator and the versions of every package it depends on.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import aiosdkgen
import pytest
from aiosdkgen.cli import main
from aiosdkgen.speed import fingerprint

from tests.conftest import ROOT

PETSTORE = ROOT / "specs" / "petstore.yaml"


@pytest.mark.parametrize("check", [False, True], ids=["generate", "check"])
def test_no_cache_creates_no_cache_of_any_kind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, check: bool
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("AIOSDKGEN_CACHE_DIR", str(cache))
    out = tmp_path / "out"
    assert main(["generate", str(PETSTORE), "-o", str(out), "--no-cache"]) == 0
    if check:
        assert main(["generate", str(PETSTORE), "-o", str(out), "--no-cache", "--check"]) == 0
    assert not cache.exists(), sorted(p.relative_to(cache).as_posix() for p in cache.rglob("*"))


def test_no_cache_reads_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache holding a wrong answer for every key is not consulted."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("AIOSDKGEN_CACHE_DIR", str(cache))
    assert main(["generate", str(PETSTORE), "-o", str(tmp_path / "first")]) == 0
    for entry in cache.rglob("*.json"):
        entry.write_text('{"pkg/wrong.py": "poisoned = True\\n"}', encoding="utf-8")
    out = tmp_path / "second"
    assert main(["generate", str(PETSTORE), "-o", str(out), "--no-cache"]) == 0
    assert not list(out.rglob("wrong.py"))
    assert (out / "swagger_petstore_client" / "__init__.py").is_file()


def test_every_file_of_the_generator_is_in_the_fingerprint(tmp_path: Path) -> None:
    """A copy of the installed package: changing any one of its files changes the fingerprint
    (diagnostics.py among them, which words the validation's problems)."""
    installed = Path(aiosdkgen.__file__).parent
    copy = tmp_path / "aiosdkgen"
    shutil.copytree(installed, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = fingerprint.compute(copy)
    files = list(fingerprint.source_files(copy))
    names = {path.relative_to(copy).as_posix() for path in files}
    assert {
        "diagnostics.py",
        "validation/document.py",
        "templates/package/errors.py.jinja",
    } <= names
    assert names == {
        path.relative_to(copy).as_posix()
        for path in copy.rglob("*")
        if path.suffix in {".py", ".jinja"}
    }
    for path in files:
        original = path.read_bytes()
        path.write_bytes(original + b"\n# changed\n")
        assert fingerprint.compute(copy) != before, path
        path.write_bytes(original)
    assert fingerprint.compute(copy) == before


def test_the_fingerprint_names_every_package_the_generator_runs_on() -> None:
    versions = dict(item.split("=", 1) for item in fingerprint.dependency_versions().split(";"))
    # Direct requirements and what they pull in, each with the version installed here.
    for package in ("jinja2", "openapi-spec-validator", "jsonschema", "jsonschema-rs", "ruff"):
        assert versions.get(package, "?") != "?", package
    assert "markupsafe" in versions  # jinja2's own requirement: found, not listed by hand
