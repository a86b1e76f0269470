"""Everything about your Pets"""

from __future__ import annotations

from collections.abc import AsyncIterable
from functools import cache, cached_property
from typing import IO, TYPE_CHECKING, Any, Final, Literal

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
    from ..models._api_response import ApiResponse
    from ..models._find_pets_by_status_status import FindPetsByStatusStatus
    from ..models._pet import Pet


# What each operation sends and expects, built (and its models imported) on its first call.
@cache
def _update_pet_endpoint() -> Endpoint[Pet]:
    from ..models._pet import Pet

    return Endpoint(
        method="PUT",
        path="/pet",
        body=(
            Body("application/json", "json"),
            Body("application/x-www-form-urlencoded", "form"),
        ),
        responses={
            "200": ResponseSpec("json", Pet),
            "400": ResponseSpec("empty"),
            "404": ResponseSpec("empty"),
            "422": ResponseSpec("empty"),
        },
        security=(("petstore_auth",),),
        accept="application/json",
    )


@cache
def _add_pet_endpoint() -> Endpoint[Pet]:
    from ..models._pet import Pet

    return Endpoint(
        method="POST",
        path="/pet",
        body=(
            Body("application/json", "json"),
            Body("application/x-www-form-urlencoded", "form"),
        ),
        responses={
            "200": ResponseSpec("json", Pet),
            "400": ResponseSpec("empty"),
            "422": ResponseSpec("empty"),
        },
        security=(("petstore_auth",),),
        accept="application/json",
    )


@cache
def _find_pets_by_status_endpoint() -> Endpoint[list[Pet]]:
    from ..models._pet import Pet

    return Endpoint(
        method="GET",
        path="/pet/findByStatus",
        params=(Param("status", "query", explode=True),),
        responses={
            "200": ResponseSpec("json", list[Pet]),
            "400": ResponseSpec("empty"),
        },
        security=(("petstore_auth",),),
        accept="application/json",
    )


@cache
def _find_pets_by_tags_endpoint() -> Endpoint[list[Pet]]:
    from ..models._pet import Pet

    return Endpoint(
        method="GET",
        path="/pet/findByTags",
        params=(Param("tags", "query", explode=True),),
        responses={
            "200": ResponseSpec("json", list[Pet]),
            "400": ResponseSpec("empty"),
        },
        security=(("petstore_auth",),),
        accept="application/json",
    )


@cache
def _get_pet_by_id_endpoint() -> Endpoint[Pet]:
    from ..models._pet import Pet

    return Endpoint(
        method="GET",
        path="/pet/{petId}",
        params=(Param("petId", "path"),),
        responses={
            "200": ResponseSpec("json", Pet),
            "400": ResponseSpec("empty"),
            "404": ResponseSpec("empty"),
        },
        security=(
            ("api_key",),
            ("petstore_auth",),
        ),
        accept="application/json",
    )


@cache
def _update_pet_with_form_endpoint() -> Endpoint[None]:
    return Endpoint(
        method="POST",
        path="/pet/{petId}",
        params=(
            Param("petId", "path"),
            Param("name", "query"),
            Param("status", "query"),
        ),
        responses={
            "400": ResponseSpec("empty"),
            "2XX": ResponseSpec("empty"),
        },
        security=(("petstore_auth",),),
    )


@cache
def _delete_pet_endpoint() -> Endpoint[None]:
    return Endpoint(
        method="DELETE",
        path="/pet/{petId}",
        params=(
            Param("petId", "path"),
            Param("api_key", "header"),
        ),
        responses={
            "400": ResponseSpec("empty"),
            "2XX": ResponseSpec("empty"),
        },
        security=(("petstore_auth",),),
    )


@cache
def _upload_file_endpoint() -> Endpoint[ApiResponse]:
    from ..models._api_response import ApiResponse

    return Endpoint(
        method="POST",
        path="/pet/{petId}/uploadImage",
        params=(
            Param("petId", "path"),
            Param("additionalMetadata", "query"),
        ),
        body=(Body("application/octet-stream", "binary"),),
        responses={
            "200": ResponseSpec("json", ApiResponse),
        },
        security=(("petstore_auth",),),
        accept="application/json",
    )


