"""The runtime benchmark's HTTP server (run in its own process, bound to 127.0.0.1 only).

    python bench/server.py [--port 0]

Prints ``PORT <n>`` once listening. Bodies are built once at start-up, deterministically, so a
request costs the server only the write:

- ``GET /items``: a JSON list of 50 `Item` objects (bench/specs/runtime.yaml)
- ``GET /documents``: a list of nested `Document` objects, about 5 MB
- ``GET /emojis``: GitHub's ``emojis/get`` answer, for the time to a first call
- ``GET /v1/balance``: Stripe's ``GetBalance`` answer, for the same

Standalone on purpose (only aiohttp): it runs outside the bench package.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from typing import Any

from aiohttp import web

DOCUMENT_COUNT = 200
SECTIONS_PER_DOCUMENT = 5
ITEMS_PER_SECTION = 20


def item(index: int) -> dict[str, Any]:
    return {
        "id": index,
        "name": f"item number {index}",
        "description": None if index % 3 == 0 else f"the description of item {index}, in words",
        "price": round(index * 1.37 % 1000, 2),
        "quantity": index % 17,
        "active": index % 2 == 0,
        "tags": [f"tag{index % 7}", f"group{index % 11}", "bench"],
        "owner": {
            "id": index % 97,
            "login": f"user{index % 97}",
            "email": None if index % 5 == 0 else f"user{index % 97}@example.com",
        },
    }


def items_body(count: int = 50) -> bytes:
    return json.dumps([item(i) for i in range(count)]).encode()


def documents_body() -> bytes:
    documents = []
    counter = 0
    for d in range(DOCUMENT_COUNT):
        sections = []
        for s in range(SECTIONS_PER_DOCUMENT):
            items = []
            for _ in range(ITEMS_PER_SECTION):
                items.append(item(counter))
                counter += 1
            sections.append({"id": s, "title": f"section {s}", "weight": s / 10, "items": items})
        documents.append(
            {
                "id": d,
                "title": f"document {d}",
                "summary": "a document of the runtime benchmark " * 3,
                "revision": d % 9,
                "published": d % 4 != 0,
                "sections": sections,
            }
        )
    return json.dumps(documents).encode()


EMOJIS = json.dumps({"+1": "https://example.com/+1.png", "-1": "https://example.com/-1.png"})
BALANCE = json.dumps(
    {
        "object": "balance",
        "livemode": False,
        "available": [{"amount": 0, "currency": "usd", "source_types": {"card": 0}}],
        "pending": [{"amount": 0, "currency": "usd", "source_types": {"card": 0}}],
    }
)


def make_app() -> web.Application:
    bodies = {
        "/items": items_body(),
        "/documents": documents_body(),
        "/emojis": EMOJIS.encode(),
        "/v1/balance": BALANCE.encode(),
    }

    async def handler(request: web.Request) -> web.Response:
        body = bodies.get(request.path)
        if body is None:
            return web.json_response({"message": "not found"}, status=404)
        return web.Response(body=body, content_type="application/json")

    app = web.Application()
    app.router.add_get("/{tail:.*}", handler)
    return app


async def serve(port: int) -> None:
    runner = web.AppRunner(make_app(), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", port, backlog=1024)
    await site.start()
    server = site._server
    assert server is not None and isinstance(server, asyncio.base_events.Server)
    bound = server.sockets[0].getsockname()[1]
    print(f"PORT {bound}", flush=True)
    try:
        # Stop when the parent closes our stdin (or after an hour, whatever happens).
        loop = asyncio.get_running_loop()
        await asyncio.wait_for(loop.run_in_executor(None, sys.stdin.read), timeout=3600)
    finally:
        await runner.cleanup()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    asyncio.run(serve(args.port))


if __name__ == "__main__":
    main()
