"""Servers: `Client(server=..., region=...)` chooses among the spec's, an operation with a
server of its own is sent there, and a `base_url` given serves every operation."""

from __future__ import annotations

import re

import pytest
from aioresponses import aioresponses
from showcase_client import Client
from showcase_client._runtime import Server, server_url

from tests.runtime.helpers import requests_made

SERVERS = (Server("https://{region}.zoo.test/{v}", "Production", {"region": "eu", "v": "v2"}),
           Server("https://sandbox.zoo.test", "Sandbox"))  # fmt: skip
ALLOWED = {"region": ["eu", "us"]}


def test_a_server_is_chosen_by_index_or_name_with_its_variables() -> None:
    assert server_url(SERVERS, 0, {}, ALLOWED) == "https://eu.zoo.test/v2"
    assert server_url(SERVERS, 0, {"region": "us", "v": None}, ALLOWED) == "https://us.zoo.test/v2"
    assert server_url(SERVERS, "Sandbox", {"region": "us"}, ALLOWED) == "https://sandbox.zoo.test"
    assert server_url(SERVERS, 1, {}, ALLOWED) == "https://sandbox.zoo.test"


@pytest.mark.parametrize(
    ("choice", "values", "message"),
    [
        (2, {}, "server=2 is not one of the API's 2 servers"),
        (-1, {}, "server=-1 is not one of the API's 2 servers"),
        ("Staging", {}, "server='Staging' is not one of the API's: 'Production', 'Sandbox'"),
        (0, {"region": "mars"}, "region='mars' is not one of ['eu', 'us']"),
    ],
)
def test_a_server_or_value_the_api_does_not_have_is_refused(
    choice: int | str, values: dict[str, str | None], message: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        server_url(SERVERS, choice, values, ALLOWED)


async def test_the_generated_client_offers_the_specs_servers(mocked: aioresponses) -> None:
    mocked.get(re.compile(r".*/animals/1$"), payload={"kind": "cat", "name": "Tom"}, repeat=True)
    async with Client(bearer_auth="t") as default, Client(bearer_auth="t", region="us") as us:
        await default.animals.get_animal("1")
        await us.animals.get_animal("1")
    async with Client(bearer_auth="t", server="Sandbox") as sandbox:
        await sandbox.animals.get_animal("1")
    assert [url for _, url, _ in requests_made(mocked)] == [
        "https://eu.zoo.example/v2/animals/1",
        "https://us.zoo.example/v2/animals/1",
        "https://sandbox.zoo.example/v2/animals/1",
    ]
    with pytest.raises(ValueError, match="region='mars'"):
        Client(region="mars")  # type: ignore[arg-type]


async def test_an_operation_with_its_own_server_is_sent_there_unless_base_url_is_given(
    mocked: aioresponses,
) -> None:
    """The photos path declares `https://photos.zoo.example/v2`; a `base_url` given (a mock, a
    proxy) serves every operation instead."""
    mocked.get(re.compile(r".*/animals/1/photo$"), body=b"jpeg", repeat=True)
    async with Client(bearer_auth="t") as client:
        await client.media.download_photo("1")
    async with Client(bearer_auth="t", base_url="http://127.0.0.1:1/v2") as local:
        await local.media.download_photo("1")
    assert [url for _, url, _ in requests_made(mocked)] == [
        "https://photos.zoo.example/v2/animals/1/photo",
        "http://127.0.0.1:1/v2/animals/1/photo",
    ]
