"""The 3.2 bundled spec's SDK (specs/library.yaml) against a server on 127.0.0.1: the QUERY
method, an `additionalOperations` method (COPY), named servers and streams typed by
`itemSchema`."""

from __future__ import annotations

import json

from aiohttp import web
from library_client import Client
from library_client.models import Book

from tests.runtime.conftest import ServerFactory

BOOK = {"isbn": "978-0", "title": "Dune"}


async def test_query_copy_and_typed_streams(server: ServerFactory) -> None:
    seen: list[tuple[str, str, str, str | None]] = []

    async def search(request: web.Request) -> web.Response:
        seen.append((request.method, request.path, await request.text(), None))
        return web.json_response([BOOK])

    async def copy(request: web.Request) -> web.Response:
        seen.append((request.method, request.path, "", request.headers.get("Destination")))
        return web.json_response(BOOK, status=201)

    async def changes(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        await response.write(f"event: added\ndata: {json.dumps(BOOK)}\n\n".encode())
        await response.write_eof()
        return response

    async def export(request: web.Request) -> web.Response:
        lines = json.dumps(BOOK) + "\n" + json.dumps({"isbn": "978-1", "title": "Emma"}) + "\n"
        return web.Response(body=lines.encode(), content_type="application/jsonl")

    app = web.Application()
    app.router.add_route("QUERY", "/v1/books/search", search)
    app.router.add_route("COPY", "/v1/books/{isbn}", copy)
    app.router.add_get("/v1/books/changes", changes)
    app.router.add_get("/v1/books/export", export)
    base = await server(app)
    async with Client(base_url=base + "/v1") as client:
        assert await client.books.search_books(body={"q": "dune"}) == [Book(**BOOK)]
        assert await client.books.copy_book("978-0", destination="/shelves/2") == Book(**BOOK)
        async with await client.books.watch_changes() as events:
            received = [(event.event, event.data) async for event in events]
        async with await client.books.export_books() as items:
            titles = [book.title async for book in items]
    assert received == [("added", Book(**BOOK))]
    assert titles == ["Dune", "Emma"]
    assert seen == [
        ("QUERY", "/v1/books/search", '{"q":"dune"}', None),
        ("COPY", "/v1/books/978-0", "", "/shelves/2"),
    ]


def test_servers_are_chosen_by_their_3_2_name() -> None:
    assert Client().base_url == "https://library.example/v1"
    assert Client(server="staging").base_url == "https://staging.library.example/v1"
