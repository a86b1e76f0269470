"""Every operation of `client.animals`, called with valid arguments synthesized from the spec."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter

from showcase_client import Client
from showcase_client.models import Animal, AnimalPage, Cat, Dog, GetKeeperResponse


async def test_list_animals(client: Client) -> None:
    result = await client.animals.list_animals(
        extra_headers={"Prefer": "dynamic=true"},
    )
    TypeAdapter(AnimalPage).validate_python(result)


async def test_get_animal(client: Client) -> None:
    result = await client.animals.get_animal(
        "sample",
        extra_headers={"Prefer": "dynamic=true"},
    )
    TypeAdapter(Animal).validate_python(result)


async def test_replace_animal(client: Client) -> None:
    result = await client.animals.replace_animal(
        "sample",
        body={"kind": "sample", "name": "sample", "lives": 1},
        extra_headers={"Prefer": "dynamic=true"},
    )
    TypeAdapter(Cat | Dog).validate_python(result)


async def test_delete_animal(client: Client) -> None:
    await client.animals.delete_animal(
        "sample",
    )


async def test_list_animal_names(client: Client) -> None:
    with pytest.deprecated_call():
        result = await client.animals.list_animal_names(
            extra_headers={"Prefer": "dynamic=true"},
        )
        TypeAdapter(list[str]).validate_python(result)


async def test_get_keeper(client: Client) -> None:
    result = await client.animals.get_keeper(
        extra_headers={"Prefer": "dynamic=true"},
    )
    TypeAdapter(GetKeeperResponse).validate_python(result)
