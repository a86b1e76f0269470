"""End to end: the committed Petstore SDK (generated/petstore) against Prism mocking its spec.

Every one of the 19 operations is called through the real generated `Client` over HTTP. Prism
validates each request against specs/petstore.yaml and reports what it found wrong in the
``sl-violations`` response header, so besides the typed result every test checks that Prism
found nothing to complain about (an aiohttp trace records each exchange).

Prism serves the paths at its root (see `prism_url`), so ``base_url`` has no ``/api/v3``.
"""

from __future__ import annotations

import io
import json
import sys
import typing
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from types import SimpleNamespace
from typing import Any

import aiohttp
import pytest
from multidict import CIMultiDictProxy

from tests.conftest import GENERATED

_PETSTORE = str(GENERATED / "petstore")
sys.path.insert(0, _PETSTORE)
try:
    from swagger_petstore_client import (
        BadRequestError,
        Client,
        MissingCredentialError,
        RawResponse,
        UnprocessableEntityError,
        models,
    )
    from swagger_petstore_client.models import (
        ApiResponse,
        FindPetsByStatusStatus,
        Order,
        OrderStatus,
        Pet,
        PetStatus,
        Tag,
        User,
    )
    from swagger_petstore_client.resources.pet import PetResource
    from swagger_petstore_client.resources.store import StoreResource
    from swagger_petstore_client.resources.user import UserResource
finally:
    # The modules stay imported; later (lazy) submodule imports go through the package path.
    sys.path.remove(_PETSTORE)

API_KEY = "e2e-api-key"
TOKEN = "e2e-token"


# -- recording what went over the wire ------------------------------------------------------


@dataclass
class Exchange:
    method: str
    url: str
    request_headers: CIMultiDictProxy[str]
    status: int
    response_headers: CIMultiDictProxy[str]

    @property
    def violations(self) -> list[dict[str, Any]]:
        """Prism's complaints about the request (and, without --errors, the response)."""
        raw = self.response_headers.get("sl-violations")
        return json.loads(raw) if raw else []


class Wire:
    """Every request/response head sent through a session, in order."""

    def __init__(self) -> None:
        self.exchanges: list[Exchange] = []
        self.trace = aiohttp.TraceConfig()
        self.trace.on_request_end.append(self._on_request_end)

    async def _on_request_end(
        self,
        session: aiohttp.ClientSession,
        context: SimpleNamespace,
        params: aiohttp.TraceRequestEndParams,
    ) -> None:
        self.exchanges.append(
            Exchange(
                method=params.method,
                url=str(params.url),
                request_headers=CIMultiDictProxy(params.headers),
                status=params.response.status,
                response_headers=params.response.headers,
            )
        )

    @property
    def last(self) -> Exchange:
        assert self.exchanges, "no request was sent"
        return self.exchanges[-1]

    def only(self) -> Exchange:
        """The single exchange of the test (the SDK must not have retried or redirected)."""
        assert len(self.exchanges) == 1, [(e.method, e.url, e.status) for e in self.exchanges]
        return self.exchanges[0]


@pytest.fixture
def wire() -> Wire:
    return Wire()


@pytest.fixture
async def client(prism_url: str, wire: Wire) -> AsyncIterator[Client]:
    """A client with both credentials, on a session whose exchanges `wire` records."""
    async with (
        aiohttp.ClientSession(trace_configs=[wire.trace]) as session,
        Client(base_url=prism_url, api_key=API_KEY, petstore_auth=TOKEN, session=session) as sdk,
    ):
        yield sdk


def conforms(value: Any, tp: Any) -> bool:
    """Whether `value` is an instance of the (simple) type expression `tp`."""
    if tp is Any:
        return True
    if tp is None or tp is type(None):
        return value is None
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is list:
        return isinstance(value, list) and all(conforms(item, args[0]) for item in value)
    if origin is dict:
        return isinstance(value, dict) and all(
            conforms(k, args[0]) and conforms(v, args[1]) for k, v in value.items()
        )
    if tp is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, tp)


# -- every operation, with valid arguments ----------------------------------------------------

