"""Operations tagged animals."""

from __future__ import annotations

from functools import cache, cached_property
from typing import TYPE_CHECKING, Any, Final, Literal

from typing_extensions import deprecated

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

# Models load when an operation is first called, not with this module.
if TYPE_CHECKING:
    from ..models._animal_page import Animal, AnimalPage
    from ..models._cat import Cat
    from ..models._dog import Dog
    from ..models._get_keeper_response import GetKeeperResponse
    from ..models._list_animal_names_order import ListAnimalNamesOrder
    from ..models._nullability import AnimalKind


# What each operation sends and expects, built (and its models imported) on its first call.
@cache
def _list_animals_endpoint() -> Endpoint[AnimalPage]:
    from ..models._animal_page import AnimalPage

    return Endpoint(
        method="GET",
        path="/animals",
        params=(
            Param("kind", "query"),
            Param("limit", "query"),
        ),
        responses={
            "200": ResponseSpec("json", AnimalPage),
            "default": ResponseSpec("json", load=_error_type),
        },
        security=(
            ("bearerAuth",),
            ("basicAuth",),
            ("queryKey",),
            ("cookieKey",),
        ),
        accept="application/json",
    )


@cache
def _get_animal_endpoint() -> Endpoint[Animal]:
    from ..models._animal_page import Animal

    return Endpoint(
        method="GET",
        path="/animals/{animalId}",
        params=(Param("animalId", "path"),),
        responses={
            "200": ResponseSpec("json", Animal),
            "404": ResponseSpec("json", load=_error_type),
        },
        security=(
            ("bearerAuth",),
            ("basicAuth",),
            ("queryKey",),
            ("cookieKey",),
        ),
        accept="application/json",
    )


@cache
def _replace_animal_endpoint() -> Endpoint[Cat | Dog]:
    from ..models._cat import Cat
    from ..models._dog import Dog

    return Endpoint(
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


@cache
def _delete_animal_endpoint() -> Endpoint[None]:
    return Endpoint(
        method="DELETE",
        path="/animals/{animalId}",
        params=(Param("animalId", "path"),),
        responses={
            "204": ResponseSpec("empty"),
        },
    )


@cache
def _list_animal_names_endpoint() -> Endpoint[list[str]]:
    return Endpoint(
        method="GET",
        path="/legacy/animals",
        params=(
            Param(
                "sort",
                "query",
                deprecated="the `sort` argument of list_animal_names() is deprecated: Ignored since 2.0; use order instead.",
            ),
            Param("order", "query"),
        ),
        responses={
            "200": ResponseSpec("json", list[str]),
        },
        security=(
            ("bearerAuth",),
            ("basicAuth",),
            ("queryKey",),
            ("cookieKey",),
        ),
        accept="application/json",
    )


@cache
def _get_keeper_endpoint() -> Endpoint[GetKeeperResponse]:
    from ..models._get_keeper_response import GetKeeperResponse

    return Endpoint(
        method="GET",
        path="/keeper",
        responses={
            "200": ResponseSpec("json", GetKeeperResponse),
        },
        security=(("oauthClient",),),
        accept="application/json",
    )


# Error responses' types, imported only when such an error comes back.
def _error_type() -> Any:
    from ..models._error import Error

    return Error


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
        kind: AnimalKind
        | Literal["cat", "dog", "bird", "in-progress", "2fa", "class", ""]
        | NotGiven = NOT_GIVEN,
        limit: int | NotGiven = 20,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> AnimalPage:
        """List animals

        Responses:
            200: A page of animals.
            default: Something went wrong.
        """
        return await self._client.request(
            _list_animals_endpoint(),
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

        Responses:
            200: The animal.
            404: No such animal.
        """
        return await self._client.request(
            _get_animal_endpoint(),
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

        Responses:
            200: Replaced.
            201: Created instead.
        """
        return await self._client.request(
            _replace_animal_endpoint(),
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

        Responses:
            204: Deleted.
        """
        return await self._client.request(
            _delete_animal_endpoint(),
            (animal_id,),
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            max_retries=max_retries,
        )

    @deprecated(
        "list_animal_names() is deprecated: Use animals.list_animals instead (it pages, and returns whole animals)."
    )
    async def list_animal_names(
        self,
        *,
        sort: str | NotGiven = NOT_GIVEN,
        order: ListAnimalNamesOrder | Literal["asc", "desc"] | NotGiven = "asc",
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> list[str]:
        """The animals' names

        Use `animals.list_animals` instead (it pages, and returns whole animals).

        Deprecated.

        Args:
            sort: Ignored since 2.0; use `order` instead.

        Responses:
            200: The names.
        """
        return await self._client.request(
            _list_animal_names_endpoint(),
            (
                sort,
                order,
            ),
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            max_retries=max_retries,
        )

    async def get_keeper(
        self,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> GetKeeperResponse:
        """The keeper the OAuth client acts for

        Responses:
            200: The keeper.
        """
        return await self._client.request(
            _get_keeper_endpoint(),
            (),
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            max_retries=max_retries,
        )


class AnimalsResourceWithRawResponse:
    """The methods of `AnimalsResource`, returning a `RawResponse`: status, headers and the parsed body."""

    def __init__(self, owner: AnimalsResource) -> None:
        self.list_animals: Final = to_raw_response_wrapper(owner.list_animals)
        self.get_animal: Final = to_raw_response_wrapper(owner.get_animal)
        self.replace_animal: Final = to_raw_response_wrapper(owner.replace_animal)
        self.delete_animal: Final = to_raw_response_wrapper(owner.delete_animal)
        self.list_animal_names: Final = to_raw_response_wrapper(owner.list_animal_names)  # pyright: ignore[reportDeprecated]
        self.get_keeper: Final = to_raw_response_wrapper(owner.get_keeper)


class AnimalsResourceWithStreamingResponse:
    """The methods of `AnimalsResource`, as context managers yielding an unread `StreamedResponse`."""

    def __init__(self, owner: AnimalsResource) -> None:
        self.list_animals: Final = to_streamed_response_wrapper(owner.list_animals)
        self.get_animal: Final = to_streamed_response_wrapper(owner.get_animal)
        self.replace_animal: Final = to_streamed_response_wrapper(owner.replace_animal)
        self.delete_animal: Final = to_streamed_response_wrapper(owner.delete_animal)
        self.list_animal_names: Final = to_streamed_response_wrapper(owner.list_animal_names)  # pyright: ignore[reportDeprecated]
        self.get_keeper: Final = to_streamed_response_wrapper(owner.get_keeper)
