"""Operations tagged books."""

from __future__ import annotations

from functools import cache, cached_property
from typing import TYPE_CHECKING, Any, Final

from .._runtime import (
    NOT_GIVEN,
    AsyncEventStream,
    AsyncJsonStream,
    BaseClient,
    Body,
    Endpoint,
    Headers,
    NotGiven,
    Param,
    Query,
    ResponseSpec,
    Timeout,
    to_raw_response_wrapper,
    to_streamed_response_wrapper,
)

# Models load when an operation is first called, not with this module.
if TYPE_CHECKING:
    from ..models._book import Book
    from ..models._search import Search


# What each operation sends and expects, built (and its models imported) on its first call.
@cache
def _search_books_endpoint() -> Endpoint[list[Book]]:
    from ..models._book import Book

    return Endpoint(
        method="QUERY",
        path="/books/search",
        body=(Body("application/json", "json"),),
        responses={
            "200": ResponseSpec("json", list[Book]),
        },
        accept="application/json",
    )


@cache
def _copy_book_endpoint() -> Endpoint[Book]:
    from ..models._book import Book

    return Endpoint(
        method="COPY",
        path="/books/{isbn}",
        params=(
            Param("isbn", "path"),
            Param("Destination", "header"),
        ),
        responses={
            "201": ResponseSpec("json", Book),
        },
        accept="application/json",
    )


@cache
def _watch_changes_endpoint() -> Endpoint[AsyncEventStream[Book]]:
    from ..models._book import Book

    return Endpoint(
        method="GET",
        path="/books/changes",
        responses={
            "200": ResponseSpec("sse", Book),
        },
        accept="text/event-stream",
    )


@cache
def _export_books_endpoint() -> Endpoint[AsyncJsonStream[Book]]:
    from ..models._book import Book

    return Endpoint(
        method="GET",
        path="/books/export",
        responses={
            "200": ResponseSpec("jsonl", Book),
        },
        accept="application/jsonl",
    )


class BooksResource:
    """Operations tagged books."""

    def __init__(self, client: BaseClient) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> BooksResourceWithRawResponse:
        """The same methods, returning status, headers and the parsed body."""
        return BooksResourceWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> BooksResourceWithStreamingResponse:
        """The same methods, streaming the body instead of reading it whole."""
        return BooksResourceWithStreamingResponse(self)

    async def search_books(
        self,
        *,
        body: Search | dict[str, Any],
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> list[Book]:
        """Search the catalogue (a safe, repeatable request with a body)

        Responses:
            200: The books found.
        """
        return await self._client.request(
            _search_books_endpoint(),
            (),
            body,
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            max_retries=max_retries,
        )

    async def copy_book(
        self,
        isbn: str,
        *,
        destination: str,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> Book:
        """Copy a book to another shelf (WebDAV's COPY)

        Responses:
            201: The copy.
        """
        return await self._client.request(
            _copy_book_endpoint(),
            (
                isbn,
                destination,
            ),
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            max_retries=max_retries,
        )

    async def watch_changes(
        self,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> AsyncEventStream[Book]:
        """Changes to the catalogue, as server-sent events

        Returns a stream of events, read as they arrive: iterate it with `async for`
        inside `async with await ...`, which closes it.

        Responses:
            200: One event per change; its data is the book as it now is.
        """
        return await self._client.request(
            _watch_changes_endpoint(),
            (),
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            max_retries=max_retries,
        )

    async def export_books(
        self,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> AsyncJsonStream[Book]:
        """Every book, one JSON line each

        Returns a stream of JSON items, read as they arrive: iterate it with `async for`
        inside `async with await ...`, which closes it.

        Responses:
            200: The catalogue.
        """
        return await self._client.request(
            _export_books_endpoint(),
            (),
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            max_retries=max_retries,
        )


class BooksResourceWithRawResponse:
    """The methods of `BooksResource`, returning a `RawResponse`: status, headers and the parsed body."""

    def __init__(self, owner: BooksResource) -> None:
        self.search_books: Final = to_raw_response_wrapper(owner.search_books)
        self.copy_book: Final = to_raw_response_wrapper(owner.copy_book)
        self.watch_changes: Final = to_raw_response_wrapper(owner.watch_changes)
        self.export_books: Final = to_raw_response_wrapper(owner.export_books)


class BooksResourceWithStreamingResponse:
    """The methods of `BooksResource`, as context managers yielding an unread `StreamedResponse`."""

    def __init__(self, owner: BooksResource) -> None:
        self.search_books: Final = to_streamed_response_wrapper(owner.search_books)
        self.copy_book: Final = to_streamed_response_wrapper(owner.copy_book)
        self.watch_changes: Final = to_streamed_response_wrapper(owner.watch_changes)
        self.export_books: Final = to_streamed_response_wrapper(owner.export_books)
