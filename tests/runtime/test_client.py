"""Request building through BaseClient (aioresponses): paths, params, headers, sessions."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import aiohttp
import pytest
from aioresponses import aioresponses
from aiosdkgen.runtime import (
    NOT_GIVEN,
    BaseClient,
    Endpoint,
    NotGiven,
    Param,
    ResponseSpec,
)

from .helpers import BASE, GET_PET, Pet, only_request, requests_made


class Status(enum.Enum):
    AVAILABLE = "available"


LIST_PETS: Endpoint[list[Pet]] = Endpoint(
    method="GET",
    path="/pets",
    params=(
        Param("limit", "query"),
        Param("status", "query"),
        Param("X-Trace", "header"),
        Param("session", "cookie"),
    ),
    responses={"200": ResponseSpec("json", list[Pet])},
)


def test_not_given_is_a_falsy_singleton() -> None:
    assert not NOT_GIVEN
    assert repr(NOT_GIVEN) == "NOT_GIVEN"
    assert NotGiven() is NOT_GIVEN


async def test_path_parameter_cannot_change_the_path(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/pets/a%2Fb%3Fc%23d", payload={"id": 1, "name": "Rex"})
    async with BaseClient(base_url=BASE + "/") as client:
        pet = await client.request(GET_PET, ("a/b?c#d",))
    assert pet == Pet(id=1, name="Rex")
    method, url, _ = only_request(mocked)
    assert (method, url) == ("GET", f"{BASE}/pets/a%2Fb%3Fc%23d")


async def test_label_and_matrix_path_params(mocked: aioresponses) -> None:
    endpoint: Endpoint[None] = Endpoint(
        method="GET",
        path="/items/{ids}/{filter}",
        params=(
            Param("ids", "path", style="label", explode=True),
            Param("filter", "path", style="matrix", explode=False),
        ),
        responses={"204": ResponseSpec("empty")},
    )
    mocked.get(f"{BASE}/items/.1.2/;filter=a,b", status=204)
    async with BaseClient(base_url=BASE) as client:
        assert await client.request(endpoint, ([1, 2], {"a": "b"})) is None
    assert only_request(mocked)[1] == f"{BASE}/items/.1.2/;filter=a,b"


async def test_omitted_parameters_are_not_sent_and_none_is_empty(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/pets?status=", payload=[])
    mocked.get(f"{BASE}/pets?limit=10&status=available", payload=[{"id": 2, "name": "Kit"}])
    async with BaseClient(base_url=BASE) as client:
        assert await client.request(LIST_PETS, (NOT_GIVEN, None, NOT_GIVEN, NOT_GIVEN)) == []
        pets = await client.request(LIST_PETS, (10, Status.AVAILABLE, "t-1", "s 1"))
    assert pets == [Pet(id=2, name="Kit")]
    first, second = [calls[0] for calls in mocked.requests.values()]
    assert "X-Trace" not in first.kwargs["headers"]
    assert "Cookie" not in first.kwargs["headers"]
    assert second.kwargs["headers"]["X-Trace"] == "t-1"
    assert second.kwargs["headers"]["Cookie"] == "session=s%201"


async def test_wrong_argument_count_is_a_type_error() -> None:
    async with BaseClient(base_url=BASE) as client:
        with pytest.raises(TypeError, match="takes 1 parameter"):
            await client.request(GET_PET, ())
        with pytest.raises(TypeError, match="required"):
            await client.request(GET_PET, (NOT_GIVEN,))


async def test_default_headers_user_agent_and_extra_headers(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/pets/1", payload={"id": 1, "name": "a"})
    mocked.get(f"{BASE}/pets/2", payload={"id": 2, "name": "b"})
    async with BaseClient(
        base_url=BASE, headers={"X-Client": "c"}, user_agent="petstore-python/1.0"
    ) as client:
        await client.request(GET_PET, (1,))
        await client.request(
            GET_PET, (2,), extra_headers={"X-Extra": "e", "User-Agent": None, "X-Client": "o"}
        )
    first, second = [calls[0].kwargs["headers"] for calls in mocked.requests.values()]
    assert first["User-Agent"] == "petstore-python/1.0"
    assert first["Accept"] == "application/json"
    assert first["X-Client"] == "c"
    assert "User-Agent" not in second
    assert second["X-Extra"] == "e"
    assert second["X-Client"] == "o"


async def test_default_user_agent_names_the_runtime(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/pets/1", payload={"id": 1, "name": "a"})
    async with BaseClient(base_url=BASE) as client:
        await client.request(GET_PET, (1,))
    assert only_request(mocked)[2]["headers"]["User-Agent"].startswith("aiosdkgen-runtime/")


async def test_extra_query_is_appended_and_serialized(mocked: aioresponses) -> None:
    when = dt.date(2024, 5, 6)
    mocked.get(
        f"{BASE}/pets/1?flag=true&since=2024-05-06&tag=a&tag=b", payload={"id": 1, "name": "a"}
    )
    async with BaseClient(base_url=BASE) as client:
        await client.request(
            GET_PET,
            (1,),
            extra_query={"flag": True, "since": when, "tag": ["a", "b"], "skip": NOT_GIVEN},
        )
    assert only_request(mocked)[1].endswith("?flag=true&since=2024-05-06&tag=a&tag=b")


async def test_user_session_is_used_and_never_closed(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/pets/1", payload={"id": 1, "name": "a"})
    async with aiohttp.ClientSession() as session:
        async with BaseClient(base_url=BASE, session=session) as client:
            await client.request(GET_PET, (1,))
            assert client._session is session
        assert not session.closed
        await client.close()
        assert not session.closed


async def test_owned_session_is_created_lazily_and_closed() -> None:
    client = BaseClient(base_url=BASE)
    assert client._session is None
    session = client._get_session()
    assert isinstance(session.connector, aiohttp.TCPConnector)
    assert session.connector.limit == 100
    await client.close()
    assert session.closed
    await client.close()  # idempotent


async def test_connector_settings_are_applied() -> None:
    async with BaseClient(
        base_url=BASE, connector_limit=7, connector_limit_per_host=3, keepalive_timeout=5
    ) as client:
        connector = client._get_session().connector
        assert isinstance(connector, aiohttp.TCPConnector)
        assert (connector.limit, connector.limit_per_host) == (7, 3)


def test_client_repr_hides_credentials() -> None:
    client = BaseClient(base_url=BASE, credentials={"bearer": "sk-supersecret"})
    assert "sk-supersecret" not in repr(client)


def test_invalid_base_url_is_rejected() -> None:
    with pytest.raises(ValueError, match="absolute"):
        BaseClient(base_url="api.example.test")


def test_endpoint_rejects_template_without_parameter() -> None:
    with pytest.raises(ValueError, match="no path parameter"):
        Endpoint(method="GET", path="/pets/{petId}")


async def test_a_call_with_arguments_leaves_later_calls_without_them_untouched(
    mocked: aioresponses,
) -> None:
    mocked.get(f"{BASE}/pets", payload=[], repeat=True)
    mocked.get(f"{BASE}/pets?limit=5&q=1", payload=[], repeat=True)
    mocked.get(f"{BASE}/pets?limit=6", payload=[], repeat=True)
    none = (NOT_GIVEN,) * len(LIST_PETS.params)
    async with BaseClient(base_url=BASE, headers={"X-Client": "c"}) as client:
        await client.request(LIST_PETS, none)
        await client.request(
            LIST_PETS,
            (5, NOT_GIVEN, "t-1", "s-1"),
            extra_headers={"X-Extra": "e", "X-Client": None},
            extra_query={"q": "1"},
        )
        await client.request(LIST_PETS, (6, NOT_GIVEN, NOT_GIVEN, NOT_GIVEN))
        await client.request(LIST_PETS, none)
    sent: dict[str, list[Any]] = {}
    for _, url, kwargs in requests_made(mocked):
        sent.setdefault(url.removeprefix(f"{BASE}/pets"), []).append(kwargs["headers"])
    plain, (full,), (limited,) = (sent[query] for query in ("", "?limit=5&q=1", "?limit=6"))
    assert len(plain) == 2
    for headers in [*plain, limited]:
        assert headers["X-Client"] == "c"
        assert not {"X-Trace", "X-Extra", "Cookie"} & set(headers)
    assert (full["X-Trace"], full["X-Extra"], full["Cookie"]) == ("t-1", "e", "session=s-1")
    assert "X-Client" not in full
