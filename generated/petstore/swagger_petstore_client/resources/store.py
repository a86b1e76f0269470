"""Access to Petstore orders"""

from __future__ import annotations

from functools import cache, cached_property
from typing import TYPE_CHECKING, Any, Final, Literal

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
    from ..models._order import Order


# What each operation sends and expects, built (and its models imported) on its first call.
@cache
def _get_inventory_endpoint() -> Endpoint[dict[str, int]]:
    return Endpoint(
        method="GET",
        path="/store/inventory",
        responses={
            "200": ResponseSpec("json", dict[str, int]),
        },
        security=(("api_key",),),
        accept="application/json",
    )


@cache
def _place_order_endpoint() -> Endpoint[Order]:
    from ..models._order import Order

    return Endpoint(
        method="POST",
        path="/store/order",
        body=(
            Body("application/json", "json"),
            Body("application/x-www-form-urlencoded", "form"),
        ),
        responses={
            "200": ResponseSpec("json", Order),
            "400": ResponseSpec("empty"),
            "422": ResponseSpec("empty"),
        },
        accept="application/json",
    )


@cache
def _get_order_by_id_endpoint() -> Endpoint[Order]:
    from ..models._order import Order

    return Endpoint(
        method="GET",
        path="/store/order/{orderId}",
        params=(Param("orderId", "path"),),
        responses={
            "200": ResponseSpec("json", Order),
            "400": ResponseSpec("empty"),
            "404": ResponseSpec("empty"),
        },
        accept="application/json",
    )


@cache
def _delete_order_endpoint() -> Endpoint[None]:
    return Endpoint(
        method="DELETE",
        path="/store/order/{orderId}",
        params=(Param("orderId", "path"),),
        responses={
            "400": ResponseSpec("empty"),
            "404": ResponseSpec("empty"),
            "2XX": ResponseSpec("empty"),
        },
    )


class StoreResource:
    """Access to Petstore orders"""

    def __init__(self, client: BaseClient) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> StoreResourceWithRawResponse:
        """The same methods, returning status, headers and the parsed body."""
        return StoreResourceWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> StoreResourceWithStreamingResponse:
        """The same methods, streaming the body instead of reading it whole."""
        return StoreResourceWithStreamingResponse(self)

    async def get_inventory(
        self,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> dict[str, int]:
        """Returns pet inventories by status

        Returns a map of status codes to quantities

        Responses:
            200: successful operation
        """
        return await self._client.request(
            _get_inventory_endpoint(),
            (),
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            max_retries=max_retries,
        )

    async def place_order(
        self,
        *,
        body: Order | dict[str, Any] | NotGiven = NOT_GIVEN,
        content_type: Literal["application/json", "application/x-www-form-urlencoded"]
        | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> Order:
        """Place an order for a pet

        Place a new order in the store

        Responses:
            200: successful operation
            400: Invalid input
            422: Validation exception
        """
        return await self._client.request(
            _place_order_endpoint(),
            (),
            body,
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            max_retries=max_retries,
            content_type=content_type,
        )

    async def get_order_by_id(
        self,
        order_id: int,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> Order:
        """Find purchase order by ID

        For valid response try integer IDs with value <= 5 or > 10. Other values will generate exceptions.

        Args:
            order_id: ID of order that needs to be fetched

        Responses:
            200: successful operation
            400: Invalid ID supplied
            404: Order not found
        """
        return await self._client.request(
            _get_order_by_id_endpoint(),
            (order_id,),
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            max_retries=max_retries,
        )

    async def delete_order(
        self,
        order_id: int,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> None:
        """Delete purchase order by ID

        For valid response try integer IDs with value < 1000. Anything above 1000 or nonintegers will generate API errors

        Args:
            order_id: ID of the order that needs to be deleted

        Responses:
            400: Invalid ID supplied
            404: Order not found
        """
        return await self._client.request(
            _delete_order_endpoint(),
            (order_id,),
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            max_retries=max_retries,
        )


class StoreResourceWithRawResponse:
    """The methods of `StoreResource`, returning a `RawResponse`: status, headers and the parsed body."""

    def __init__(self, owner: StoreResource) -> None:
        self.get_inventory: Final = to_raw_response_wrapper(owner.get_inventory)
        self.place_order: Final = to_raw_response_wrapper(owner.place_order)
        self.get_order_by_id: Final = to_raw_response_wrapper(owner.get_order_by_id)
        self.delete_order: Final = to_raw_response_wrapper(owner.delete_order)


class StoreResourceWithStreamingResponse:
    """The methods of `StoreResource`, as context managers yielding an unread `StreamedResponse`."""

    def __init__(self, owner: StoreResource) -> None:
        self.get_inventory: Final = to_streamed_response_wrapper(owner.get_inventory)
        self.place_order: Final = to_streamed_response_wrapper(owner.place_order)
        self.get_order_by_id: Final = to_streamed_response_wrapper(owner.get_order_by_id)
        self.delete_order: Final = to_streamed_response_wrapper(owner.delete_order)