PET = Pet(
    id=7,
    name="doggie",
    photo_urls=["https://example.invalid/1.png"],
    tags=[Tag(id=1, name="tag1")],
    status=PetStatus.AVAILABLE,
)
ORDER = Order(
    id=3,
    pet_id=7,
    quantity=2,
    ship_date=datetime(2024, 5, 1, 10, 0, tzinfo=timezone.utc),
    status=OrderStatus.PLACED,
)
USER = User(id=5, username="user1", first_name="Ann", email="ann@example.invalid", user_status=1)

Call = Callable[[Client], Awaitable[Any]]


@dataclass(frozen=True)
class Operation:
    resource: str
    method: str
    call: Call
    returns: Any  # the declared return type of the SDK method


OPERATIONS = [
    Operation("pet", "update_pet", lambda c: c.pet.update_pet(body=PET), Pet),
    Operation("pet", "add_pet", lambda c: c.pet.add_pet(body=PET), Pet),
    Operation(
        "pet",
        "find_pets_by_status",
        lambda c: c.pet.find_pets_by_status(status=FindPetsByStatusStatus.SOLD),
        list[Pet],
    ),
    Operation(
        "pet",
        "find_pets_by_tags",
        lambda c: c.pet.find_pets_by_tags(tags=["tag1", "tag 2"]),
        list[Pet],
    ),
    Operation("pet", "get_pet_by_id", lambda c: c.pet.get_pet_by_id(7), Pet),
    Operation(
        "pet",
        "upload_file",
        lambda c: c.pet.upload_file(7, additional_metadata="front", body=b"\x89PNG\r\n\x1a\n"),
        ApiResponse,
    ),
    Operation("store", "get_inventory", lambda c: c.store.get_inventory(), dict[str, int]),
    Operation("store", "place_order", lambda c: c.store.place_order(body=ORDER), Order),
    Operation("store", "get_order_by_id", lambda c: c.store.get_order_by_id(3), Order),
    Operation("user", "create_user", lambda c: c.user.create_user(body=USER), User),
    Operation(
        "user",
        "create_users_with_list_input",
        lambda c: c.user.create_users_with_list_input(body=[USER, User(username="user2")]),
        User,
    ),
    Operation(
        "user", "login_user", lambda c: c.user.login_user(username="user1", password="pw"), str
    ),
    Operation("user", "logout_user", lambda c: c.user.logout_user(), None),
    Operation("user", "get_user_by_name", lambda c: c.user.get_user_by_name("user1"), User),
    Operation("user", "update_user", lambda c: c.user.update_user("user1", body=USER), None),
]

# These four operations declare no success response at all, only errors ("400: Invalid input"
# etc.). A mock can only answer with a declared response, so Prism answers a *valid* request with
# the lowest declared one, a 400 with no body; the SDK must turn it into `BadRequestError`.
# That Prism found the request valid shows in the absence of `sl-violations` (an invalid one
# gets the same 400 status, with the violations listed).
ERROR_ONLY_OPERATIONS = [
    Operation(
        "pet",
        "update_pet_with_form",
        lambda c: c.pet.update_pet_with_form(7, name="rex", status="sold"),
        None,
    ),
    Operation("pet", "delete_pet", lambda c: c.pet.delete_pet(7, api_key="header-key"), None),
    Operation("store", "delete_order", lambda c: c.store.delete_order(3), None),
    Operation("user", "delete_user", lambda c: c.user.delete_user("user1"), None),
]

RESOURCES = {"pet": PetResource, "store": StoreResource, "user": UserResource}


def test_every_operation_is_covered() -> None:
    public = {
        (name, attr)
        for name, resource in RESOURCES.items()
        for attr, value in vars(resource).items()
        if callable(value) and not attr.startswith("_")
    }
    covered = {(op.resource, op.method) for op in OPERATIONS + ERROR_ONLY_OPERATIONS}
    assert covered == public
    assert len(covered) == 19


