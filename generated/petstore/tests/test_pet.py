"""Every operation of `client.pet`, called with valid arguments synthesized from the spec."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter

from swagger_petstore_client import APIStatusError, Client
from swagger_petstore_client.models import ApiResponse, Pet


async def test_update_pet(client: Client) -> None:
    result = await client.pet.update_pet(
        body={"name": "doggie", "photoUrls": ["sample"]},
        extra_headers={"Prefer": "dynamic=true"},
    )
    TypeAdapter(Pet).validate_python(result)


async def test_add_pet(client: Client) -> None:
    result = await client.pet.add_pet(
        body={"name": "doggie", "photoUrls": ["sample"]},
        extra_headers={"Prefer": "dynamic=true"},
    )
    TypeAdapter(Pet).validate_python(result)


async def test_find_pets_by_status(client: Client) -> None:
    result = await client.pet.find_pets_by_status(
        extra_headers={"Prefer": "dynamic=true"},
    )
    TypeAdapter(list[Pet]).validate_python(result)


async def test_find_pets_by_tags(client: Client) -> None:
    result = await client.pet.find_pets_by_tags(
        extra_headers={"Prefer": "dynamic=true"},
    )
    TypeAdapter(list[Pet]).validate_python(result)


async def test_get_pet_by_id(client: Client) -> None:
    result = await client.pet.get_pet_by_id(
        1,
        extra_headers={"Prefer": "dynamic=true"},
    )
    TypeAdapter(Pet).validate_python(result)


async def test_update_pet_with_form(client: Client) -> None:
    # The spec declares only error responses for this operation.
    with pytest.raises(APIStatusError) as caught:
        await client.pet.update_pet_with_form(
            1,
        )
    if caught.value.status_code not in [400]:
        raise caught.value  # not one the spec declares


async def test_delete_pet(client: Client) -> None:
    # The spec declares only error responses for this operation.
    with pytest.raises(APIStatusError) as caught:
        await client.pet.delete_pet(
            1,
        )
    if caught.value.status_code not in [400]:
        raise caught.value  # not one the spec declares


async def test_upload_file(client: Client) -> None:
    result = await client.pet.upload_file(
        1,
        body=b"sample",
        extra_headers={"Prefer": "dynamic=true"},
    )
    TypeAdapter(ApiResponse).validate_python(result)
