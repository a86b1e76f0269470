"""Part 4: the client's work per request, counted in CPU instructions by valgrind.

Requests per second on a shared machine swing between rounds by more than most differences
worth measuring; the instructions a process executes barely move between repeats. So each
adapter (the floors and every SDK) runs bench/driver.py twice under valgrind's cachegrind, cache
simulation off, making N1 and then N2 requests, and (I(N2) - I(N1)) / (N2 - N1) is its count per
request, with start-up, imports and warm-up cancelled out. The server runs natively in
its own process and is not counted.

This counts work, not time: cache misses and memory traffic are not in it (larger objects, such
as models instead of dicts, cost more time than their instructions show), so it complements the
runtime part and never replaces it. Needs `valgrind` on the PATH; without it the part records
``"status": "unavailable"``.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .common import child_env, run_measured, set_overheads
from .runtime import DRIVER, driver_arguments


@dataclass(frozen=True)
class CountedLoad:
    operation: str
    concurrency: int
    requests: tuple[int, int]  # N1, N2: the two runs whose difference is counted


FULL_LOADS = [CountedLoad("items", 1, (20, 220)), CountedLoad("items", 64, (128, 384))]
QUICK_LOADS = [CountedLoad("items", 1, (2, 4))]  # shape only (CI)

_I_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


def _instructions(
    python: Path, arguments: list[str], requests: int, timeout: float
) -> tuple[int | None, str]:
    """Instructions of one driver run making `requests` requests, or None and why not."""
    command = [
        "valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
        str(python), str(DRIVER), *arguments, "--requests", str(requests),
    ]  # fmt: skip
    # A fixed hash seed: set and dict layouts, and so the work, are the same in every run.
    measured = run_measured(command, timeout=timeout, env=child_env({"PYTHONHASHSEED": "0"}))
    if not measured.ok:
        return None, "timeout" if measured.timed_out else measured.first_error_line()
    found = _I_REFS.search(measured.stderr)
    if found is None:
        return None, "no instruction count in valgrind's output"
    return int(found.group(1).replace(",", "")), ""


def count_instructions(
    sdk_paths: dict[str, Path],
    *,
    python: Path,
    base_url: str,
    quick: bool,
    timeout: float,
    log: Callable[[str], None],
) -> dict[str, Any]:
    if shutil.which("valgrind") is None:
        log("instructions: valgrind is not installed, part skipped")
        return {"status": "unavailable", "loads": []}
    rows = []
    for load in QUICK_LOADS if quick else FULL_LOADS:
        row: dict[str, Any] = {
            "operation": load.operation,
            "concurrency": load.concurrency,
            "requests": list(load.requests),
            "sdks": {},
        }
        for name in ["floor", "typed-floor", *sdk_paths]:
            arguments = driver_arguments(
                name, sdk_paths, base_url, load.operation, load.concurrency, 2 * load.concurrency
            )
            # Natively first: the SDK's modules are compiled and their bytecode cached, or the
            # first counted run alone would pay for compiling them.
            run_measured([str(python), str(DRIVER), *arguments, "--requests", "1"], timeout=timeout)
            counts = []
            error = ""
            for requests in load.requests:
                count, error = _instructions(python, arguments, requests, timeout)
                if count is None:
                    break
                counts.append(count)
            entry: dict[str, Any] = {"status": "failed", "error": error}
            outcome = f"failed {error}"
            if len(counts) == 2:
                first, second = load.requests
                per_request = (counts[1] - counts[0]) / (second - first)
                entry = {"status": "ok", "error": "", "per_request": per_request}
                outcome = f"{per_request:,.0f} a request"
            row["sdks"][name] = entry
            log(f"instructions: {load.operation} c={load.concurrency} {name}: {outcome}")
        set_overheads(row["sdks"], lambda entry: entry.get("per_request"))
        rows.append(row)
    return {"status": "ok", "loads": rows}