def _declared_return(op: Operation) -> Any:
    method = getattr(RESOURCES[op.resource], op.method)
    # Resource modules import models for type checking only (so that importing one loads no
    # models); the hints name them, and resolve against the models package.
    names = {name: getattr(models, name) for name in models.__all__}
    declared = typing.get_type_hints(method, localns=names)["return"]
    return None if declared is type(None) else declared


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: f"{op.resource}.{op.method}")
async def test_operation(op: Operation, client: Client, wire: Wire) -> None:
    assert _declared_return(op) == op.returns
    result = await op.call(client)
    exchange = wire.only()
    assert exchange.violations == []
    assert exchange.status == 200
    assert conforms(result, op.returns), result


@pytest.mark.parametrize("op", ERROR_ONLY_OPERATIONS, ids=lambda op: f"{op.resource}.{op.method}")
async def test_operation_without_success_response(
    op: Operation, client: Client, wire: Wire
) -> None:
    assert _declared_return(op) is None
    with pytest.raises(BadRequestError) as caught:
        await op.call(client)
    exchange = wire.only()
    assert exchange.violations == []
    assert caught.value.status_code == 400
    assert caught.value.body is None


# -- request details --------------------------------------------------------------------------


async def test_path_query_and_header_parameters(client: Client, wire: Wire) -> None:
    pet = await client.pet.get_pet_by_id(7)
    assert pet.name == "doggie"  # the example in the spec
    assert wire.last.url.endswith("/pet/7")

    with pytest.raises(BadRequestError):
        await client.pet.delete_pet(7, api_key="header-key")
    assert wire.last.url.endswith("/pet/7")
    assert wire.last.request_headers["api_key"] == "header-key"
    assert wire.last.violations == []


async def test_query_array_repeats_the_key(client: Client, wire: Wire) -> None:
    """`tags` is style form, explode true: one ``tags=`` pair per element."""
    pets = await client.pet.find_pets_by_tags(tags=["tag1", "tag 2", "a&b"])
    assert all(isinstance(pet, Pet) for pet in pets)
    assert wire.last.url.split("?", 1)[1] == "tags=tag1&tags=tag%202&tags=a%26b"
    assert wire.last.violations == []


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (
            lambda c: c.user.create_user(
                body={"id": 5, "username": "user 1&2", "userStatus": 1},
                content_type="application/x-www-form-urlencoded",
            ),
            User,
        ),
        (
            lambda c: c.user.update_user(
                "user1",
                body={"id": 5, "username": "user1", "email": "a+b@example.invalid"},
                content_type="application/x-www-form-urlencoded",
            ),
            type(None),
        ),
        (
            lambda c: c.store.place_order(
                body={"id": 3, "petId": 7, "quantity": 2, "complete": True, "status": "placed"},
                content_type="application/x-www-form-urlencoded",
            ),
            Order,
        ),
    ],
    ids=["create_user", "update_user", "place_order"],
)
async def test_form_body(call: Call, expected: type, client: Client, wire: Wire) -> None:
    result = await call(client)
    assert isinstance(result, expected)
    exchange = wire.only()
    assert exchange.request_headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert exchange.violations == []


# Prism does not read repeated form keys as an array. OpenAPI 3.0.3, Encoding Object: "style ...
# The behavior follows the same values as query parameters, including default values" and
# "explode ... When style is form, the default value is true", so with no `encoding` in the spec
# `photoUrls=a&photoUrls=b` is the array ["a", "b"], which is what the SDK sends. Prism 5 applies
# a style only when the spec has an explicit `encoding` entry, otherwise keeps the last value as
# a string, and reports "photoUrls must be array" (stoplightio/prism issue 2473, PR 2654). Since
# Pet requires the array `photoUrls`, no form-encoded Pet can pass Prism: the test pins that
# exactly this violation, and no other, is reported.
PRISM_FORM_ARRAY_VIOLATION = {
    "location": ["request", "body", "photoUrls"],
    "severity": "Error",
    "code": "type",
    "message": "Request body property photoUrls must be array",
}
FORM_PET = {"id": 7, "name": "rex", "photoUrls": ["a.png", "b.png"], "status": "sold"}


