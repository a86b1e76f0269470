"""Auto-pagination: a list method's result is awaitable (one page) and async-iterable (items).

A paginated generated method returns an `AsyncPager` without sending anything::

    pets = await client.pets.list_pets(limit=10)        # one page, as without pagination
    async for pet in client.pets.list_pets(limit=10):   # every item, page after page
        ...
    async for page in client.pets.list_pets().pages():  # whole pages: response and body
        print(page.response.headers["X-Rate-Limit"], len(page.items))

Every page is one ordinary `BaseClient.request` (limits, timeouts, retries, hooks and
credentials apply to each), with the call's `extra_headers`, `extra_query`, `timeout` and
`max_retries`. Pages are requested lazily: the next one only when the previous one's items are
used up. `Paging` says how the next request is made; the generator writes one per method.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Coroutine, Generator
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar, cast

from ._record import Record
from ._response import RawResponse, response_mode
from ._types import NOT_GIVEN, NotGiven
from .errors import PaginationError

if TYPE_CHECKING:
    from ._client import BaseClient
    from ._endpoint import Endpoint
    from ._types import Headers, Query, Timeout

__all__ = ["AsyncPager", "Page", "Paging"]

PageT = TypeVar("PageT")
ItemT = TypeVar("ItemT")

PagingStyle = Literal["page", "offset", "cursor", "starting_after", "link"]

MAX_LINK_HEADER = 16 * 1024
"""``Link`` headers longer than this many characters are refused, not parsed."""
MAX_REMEMBERED = 1024
"""The cursors (links, page numbers) of this many last pages are remembered: one coming back
among them stops the loop. Memory stays bounded however many pages a listing has."""
_LINK = re.compile(r"<([^<>]*)>((?:\s*;\s*[^;,]*)*)")
_REL_NEXT = re.compile(r';\s*rel\s*=\s*(?:"[^"]*\bnext\b[^"]*"|next\b)', re.IGNORECASE)


class Paging(Record):
    """How one operation's next page is requested.

    `param` and `size_param` are wire names of query parameters: the one advanced from page to
    page (the page number, offset, cursor or ``starting_after``; for ``link``, the one that
    shows the call asked for a later page) and the page size. `items`, `next_cursor`,
    `has_more`, `total_pages` are attribute names of the response model (`items` None: the
    response is the list); `item_id` the attribute of the last item sent as ``starting_after``.
    """

    __slots__ = (
        "has_more", "item_id", "items", "next_cursor", "param", "size_param", "style",
        "total_pages",
    )  # fmt: skip
    style: PagingStyle
    items: str | None
    param: str | None
    size_param: str | None
    next_cursor: str | None
    has_more: str | None
    total_pages: str | None
    item_id: str | None

    def __init__(
        self,
        style: PagingStyle,
        *,
        items: str | None = None,
        param: str | None = None,
        size_param: str | None = None,
        next_cursor: str | None = None,
        has_more: str | None = None,
        total_pages: str | None = None,
        item_id: str | None = None,
    ) -> None:
        self._set(
            style=style,
            items=items,
            param=param,
            size_param=size_param,
            next_cursor=next_cursor,
            has_more=has_more,
            total_pages=total_pages,
            item_id=item_id,
        )


class Page(Generic[PageT, ItemT]):
    """One page: the `response` (status, headers, bytes), its parsed `body` (what awaiting the
    method returns) and the `items` on it."""

    __slots__ = ("body", "items", "response")

    def __init__(self, response: RawResponse[PageT], body: PageT, items: list[ItemT]) -> None:
        self.response: RawResponse[PageT] = response
        self.body: PageT = body
        self.items: list[ItemT] = items

    def __repr__(self) -> str:
        return f"<Page [{self.response.status_code}] {len(self.items)} items>"


class AsyncPager(Coroutine[Any, Any, PageT], Generic[PageT, ItemT]):
    """The result of a paginated method: ``await`` it for the first page's body (exactly what
    the method returned before pagination), ``async for`` over it for the items of every page,
    or over `pages()` for whole pages. Nothing is sent until one of these starts; each starts
    from the call's own arguments, so a pager can be iterated more than once.

    It is also a coroutine of that one-page call (`send`, `throw`, `close`), as the method was
    before it was paginated: ``asyncio.create_task(client.pets.list_pets())`` still works.
    """

    __slots__ = ("_args", "_client", "_coroutine", "_endpoint", "_options", "_paging")

    def __init__(
        self,
        client: BaseClient,
        endpoint: Endpoint[PageT],
        paging: Paging,
        args: tuple[Any, ...],
        body: Any = NOT_GIVEN,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        content_type: str | None = None,
    ) -> None:
        self._client = client
        self._endpoint = endpoint
        self._paging = paging
        self._args = args
        self._coroutine: Coroutine[Any, Any, PageT] | None = None  # driven by `send`, if ever
        # The same for every page (Stripe's GET lists take an optional, empty, form body).
        self._options: dict[str, Any] = {
            "body": body,
            "content_type": content_type,
            "extra_headers": extra_headers,
            "extra_query": extra_query,
            "timeout": timeout,
            "max_retries": max_retries,
        }

    def __await__(self) -> Generator[Any, None, PageT]:
        return self._client.request(self._endpoint, self._args, **self._options).__await__()

    def _call(self) -> Coroutine[Any, Any, PageT]:
        if self._coroutine is None:
            self._coroutine = self._client.request(self._endpoint, self._args, **self._options)
        return self._coroutine

    def send(self, value: Any, /) -> Any:
        """Drive the one-page call as a coroutine (what `asyncio.create_task` does)."""
        return self._call().send(value)

    def throw(self, *exc_info: Any) -> Any:
        """Raise into the one-page call driven by `send`."""
        return self._call().throw(*exc_info)

    def close(self) -> None:
        """Close the one-page call driven by `send`, if it was started."""
        if self._coroutine is not None:
            self._coroutine.close()

    def __aiter__(self) -> AsyncIterator[ItemT]:
        return self._items()

    async def _items(self) -> AsyncIterator[ItemT]:
        # Only links need the response's headers: other styles decode as a plain call does.
        async for _, _, items in self._walk(raw=self._paging.style == "link"):
            for item in items:
                yield item

    def pages(self) -> AsyncIterator[Page[PageT, ItemT]]:
        """Every page in turn, each requested when the previous one has been handed over."""
        return self._pages()

    async def _pages(self) -> AsyncIterator[Page[PageT, ItemT]]:
        async for response, body, items in self._walk(raw=True):
            assert response is not None
            yield Page(response, body, items)

    async def _walk(
        self, *, raw: bool
    ) -> AsyncIterator[tuple[RawResponse[PageT] | None, PageT, list[ItemT]]]:
        """(the response if `raw`, the body, its items) of each page, requesting the next one
        when the caller asks for it."""
        paging = self._paging
        client = self._client
        endpoint = self._endpoint
        options = self._options
        args = self._args
        url: str | None = None
        seen: dict[Any, None] = {}  # the last MAX_REMEMBERED keys, oldest first
        previous: list[ItemT] | None = None
        indexes: tuple[int, int | None] | None = None  # of `param` and `size_param`, once needed
        while True:
            response: RawResponse[PageT] | None = None
            if raw:
                token = response_mode.set("raw")
                try:
                    sent: Any = await client.request(endpoint, args, url=url, **options)
                finally:
                    response_mode.reset(token)
                response = sent
                body: PageT = sent.parse()
            else:
                body = await client.request(endpoint, args, **options)
            listed: Any = body if paging.items is None else getattr(body, paging.items)
            # The body's own list (pydantic builds one), else a list of what it holds.
            items: list[ItemT] = cast(
                "list[ItemT]", listed if type(listed) is list else list(listed or ())
            )
            yield response, body, items
            if response is not None and paging.style == "link":
                url = self._next_link(response)
                if url is None:
                    return
                key: Any = url
            else:
                if not items or _false(body, paging.has_more):
                    return
                if indexes is None:
                    indexes = self._indexes()
                advanced = self._advanced(args, body, items, *indexes)
                if advanced is None:
                    return
                args, key = advanced
                if paging.style in ("page", "offset"):
                    # A server ignoring the page parameter sends the same page again.
                    if items == previous:
                        self._repeated("the same page twice", key)
                    previous = items
            if key in seen:
                self._repeated(f"a next page it already sent ({paging.style})", key)
            seen[key] = None
            if len(seen) > MAX_REMEMBERED:
                del seen[next(iter(seen))]

    def _indexes(self) -> tuple[int, int | None]:
        """Where `param` and `size_param` (if any) are in the call's arguments."""
        paging = self._paging
        size = None if paging.size_param is None else self._index(paging.size_param)
        return self._index(paging.param), size

    def _advanced(
        self,
        args: tuple[Any, ...],
        body: Any,
        items: list[ItemT],
        index: int,
        size_index: int | None,
    ) -> tuple[tuple[Any, ...], Any] | None:
        """The arguments of the next page's request and the key that identifies it, or None
        when this page is the last."""
        paging = self._paging
        style = paging.style
        current = args[index]
        if style == "starting_after":
            value: Any = getattr(items[-1], paging.item_id or "id")
        elif style == "cursor":
            value = getattr(body, paging.next_cursor or "")
            if value is None or value == "":
                return None
        else:
            size = NOT_GIVEN if size_index is None else args[size_index]
            if isinstance(size, int) and not isinstance(size, bool) and len(items) < size:
                return None  # a short page is the last
            if style == "page":
                number = current if isinstance(current, int) else 1
                total = getattr(body, paging.total_pages) if paging.total_pages else None
                if isinstance(total, int) and number >= total:
                    return None
                value = number + 1
            else:
                value = (current if isinstance(current, int) else 0) + len(items)
        return (*args[:index], value, *args[index + 1 :]), value

    def _index(self, wire_name: str | None) -> int:
        for index, param in enumerate(self._endpoint.params):
            if param.name == wire_name and param.location == "query":
                return index
        raise TypeError(f"{self._endpoint.path} has no query parameter {wire_name!r}")

    def _next_link(self, raw: RawResponse[PageT]) -> str | None:
        """The ``rel="next"`` URL of the response's ``Link`` header, resolved; None if none."""
        header = ",".join(raw.headers.getall("Link", ()))
        if len(header) > MAX_LINK_HEADER:
            raise PaginationError(
                f"the Link header is longer than {MAX_LINK_HEADER} characters; not followed",
                method=raw.method,
                url=raw.url,
            )
        for match in _LINK.finditer(header):
            if _REL_NEXT.search(match.group(2)):
                return self._same_origin(raw, match.group(1).strip())
        return None

    def _same_origin(self, raw: RawResponse[PageT], link: str) -> str:
        from ._lazy import yarl

        base = yarl.URL(self._client.base_url)
        try:
            target = base.join(yarl.URL(link))
        except ValueError:
            target = None
        if target is None or target.origin() != base.origin():
            raise PaginationError(
                "the next-page link points to another origin than the client's; not followed",
                method=raw.method,
                url=raw.url,
            )
        return str(target)

    def _repeated(self, what: str, key: Any) -> None:
        endpoint = self._endpoint
        # Not a link: one may carry a credential echoed back; a cursor or page number is shown.
        after = "" if self._paging.style == "link" else f", at {self._paging.param}={key!r:.200}"
        raise PaginationError(
            f"the API sent {what}: pagination stopped to avoid an endless loop "
            f"({endpoint.method} {endpoint.path}{after})",
            method=endpoint.method,
            url=endpoint.path,
        )


def _false(body: Any, attribute: str | None) -> bool:
    """Whether the body's `attribute` says no page follows (`has_more` false)."""
    return attribute is not None and getattr(body, attribute, None) is False
