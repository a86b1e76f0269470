"""Part 1: generation wall time, CPU and peak memory, aiosdkgen and the peers in the same run.

Each round writes two never-seen copies of the document, A and B (JSON; a random marker in
``info.title`` and in every operation's description, so the generated code of every API module
differs from any earlier run's). Each aiosdkgen (this checkout, and ``aiosdkgen@REV`` with
``--baseline``) then runs three cases, each with ``$AIOSDKGEN_CACHE_DIR`` set by the bench:

- **cold**: A, with a new, empty cache directory: nothing cached at all;
- **new**: B, with the cache directory the cold run just filled: the caches a new document may
  legitimately reuse (compiled templates) are warm; those keyed on the document (whole
  generations, validation, formatting of the generated files) have never seen B;
- **repeat**: B again, same cache directory: the repeat run.

Which cache kinds each run wrote new entries to is recorded (``cache_writes``), so the JSON shows
what each case reused. The peers keep no cache: they run A once a round (their only case, shown
as cold). Runs are interleaved (each generator once, then the next round, in a rotating order),
so load from elsewhere on the machine spreads over all of them. Peak memory is the whole
process tree's (see common.py's trampoline).
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

from .common import (
    CACHE,
    ROOT,
    Measured,
    count_operations,
    median,
    python_lines,
    ratio,
    run_measured,
)
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


CASES = ("cold", "new", "repeat")


def fresh_copy(document: dict[str, Any], target: Path) -> Path:
    """Write `document` as a never-seen one (as JSON): a random marker in ``info.title``,
    ``info.x-bench-run`` and every operation's description, so that every cache keyed on the
    document or on the code generated from it misses."""
    marker = uuid.uuid4().hex[:12]
    copy = dict(document)
    info = document.get("info", {})
    copy["info"] = {**info, "title": f"{info.get('title', 'API')} ({marker})",
                    "x-bench-run": marker}  # fmt: skip
    paths = document.get("paths")
    if isinstance(paths, dict):
        copy["paths"] = {path: _marked(item, marker) for path, item in paths.items()}
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(copy, default=str), encoding="utf-8")
    return target


_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})


def _marked(item: Any, marker: str) -> Any:
    """A path item whose operations' descriptions end with `marker`."""
    if not isinstance(item, dict):
        return item
    marked = dict(item)
    for method, operation in item.items():
        if method in _METHODS and isinstance(operation, dict):
            text = operation.get("description")
            text = f"{text}\n\nBench run {marker}." if isinstance(text, str) else marker
            marked[method] = {**operation, "description": text}
    return marked


@dataclass
class Run:
    status: str  # ok | failed | timeout
    wall: float
    cpu: float
    tree_peak_mb: float | None  # the whole process tree's peak (summed RSS, sampled)
    max_rss_mb: float  # the largest single process's peak
    cache_writes: list[str] | None = None  # aiosdkgen: cache kinds the run added entries to
    error: str = ""

    @classmethod
    def of(cls, measured: Measured, cache_writes: list[str] | None = None) -> Run:
        status = "timeout" if measured.timed_out else "ok" if measured.ok else "failed"
        error = "" if measured.ok else measured.first_error_line()
        return cls(status, measured.wall, measured.cpu, measured.tree_peak_mb,
                   measured.max_rss_mb, cache_writes, error)  # fmt: skip


def _case_summary(runs: list[Run]) -> dict[str, Any]:
    ok = [run for run in runs if run.status == "ok"]
    return {
        "runs": len(runs),
        "median_wall_s": median([run.wall for run in ok]),
        "median_cpu_s": median([run.cpu for run in ok]),
        "median_tree_peak_mb": median([run.tree_peak_mb or 0.0 for run in ok]),
        "median_max_rss_mb": median([run.max_rss_mb for run in ok]),
        "all_runs": [asdict(run) for run in runs],
    }


