"""The speed-ups change how fast, never what: generating with every one of them (forced on even
for small documents: the child processes, the caches cold and then warm) writes the same bytes
as generating with none (`pipeline.Plain`), on the bundled specs, on fuzzed documents and on a
sample of the APIs.guru directory."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from aiosdkgen import output, pipeline, render
from aiosdkgen.diagnostics import SpecError
from aiosdkgen.speed import Speedups
from aiosdkgen.speed import validation as background_validation
from hypothesis import HealthCheck, given, settings

from tests.conftest import ROOT
from tests.fuzzing import documents


def _written(spec: Path, speed: pipeline.Speed, out: Path, lenient: bool) -> dict[str, bytes] | str:
    """Every file generation writes, or the codes of the errors it stopped on."""
    try:
        result = pipeline.generate(spec, pipeline.Choices(lenient=lenient), speed)
    except SpecError as exc:
        return "rejected: " + ", ".join(sorted({p.code for p in exc.problems}))
    output.write(result.files, out, version="test", speed=speed)
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


@pytest.fixture
def forced(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Every speed-up taken even by a small document, with its own empty cache."""
    monkeypatch.setenv("AIOSDKGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(render, "_FORK_FROM_MODULES", 2)
    monkeypatch.setattr(background_validation, "_BACKGROUND_FROM_BYTES", 0)


def _assert_same(spec: Path, work: Path, lenient: bool = False) -> None:
    plain = _written(spec, pipeline.Plain(), work / "plain", lenient)
    cold = _written(spec, Speedups(), work / "cold", lenient)
    warm = _written(spec, Speedups(), work / "warm", lenient)
    assert cold == plain, spec
    assert warm == plain, spec


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "specs").glob("*.yaml")))
def test_bundled_specs(name: str, forced: None, tmp_path: Path) -> None:
    _assert_same(ROOT / "specs" / name, tmp_path)


@settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)
@given(document=documents())
def test_fuzzed_documents(document: dict[str, Any], forced: None) -> None:
    work = Path(tempfile.mkdtemp(prefix="aiosdkgen-equivalence-"))
    try:
        spec = work / "spec.json"
        spec.write_text(json.dumps(document), encoding="utf-8")
        _assert_same(spec, work, lenient=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


@pytest.mark.slow
def test_a_directory_sample(forced: None, tmp_path: Path, corpus_cache: Path) -> None:
    """Every 150th spec of the directory under 400 kB (the plain validator is slow on large
    ones), in lenient mode so that a spec's flaws do not end the comparison early."""
    specs = sorted(
        path
        for path in (corpus_cache / "directory" / "api").rglob("*.json")
        if path.stat().st_size < 400_000
    )[::150]
    assert len(specs) >= 8
    for index, spec in enumerate(specs):
        _assert_same(spec, tmp_path / str(index), lenient=True)
