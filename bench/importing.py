"""Part 2: cold import of a generated SDK, and the time to its first completed call.

Every measurement is a fresh interpreter (``python -c SNIPPET``) from the SDK runtime venv, with
the SDK's output directory as the working directory. Bytecode caching is on (as for an installed
package): one unmeasured run first compiles the ``.pyc`` files, and its wall time is reported
apart as "first import (compiling)". Then, each the median of `runs`:

- ``importtime``: ``python -X importtime``: the cumulative microseconds of every top-level import
  the snippet causes, minus those of a bare interpreter (``-c pass``);
- ``wall``: the process's wall time without ``-X importtime``, and the same minus a bare
  interpreter's (the issue's "over a bare interpreter");
- ``first call``: import, construct the client, one call to bench/server.py, exit: wall time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .common import median, run_measured

BASE = "http://127.0.0.1:9"  # never contacted: constructing a client opens no connection

# Import the package and construct its client, the way each README starts.
IMPORT: dict[str, str] = {
    "aiosdkgen": f"from sdk import Client\nClient(base_url={BASE!r})",
    "openapi-python-client": f"from sdk import Client\nClient(base_url={BASE!r})",
    "openapi-generator": f"import sdk\nsdk.ApiClient(sdk.Configuration(host={BASE!r}))",
    "openapi-python-generator": f"import sdk\nsdk.APIConfig(base_path={BASE!r})",
}

# One call each, against bench/server.py: GitHub's `emojis/get`, Stripe's `GetBalance`.
# {url} is replaced by the server's base URL.
FIRST_CALL: dict[str, dict[str, str]] = {
    "github": {
        "aiosdkgen": """
import asyncio
from sdk import Client
async def main():
    async with Client(base_url="{url}") as client:
        result = await client.emojis.emojis_get()
    assert result["+1"], result
asyncio.run(main())
""",
        "openapi-python-client": """
import asyncio
from sdk import Client
from sdk.api.emojis import emojisget
async def main():
    async with Client(base_url="{url}") as client:
        result = await emojisget.asyncio(client=client)
    assert result["+1"], result
asyncio.run(main())
""",
        "openapi-generator": """
import asyncio
import sdk
async def main():
    async with sdk.ApiClient(sdk.Configuration(host="{url}")) as api_client:
        result = await sdk.EmojisApi(api_client).emojis_get()
    assert result["+1"], result
asyncio.run(main())
""",
        "openapi-python-generator": """
import asyncio
import sdk
from sdk.services.async_emojis_service import emojis_get
async def main():
    result = await emojis_get(api_config_override=sdk.APIConfig(base_path="{url}"))
    assert result["+1"], result
asyncio.run(main())
""",
    },
    "stripe": {
        "aiosdkgen": """
import asyncio
from sdk import Client
async def main():
    async with Client(base_url="{url}", basic_auth=("key", "")) as client:
        result = await client.get_balance()
    assert result.object_ == "balance", result
asyncio.run(main())
""",
        "openapi-python-client": """
import asyncio
from sdk import AuthenticatedClient
from sdk.api.balance import get_balance
async def main():
    async with AuthenticatedClient(base_url="{url}", token="key") as client:
        result = await get_balance.asyncio(client=client)
    assert result.object_ == "balance", result
asyncio.run(main())
""",
        "openapi-generator": """
import asyncio
import sdk
async def main():
    configuration = sdk.Configuration(host="{url}", username="key", password="")
    async with sdk.ApiClient(configuration) as api_client:
        result = await sdk.BalanceApi(api_client).get_balance()
    assert result.object == "balance", result
asyncio.run(main())
""",
        "openapi-python-generator": """
import asyncio
import sdk
from sdk.services.async_balance_service import GetBalance
async def main():
    result = await GetBalance(api_config_override=sdk.APIConfig(base_path="{url}"))
    assert result.object == "balance", result