@dataclass
class Cell:
    """One generator on one spec: its runs by case (peers: cold only)."""

    cases: dict[str, list[Run]] = field(default_factory=dict)
    loc: int | None = None
    files: int | None = None

    def runs(self) -> list[Run]:
        return [run for runs in self.cases.values() for run in runs]

    @property
    def status(self) -> str:
        runs = self.runs()
        if runs and all(run.status == "ok" for run in runs):
            return "ok"
        failed = [run for run in runs if run.status != "ok"]
        return failed[0].status if failed else "skipped"

    def summary(self, operations: int) -> dict[str, Any]:
        failed = next((run for run in self.runs() if run.status != "ok"), None)
        return {
            "status": self.status,
            "error": failed.error if failed else "",
            "failed_after_s": failed.wall if failed else None,
            "rounds": len(self.cases.get("cold", [])),
            "cases": {case: _case_summary(runs) for case, runs in self.cases.items()},
            "loc": self.loc,
            "files": self.files,
            "loc_per_operation": self.loc / operations if self.loc and operations else None,
        }


def _retire(out: Path) -> None:
    """Move an output out of the way, to be deleted once all timed runs are done.

    Deleting thousands of files just before a timed run slows the run down: ext4 will not reuse
    an inode freed in the last minutes, and scans past each one it meets (`recently_deleted`
    in a kernel profile), so creating a file costs far more system time right after another
    output was deleted. Renaming frees nothing: each run pays only for its own files, whatever
    ran before it. (A run's cache directory is retired the same way.)"""
    if out.exists():
        trash = WORK / "trash"
        trash.mkdir(parents=True, exist_ok=True)
        out.rename(Path(tempfile.mkdtemp(dir=trash)) / out.name)


def _empty_trash() -> None:
    shutil.rmtree(WORK / "trash", ignore_errors=True)


