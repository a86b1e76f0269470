"""Operations tagged animals."""

from __future__ import annotations

from functools import cached_property

from .._runtime import (
    NOT_GIVEN,
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
from ..models.animal_kind import AnimalKind
from ..models.animal_page import AnimalPage
from ..models.error import Error

_LIST_ANIMALS: Endpoint[AnimalPage] = Endpoint(
    method="GET",
    path="/animals",
    params=(
        Param("kind", "query"),
        Param("limit", "query"),
    ),
    responses={
        "200": ResponseSpec("json", AnimalPage),
        "default": ResponseSpec("json", Error),
    },
)


class AnimalsResource:
    """Operations tagged animals."""

    def __init__(self, client: BaseClient) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> AnimalsResourceWithRawResponse:
        """The same methods, returning status, headers and the parsed body."""
        return AnimalsResourceWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AnimalsResourceWithStreamingResponse:
        """The same methods, streaming the body instead of reading it whole."""
        return AnimalsResourceWithStreamingResponse(self)

    async def list_animals(
        self,
        *,
        kind: AnimalKind | NotGiven = NOT_GIVEN,
        limit: int | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> AnimalPage:
        """List animals"""
        return await self._client.request(
            _LIST_ANIMALS,
            (
                kind,
                limit,
            ),
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            max_retries=max_retries,
        )


class AnimalsResourceWithRawResponse:
    """The methods of `AnimalsResource`, returning a `RawResponse`: status, headers and the parsed body."""

    def __init__(self, owner: AnimalsResource) -> None:
        self.list_animals = to_raw_response_wrapper(owner.list_animals)


class AnimalsResourceWithStreamingResponse:
    """The methods of `AnimalsResource`, as context managers yielding an unread `StreamedResponse`."""

    def __init__(self, owner: AnimalsResource) -> None:
        self.list_animals = to_streamed_response_wrapper(owner.list_animals)