@pytest.mark.parametrize("method", ["add_pet", "update_pet"])
async def test_form_body_pet_from_mapping(method: str, client: Client, wire: Wire) -> None:
    with pytest.raises(UnprocessableEntityError):
        await getattr(client.pet, method)(
            body=FORM_PET, content_type="application/x-www-form-urlencoded"
        )
    # Wire names are sent (photoUrls, not photo_urls): only Prism's own array bug remains.
    assert wire.only().violations == [PRISM_FORM_ARRAY_VIOLATION]


@pytest.mark.parametrize("method", ["add_pet", "update_pet"])
async def test_form_body_pet_from_model(method: str, client: Client, wire: Wire) -> None:
    pet = Pet(id=7, name="rex", photo_urls=["a.png", "b.png"], status=PetStatus.SOLD)
    with pytest.raises(UnprocessableEntityError):
        await getattr(client.pet, method)(
            body=pet, content_type="application/x-www-form-urlencoded"
        )
    assert wire.only().violations == [PRISM_FORM_ARRAY_VIOLATION]


@pytest.mark.parametrize(
    "body",
    [b"\x00\x01binary\xff" * 100, io.BytesIO(b"\x00\x01binary\xff" * 100)],
    ids=["bytes", "file"],
)
async def test_octet_stream_upload(body: Any, client: Client, wire: Wire) -> None:
    result = await client.pet.upload_file(7, additional_metadata="front view", body=body)
    assert isinstance(result, ApiResponse)
    exchange = wire.only()
    assert exchange.request_headers["Content-Type"] == "application/octet-stream"
    assert exchange.url.endswith("/pet/7/uploadImage?additionalMetadata=front%20view")
    assert exchange.violations == []


# -- authentication -----------------------------------------------------------------------------


async def test_api_key_alone_satisfies_get_pet_by_id(prism_url: str, wire: Wire) -> None:
    async with (
        aiohttp.ClientSession(trace_configs=[wire.trace]) as session,
        Client(base_url=prism_url, api_key=API_KEY, session=session) as sdk,
    ):
        assert isinstance(await sdk.pet.get_pet_by_id(1), Pet)
    sent = wire.only().request_headers
    assert sent["api_key"] == API_KEY
    assert "Authorization" not in sent


async def test_bearer_alone_satisfies_get_pet_by_id(prism_url: str, wire: Wire) -> None:
    async with (
        aiohttp.ClientSession(trace_configs=[wire.trace]) as session,
        Client(base_url=prism_url, petstore_auth=TOKEN, session=session) as sdk,
    ):
        assert isinstance(await sdk.pet.get_pet_by_id(1), Pet)
    sent = wire.only().request_headers
    assert sent["Authorization"] == f"Bearer {TOKEN}"
    assert "api_key" not in sent


@pytest.mark.parametrize(
    ("credentials", "call"),
    [
        ({}, lambda c: c.pet.get_pet_by_id(1)),
        ({"petstore_auth": TOKEN}, lambda c: c.store.get_inventory()),  # needs api_key
        ({"api_key": API_KEY}, lambda c: c.pet.find_pets_by_status()),  # needs petstore_auth
    ],
    ids=["anonymous", "bearer-for-api-key-operation", "api-key-for-oauth-operation"],
)
async def test_missing_credentials_are_rejected(
    credentials: dict[str, Any], call: Call, prism_url: str, wire: Wire
) -> None:
    # Refused by the SDK before anything is sent (Prism would answer 401).
    async with (
        aiohttp.ClientSession(trace_configs=[wire.trace]) as session,
        Client(base_url=prism_url, session=session, **credentials) as sdk,
    ):
        with pytest.raises(MissingCredentialError):
            await call(sdk)
    assert wire.exchanges == []


# -- raw and streamed responses -----------------------------------------------------------------


