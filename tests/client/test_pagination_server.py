"""Auto-pagination for real: the generated showcase SDK (`client.keepers.list_keepers`, a
cursor in the body) and the runtime's link and `starting_after` styles against aiohttp servers
on 127.0.0.1, with the exact query strings they receive and when they receive them."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import pydantic
import pytest
from aiohttp import web
from aioresponses import aioresponses
from aiosdkgen.runtime import (
    NOT_GIVEN,
    AsyncPager,
    BaseClient,
    Endpoint,
    Paging,
    Param,
    ResponseSpec,
)
from showcase_client import Client, PaginationError
from showcase_client.models import Keeper, KeeperPage

from tests.runtime.helpers import requests_made, run_readme_example

Start = Callable[[web.Application], Awaitable[str]]


def keepers_app(pages: dict[str, dict[str, Any]], seen: list[str]) -> web.Application:
    """`GET /keepers`: the page for the `cursor` sent ("" for none); records query strings."""

    async def handle(request: web.Request) -> web.Response:
        seen.append(request.raw_path.partition("?")[2])
        assert request.headers["Authorization"] == "Bearer tok"
        return web.json_response(pages[request.query.get("cursor", "")])

    app = web.Application()
    app.router.add_get("/keepers", handle)
    return app


THREE_PAGES = {
    "": {"keepers": [{"badge": "a"}, {"badge": "b"}], "next_cursor": "c 2"},
    "c 2": {"keepers": [{"badge": "c"}, {"badge": "d"}], "next_cursor": "c3"},
    "c3": {"keepers": [{"badge": "e"}], "next_cursor": None},
}


async def test_items_of_every_page_in_order_with_the_cursor_sent_back(server: Start) -> None:
    seen: list[str] = []
    base = await server(keepers_app(THREE_PAGES, seen))
    async with Client(base_url=base, bearer_auth="tok") as client:
        badges = [keeper.badge async for keeper in client.keepers.list_keepers(limit=2)]
    assert badges == ["a", "b", "c", "d", "e"]
    assert seen == ["limit=2", "cursor=c%202&limit=2", "cursor=c3&limit=2"]


async def test_the_next_page_is_requested_only_when_the_items_run_out(server: Start) -> None:
    seen: list[str] = []
    base = await server(keepers_app(THREE_PAGES, seen))
    async with Client(base_url=base, bearer_auth="tok") as client:
        items = client.keepers.list_keepers().__aiter__()
        assert seen == []  # nothing is sent before iteration starts
        assert (await anext(items)).badge == "a"
        assert (await anext(items)).badge == "b"
        assert len(seen) == 1
        assert (await anext(items)).badge == "c"
        assert len(seen) == 2
        await items.aclose()  # type: ignore[attr-defined]
    assert len(seen) == 2


async def test_awaiting_is_one_page_exactly_as_before(server: Start) -> None:
    seen: list[str] = []
    base = await server(keepers_app(THREE_PAGES, seen))
    async with Client(base_url=base, bearer_auth="tok") as client:
        page = await client.keepers.list_keepers(limit=2)
        raw = await client.keepers.with_raw_response.list_keepers(cursor="c3")
        async with client.keepers.with_streaming_response.list_keepers() as streamed:
            assert streamed.status_code == 200
            await streamed.read()
    assert isinstance(page, KeeperPage)
    assert page.keepers == [Keeper(badge="a"), Keeper(badge="b")]
    assert raw.parse().keepers == [Keeper(badge="e")]
    assert seen == ["limit=2", "cursor=c3", ""]


async def test_pages_and_their_responses(server: Start) -> None:
    seen: list[str] = []
    base = await server(keepers_app(THREE_PAGES, seen))
    async with Client(base_url=base, bearer_auth="tok") as client:
        pages = [page async for page in client.keepers.list_keepers().pages()]
    assert [page.body.next_cursor for page in pages] == ["c 2", "c3", None]
    assert [page.response.status_code for page in pages] == [200, 200, 200]
    assert [len(page.items) for page in pages] == [2, 2, 1]


async def test_a_server_repeating_a_cursor_is_stopped(server: Start) -> None:
    seen: list[str] = []
    looping = {
        "": {"keepers": [{"badge": "a"}], "next_cursor": "x"},
        "x": {"keepers": [{"badge": "b"}], "next_cursor": "x"},
    }
    base = await server(keepers_app(looping, seen))
    badges: list[str] = []
    async with Client(base_url=base, bearer_auth="tok") as client:
        with pytest.raises(PaginationError, match="already sent"):
            async for keeper in client.keepers.list_keepers():
                badges.append(keeper.badge)
    assert badges == ["a", "b"]
    assert seen == ["", "cursor=x"]


class Pet(pydantic.BaseModel):
    id: str


class PetList(pydantic.BaseModel):
    data: list[Pet]
    has_more: bool


def list_endpoint(returns: Any, *query: str) -> Endpoint[Any]:
    return Endpoint(
        method="GET",
        path="/pets",
        params=tuple(Param(name, "query") for name in query),
        responses={"200": ResponseSpec("json", returns)},
    )


async def test_link_headers_are_followed_on_the_same_server(server: Start) -> None:
    seen: list[str] = []

    async def handle(request: web.Request) -> web.Response:
        seen.append(request.raw_path)
        assert request.headers["X-Trace"] == "t"
        page = int(request.query.get("page", "1"))
        headers = {}
        if page < 3:
            # GitHub's links name another path for the same list.
            next_url = request.url.with_path("/organizations/7/pets").with_query(request.query)
            next_url = next_url.update_query(page=page + 1)
            headers["Link"] = f'<{next_url}>; rel="next", <{request.url}>; rel="first"'
        return web.json_response([{"id": f"p{page}"}], headers=headers)

    app = web.Application()
    app.router.add_get("/pets", handle)
    app.router.add_get("/organizations/7/pets", handle)
    base = await server(app)
    paging = Paging("link", param="page", size_param="per_page")
    async with BaseClient(base_url=base) as client:
        pager: AsyncPager[list[Pet], Pet] = AsyncPager(
            client,
            list_endpoint(list[Pet], "page", "per_page"),
            paging,
            (NOT_GIVEN, 1),
            extra_headers={"X-Trace": "t"},
        )
        found = [pet.id async for pet in pager]
    assert found == ["p1", "p2", "p3"]
    assert seen == [
        "/pets?per_page=1",
        "/organizations/7/pets?per_page=1&page=2",
        "/organizations/7/pets?per_page=1&page=3",
    ]


async def test_starting_after_and_has_more(server: Start) -> None:
    seen: list[str] = []
    ids = [f"cus_{i}" for i in range(5)]

    async def handle(request: web.Request) -> web.Response:
        seen.append(request.query_string)
        after = request.query.get("starting_after")
        start = ids.index(after) + 1 if after else 0
        limit = int(request.query["limit"])
        data = [{"id": i} for i in ids[start : start + limit]]
        return web.json_response({"data": data, "has_more": start + limit < len(ids)})

    app = web.Application()
    app.router.add_get("/pets", handle)
    base = await server(app)
    paging = Paging(
        "starting_after", items="data", param="starting_after", has_more="has_more", item_id="id"
    )
    async with BaseClient(base_url=base) as client:
        pager: AsyncPager[PetList, Pet] = AsyncPager(
            client, list_endpoint(PetList, "limit", "starting_after"), paging, (2, NOT_GIVEN)
        )
        found = [pet.id async for pet in pager]
    assert found == ids
    assert seen == ["limit=2", "limit=2&starting_after=cus_1", "limit=2&starting_after=cus_3"]


def test_generated_readme_pagination_example_runs_as_written(
    mocked: aioresponses, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The showcase SDK's "Pagination" example, run as written against a mock of its API
    serving two pages of keepers."""
    first = {"keepers": [{"badge": "a"}, {"badge": "b"}], "next_cursor": "n"}
    second = {"keepers": [{"badge": "c"}], "next_cursor": None}
    for body in (first, first, second, first, second):  # await; async for; pages()
        cursor = "?cursor=n" if body is second else ""
        mocked.get(f"https://eu.zoo.example/v2/keepers{cursor}", payload=body)
    run_readme_example("### Pagination", monkeypatch)
    assert capsys.readouterr().out == (
        "KeeperPage\nbadge='a'\nbadge='b'\nbadge='c'\n200 2\n200 1\n"
    )
    assert len(requests_made(mocked)) == 5


async def test_a_paginated_method_still_makes_a_task(server: Start) -> None:
    """`asyncio.create_task(...)` takes only coroutines: the pager is one, of the one-page call."""
    seen: list[str] = []
    base = await server(keepers_app(THREE_PAGES, seen))
    async with Client(base_url=base, bearer_auth="tok") as client:
        task = asyncio.create_task(client.keepers.list_keepers(limit=2))
        page = await task
        gathered = await asyncio.gather(client.keepers.list_keepers(cursor="c3"))
    assert isinstance(page, KeeperPage) and page.next_cursor == "c 2"
    assert gathered[0].keepers == [Keeper(badge="e")]
    assert seen == ["limit=2", "cursor=c3"]