class PetResource:
    """Everything about your Pets"""

    def __init__(self, client: BaseClient) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> PetResourceWithRawResponse:
        """The same methods, returning status, headers and the parsed body."""
        return PetResourceWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> PetResourceWithStreamingResponse:
        """The same methods, streaming the body instead of reading it whole."""
        return PetResourceWithStreamingResponse(self)

    async def update_pet(
        self,
        *,
        body: Pet | dict[str, Any],
        content_type: Literal["application/json", "application/x-www-form-urlencoded"]
        | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> Pet:
        """Update an existing pet

        Update an existing pet by Id

        Args:
            body: Update an existent pet in the store

        Responses:
            200: Successful operation
            400: Invalid ID supplied
            404: Pet not found
            422: Validation exception
        """
        return await self._client.request(
            _update_pet_endpoint(),
            (),
            body,
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            max_retries=max_retries,
            content_type=content_type,
        )

    async def add_pet(
        self,
        *,
        body: Pet | dict[str, Any],
        content_type: Literal["application/json", "application/x-www-form-urlencoded"]
        | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> Pet:
        """Add a new pet to the store

        Add a new pet to the store

        Args:
            body: Create a new pet in the store

        Responses:
            200: Successful operation
            400: Invalid input
            422: Validation exception
        """
        return await self._client.request(
            _add_pet_endpoint(),
            (),
            body,
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            max_retries=max_retries,
            content_type=content_type,
        )

    async def find_pets_by_status(
        self,
        *,
        status: FindPetsByStatusStatus
        | Literal["available", "pending", "sold"]
        | NotGiven = "available",
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> list[Pet]:
        """Finds Pets by status

        Multiple status values can be provided with comma separated strings

        Args:
            status: Status values that need to be considered for filter

        Responses:
            200: successful operation
            400: Invalid status value
        """
        return await self._client.request(
            _find_pets_by_status_endpoint(),
            (status,),
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            max_retries=max_retries,
        )

    async def find_pets_by_tags(
        self,
        *,
        tags: list[str] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> list[Pet]:
        """Finds Pets by tags

        Multiple tags can be provided with comma separated strings. Use tag1, tag2, tag3 for testing.

        Args:
            tags: Tags to filter by

        Responses:
            200: successful operation
            400: Invalid tag value
        """
        return await self._client.request(
            _find_pets_by_tags_endpoint(),
            (tags,),
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            max_retries=max_retries,
        )

    async def get_pet_by_id(
        self,
        pet_id: int,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> Pet:
        """Find pet by ID

        Returns a single pet

        Args:
            pet_id: ID of pet to return

        Responses:
            200: successful operation
            400: Invalid ID supplied
            404: Pet not found
        """
        return await self._client.request(
            _get_pet_by_id_endpoint(),
            (pet_id,),
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            max_retries=max_retries,
        )

    async def update_pet_with_form(
        self,
        pet_id: int,
        *,
        name: str | NotGiven = NOT_GIVEN,
        status: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> None:
        """Updates a pet in the store with form data

        Args:
            pet_id: ID of pet that needs to be updated
            name: Name of pet that needs to be updated
            status: Status of pet that needs to be updated

        Responses:
            400: Invalid input
        """
        return await self._client.request(
            _update_pet_with_form_endpoint(),
            (
                pet_id,
                name,
                status,
            ),
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            max_retries=max_retries,
        )

    async def delete_pet(
        self,
        pet_id: int,
        *,
        api_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> None:
        """Deletes a pet

        Args:
            pet_id: Pet id to delete

        Responses:
            400: Invalid pet value
        """
        return await self._client.request(
            _delete_pet_endpoint(),
            (
                pet_id,
                api_key,
            ),
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            max_retries=max_retries,
        )

    async def upload_file(
        self,
        pet_id: int,
        *,
        additional_metadata: str | NotGiven = NOT_GIVEN,
        body: bytes | IO[bytes] | AsyncIterable[bytes] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> ApiResponse:
        """uploads an image

        Args:
            pet_id: ID of pet to update
            additional_metadata: Additional Metadata

        Responses:
            200: successful operation
        """
        return await self._client.request(
            _upload_file_endpoint(),
            (
                pet_id,
                additional_metadata,
            ),
            body,
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            max_retries=max_retries,
        )


class PetResourceWithRawResponse:
    """The methods of `PetResource`, returning a `RawResponse`: status, headers and the parsed body."""

    def __init__(self, owner: PetResource) -> None:
        self.update_pet: Final = to_raw_response_wrapper(owner.update_pet)
        self.add_pet: Final = to_raw_response_wrapper(owner.add_pet)
        self.find_pets_by_status: Final = to_raw_response_wrapper(owner.find_pets_by_status)
        self.find_pets_by_tags: Final = to_raw_response_wrapper(owner.find_pets_by_tags)
        self.get_pet_by_id: Final = to_raw_response_wrapper(owner.get_pet_by_id)
        self.update_pet_with_form: Final = to_raw_response_wrapper(owner.update_pet_with_form)
        self.delete_pet: Final = to_raw_response_wrapper(owner.delete_pet)
        self.upload_file: Final = to_raw_response_wrapper(owner.upload_file)


class PetResourceWithStreamingResponse:
    """The methods of `PetResource`, as context managers yielding an unread `StreamedResponse`."""

    def __init__(self, owner: PetResource) -> None:
        self.update_pet: Final = to_streamed_response_wrapper(owner.update_pet)
        self.add_pet: Final = to_streamed_response_wrapper(owner.add_pet)
        self.find_pets_by_status: Final = to_streamed_response_wrapper(owner.find_pets_by_status)
        self.find_pets_by_tags: Final = to_streamed_response_wrapper(owner.find_pets_by_tags)
        self.get_pet_by_id: Final = to_streamed_response_wrapper(owner.get_pet_by_id)
        self.update_pet_with_form: Final = to_streamed_response_wrapper(owner.update_pet_with_form)
        self.delete_pet: Final = to_streamed_response_wrapper(owner.delete_pet)
        self.upload_file: Final = to_streamed_response_wrapper(owner.upload_file)
