"""Operations tagged animals."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from .._runtime import (
    NOT_GIVEN,
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
from ..models.animal_page import Animal, AnimalPage
from ..models.cat import Cat
from ..models.dog import Dog
from ..models.error import Error
from ..models.nullability import AnimalKind

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
    security=(
        ("bearerAuth",),
        ("basicAuth",),
        ("queryKey",),
        ("cookieKey",),
    ),
    accept="application/json",
)

_GET_ANIMAL: Endpoint[Animal] = Endpoint(
    method="GET",
    path="/animals/{animalId}",
    params=(Param("animalId", "path"),),
    responses={
        "200": ResponseSpec("json", Animal),
        "404": ResponseSpec("json", Error),
    },
    security=(
        ("bearerAuth",),
        ("basicAuth",),
        ("queryKey",),
        ("cookieKey",),
    ),
    accept="application/json",
)

_REPLACE_ANIMAL: Endpoint[Cat | Dog] = Endpoint(
    method="PUT",
    path="/animals/{animalId}",
    params=(Param("animalId", "path"),),
    body=(Body("application/json", "json"),),
    responses={
        "200": ResponseSpec("json", Cat),
        "201": ResponseSpec("json", Dog),
    },
    security=(
        ("bearerAuth",),
        ("basicAuth",),
        ("queryKey",),
        ("cookieKey",),
    ),
    accept="application/json",
)

_DELETE_ANIMAL: Endpoint[None] = Endpoint(
    method="DELETE",
    path="/animals/{animalId}",
    params=(Param("animalId", "path"),),
    responses={
        "204": ResponseSpec("empty"),
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

    async def get_animal(
        self,
        animal_id: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> Animal:
        """Fetch one animal

        Args:
            animal_id: The animal's identifier; any text, percent-encoded on the wire.
        """
        return await self._client.request(
            _GET_ANIMAL,
            (animal_id,),
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            max_retries=max_retries,
        )

    async def replace_animal(
        self,
        animal_id: str,
        *,
        body: Cat | dict[str, Any],
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> Cat | Dog:
        """Replace an animal

        Args:
            animal_id: The animal's identifier; any text, percent-encoded on the wire.
        """
        return await self._client.request(
            _REPLACE_ANIMAL,
            (animal_id,),
            body,
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            max_retries=max_retries,
        )

    async def delete_animal(
        self,
        animal_id: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> None:
        """DELETE /animals/{animalId}

        Args:
            animal_id: The animal's identifier; any text, percent-encoded on the wire.
        """
        return await self._client.request(
            _DELETE_ANIMAL,
            (animal_id,),
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            max_retries=max_retries,
        )


class AnimalsResourceWithRawResponse:
    """The methods of `AnimalsResource`, returning a `RawResponse`: status, headers and the parsed body."""

    def __init__(self, owner: AnimalsResource) -> None:
        self.list_animals = to_raw_response_wrapper(owner.list_animals)
        self.get_animal = to_raw_response_wrapper(owner.get_animal)
        self.replace_animal = to_raw_response_wrapper(owner.replace_animal)
        self.delete_animal = to_raw_response_wrapper(owner.delete_animal)


class AnimalsResourceWithStreamingResponse:
    """The methods of `AnimalsResource`, as context managers yielding an unread `StreamedResponse`."""

    def __init__(self, owner: AnimalsResource) -> None:
        self.list_animals = to_streamed_response_wrapper(owner.list_animals)
        self.get_animal = to_streamed_response_wrapper(owner.get_animal)
        self.replace_animal = to_streamed_response_wrapper(owner.replace_animal)
        self.delete_animal = to_streamed_response_wrapper(owner.delete_animal)