asyncio.run(main())
""",
    },
}

_IMPORTTIME = re.compile(r"^import time:\s+(\d+)\s+\|\s+(\d+)\s+\|( *)(\S+)")


def top_level_import_us(stderr: str) -> int:
    """Sum of the cumulative times of the top-level imports in ``-X importtime`` output."""
    total = 0
    for line in stderr.splitlines():
        match = _IMPORTTIME.match(line)
        if match and len(match.group(3)) == 1:
            total += int(match.group(2))
    return total


BUDGET = 60.0  # seconds: stop repeating one measurement of one SDK past this


def _runs(
    python: Path,
    code: str,
    cwd: Path,
    runs: int,
    timeout: float,
    importtime: bool = False,
    budget: float = BUDGET,
) -> tuple[list[float], list[float], list[int], str]:
    """Wall times, peak RSS and importtime totals of `runs` runs; the first error if any."""
    walls: list[float] = []
    rss: list[float] = []
    imports: list[int] = []
    command = [str(python), *(["-X", "importtime"] if importtime else []), "-c", code]
    spent = 0.0
    for _ in range(runs):
        if walls and spent + walls[-1] > budget:
            break  # an SDK that takes a minute to import is known after one run
        measured = run_measured(command, timeout=timeout, cwd=cwd)
        spent += measured.wall
        if not measured.ok:
            return (
                walls,
                rss,
                imports,
                ("timeout" if measured.timed_out else measured.first_error_line()),
            )
        walls.append(measured.wall)
        rss.append(measured.max_rss_mb)
        if importtime:
            imports.append(top_level_import_us(measured.stderr))
    return walls, rss, imports, ""


def bare(python: Path, runs: int, timeout: float) -> dict[str, Any]:
    """The bare interpreter's numbers, subtracted from every SDK's."""
    cwd = Path.cwd()
    walls, rss, _, error = _runs(python, "pass", cwd, runs, timeout)
    _, _, imports, _ = _runs(python, "pass", cwd, runs, timeout, importtime=True)
    return {
        "wall_s": median(walls),
        "importtime_us": median(imports),
        "max_rss_mb": median(rss),
        "error": error,
    }


def measure_imports(
    python: Path,
    spec: str,
    roots: dict[str, Path],
    *,
    runs: int,
    timeout: float,
    bare_numbers: dict[str, Any],
    base_url: str | None,
    log: Callable[[str], None],
) -> dict[str, dict[str, Any]]:
    """Import + construct (and, with `base_url`, first call) for each generated SDK in `roots`
    (by generator name). The runs are interleaved: run 1 of every SDK, then run 2, each run
    in a rotating order, so the SDKs share the machine's drifts."""
    results: dict[str, dict[str, Any]] = {}
    for name, root in roots.items():
        compile_run = run_measured([str(python), "-c", IMPORT[_kind(name)]], timeout=timeout,
                                   cwd=root)  # fmt: skip
        results[name] = {"status": "ok", "error": "", "first_import_compiling_s": compile_run.wall}
        if not compile_run.ok:
            results[name]["status"] = "timeout" if compile_run.timed_out else "failed"
            results[name]["error"] = compile_run.first_error_line()
            log(f"import: {spec} {name}: {results[name]['status']} {results[name]['error']}")
    names = [name for name in roots if results[name]["status"] == "ok"]
    collected: dict[str, dict[str, list[Any]]] = {
        name: {"walls": [], "rss": [], "imports": [], "first": [], "errors": []} for name in names
    }
    for index in range(runs):
        turn = index % len(names) if names else 0
        for name in names[turn:] + names[:turn]:
            if sum(collected[name]["walls"]) > BUDGET:
                continue  # an SDK that takes a minute to import is known after one run
            got, root, code = collected[name], roots[name], IMPORT[_kind(name)]
            walls, rss, _, _ = _runs(python, code, root, 1, timeout)
            _, _, imports, _ = _runs(python, code, root, 1, timeout, importtime=True)
            got["walls"] += walls
            got["rss"] += rss
            got["imports"] += imports
            snippet = FIRST_CALL.get(spec, {}).get(_kind(name))
            if base_url is not None and snippet is not None:
                first, _, _, error = _runs(python, snippet.replace("{url}", base_url), root, 1,
                                           timeout)  # fmt: skip
                got["first"] += first
                if error:
                    got["errors"].append(error)
    bare_wall, bare_importtime = bare_numbers["wall_s"], bare_numbers["importtime_us"]
    for name in names:
        got, result = collected[name], results[name]
        wall, importtime = median(got["walls"]), median(got["imports"])
        result.update(
            {
                "wall_s": wall,
                "wall_over_bare_s": wall - bare_wall if wall is not None and bare_wall else None,
                "importtime_s": (importtime - (bare_importtime or 0)) / 1e6
                if importtime is not None
                else None,
                "max_rss_mb": median(got["rss"]),
                "runs": len(got["walls"]),
            }
        )
        log(
            f"import: {spec} {name}: {_ms(result['wall_over_bare_s'])} over bare "
            f"(importtime {_ms(result['importtime_s'])}, {result['max_rss_mb'] or 0:.0f} MB; "
            f"first, compiling: {result['first_import_compiling_s']:.1f}s)"
        )
        if base_url is not None and FIRST_CALL.get(spec, {}).get(_kind(name)) is not None:
            first_call = median(got["first"])
            result["first_call_s"] = first_call
            result["first_call_over_bare_s"] = (
                first_call - bare_wall if first_call and bare_wall else None
            )
            result["first_call_error"] = got["errors"][0] if got["errors"] else ""
            log(f"first call: {spec} {name}: " + (f"{first_call:.3f}s" if first_call else "failed"))
    return results


def _kind(name: str) -> str:
    """``aiosdkgen@REV`` generates what aiosdkgen does: the same snippets."""
    return name.split("@", 1)[0]


def _ms(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds * 1000:.0f} ms"