def _generate(
    gen: Generator, spec: Path, out: Path, timeout: float, cache_dir: Path | None = None
) -> Measured:
    _retire(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    return run_measured(gen.command(gen, spec, out, PACKAGE), timeout=timeout,
                        env=gen.env(cache_dir), sample_tree=True)  # fmt: skip


def _keep(out: Path, spec: str, gen: str) -> Path:
    """Move a successful output to its stable place (used by the import benchmark)."""
    target = SDKS / spec / gen
    _retire(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(out), target)
    return target


def generate_once(gen: Generator, spec: Path, name: str, timeout: float) -> tuple[Measured, Path]:
    """Generate `spec` once (no timing table): for the import and runtime parts. aiosdkgen's
    caches go to a directory of the bench's own, never the user's."""
    out = WORK / "tmp" / f"{name}-{gen.name}"
    cache_dir = WORK / "caches" / f"{gen.name}-shared" if gen.is_aiosdkgen else None
    measured = _generate(gen, spec, out, timeout, cache_dir)
    return measured, _keep(out, name, gen.name) if measured.ok else out


def _entries(cache_dir: Path) -> set[str]:
    if not cache_dir.is_dir():
        return set()
    return {str(path.relative_to(cache_dir)) for path in cache_dir.rglob("*") if path.is_file()}


def _written(before: set[str], cache_dir: Path) -> list[str]:
    """The cache kinds (top-level folders of the cache directory) given new entries."""
    return sorted({Path(entry).parts[0] for entry in _entries(cache_dir) - before})


def _aiosdkgen_round(
    gen: Generator, documents: tuple[Path, Path], out: Path, cell: Cell, timeout: float,
    log: Callable[[str], None],
) -> float:  # fmt: skip
    """The cold, new and repeat cases of one round; returns the seconds they took."""
    cache_dir = Path(tempfile.mkdtemp(dir=_mkdir(WORK / "caches"), prefix=f"{gen.name}-"))
    spent = 0.0
    for case, spec in zip(CASES, (documents[0], documents[1], documents[1]), strict=True):
        before = _entries(cache_dir)
        run = Run.of(_generate(gen, spec, out, timeout, cache_dir), _written(before, cache_dir))
        cell.cases.setdefault(case, []).append(run)
        spent += run.wall
        log(f"  {gen.label:<9} {case:<6}: {_describe(run)}")
        if run.status != "ok":
            break
        if case == "cold":
            _record_lines(cell, out)
    _retire(cache_dir)
    return spent


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def _record_lines(cell: Cell, out: Path) -> None:
    if cell.loc is None:
        package = out / PACKAGE
        cell.loc = python_lines(package)
        cell.files = sum(1 for _ in package.rglob("*.py"))


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

    `repeat` is the number of rounds. `checkpoint` gets the section after each spec (so a long
    run leaves partial results).
    """
    results: dict[str, Any] = {}
    for spec in specs:
        document = load_document(spec.path)
        operations = count_operations(document)
        log(f"generation: {spec.name} ({operations} operations, {spec.path.stat().st_size:,} B)")
        cells = {gen.name: Cell() for gen in generators}
        spent = dict.fromkeys(cells, 0.0)
        last = dict.fromkeys(cells, 0.0)  # what the generator's last round took
        for index in range(repeat):
            documents = (
                fresh_copy(document, WORK / "specs" / f"{spec.name}-{index}-a.json"),
                fresh_copy(document, WORK / "specs" / f"{spec.name}-{index}-b.json"),
            )
            turn = index % len(generators)
            for gen in generators[turn:] + generators[:turn]:
                cell = cells[gen.name]
                if cell.cases and (
                    cell.status != "ok" or spent[gen.name] + last[gen.name] > budget
                ):
                    continue  # a failure does not get better by repeating; a slow one is known
                out = WORK / "tmp" / f"{spec.name}-{gen.name}"
                if gen.is_aiosdkgen:
                    last[gen.name] = _aiosdkgen_round(gen, documents, out, cell, timeout, log)
                else:
                    run = Run.of(_generate(gen, documents[0], out, timeout))
                    cell.cases.setdefault("cold", []).append(run)
                    last[gen.name] = run.wall
                    log(f"  {gen.label:<9} run {index + 1}: {_describe(run)}")
                    if run.status == "ok":
                        _record_lines(cell, out)
                spent[gen.name] += last[gen.name]
                if (
                    cell.status == "ok"
                    and spec.name in keep
                    and not (SDKS / spec.name / gen.name).exists()
                ):
                    _keep(out, spec.name, gen.name)
                _retire(out)
            for copy in documents:
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


def _figure(summary: dict[str, Any], case: str, key: str) -> float | None:
    value: float | None = summary.get("cases", {}).get(case, {}).get(key)
    return value


def _ratios(summaries: dict[str, dict[str, Any]]) -> dict[str, dict[str, float | None]]:
    """aiosdkgen / each other generator (below 1: this checkout is faster / smaller): per case
    both ran (a peer's only case is cold), for wall time, CPU and the tree's peak memory."""
    ours = summaries.get("aiosdkgen")
    if ours is None:
        return {}
    ratios: dict[str, dict[str, float | None]] = {}
    for name, theirs in summaries.items():
        if name == "aiosdkgen":
            continue
        row: dict[str, float | None] = {}
        for case in CASES:
            if case not in theirs.get("cases", {}) or case not in ours.get("cases", {}):
                continue
            for key, short in (("median_wall_s", "wall"), ("median_cpu_s", "cpu"),
                               ("median_tree_peak_mb", "tree_peak")):  # fmt: skip
                row[f"{case}_{short}"] = ratio(_figure(ours, case, key), _figure(theirs, case, key))
        row["loc"] = ratio(ours.get("loc"), theirs.get("loc"))
        ratios[name] = row
    return ratios


def _describe(run: Run) -> str:
    text = f"{run.status} {run.wall:.2f}s CPU {run.cpu:.2f}s tree {run.tree_peak_mb or 0:.0f}MB"
    if run.cache_writes is not None:
        text += f" (new cache entries: {','.join(run.cache_writes) or 'none'})"
    return f"{text} ({run.error})" if run.error else text
