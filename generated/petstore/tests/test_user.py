"""Every operation of `client.user`, called with valid arguments synthesized from the spec."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter

from swagger_petstore_client import APIStatusError, Client
from swagger_petstore_client.models import User


async def test_create_user(client: Client) -> None:
    result = await client.user.create_user(
        body={"id": 10},
    )
    TypeAdapter(User).validate_python(result)


async def test_create_users_with_list_input(client: Client) -> None:
    result = await client.user.create_users_with_list_input(
        body=TypeAdapter(list[User]).validate_python([{"id": 10}]),
        extra_headers={"Prefer": "dynamic=true"},
    )
    TypeAdapter(User).validate_python(result)


async def test_login_user(client: Client) -> None:
    result = await client.user.login_user(
        extra_headers={"Prefer": "dynamic=true"},
    )
    TypeAdapter(str).validate_python(result)


async def test_logout_user(client: Client) -> None:
    await client.user.logout_user()


async def test_get_user_by_name(client: Client) -> None:
    result = await client.user.get_user_by_name(
        "sample",
        extra_headers={"Prefer": "dynamic=true"},
    )
    TypeAdapter(User).validate_python(result)


async def test_update_user(client: Client) -> None:
    await client.user.update_user(
        "sample",
        body={"id": 10},
    )


async def test_delete_user(client: Client) -> None:
    # The spec declares only error responses for this operation.
    with pytest.raises(APIStatusError) as caught:
        await client.user.delete_user(
            "sample",
        )
    if caught.value.status_code not in [400, 404]:
        raise caught.value  # not one the spec declares