async def test_raw_response(prism_url: str) -> None:
    # The SDK's own session this time (no session passed in).
    async with Client(base_url=prism_url, api_key=API_KEY, petstore_auth=TOKEN) as sdk:
        raw = await sdk.pet.with_raw_response.get_pet_by_id(7)
        assert isinstance(raw, RawResponse)
        assert raw.status_code == 200
        assert raw.headers["Content-Type"].startswith("application/json")
        assert "sl-violations" not in raw.headers
        assert raw.method == "GET"
        assert raw.url == f"{prism_url}/pet/7"
        assert isinstance(raw.parsed, Pet)
        assert raw.parse() is raw.parsed
        assert raw.json()["name"] == raw.parsed.name

        login = await sdk.user.with_raw_response.login_user(username="user1", password="pw")
        assert login.status_code == 200
        assert isinstance(login.parse(), str)
        # Response headers the spec declares for this operation.
        assert int(login.headers["X-Rate-Limit"]) >= -(2**31)
        assert login.headers["X-Expires-After"]

        inventory = await sdk.store.with_raw_response.get_inventory()
        assert conforms(inventory.parse(), dict[str, int])


async def test_streamed_response(client: Client, wire: Wire) -> None:
    async with client.pet.with_streaming_response.find_pets_by_status(
        status=FindPetsByStatusStatus.PENDING
    ) as stream:
        assert stream.status_code == 200
        chunks = [chunk async for chunk in stream.iter_bytes(16)]
    assert stream.closed
    assert conforms(json.loads(b"".join(chunks)), list[dict[str, Any]])
    assert wire.only().violations == []


@pytest.mark.parametrize("flavour", ["raw", "stream"])
async def test_raw_and_streamed_response_of_operation_returning_none(
    flavour: str, client: Client
) -> None:
    if flavour == "raw":
        raw = await client.user.with_raw_response.logout_user()
        assert raw.status_code == 200
        assert raw.parse() is None
    else:
        async with client.user.with_streaming_response.update_user("user1", body=USER) as stream:
            assert stream.status_code == 200
            assert await stream.parse() is None


# -- Prism validates requests: invalid ones come back as typed errors ----------------------------


async def test_invalid_body_is_rejected(client: Client, wire: Wire) -> None:
    # A mapping body is sent as is: here without the required `photoUrls`.
    with pytest.raises(UnprocessableEntityError) as caught:
        await client.pet.add_pet(body={"name": "rex"})
    error = caught.value
    assert error.status_code == 422
    assert error.body is None  # addPet declares its 422 without content: Prism sends none
    assert error.method == "POST"
    assert wire.only().violations == [
        {
            "location": ["request", "body"],
            "severity": "Error",
            "code": "required",
            "message": "Request body must have required property 'photoUrls'",
        }
    ]


async def test_invalid_body_with_default_response(client: Client, wire: Wire) -> None:
    # createUser declares neither 400 nor 422, only `default` (a User): Prism answers 422 with
    # that response, and the SDK decodes the error body with the `default` schema.
    with pytest.raises(UnprocessableEntityError) as caught:
        await client.user.create_user(body={"id": "not-an-integer"})
    assert caught.value.status_code == 422
    assert isinstance(caught.value.body, User)
    assert [v["message"] for v in wire.only().violations] == [
        "Request body property id must be integer"
    ]


async def test_invalid_query_via_extra_query(client: Client, wire: Wire) -> None:
    with pytest.raises(BadRequestError) as caught:
        await client.pet.find_pets_by_status(extra_query={"status": "lost"})
    assert caught.value.status_code == 400  # findPetsByStatus declares 400 "Invalid status value"
    assert caught.value.body is None
    assert wire.only().url.endswith("/pet/findByStatus?status=lost")
    assert [v["location"] for v in wire.only().violations] == [["request", "query", "status"]]


async def test_unacceptable_accept_header_via_extra_headers(client: Client) -> None:
    from swagger_petstore_client.errors import APIStatusError

    with pytest.raises(APIStatusError) as caught:
        await client.store.get_order_by_id(3, extra_headers={"Accept": "application/xml"})
    assert caught.value.status_code == 406
    assert isinstance(caught.value.body, dict)
    assert caught.value.body["type"] == "https://stoplight.io/prism/errors#NOT_ACCEPTABLE"
