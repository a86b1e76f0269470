"""The benchmark suite's smallest case runs, so it cannot rot. No timing is asserted here.

aiosdkgen only (no peer is installed), Petstore generation (cold, new document, repeat) and
import, and a few requests of the runtime part against the local bench server, and the same
requests counted in instructions under valgrind (when installed): the JSON must have the
expected shape and counts. `--compare` of the results with themselves gives ratios of 1.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value >= 0


def test_quick_bench_without_peers(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--no-peers",
         "--import-runs", "2", "--work", str(tmp_path / "work"), "--json", str(out)],
        cwd=tmp_path, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    assert "## Generation" in result.stdout and "## Targets" in result.stdout
    results = json.loads(out.read_text())

    assert results["meta"]["generators"] == {"aiosdkgen": "this checkout"}
    machine = results["meta"]["machine"]
    assert machine["cpus"] >= 1 and machine["cpu_model"] and machine["python"]
    assert len(machine["load_average_at_start"]) == len(machine["load_average_at_end"]) == 3
    petstore = results["generation"]["petstore"]
    assert petstore["operations"] == 19
    cell = petstore["generators"]["aiosdkgen"]
    assert cell["status"] == "ok", cell
    assert cell["rounds"] == 1 and set(cell["cases"]) == {"cold", "new", "repeat"}
    for case in cell["cases"].values():
        assert case["runs"] == 1 and len(case["all_runs"]) == 1
        assert _number(case["median_wall_s"]) and _number(case["median_cpu_s"])
        # The whole tree's peak is at least its largest process's (a Python interpreter).
        assert case["median_tree_peak_mb"] >= case["median_max_rss_mb"] > 10
    # Cold fills caches; a new document misses some of them (and may reuse others, such as the
    # compiled templates), never one cold left out; a repeat run adds nothing. (Kinds are the
    # cache directory's folders, not named here: their names are aiosdkgen's business.)
    writes = {name: case["all_runs"][0]["cache_writes"] for name, case in cell["cases"].items()}
    assert writes["new"] and set(writes["new"]) <= set(writes["cold"]), writes
    assert writes["repeat"] == [], writes
    assert cell["loc"] > 1000 and cell["loc_per_operation"] == cell["loc"] / 19

    imported = results["import"]["petstore"]["aiosdkgen"]
    assert imported["status"] == "ok", imported
    assert imported["runs"] == 2
    assert _number(imported["wall_s"]) and imported["importtime_s"] > 0
    assert _number(results["import"]["bare"]["wall_s"])

    runtime = results["runtime"]
    assert runtime["generation"]["aiosdkgen"]["status"] == "ok"
    loads = {(row["operation"], row["concurrency"]): row for row in runtime["loads"]}
    assert set(loads) == {("items", 1), ("items", 64), ("documents", 1), ("documents", 64)}
    for row in loads.values():
        assert set(row["sdks"]) == {"floor", "typed-floor", "aiosdkgen"}
        # Negative when the SDK beat the typed floor (quick runs are mostly noise).
        assert isinstance(row["sdks"]["aiosdkgen"]["overhead_vs_typed_floor"], float)
        for name, entry in row["sdks"].items():
            assert entry["status"] == "ok", (name, entry)
            expected = row["requests_per_round"] * row["rounds"]
            assert entry["requests"] == entry["ok"] == expected, (name, entry)
            assert entry["errors"] == 0
            assert entry["median_rps"] > 0 and _number(entry["rps_vs_floor"])
    parse = runtime["parse"]["aiosdkgen"]
    assert parse["status"] == "ok", parse
    assert parse["bytes"] > 4_000_000
    assert parse["sdk"]["median_s"] > 0 and parse["floor"]["median_s"] > 0
    assert _number(parse["sdk_vs_floor"])

    compared = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--compare", str(out), str(out)],
        cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert compared.returncode == 0, compared.stderr[-3000:]
    assert "generation petstore cold: wall s" in compared.stdout
    assert "runtime items c=1: ms/request" in compared.stdout
    ratios = [line.rsplit("|", 1)[1].strip() for line in compared.stdout.splitlines()
              if line.rstrip().endswith("x")]  # fmt: skip
    assert ratios and set(ratios) == {"1.00x"}, compared.stdout

    counted = results["instructions"]
    names = {target["name"] for target in results["targets"]}
    assert "parse_ratio" in names and "overhead:items c=64" in names
    by_name = {target["name"]: target for target in results["targets"]}
    typed_floor = loads["items", 64]["sdks"]["typed-floor"]["overhead_vs_floor"]
    assert by_name["overhead:items c=64"]["typed_floor"] == typed_floor
    assert "typed floor alone" in result.stdout
    if shutil.which("valgrind") is None:  # the part says so instead of failing the run
        assert counted["status"] == "unavailable" and "work:items c=1" not in names
        return
    assert counted["status"] == "ok" and counted["generation"]["aiosdkgen"]["status"] == "ok"
    (row,) = counted["loads"]
    assert (row["operation"], row["concurrency"]) == ("items", 1)
    assert set(row["sdks"]) == {"floor", "typed-floor", "aiosdkgen"}
    for name, entry in row["sdks"].items():
        assert entry["status"] == "ok", (name, entry)
        # Python's start-up alone is tens of millions: a per-request figure this size means
        # the start-up cancelled out and every request was counted.
        assert 100_000 < entry["per_request"] < 20_000_000, (name, entry)
    assert isinstance(row["sdks"]["aiosdkgen"]["overhead_vs_floor"], float)
    assert "work:items c=1" in names and "## Client instructions per request" in result.stdout
