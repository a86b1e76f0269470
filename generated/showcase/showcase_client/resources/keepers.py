"""Operations tagged keepers."""

from __future__ import annotations

from functools import cache, cached_property
from typing import TYPE_CHECKING, Final

from .._runtime import (
    NOT_GIVEN,
    AsyncPager,
    BaseClient,
    Endpoint,
    Headers,
    NotGiven,
    Paging,
    Param,
    Query,
    ResponseSpec,
    Timeout,
    to_raw_response_wrapper,
    to_streamed_response_wrapper,
)

# Models load when an operation is first called, not with this module.
if TYPE_CHECKING:
    from ..models._keeper import Keeper
    from ..models._keeper_page import KeeperPage


# What each operation sends and expects, built (and its models imported) on its first call.
@cache
def _list_keepers_endpoint() -> Endpoint[KeeperPage]:
    from ..models._keeper_page import KeeperPage

    return Endpoint(
        method="GET",
        path="/keepers",
        params=(
            Param("cursor", "query"),
            Param("limit", "query"),
        ),
        responses={
            "200": ResponseSpec("json", KeeperPage),
        },
        security=(
            ("bearerAuth",),
            ("basicAuth",),
            ("queryKey",),
            ("cookieKey",),
        ),
        accept="application/json",
    )


class KeepersResource:
    """Operations tagged keepers."""

    def __init__(self, client: BaseClient) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> KeepersResourceWithRawResponse:
        """The same methods, returning status, headers and the parsed body."""
        return KeepersResourceWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> KeepersResourceWithStreamingResponse:
        """The same methods, streaming the body instead of reading it whole."""
        return KeepersResourceWithStreamingResponse(self)

    def list_keepers(
        self,
        *,
        cursor: str | NotGiven = NOT_GIVEN,
        limit: int | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> AsyncPager[KeeperPage, Keeper]:
        """List keepers, a page at a time

        Paginated: `await` the call for one page, or `async for` over it for the items of every page (`.pages()` for whole pages).

        Args:
            cursor: Where the page starts (the previous page's `next_cursor`).

        Responses:
            200: A page of keepers.
        """
        return AsyncPager(
            self._client,
            _list_keepers_endpoint(),
            Paging("cursor", items="keepers", param="cursor", next_cursor="next_cursor"),
            (
                cursor,
                limit,
            ),
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            max_retries=max_retries,
        )


class KeepersResourceWithRawResponse:
    """The methods of `KeepersResource`, returning a `RawResponse`: status, headers and the parsed body."""

    def __init__(self, owner: KeepersResource) -> None:
        self.list_keepers: Final = to_raw_response_wrapper(owner.list_keepers)


class KeepersResourceWithStreamingResponse:
    """The methods of `KeepersResource`, as context managers yielding an unread `StreamedResponse`."""

    def __init__(self, owner: KeepersResource) -> None:
        self.list_keepers: Final = to_streamed_response_wrapper(owner.list_keepers)
