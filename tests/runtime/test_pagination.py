"""`AsyncPager` against aioresponses: the exact requests of each pagination style, when it
stops, and its protections (repeated cursors, foreign or oversized links)."""

from __future__ import annotations

from typing import Any

import pydantic
import pytest
from aioresponses import aioresponses
from aioresponses.core import normalize_url
from aiosdkgen.runtime import (
    NOT_GIVEN,
    AsyncPager,
    BaseClient,
    Endpoint,
    PaginationError,
    Paging,
    Param,
    RawResponse,
    RequestEvent,
    ResponseSpec,
    SecurityScheme,
    _pagination,
    to_raw_response_wrapper,
)

from .helpers import BASE, Pet, requests_made


class CursorPage(pydantic.BaseModel):
    items: list[Pet]
    next_cursor: str | None = None
    has_more: bool | None = None


class StripeList(pydantic.BaseModel):
    data: list[Pet]
    has_more: bool


class NumberedPage(pydantic.BaseModel):
    items: list[Pet]
    total_pages: int | None = None


def pets(*ids: int) -> list[dict[str, Any]]:
    return [{"id": i, "name": f"pet{i}"} for i in ids]


def endpoint(returns: Any, *query: str) -> Endpoint[Any]:
    return Endpoint(
        method="GET",
        path="/pets",
        params=tuple(Param(name, "query") for name in query),
        responses={"200": ResponseSpec("json", returns)},
        security=(("queryKey",),),
    )


def pager(
    client: BaseClient,
    returns: Any,
    paging: Paging,
    args: dict[str, Any],
    **options: Any,
) -> AsyncPager[Any, Pet]:
    names = tuple(args)
    return AsyncPager(client, endpoint(returns, *names), paging, tuple(args.values()), **options)


def urls(m: aioresponses) -> list[str]:
    return [url for _, url, _ in requests_made(m)]


def normal(*expected: str) -> list[str]:
    """`expected` as aioresponses records URLs (query sorted; exact order: tests/client)."""
    return [str(normalize_url(url)) for url in expected]


SCHEMES = {"queryKey": SecurityScheme("api_key", name="key", location="query")}


def client() -> BaseClient:
    return BaseClient(base_url=BASE, security_schemes=SCHEMES, credentials={"queryKey": "k"})


async def ids(paginated: AsyncPager[Any, Pet]) -> list[int]:
    return [pet.id async for pet in paginated]


async def test_awaiting_returns_the_first_page_body_with_one_request(
    mocked: aioresponses,
) -> None:
    mocked.get(f"{BASE}/pets?limit=2&key=k", payload={"items": pets(1, 2), "next_cursor": "c2"})
    paging = Paging("cursor", items="items", param="cursor", next_cursor="next_cursor")
    async with client() as c:
        page = await pager(c, CursorPage, paging, {"cursor": NOT_GIVEN, "limit": 2})
    assert page == CursorPage(
        items=[Pet(id=1, name="pet1"), Pet(id=2, name="pet2")], next_cursor="c2"
    )
    assert urls(mocked) == normal(f"{BASE}/pets?limit=2&key=k")


