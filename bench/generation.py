"""Part 1: generation wall time and peak RSS, aiosdkgen and the peers in the same run.

Every run generates from a fresh copy of the document (JSON, with a random ``x-bench-run`` in
``info``), so no generator can answer from a cache keyed on the document: that is the
"never-seen document" case. aiosdkgen is then run a second time on the very same file, into a
fresh output directory: the "repeat run" case. Runs are interleaved (one of each generator, then
the next round) so that load from elsewhere on the machine spreads over all of them.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .common import CACHE, ROOT, Measured, count_operations, median, python_lines, run_measured
from .peers import Generator

WORK = CACHE / "work"  # scratch: spec copies, outputs; SDKS keeps those the import part uses
SDKS = WORK / "sdk"
PACKAGE = "sdk"  # import name of every generated package


def use_work_dir(path: Path) -> None:
    """Put scratch files and kept SDKs under `path` (the smoke test uses its tmp_path)."""
    global WORK, SDKS
    WORK = path
    SDKS = path / "sdk"


@dataclass(frozen=True)
class Spec:
    name: str
    path: Path


def corpus_specs(corpus: Path) -> dict[str, Path]:
    """The benchmark's specs, by short name (petstore ships with the repo)."""
    return {
        "petstore": ROOT / "specs" / "petstore.yaml",
        "asana": corpus / "directory" / "api" / "asana.com.json",
        "stripe": corpus / "directory" / "api" / "stripe.com.json",
        "github": corpus / "github" / "generated" / "api.github.com.json",
        "graph": corpus / "directory" / "api" / "microsoft.com" / "graph.json",
    }


def load_document(path: Path) -> dict[str, Any]:
    with path.open("rb") as stream:
        document = json.load(stream) if path.suffix == ".json" else yaml.safe_load(stream)
    assert isinstance(document, dict)
    return document


def fresh_copy(document: dict[str, Any], target: Path) -> Path:
    """Write `document` with a never-seen ``info.x-bench-run`` marker (as JSON)."""
    copy = dict(document)
    copy["info"] = {**document.get("info", {}), "x-bench-run": uuid.uuid4().hex}
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(copy, default=str), encoding="utf-8")
    return target


@dataclass
class Run:
    status: str  # ok | failed | timeout
    wall: float
    cpu: float
    max_rss_mb: float
    error: str = ""

    @classmethod
    def of(cls, measured: Measured) -> Run:
        status = "timeout" if measured.timed_out else "ok" if measured.ok else "failed"
        error = "" if measured.ok else measured.first_error_line()
        return cls(status, measured.wall, measured.cpu, measured.max_rss_mb, error)


@dataclass
class Cell:
    """One generator on one spec."""

    runs: list[Run] = field(default_factory=list)
    repeat_runs: list[Run] = field(default_factory=list)  # aiosdkgen: same document again
    loc: int | None = None
    files: int | None = None

    @property
    def status(self) -> str:
        if any(run.status == "ok" for run in self.runs):
            return "ok"
        return self.runs[-1].status if self.runs else "skipped"

    def summary(self, operations: int) -> dict[str, Any]:
        ok = [run for run in self.runs if run.status == "ok"]
        repeat = [run for run in self.repeat_runs if run.status == "ok"]
        failed = next((run for run in self.runs if run.status != "ok"), None)
        return {
            "status": self.status,
            "error": failed.error if failed else "",
            "failed_after_s": failed.wall if failed else None,
            "runs": len(self.runs),
            "median_wall_s": median([run.wall for run in ok]),
            "median_cpu_s": median([run.cpu for run in ok]),
            "median_max_rss_mb": median([run.max_rss_mb for run in ok]),
            "median_repeat_wall_s": median([run.wall for run in repeat]),
            "median_repeat_max_rss_mb": median([run.max_rss_mb for run in repeat]),
            "loc": self.loc,
            "files": self.files,
            "loc_per_operation": self.loc / operations if self.loc and operations else None,
            "all_runs": [asdict(run) for run in self.runs],
            "all_repeat_runs": [asdict(run) for run in self.repeat_runs],
        }


def _retire(out: Path) -> None:
    """Move an output out of the way, to be deleted once all timed runs are done.

    Deleting thousands of files just before a timed run slows the run down: ext4 will not reuse
    an inode freed in the last minutes, and scans past each one it meets (`recently_deleted`
    in a kernel profile), so creating a file took up to a millisecond of system time right after
    another generator's output was deleted. Renaming frees nothing: each run pays only for its
    own files, whatever ran before it."""
    if out.exists():
        trash = WORK / "trash"
        trash.mkdir(parents=True, exist_ok=True)
        out.rename(Path(tempfile.mkdtemp(dir=trash)) / out.name)


