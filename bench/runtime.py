"""Part 3: requests per second against a local server, and typed parsing of a 5 MB body.

The server (bench/server.py) runs in its own process on 127.0.0.1. Each round of each SDK, and of
the floors (raw aiohttp + ``json.loads``, and + pydantic), is driven by bench/driver.py in a
process of its own, from the SDK runtime interpreter; the rounds of all of them alternate.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .common import BENCH, child_env, ratio, run_measured, set_overheads
from .generation import generate_once
from .peers import Generator

RUNTIME_SPEC = BENCH / "specs" / "runtime.yaml"
DRIVER = BENCH / "driver.py"
SERVER = BENCH / "server.py"


@dataclass(frozen=True)
class Load:
    operation: str  # items | documents
    concurrency: int
    requests: int  # per round
    warmup: int  # requests before the measured rounds (connections, lazy validators)
    max_rounds: int | None = None  # the 5 MB loads are slow: fewer rounds


FULL_LOADS = [
    Load("items", 1, 300, 20),
    Load("items", 64, 1500, 128),
    Load("documents", 1, 5, 2, max_rounds=5),
    Load("documents", 64, 64, 2, max_rounds=3),  # a median, not the mean of two rounds
]
QUICK_LOADS = [  # shape only (CI): too few requests for meaningful numbers
    Load("items", 1, 20, 2),
    Load("items", 64, 64, 64),
    Load("documents", 1, 1, 1),
    Load("documents", 64, 2, 1),
]


@contextmanager
def server() -> Iterator[str]:
    """Start bench/server.py; yields its base URL. It exits when its stdin closes."""
    process = subprocess.Popen(
        [sys.executable, str(SERVER)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=child_env(),
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line.startswith("PORT "):
            raise RuntimeError(f"bench server did not start: {line!r}")
        yield f"http://127.0.0.1:{int(line.split()[1])}"
    finally:
        assert process.stdin is not None
        process.stdin.close()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _drive(python: Path, arguments: list[str], timeout: float) -> tuple[dict[str, Any] | None, str]:
    measured = run_measured([str(python), str(DRIVER), *arguments], timeout=timeout)
    if not measured.ok:
        return None, ("timeout" if measured.timed_out else measured.first_error_line())
    return json.loads(measured.stdout.strip().splitlines()[-1]), ""


def _entry(runs: list[dict[str, Any] | None], error: str) -> dict[str, Any]:
    """One adapter's rounds (each from its own bench/driver.py process) as one entry."""
    done = [run for run in runs if run is not None]
    if len(done) < len(runs):
        return {"status": "failed", "error": error, "errors": 0}
    rounds = [round_ for run in done for round_ in run["rounds"]]
    errors = sum(run["errors"] for run in done)
    return {
        "status": "errors" if errors else "ok",
        "error": error,
        "warmups": [run["warmup"] for run in done],
        "rounds": rounds,
        "median_rps": statistics.median(round_["rps"] for round_ in rounds),
        "requests": sum(run["requests"] for run in done),
        "ok": sum(run["ok"] for run in done),
        "errors": errors,
    }


def generate_runtime_sdks(
    generators: list[Generator], timeout: float, log: Callable[[str], None]
) -> tuple[dict[str, Any], dict[str, Path]]:
    """Each generator's SDK for bench/specs/runtime.yaml: (statuses, paths of those generated)."""
    sdk_paths: dict[str, Path] = {}
    generation: dict[str, Any] = {}
    for gen in generators:
        measured, out = generate_once(gen, RUNTIME_SPEC, "runtime", timeout)
        generation[gen.name] = {
            "status": "ok" if measured.ok else "timeout" if measured.timed_out else "failed",
            "error": "" if measured.ok else measured.first_error_line(),
        }
        if measured.ok:
            sdk_paths[gen.name] = out
        else:
            log(f"runtime: {gen.name} could not generate the runtime spec: {generation[gen.name]}")
    return generation, sdk_paths


def driver_arguments(
    name: str,
    sdk_paths: dict[str, Path],
    base_url: str,
    operation: str,
    concurrency: int,
    warmup: int,
) -> list[str]:
    """bench/driver.py's arguments for one round of adapter `name` (all but ``--requests``)."""
    arguments = [
        "runtime", "--sdk", name, "--base-url", base_url, "--operation", operation,
        "--concurrency", str(concurrency), "--rounds", "1", "--warmup", str(warmup),
    ]  # fmt: skip
    if name in sdk_paths:
        arguments += ["--path", str(sdk_paths[name])]
    return arguments


def run_runtime(
    generators: list[Generator],
    *,
    python: Path,
    quick: bool,
    rounds: int,
    timeout: float,
    log: Callable[[str], None],
) -> dict[str, Any]:
    generation, sdk_paths = generate_runtime_sdks(generators, timeout, log)
    loads = QUICK_LOADS if quick else FULL_LOADS
    results: dict[str, Any] = {"generation": generation, "loads": [], "parse": {}}
    with server() as base_url:
        for load in loads:
            load_rounds = min(rounds, load.max_rounds or rounds)
            row: dict[str, Any] = {
                "operation": load.operation,
                "concurrency": load.concurrency,
                "requests_per_round": load.requests,
                "warmup_requests": load.warmup,
                "rounds": load_rounds,
                "sdks": {},
            }
            # Round by round, every adapter in a process of its own (as an application has
            # one SDK), each round in a new order: the floors and the SDKs share the machine's
            # slow drifts instead of each meeting its own.
            names = ["floor", "typed-floor", *sdk_paths]
            runs: dict[str, list[dict[str, Any] | None]] = {name: [] for name in names}
            errors: dict[str, str] = {}
            for index in range(load_rounds):
                for name in names[index % len(names) :] + names[: index % len(names)]:
                    arguments = driver_arguments(
                        name, sdk_paths, base_url, load.operation, load.concurrency, load.warmup
                    )
                    arguments += ["--requests", str(load.requests)]
                    data, error = _drive(python, arguments, timeout)
                    runs[name].append(data)
                    if error:
                        errors.setdefault(name, error)
            for name in names:
                row["sdks"][name] = entry = _entry(runs[name], errors.get(name, ""))
                rps = entry.get("median_rps")
                log(
                    f"runtime: {load.operation} c={load.concurrency} {name}: "
                    + (f"{rps:.1f} rps" if rps else f"{entry['status']} {entry['error']}")
                    + (f" ({entry['errors']} errors)" if entry["errors"] else "")
                )
            floor = row["sdks"]["floor"].get("median_rps")
            for entry in row["sdks"].values():
                entry["rps_vs_floor"] = ratio(entry.get("median_rps"), floor)
            # The cost of a request is its time: 1 / rps.
            set_overheads(row["sdks"], lambda entry: ratio(1.0, entry.get("median_rps")))
            results["loads"].append(row)
        for name, path in sdk_paths.items():
            arguments = ["parse", "--sdk", name, "--base-url", base_url, "--path", str(path),
                         "--rounds", str(rounds if quick else max(rounds, 3))]  # fmt: skip
            data, error = _drive(python, arguments, timeout)
            if data is None:
                results["parse"][name] = {"status": "failed", "error": error}
                log(f"parse: {name}: failed {error}")
                continue
            data["status"] = "ok"
            data["sdk_vs_floor"] = ratio(data["sdk"]["median_s"], data["floor"]["median_s"])
            results["parse"][name] = data
            log(
                f"parse: {name}: {data['sdk']['median_s'] * 1000:.1f} ms CPU, floor "
                f"{data['floor']['median_s'] * 1000:.1f} ms ({data['sdk_vs_floor']:.2f}x)"
            )
    return results
