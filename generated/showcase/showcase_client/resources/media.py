"""Operations tagged media."""

from __future__ import annotations

from functools import cache, cached_property
from typing import TYPE_CHECKING, Any, Final

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
    from ..models._thumbnail import Thumbnail
    from ..models._upload_photo_request import UploadPhotoRequest


# What each operation sends and expects, built (and its models imported) on its first call.
@cache
def _download_photo_endpoint() -> Endpoint[bytes]:
    return Endpoint(
        method="GET",
        path="/animals/{animalId}/photo",
        params=(Param("animalId", "path"),),
        responses={
            "200": ResponseSpec("binary", bytes),
        },
        security=(
            ("bearerAuth",),
            ("basicAuth",),
            ("queryKey",),
            ("cookieKey",),
        ),
        accept="image/jpeg",
        server="https://photos.zoo.example/v2",
    )


@cache
def _replace_photo_endpoint() -> Endpoint[Thumbnail]:
    from ..models._thumbnail import Thumbnail

    return Endpoint(
        method="PUT",
        path="/animals/{animalId}/photo",
        params=(Param("animalId", "path"),),
        body=(Body("image/jpeg", "base64"),),
        responses={
            "200": ResponseSpec("json", Thumbnail),
        },
        security=(
            ("bearerAuth",),
            ("basicAuth",),
            ("queryKey",),
            ("cookieKey",),
        ),
        accept="application/json",
        server="https://photos.zoo.example/v2",
    )


@cache
def _upload_photo_endpoint() -> Endpoint[None]:
    return Endpoint(
        method="POST",
        path="/animals/{animalId}/photo",
        params=(Param("animalId", "path"),),
        body=(Body("multipart/form-data", "multipart"),),
        responses={
            "201": ResponseSpec("empty"),
        },
        security=(
            ("bearerAuth",),
            ("basicAuth",),
            ("queryKey",),
            ("cookieKey",),
        ),
        server="https://photos.zoo.example/v2",
    )


@cache
def _add_note_endpoint() -> Endpoint[str]:
    return Endpoint(
        method="POST",
        path="/notes",
        body=(Body("text/plain", "text"),),
        responses={
            "200": ResponseSpec("text", str),
        },
        security=(
            ("bearerAuth",),
            ("basicAuth",),
            ("queryKey",),
            ("cookieKey",),
        ),
        accept="text/plain",
    )


class MediaResource:
    """Operations tagged media."""

    def __init__(self, client: BaseClient) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> MediaResourceWithRawResponse:
        """The same methods, returning status, headers and the parsed body."""
        return MediaResourceWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> MediaResourceWithStreamingResponse:
        """The same methods, streaming the body instead of reading it whole."""
        return MediaResourceWithStreamingResponse(self)

    async def download_photo(
        self,
        animal_id: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> bytes:
        """Download the animal's photo (binary, streamable)

        Responses:
            200: JPEG bytes.
        """
        return await self._client.request(
            _download_photo_endpoint(),
            (animal_id,),
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            max_retries=max_retries,
        )

    async def replace_photo(
        self,
        animal_id: str,
        *,
        body: bytes,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> Thumbnail:
        """Replace the photo, sent as base64 text (format byte)

        Responses:
            200: The stored photo's thumbnail.
        """
        return await self._client.request(
            _replace_photo_endpoint(),
            (animal_id,),
            body,
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            max_retries=max_retries,
        )

    async def upload_photo(
        self,
        animal_id: str,
        *,
        body: UploadPhotoRequest | dict[str, Any],
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> None:
        """POST /animals/{animalId}/photo

        Responses:
            201: Stored.
        """
        return await self._client.request(
            _upload_photo_endpoint(),
            (animal_id,),
            body,
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            max_retries=max_retries,
        )

    async def add_note(
        self,
        *,
        body: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> str:
        """POST /notes

        Responses:
            200: Echoed back.
        """
        return await self._client.request(
            _add_note_endpoint(),
            (),
            body,
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            max_retries=max_retries,
        )


class MediaResourceWithRawResponse:
    """The methods of `MediaResource`, returning a `RawResponse`: status, headers and the parsed body."""

    def __init__(self, owner: MediaResource) -> None:
        self.download_photo: Final = to_raw_response_wrapper(owner.download_photo)
        self.replace_photo: Final = to_raw_response_wrapper(owner.replace_photo)
        self.upload_photo: Final = to_raw_response_wrapper(owner.upload_photo)
        self.add_note: Final = to_raw_response_wrapper(owner.add_note)


class MediaResourceWithStreamingResponse:
    """The methods of `MediaResource`, as context managers yielding an unread `StreamedResponse`."""

    def __init__(self, owner: MediaResource) -> None:
        self.download_photo: Final = to_streamed_response_wrapper(owner.download_photo)
        self.replace_photo: Final = to_streamed_response_wrapper(owner.replace_photo)
        self.upload_photo: Final = to_streamed_response_wrapper(owner.upload_photo)
        self.add_note: Final = to_streamed_response_wrapper(owner.add_note)