def _empty_trash() -> None:
    shutil.rmtree(WORK / "trash", ignore_errors=True)


def _generate(gen: Generator, spec: Path, out: Path, timeout: float) -> Measured:
    _retire(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    return run_measured(gen.command(gen, spec, out, PACKAGE), timeout=timeout, env=gen.env())


def _keep(out: Path, spec: str, gen: str) -> Path:
    """Move a successful output to its stable place (used by the import benchmark)."""
    target = SDKS / spec / gen
    _retire(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(out), target)
    return target


def generate_once(gen: Generator, spec: Path, name: str, timeout: float) -> tuple[Measured, Path]:
    """Generate `spec` once (no timing table): for the import and runtime parts."""
    out = WORK / "tmp" / f"{name}-{gen.name}"
    measured = _generate(gen, spec, out, timeout)
    return measured, _keep(out, name, gen.name) if measured.ok else out


def run_generation(
    specs: list[Spec],
    generators: list[Generator],
    *,
    repeat: int,
    timeout: float,
    budget: float,
    keep: set[str],
    log: Callable[[str], None],
    checkpoint: Callable[[dict[str, Any]], None] = lambda section: None,
) -> dict[str, Any]:
    """Time every generator on every spec; returns the JSON-ready section.

    `checkpoint` gets the section after each spec (so a long run leaves partial results).
    """
    results: dict[str, Any] = {}
    for spec in specs:
        document = load_document(spec.path)
        operations = count_operations(document)
        log(f"generation: {spec.name} ({operations} operations, {spec.path.stat().st_size:,} B)")
        cells = {gen.name: Cell() for gen in generators}
        spent = dict.fromkeys(cells, 0.0)
        for index in range(repeat):
            copy = fresh_copy(document, WORK / "specs" / f"{spec.name}-{index}.json")
            for gen in generators:
                cell = cells[gen.name]
                if cell.runs and (
                    cell.status != "ok" or spent[gen.name] + cell.runs[-1].wall > budget
                ):
                    continue  # a failure does not get better by repeating; a slow one is known
                out = WORK / "tmp" / f"{spec.name}-{gen.name}"
                measured = _generate(gen, copy, out, timeout)
                run = Run.of(measured)
                cell.runs.append(run)
                spent[gen.name] += run.wall
                log(f"  {gen.label:<9} run {index + 1}: {_describe(run)}")
                if (
                    run.status == "ok"
                    and gen.name == "aiosdkgen"
                    and (index == 0 or spent[gen.name] + run.wall <= budget)
                ):
                    again = Run.of(_generate(gen, copy, out, timeout))
                    cell.repeat_runs.append(again)
                    spent[gen.name] += again.wall
                    log(f"  {gen.label:<9} repeat: {_describe(again)}")
                if run.status == "ok" and cell.loc is None:
                    package = out / "sdk"
                    cell.loc = python_lines(package)
                    cell.files = sum(1 for _ in package.rglob("*.py"))
                    if spec.name in keep:
                        _keep(out, spec.name, gen.name)
                _retire(out)
            copy.unlink()
        summaries = {name: cell.summary(operations) for name, cell in cells.items()}
        results[spec.name] = {
            "spec": str(
                spec.path.relative_to(ROOT) if spec.path.is_relative_to(ROOT) else spec.path
            ),
            "spec_bytes": spec.path.stat().st_size,
            "operations": operations,
            "generators": summaries,
            "ratios": _ratios(summaries),
        }
        checkpoint(results)
    _empty_trash()
    return results


def _ratios(summaries: dict[str, dict[str, Any]]) -> dict[str, dict[str, float | None]]:
    """aiosdkgen / peer, for wall time, peak RSS and lines of code (below 1: aiosdkgen wins)."""
    ours = summaries.get("aiosdkgen")
    if ours is None:
        return {}
    ratios: dict[str, dict[str, float | None]] = {}
    for name, theirs in summaries.items():
        if name == "aiosdkgen":
            continue

        def div(key: str, peer: dict[str, Any] = theirs) -> float | None:
            a, b = ours.get(key), peer.get(key)
            return a / b if a is not None and b else None

        ratios[name] = {
            "wall": div("median_wall_s"),
            "max_rss": div("median_max_rss_mb"),
            "loc": div("loc"),
        }
    return ratios


def _describe(run: Run) -> str:
    text = f"{run.status} {run.wall:.2f}s {run.max_rss_mb:.0f}MB"
    return f"{text} ({run.error})" if run.error else text
