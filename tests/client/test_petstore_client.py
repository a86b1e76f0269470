"""Regressions found on the wire, pinned with aioresponses against the generated Petstore SDK."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl

from aioresponses import aioresponses
from swagger_petstore_client import Client
from swagger_petstore_client.models import Pet

from tests.runtime.helpers import only_request, requests_made

BASE = "http://petstore.test/api/v3"


async def test_form_body_from_a_model_uses_wire_names(mocked: aioresponses) -> None:
    mocked.post(f"{BASE}/pet", payload={"name": "rex", "photoUrls": ["a"]})
    async with Client(base_url=BASE, petstore_auth="tok-1") as client:
        await client.pet.add_pet(
            body=Pet(name="rex", photo_urls=["a", "b"]),
            content_type="application/x-www-form-urlencoded",
        )
    _, _, kwargs = only_request(mocked)
    assert parse_qsl(kwargs["data"].decode()) == [
        ("name", "rex"),
        ("photoUrls", "a"),
        ("photoUrls", "b"),
    ]
    assert kwargs["headers"]["Content-Type"] == "application/x-www-form-urlencoded"


async def test_operation_without_declared_success_returns_none_even_with_a_body(
    mocked: aioresponses,
) -> None:
    mocked.delete(f"{BASE}/pet/1", payload={"unexpected": True})
    async with Client(base_url=BASE, petstore_auth="tok-1") as client:
        assert await client.pet.delete_pet(1) is None
        mocked.delete(f"{BASE}/pet/1", payload={"unexpected": True})
        raw = await client.pet.with_raw_response.delete_pet(1)
    assert raw.status_code == 200 and raw.parse() is None


async def test_an_enum_parameter_takes_its_literal_values_too(
    mocked: aioresponses,
) -> None:
    """`status="available"` is what the wire carries: the signature accepts it as well as
    the enum member, and both send the same query."""
    from swagger_petstore_client.models import FindPetsByStatusStatus

    mocked.get(re.compile(r".*/pet/findByStatus\?status=available$"), payload=[], repeat=True)
    async with Client(base_url="http://127.0.0.1:1/api/v3", petstore_auth="token") as client:
        assert await client.pet.find_pets_by_status(status="available") == []
        assert await client.pet.find_pets_by_status(status=FindPetsByStatusStatus.AVAILABLE) == []
    assert len(requests_made(mocked)) == 2
