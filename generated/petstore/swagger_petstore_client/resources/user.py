"""Operations about user"""

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
    from ..models._user import User


# What each operation sends and expects, built (and its models imported) on its first call.
@cache
def _create_user_endpoint() -> Endpoint[User]:
    return Endpoint(
        method="POST",
        path="/user",
        body=(
            Body("application/json", "json"),
            Body("application/x-www-form-urlencoded", "form"),
        ),
        responses={
            "default": ResponseSpec("json", load=_user_type),
        },
        accept="application/json",
    )


@cache
def _create_users_with_list_input_endpoint() -> Endpoint[User]:
    from ..models._user import User

    return Endpoint(
        method="POST",
        path="/user/createWithList",
        body=(Body("application/json", "json"),),
        responses={
            "200": ResponseSpec("json", User),
            "default": ResponseSpec("empty"),
        },
        accept="application/json",
    )


@cache
def _login_user_endpoint() -> Endpoint[str]:
    return Endpoint(
        method="GET",
        path="/user/login",
        params=(
            Param("username", "query"),
            Param("password", "query"),
        ),
        responses={
            "200": ResponseSpec("json", str),
            "400": ResponseSpec("empty"),
        },
        accept="application/json",
    )


@cache
def _logout_user_endpoint() -> Endpoint[None]:
    return Endpoint(
        method="GET",
        path="/user/logout",
        responses={
            "default": ResponseSpec("empty"),
        },
    )


@cache
def _get_user_by_name_endpoint() -> Endpoint[User]:
    from ..models._user import User

    return Endpoint(
        method="GET",
        path="/user/{username}",
        params=(Param("username", "path"),),
        responses={
            "200": ResponseSpec("json", User),
            "400": ResponseSpec("empty"),
            "404": ResponseSpec("empty"),
        },
        accept="application/json",
    )


@cache
def _update_user_endpoint() -> Endpoint[None]:
    return Endpoint(
        method="PUT",
        path="/user/{username}",
        params=(Param("username", "path"),),
        body=(
            Body("application/json", "json"),
            Body("application/x-www-form-urlencoded", "form"),
        ),
        responses={
            "default": ResponseSpec("empty"),
        },
    )


@cache
def _delete_user_endpoint() -> Endpoint[None]:
    return Endpoint(
        method="DELETE",
        path="/user/{username}",
        params=(Param("username", "path"),),
        responses={
            "400": ResponseSpec("empty"),
            "404": ResponseSpec("empty"),
            "2XX": ResponseSpec("empty"),
        },
    )


# Error responses' types, imported only when such an error comes back.
def _user_type() -> Any:
    from ..models._user import User

    return User


class UserResource:
    """Operations about user"""

    def __init__(self, client: BaseClient) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> UserResourceWithRawResponse:
        """The same methods, returning status, headers and the parsed body."""
        return UserResourceWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> UserResourceWithStreamingResponse:
        """The same methods, streaming the body instead of reading it whole."""
        return UserResourceWithStreamingResponse(self)

    async def create_user(
        self,
        *,
        body: User | dict[str, Any] | NotGiven = NOT_GIVEN,
        content_type: Literal["application/json", "application/x-www-form-urlencoded"]
        | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> User:
        """Create user

        This can only be done by the logged in user.

        Args:
            body: Created user object

        Responses:
            default: successful operation
        """
        return await self._client.request(
            _create_user_endpoint(),
            (),
            body,
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            max_retries=max_retries,
            content_type=content_type,
        )

    async def create_users_with_list_input(
        self,
        *,
        body: list[User] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> User:
        """Creates list of users with given input array

        Creates list of users with given input array

        Responses:
            200: Successful operation
            default: successful operation
        """
        return await self._client.request(
            _create_users_with_list_input_endpoint(),
            (),
            body,
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            max_retries=max_retries,
        )

    async def login_user(
        self,
        *,
        username: str | NotGiven = NOT_GIVEN,
        password: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> str:
        """Logs user into the system

        Args:
            username: The user name for login
            password: The password for login in clear text

        Responses:
            200: successful operation
            400: Invalid username/password supplied
        """
        return await self._client.request(
            _login_user_endpoint(),
            (
                username,
                password,
            ),
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            max_retries=max_retries,
        )

    async def logout_user(
        self,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> None:
        """Logs out current logged in user session

        Responses:
            default: successful operation
        """
        return await self._client.request(
            _logout_user_endpoint(),
            (),
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            max_retries=max_retries,
        )

    async def get_user_by_name(
        self,
        username: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> User:
        """Get user by user name

        Args:
            username: The name that needs to be fetched. Use user1 for testing.

        Responses:
            200: successful operation
            400: Invalid username supplied
            404: User not found
        """
        return await self._client.request(
            _get_user_by_name_endpoint(),
            (username,),
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            max_retries=max_retries,
        )

    async def update_user(
        self,
        username: str,
        *,
        body: User | dict[str, Any] | NotGiven = NOT_GIVEN,
        content_type: Literal["application/json", "application/x-www-form-urlencoded"]
        | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> None:
        """Update user

        This can only be done by the logged in user.

        Args:
            username: name that need to be deleted
            body: Update an existent user in the store

        Responses:
            default: successful operation
        """
        return await self._client.request(
            _update_user_endpoint(),
            (username,),
            body,
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            max_retries=max_retries,
            content_type=content_type,
        )

    async def delete_user(
        self,
        username: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> None:
        """Delete user

        This can only be done by the logged in user.

        Args:
            username: The name that needs to be deleted

        Responses:
            400: Invalid username supplied
            404: User not found
        """
        return await self._client.request(
            _delete_user_endpoint(),
            (username,),
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            max_retries=max_retries,
        )


class UserResourceWithRawResponse:
    """The methods of `UserResource`, returning a `RawResponse`: status, headers and the parsed body."""

    def __init__(self, owner: UserResource) -> None:
        self.create_user: Final = to_raw_response_wrapper(owner.create_user)
        self.create_users_with_list_input: Final = to_raw_response_wrapper(
            owner.create_users_with_list_input
        )
        self.login_user: Final = to_raw_response_wrapper(owner.login_user)
        self.logout_user: Final = to_raw_response_wrapper(owner.logout_user)
        self.get_user_by_name: Final = to_raw_response_wrapper(owner.get_user_by_name)
        self.update_user: Final = to_raw_response_wrapper(owner.update_user)
        self.delete_user: Final = to_raw_response_wrapper(owner.delete_user)


class UserResourceWithStreamingResponse:
    """The methods of `UserResource`, as context managers yielding an unread `StreamedResponse`."""

    def __init__(self, owner: UserResource) -> None:
        self.create_user: Final = to_streamed_response_wrapper(owner.create_user)
        self.create_users_with_list_input: Final = to_streamed_response_wrapper(
            owner.create_users_with_list_input
        )
        self.login_user: Final = to_streamed_response_wrapper(owner.login_user)
        self.logout_user: Final = to_streamed_response_wrapper(owner.logout_user)
        self.get_user_by_name: Final = to_streamed_response_wrapper(owner.get_user_by_name)
        self.update_user: Final = to_streamed_response_wrapper(owner.update_user)
        self.delete_user: Final = to_streamed_response_wrapper(owner.delete_user)
