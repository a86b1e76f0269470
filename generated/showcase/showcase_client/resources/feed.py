"""Operations tagged feed."""

from __future__ import annotations

from functools import cache, cached_property
from typing import TYPE_CHECKING, Final

from .._runtime import (
    NOT_GIVEN,
    AsyncEventStream,
    AsyncJsonStream,
    BaseClient,
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
    from ..models._feed_event import FeedEvent


# What each operation sends and expects, built (and its models imported) on its first call.
@cache
def _watch_feed_endpoint() -> Endpoint[AsyncEventStream[FeedEvent]]:
    from ..models._feed_event import FeedEvent

    return Endpoint(
        method="GET",
        path="/feed/events",
        params=(Param("kind", "query"),),
        responses={
            "200": ResponseSpec("sse", FeedEvent),
        },
        security=(
            ("bearerAuth",),
            ("basicAuth",),
            ("queryKey",),
            ("cookieKey",),
        ),
        accept="text/event-stream",
    )


@cache
def _export_feed_endpoint() -> Endpoint[AsyncJsonStream[FeedEvent]]:
    from ..models._feed_event import FeedEvent

    return Endpoint(
        method="GET",
        path="/feed/lines",
        responses={
            "200": ResponseSpec("jsonl", FeedEvent),
        },
        security=(
            ("bearerAuth",),
            ("basicAuth",),
            ("queryKey",),
            ("cookieKey",),
        ),
        accept="application/x-ndjson",
    )


class FeedResource:
    """Operations tagged feed."""

    def __init__(self, client: BaseClient) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> FeedResourceWithRawResponse:
        """The same methods, returning status, headers and the parsed body."""
        return FeedResourceWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> FeedResourceWithStreamingResponse:
        """The same methods, streaming the body instead of reading it whole."""
        return FeedResourceWithStreamingResponse(self)

    async def watch_feed(
        self,
        *,
        kind: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> AsyncEventStream[FeedEvent]:
        """The zoo's news as Server-Sent Events, each carrying a `FeedEvent`

        Returns a stream of events, read as they arrive: iterate it with `async for`
        inside `async with await ...`, which closes it.

        Responses:
            200: One event per change, until the client disconnects.
        """
        return await self._client.request(
            _watch_feed_endpoint(),
            (kind,),
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            max_retries=max_retries,
        )

    async def export_feed(
        self,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> AsyncJsonStream[FeedEvent]:
        """The zoo's news as newline-delimited JSON, one `FeedEvent` a line

        Returns a stream of JSON items, read as they arrive: iterate it with `async for`
        inside `async with await ...`, which closes it.

        Responses:
            200: Every change so far.
        """
        return await self._client.request(
            _export_feed_endpoint(),
            (),
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            max_retries=max_retries,
        )


class FeedResourceWithRawResponse:
    """The methods of `FeedResource`, returning a `RawResponse`: status, headers and the parsed body."""

    def __init__(self, owner: FeedResource) -> None:
        self.watch_feed: Final = to_raw_response_wrapper(owner.watch_feed)
        self.export_feed: Final = to_raw_response_wrapper(owner.export_feed)


class FeedResourceWithStreamingResponse:
    """The methods of `FeedResource`, as context managers yielding an unread `StreamedResponse`."""

    def __init__(self, owner: FeedResource) -> None:
        self.watch_feed: Final = to_streamed_response_wrapper(owner.watch_feed)
        self.export_feed: Final = to_streamed_response_wrapper(owner.export_feed)
