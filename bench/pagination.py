"""Auto-pagination against the hand-written loop it replaces, on a local server.

The showcase SDK's `client.keepers.list_keepers` (a cursor in the body) reads every page of a
list served by an aiohttp server on 127.0.0.1 in another process, two ways, alternating rounds:

- **loop**: ``await`` each page, pass its ``next_cursor`` back, until there is none;
- **pager**: ``async for keeper in client.keepers.list_keepers(limit=...)``.

Prints seconds per round (the median) of each and their ratio, wall and CPU (this process).
Not a test: nothing asserts a time. Usage::

    python bench/pagination.py [--pages 200] [--per-page 50] [--rounds 15]
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import multiprocessing
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _serve(port_queue: Any, pages: int, per_page: int) -> None:
    from aiohttp import web

    bodies: dict[str, bytes] = {}
    for page in range(pages):
        keepers = [{"badge": f"k-{page}-{index}"} for index in range(per_page)]
        following = f"c{page + 1}" if page + 1 < pages else None
        cursor = f"c{page}" if page else ""
        bodies[cursor] = json.dumps({"keepers": keepers, "next_cursor": following}).encode()

    async def handle(request: web.Request) -> web.Response:
        body = bodies[request.query.get("cursor", "")]
        return web.Response(body=body, content_type="application/json")

    async def main() -> None:
        app = web.Application()
        app.router.add_get("/keepers", handle)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port_queue.put(runner.addresses[0][1])
        await asyncio.Event().wait()

    asyncio.run(main())


async def _rounds(
    base_url: str, rounds: int, per_page: int
) -> dict[str, list[tuple[float, float]]]:
    # The committed showcase SDK, from generated/ (put on the path by `main`).
    showcase: Any = importlib.import_module("showcase_client")

    async def loop(client: Any) -> int:
        count = 0
        cursor: Any = showcase.NOT_GIVEN
        while True:
            page = await client.keepers.list_keepers(cursor=cursor, limit=per_page)
            for _keeper in page.keepers:
                count += 1
            if not page.next_cursor:
                return count
            cursor = page.next_cursor

    async def pager(client: Any) -> int:
        count = 0
        async for _keeper in client.keepers.list_keepers(limit=per_page):
            count += 1
        return count

    results: dict[str, list[tuple[float, float]]] = {"loop": [], "pager": []}
    async with showcase.Client(base_url=base_url, bearer_auth="bench") as client:
        expected = await loop(client)  # warm-up: connections, models, validators
        assert await pager(client) == expected
        for round_ in range(rounds):
            order = (("loop", loop), ("pager", pager))
            for name, way in order if round_ % 2 == 0 else order[::-1]:
                wall, cpu = time.perf_counter(), time.process_time()
                assert await way(client) == expected
                results[name].append((time.perf_counter() - wall, time.process_time() - cpu))
    return results


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--pages", type=int, default=200)
    arguments.add_argument("--per-page", type=int, default=50)
    arguments.add_argument("--rounds", type=int, default=15)
    options = arguments.parse_args()
    sys.path.insert(0, str(ROOT / "generated" / "showcase"))
    ports: Any = multiprocessing.Queue()
    server = multiprocessing.Process(
        target=_serve, args=(ports, options.pages, options.per_page), daemon=True
    )
    server.start()
    try:
        port = ports.get(timeout=30)
        results = asyncio.run(_rounds(f"http://127.0.0.1:{port}", options.rounds, options.per_page))
    finally:
        server.terminate()
        server.join()
    print(f"{options.pages} pages of {options.per_page} items, {options.rounds} rounds (median)")
    medians = {
        name: (statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs))
        for name, runs in results.items()
    }
    for name, (wall, cpu) in medians.items():
        print(f"  {name:6} wall {wall * 1000:8.1f} ms   cpu {cpu * 1000:8.1f} ms")
    loop_wall, loop_cpu = medians["loop"]
    pager_wall, pager_cpu = medians["pager"]
    print(f"  pager / loop: wall {pager_wall / loop_wall:.3f}, cpu {pager_cpu / loop_cpu:.3f}")


if __name__ == "__main__":
    main()
