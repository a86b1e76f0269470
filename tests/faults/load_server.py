"""The load test's server, run in its own process: ``python load_server.py TOKEN``.

Serves ``GET /v1/items/{id}?seq=N`` of the faults API, echoing the id and seq so the client can
match every response to its request; answers 401 unless the bearer token, the API-key header,
the query key and the cookie are all the expected ones. ``GET /stats`` reports the requests
served, the distinct TCP connections they came over and the server's RSS. Prints
``PORT <n>`` once listening on 127.0.0.1, and exits when its stdin closes.
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
from urllib.parse import quote

from aiohttp import web


async def main(bearer: str, header_key: str, query_key: str, cookie_key: str) -> None:
    peers: set[object] = set()
    served = 0
    expected_cookie = f"session_id={quote(cookie_key, safe='')}"

    async def item(request: web.Request) -> web.Response:
        nonlocal served
        if request.transport is not None:
            peers.add(request.transport.get_extra_info("peername"))
        if (
            request.headers.get("Authorization") != f"Bearer {bearer}"
            or request.headers.get("X-API-Key") != header_key
            or request.query.get("key") != query_key
            or request.headers.get("Cookie") != expected_cookie
        ):
            return web.json_response({"message": "who are you?"}, status=401)
        served += 1
        body = {"id": request.match_info["id"], "name": "load", "seq": int(request.query["seq"])}
        return web.Response(body=json.dumps(body).encode(), content_type="application/json")

    async def stats(request: web.Request) -> web.Response:
        # Current, not peak RSS: Linux carries ru_maxrss over from the parent across exec.
        with open("/proc/self/statm") as statm:
            rss = int(statm.read().split()[1]) * resource.getpagesize()
        return web.json_response({"served": served, "connections": len(peers), "rss": rss})

    app = web.Application()
    app.router.add_get("/v1/items/{id}", item)
    app.router.add_get("/stats", stats)
    runner = web.AppRunner(app, handle_signals=False, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0, backlog=1024)
    await site.start()
    print(f"PORT {runner.addresses[0][1]}", flush=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.read)  # until the test closes our stdin
    await runner.cleanup()


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:5]))
