"""Shared helpers: paths, measured child processes, medians."""

from __future__ import annotations

import contextlib
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
CACHE = ROOT / ".cache" / "bench"


@dataclass
class Measured:
    """One child process: exit status, wall time, CPU time and peak memory."""

    returncode: int | None  # None: killed after the timeout
    wall: float
    cpu: float  # user + system seconds of the child and the descendants it waited for
    max_rss_mb: float  # peak resident set of the largest single process of the tree
    stdout: str
    stderr: str
    tree_peak_mb: float | None = None  # peak of the whole tree's summed RSS (sampled runs only)
    tree_samples: int = 0  # how many times the tree was sampled
    sampler_cpu: float = 0.0  # CPU seconds the trampoline itself used (sampling the tree)

    @property
    def timed_out(self) -> bool:
        return self.returncode is None

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def first_error_line(self) -> str:
        """The most telling line of stderr (else stdout): an exception or error line if any."""
        for text in (self.stderr, self.stdout):
            lines = [line.strip() for line in text.splitlines() if line.strip()]
            for line in reversed(lines):
                lowered = line.lower()
                if "error" in lowered or "exception" in lowered:
                    return line[:300]
            if lines:
                return lines[-1][:300]
        return f"exit code {self.returncode}"


def child_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for measured children: bytecode caching on (as for a user), no venv."""
    env = {
        k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "VIRTUAL_ENV")
    }
    env.pop("PYTHONPATH", None)
    env.update(extra or {})
    return env


# Linux starts a process's peak RSS at the RSS of the process that forked it (exec keeps the
# high-water mark of the replaced memory), so a child forked straight from the bench (which holds
# a large parsed spec) would report at least the bench's own peak. Children are therefore spawned
# through this small trampoline: the measured process descends from a bare `-I -S` interpreter, the
# trampoline reports its rusage (which covers the processes it waited for) in a file.
#
# With a sampling interval (argv[2] > 0) the trampoline also measures the whole process tree:
# every interval it walks the tree from the child through /proc/PID/task/TID/children and sums
# the resident set (/proc/PID/statm) of every process in it; the largest sum is the tree's peak.
# The peak reported is the larger of that and the largest single process's ru_maxrss (a spike
# shorter than the interval is seen by rusage, not by the sampler).
_TRAMPOLINE = """
import os, sys, time
interval = float(sys.argv[2])
pid = os.posix_spawnp(sys.argv[3], sys.argv[3:], os.environ)
page = os.sysconf("SC_PAGE_SIZE")
def tree(root):
    found, todo = [], [root]
    while todo:
        p = todo.pop()
        found.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except OSError:
            pass
    return found
def rss(p):
    try:
        with open(f"/proc/{p}/statm") as f:
            return int(f.read().split()[1]) * page
    except (OSError, ValueError, IndexError):
        return 0
peak = samples = 0
if interval > 0:
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        peak = max(peak, sum(rss(p) for p in tree(pid)))
        samples += 1
        time.sleep(interval)
else:
    _, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as out:
    own = os.times()
    out.write(f"{usage.ru_maxrss} {usage.ru_utime} {usage.ru_stime} {peak} {samples} "
              f"{own.user + own.system}")
code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 128 - code)
"""

TREE_INTERVAL = 0.01  # seconds between two samples of a process tree's memory


def run_measured(
    command: Sequence[str],
    *,
    timeout: float,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    sample_tree: bool = False,
) -> Measured:
    """Run `command` and measure it (wall time here; CPU and peak RSS from the trampoline;
    with `sample_tree`, the whole process tree's peak memory too, sampled every 10 ms).

    The child gets its own process group, so a timeout kills the whole tree (a JVM started by a
    wrapper script included). Output goes to temporary files (no pipe can fill up).
    """
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.NamedTemporaryFile("r") as usage_file,
    ):
        started = time.perf_counter()
        process = subprocess.Popen(
            [
                *(sys.executable, "-I", "-S", "-c", _TRAMPOLINE, usage_file.name),
                str(TREE_INTERVAL if sample_tree else 0),
                *command,
            ],
            cwd=cwd,
            env=dict(env) if env is not None else child_env(),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            start_new_session=True,
        )
        try:
            process.wait(timeout)
            timed_out = False
        except subprocess.TimeoutExpired:
            timed_out = True
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        wall = time.perf_counter() - started
        fields = usage_file.read().split()
        max_rss_kb, user, system, tree_bytes, samples, sampler_cpu = (
            (float(f) for f in fields) if len(fields) == 6 else (0, 0, 0, 0, 0, 0)
        )
        if not timed_out:
            # A crashed wrapper may leave grandchildren behind: end the whole group.
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
        out.seek(0)
        err.seek(0)
        return Measured(
            returncode=None if timed_out else process.returncode,
            wall=wall,
            cpu=user + system,
            max_rss_mb=max_rss_kb / 1024,
            tree_peak_mb=max(tree_bytes / 2**20, max_rss_kb / 1024) if sample_tree else None,
            tree_samples=int(samples),
            sampler_cpu=sampler_cpu,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
        )


def median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator


def set_overheads(
    entries: dict[str, dict[str, Any]], cost: Callable[[dict[str, Any]], float | None]
) -> None:
    """Give each entry its extra cost over both floors (0.15: 15% more), from `cost(entry)` (a
    cost per request; None when not measured): `overhead_vs_floor`, `overhead_vs_typed_floor`."""
    floors = {"overhead_vs_floor": cost(entries["floor"]),
              "overhead_vs_typed_floor": cost(entries["typed-floor"])}  # fmt: skip
    for entry in entries.values():
        own = cost(entry)
        for key, floor in floors.items():
            relative = ratio(own, floor)
            entry[key] = relative - 1 if relative is not None else None


def count_operations(document: Mapping[str, object]) -> int:
    methods = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
    paths = document.get("paths")
    if not isinstance(paths, dict):
        return 0
    return sum(
        1
        for item in paths.values()
        if isinstance(item, dict)
        for method in item
        if method in methods
    )


def python_lines(
    directory: Path, skip: frozenset[str] = frozenset({"test", "tests", "docs"})
) -> int:
    """Lines of the ``.py`` files under `directory`, skipping test and docs folders."""
    total = 0
    for path in directory.rglob("*.py"):
        if skip & set(path.relative_to(directory).parts[:-1]):
            continue
        with path.open("rb") as stream:
            total += sum(1 for _ in stream)
    return total