async def test_cursor_is_sent_back_until_there_is_none(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/pets?limit=2&key=k", payload={"items": pets(1, 2), "next_cursor": "c/2"})
    mocked.get(f"{BASE}/pets?cursor=c%2F2&limit=2&key=k", payload={"items": pets(3)})
    paging = Paging("cursor", items="items", param="cursor", next_cursor="next_cursor")
    async with client() as c:
        found = await ids(pager(c, CursorPage, paging, {"cursor": NOT_GIVEN, "limit": 2}))
    assert found == [1, 2, 3]
    assert urls(mocked) == normal(
        f"{BASE}/pets?limit=2&key=k", f"{BASE}/pets?cursor=c%2F2&limit=2&key=k"
    )


async def test_has_more_false_stops_even_with_a_cursor(mocked: aioresponses) -> None:
    body = {"items": pets(1), "next_cursor": "c2", "has_more": False}
    mocked.get(f"{BASE}/pets?key=k", payload=body)
    paging = Paging(
        "cursor", items="items", param="cursor", next_cursor="next_cursor", has_more="has_more"
    )
    async with client() as c:
        assert await ids(pager(c, CursorPage, paging, {"cursor": NOT_GIVEN})) == [1]
    assert len(requests_made(mocked)) == 1


async def test_starting_after_is_the_last_items_id(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/pets?limit=2&key=k", payload={"data": pets(1, 2), "has_more": True})
    mocked.get(
        f"{BASE}/pets?starting_after=2&limit=2&key=k", payload={"data": pets(3), "has_more": False}
    )
    paging = Paging(
        "starting_after", items="data", param="starting_after", has_more="has_more", item_id="id"
    )
    async with client() as c:
        found = await ids(pager(c, StripeList, paging, {"starting_after": NOT_GIVEN, "limit": 2}))
    assert found == [1, 2, 3]
    assert urls(mocked)[1:] == normal(f"{BASE}/pets?starting_after=2&limit=2&key=k")


async def test_page_numbers_stop_on_a_short_page(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/pets?per_page=2&key=k", payload=pets(1, 2))
    mocked.get(f"{BASE}/pets?page=2&per_page=2&key=k", payload=pets(3, 4))
    mocked.get(f"{BASE}/pets?page=3&per_page=2&key=k", payload=pets(5))
    paging = Paging("page", param="page", size_param="per_page")
    async with client() as c:
        found = await ids(pager(c, list[Pet], paging, {"page": NOT_GIVEN, "per_page": 2}))
    assert found == [1, 2, 3, 4, 5]
    assert len(requests_made(mocked)) == 3


async def test_page_numbers_stop_on_an_empty_page_or_total_pages(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/pets?page=4&key=k", payload={"items": pets(1), "total_pages": 5})
    mocked.get(f"{BASE}/pets?page=5&key=k", payload={"items": pets(2), "total_pages": 5})
    paging = Paging("page", items="items", param="page", total_pages="total_pages")
    async with client() as c:
        assert await ids(pager(c, NumberedPage, paging, {"page": 4})) == [1, 2]
    mocked.get(f"{BASE}/pets?key=k", payload=pets(1))
    mocked.get(f"{BASE}/pets?page=2&key=k", payload=[])
    async with client() as c:
        paging = Paging("page", param="page")
        assert await ids(pager(c, list[Pet], paging, {"page": NOT_GIVEN})) == [1]


async def test_offset_advances_by_the_items_read(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/pets?offset=10&limit=2&key=k", payload=pets(1, 2))
    mocked.get(f"{BASE}/pets?offset=12&limit=2&key=k", payload=pets(3))
    paging = Paging("offset", param="offset", size_param="limit")
    async with client() as c:
        assert await ids(pager(c, list[Pet], paging, {"offset": 10, "limit": 2})) == [1, 2, 3]


async def test_a_server_ignoring_the_page_number_is_stopped(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/pets?key=k", payload=pets(1))
    mocked.get(f"{BASE}/pets?page=2&key=k", payload=pets(1))
    paging = Paging("page", param="page")
    seen: list[int] = []
    async with client() as c:
        with pytest.raises(PaginationError, match="the same page"):
            async for pet in pager(c, list[Pet], paging, {"page": NOT_GIVEN}):
                seen.append(pet.id)
    assert seen == [1, 1]  # both pages were handed over before the loop was noticed


async def test_a_repeated_cursor_raises_instead_of_looping(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/pets?key=k", payload={"items": pets(1), "next_cursor": "a"})
    mocked.get(f"{BASE}/pets?cursor=a&key=k", payload={"items": pets(2), "next_cursor": "b"})
    mocked.get(f"{BASE}/pets?cursor=b&key=k", payload={"items": pets(3), "next_cursor": "a"})
    paging = Paging("cursor", items="items", param="cursor", next_cursor="next_cursor")
    seen: list[int] = []
    async with client() as c:
        with pytest.raises(PaginationError, match="already sent") as raised:
            async for pet in pager(c, CursorPage, paging, {"cursor": NOT_GIVEN}):
                seen.append(pet.id)
    assert seen == [1, 2, 3]
    assert len(requests_made(mocked)) == 3
    assert "(GET /pets, at cursor='a')" in str(raised.value)


async def test_link_next_is_followed_with_credentials_and_extra_query(
    mocked: aioresponses,
) -> None:
    first = f"{BASE}/pets?per_page=2&key=k&trace=1"
    following = "https://api.example.test/other/pets?page=2&per_page=2"
    mocked.get(
        first,
        payload=pets(1, 2),
        headers={"Link": f'<{following}>; rel="next", <{BASE}/pets?page=9>; rel="last"'},
    )
    mocked.get(following + "&key=k&trace=1", payload=pets(3), headers={"Link": '<x>; rel="prev"'})
    paging = Paging("link", param="page", size_param="per_page")
    async with client() as c:
        paginated = pager(
            c,
            list[Pet],
            paging,
            {"page": NOT_GIVEN, "per_page": 2},
            extra_query={"trace": 1},
            extra_headers={"X-Trace": "t"},
        )
        assert await ids(paginated) == [1, 2, 3]
    made = requests_made(mocked)
    assert [url for _, url, _ in made] == normal(first, following + "&key=k&trace=1")
    assert all(kwargs["headers"]["X-Trace"] == "t" for _, _, kwargs in made)


async def test_a_relative_link_is_resolved_and_query_already_there_not_doubled(
    mocked: aioresponses,
) -> None:
    mocked.get(
        f"{BASE}/pets?key=k", payload=pets(1), headers={"Link": "</v1/pets?key=k&p=2>; rel=next"}
    )
    mocked.get(f"{BASE}/pets?key=k&p=2", payload=pets(2))
    async with client() as c:
        assert await ids(pager(c, list[Pet], Paging("link"), {})) == [1, 2]


@pytest.mark.parametrize(
    "link",
    [
        '<https://evil.example/pets?page=2>; rel="next"',
        '<http://api.example.test/v1/pets?page=2>; rel="next"',  # another scheme: another origin
        '<//evil.example/pets>; rel="next"',
    ],
)
async def test_a_link_to_another_origin_is_not_followed(mocked: aioresponses, link: str) -> None:
    mocked.get(f"{BASE}/pets?key=k", payload=pets(1), headers={"Link": link})
    seen: list[int] = []
    async with client() as c:
        with pytest.raises(PaginationError, match="another origin"):
            async for pet in pager(c, list[Pet], Paging("link"), {}):
                seen.append(pet.id)
    assert seen == [1]
    assert len(requests_made(mocked)) == 1


async def test_an_oversized_link_header_is_refused(mocked: aioresponses) -> None:
    huge = ", ".join(f'<{BASE}/pets?page={i}>; rel="item"' for i in range(1000))
    mocked.get(f"{BASE}/pets?key=k", payload=pets(1), headers={"Link": huge})
    async with client() as c:
        with pytest.raises(PaginationError, match="longer than"):
            await ids(pager(c, list[Pet], Paging("link"), {}))


async def test_a_repeated_link_raises(mocked: aioresponses) -> None:
    link = {"Link": f'<{BASE}/pets?page=2>; rel="next"'}
    mocked.get(f"{BASE}/pets?key=k", payload=pets(1), headers=link)
    mocked.get(f"{BASE}/pets?page=2&key=k", payload=pets(2), headers=link, repeat=True)
    async with client() as c:
        with pytest.raises(PaginationError, match="already sent"):
            await ids(pager(c, list[Pet], Paging("link"), {}))


async def test_pages_carry_the_raw_response_and_the_body(mocked: aioresponses) -> None:
    mocked.get(
        f"{BASE}/pets?key=k",
        payload={"items": pets(1), "next_cursor": "n"},
        headers={"X-Rate": "9"},
    )
    mocked.get(f"{BASE}/pets?cursor=n&key=k", payload={"items": []})
    paging = Paging("cursor", items="items", param="cursor", next_cursor="next_cursor")
    async with client() as c:
        pages = [page async for page in pager(c, CursorPage, paging, {"cursor": NOT_GIVEN}).pages()]
    assert [len(page.items) for page in pages] == [1, 0]
    assert isinstance(pages[0].response, RawResponse)
    assert pages[0].response.headers["X-Rate"] == "9"
    assert pages[0].body.next_cursor == "n"
    assert pages[0].response.parse() is pages[0].body


async def test_the_raw_response_wrapper_still_returns_one_raw_page(mocked: aioresponses) -> None:
    mocked.get(
        f"{BASE}/pets?key=k", payload=pets(1), headers={"Link": f"<{BASE}/pets?page=2>; rel=next"}
    )

    class Resource:
        def __init__(self, c: BaseClient) -> None:
            self.c = c

        def list_pets(self) -> AsyncPager[list[Pet], Pet]:
            return AsyncPager(self.c, endpoint(list[Pet]), Paging("link"), ())

    async with client() as c:
        raw = await to_raw_response_wrapper(Resource(c).list_pets)()
    assert raw.status_code == 200 and raw.parse() == [Pet(id=1, name="pet1")]
    assert len(requests_made(mocked)) == 1


async def test_a_pager_starts_over_each_time(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/pets?key=k", payload=pets(1), repeat=True)
    paging = Paging("page", param="page")
    mocked.get(f"{BASE}/pets?page=2&key=k", payload=[], repeat=True)
    async with client() as c:
        paginated = pager(c, list[Pet], paging, {"page": NOT_GIVEN})
        assert await ids(paginated) == [1]
        assert await ids(paginated) == [1]
        assert await paginated == [Pet(id=1, name="pet1")]


async def test_only_the_last_cursors_are_remembered(
    mocked: aioresponses, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_pagination, "MAX_REMEMBERED", 2)
    cursors = ["a", "b", "c", "a", "b", "b"]  # "a" comes back after 2 others: forgotten
    previous = ""
    for cursor in cursors:
        query = f"cursor={previous}&key=k" if previous else "key=k"
        mocked.get(f"{BASE}/pets?{query}", payload={"items": pets(1), "next_cursor": cursor})
        previous = cursor
    paging = Paging("cursor", items="items", param="cursor", next_cursor="next_cursor")
    async with client() as c:
        with pytest.raises(PaginationError, match="at cursor='b'"):
            await ids(pager(c, CursorPage, paging, {"cursor": NOT_GIVEN}))
    assert len(requests_made(mocked)) == 6


async def test_each_page_is_an_ordinary_call_hooks_retries_and_all(
    mocked: aioresponses, recorded_sleeps: list[float]
) -> None:
    attempts: list[str] = []

    def on_request(request: RequestEvent) -> None:
        attempts.append(f"{request.url} #{request.attempt}")

    mocked.get(f"{BASE}/pets?key=k", payload={"items": pets(1), "next_cursor": "n"})
    mocked.get(f"{BASE}/pets?cursor=n&key=k", status=503)
    mocked.get(f"{BASE}/pets?cursor=n&key=k", payload={"items": pets(2)})
    paging = Paging("cursor", items="items", param="cursor", next_cursor="next_cursor")
    async with BaseClient(
        base_url=BASE,
        security_schemes=SCHEMES,
        credentials={"queryKey": "k"},
        event_hooks={"request": [on_request]},
    ) as c:
        found = await ids(pager(c, CursorPage, paging, {"cursor": NOT_GIVEN}, max_retries=1))
    assert found == [1, 2]
    assert [attempt.rsplit("?", 1)[1] for attempt in attempts] == [
        "key=*** #1",
        "cursor=n&key=*** #1",
        "cursor=n&key=*** #2",
    ]
    assert len(recorded_sleeps) == 1  # the second page's retry backed off once
