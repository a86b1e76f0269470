"""Tolerant parsing (the default) against strict validation, on the drift `verify` found on
real APIs: required fields left out, values of another type, nulls, items of a list that drift,
a 204 where a body is declared."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, Literal

import pydantic
import pytest
from aiohttp import web
from aioresponses import aioresponses
from aiosdkgen.runtime import (
    BaseClient,
    Endpoint,
    ResponseSpec,
    ResponseValidationError,
    SecurityScheme,
)
from aiosdkgen.runtime._models import BaseModel

from .helpers import BASE


class Collection(BaseModel):
    total_count: int
    entries: list[dict[str, Any]]


class Folder(BaseModel):
    """Box's folder: `item_collection` is required, and missing from shared-item answers."""

    id: str
    name: str
    item_collection: Collection
    size: int | None = None


class Cat(BaseModel):
    kind: Literal["cat"]
    lives: int


class Dog(BaseModel):
    kind: Literal["dog"]
    good: bool


Animal = Annotated[
    Annotated[Cat, pydantic.Tag("cat")] | Annotated[Dog, pydantic.Tag("dog")],
    pydantic.Discriminator(lambda v: v.get("kind") if isinstance(v, dict) else v.kind),
]


def get(tp: Any) -> Endpoint[Any]:
    return Endpoint(method="GET", path="/x", responses={"200": ResponseSpec("json", tp)})


async def test_a_missing_required_field_reads_as_absent(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/x", payload={"id": "7", "name": "shared", "size": 3})
    async with BaseClient(base_url=BASE) as client:
        folder = await client.request(get(Folder), ())
    assert isinstance(folder, Folder)
    assert (folder.id, folder.name, folder.size) == ("7", "shared", 3)
    assert folder.item_collection is None
    assert "item_collection" not in folder.model_fields_set


async def test_what_fits_is_validated_and_what_does_not_is_kept(mocked: aioresponses) -> None:
    mocked.get(
        f"{BASE}/x",
        payload={
            "id": 7,  # an int where a str is declared: kept as sent
            "name": "n",
            "item_collection": {"total_count": "3", "entries": [], "next": "abc"},
            "extra": {"kept": True},
        },
    )
    async with BaseClient(base_url=BASE) as client:
        folder = await client.request(get(Folder), ())
    assert folder.id == 7  # the value as it came
    assert isinstance(folder.item_collection, Collection)
    assert folder.item_collection.total_count == 3  # fits after pydantic's usual coercion
    assert folder.item_collection.model_extra == {"next": "abc"}
    assert folder.model_extra == {"extra": {"kept": True}}


async def test_one_drifting_item_does_not_lose_the_others(mocked: aioresponses) -> None:
    mocked.get(
        f"{BASE}/x",
        payload=[{"kind": "cat", "lives": 9}, {"kind": "dog"}, {"kind": "cat", "lives": None}],
    )
    async with BaseClient(base_url=BASE) as client:
        animals = await client.request(get(list[Animal]), ())
    assert animals[0] == Cat(kind="cat", lives=9)
    assert isinstance(animals[1], Dog) and animals[1].good is None
    assert isinstance(animals[2], Cat) and animals[2].lives is None


async def test_strict_mode_raises_per_client_and_per_call(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/x", payload={"id": "7", "name": "n"}, repeat=True)
    async with BaseClient(base_url=BASE, strict_response_validation=True) as client:
        with pytest.raises(ResponseValidationError, match="item_collection"):
            await client.request(get(Folder), ())
        with client.response_validation(strict=False):
            assert (await client.request(get(Folder), ())).item_collection is None
    async with BaseClient(base_url=BASE) as client:
        with client.response_validation(strict=True), pytest.raises(ResponseValidationError):
            await client.request(get(Folder), ())
        assert (await client.request(get(Folder), ())).name == "n"  # the block is over


async def test_a_204_where_a_body_is_declared_is_none_when_tolerant(
    mocked: aioresponses,
) -> None:
    mocked.get(f"{BASE}/x", status=204)
    async with BaseClient(base_url=BASE) as client:
        assert await client.request(get(Folder), ()) is None


async def test_a_body_that_is_not_json_still_raises(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/x", body=b"<html>oops", content_type="application/json")
    async with BaseClient(base_url=BASE) as client:
        with pytest.raises(ResponseValidationError):
            await client.request(get(Folder), ())


async def test_the_mismatch_is_logged_once_and_redacted(
    mocked: aioresponses, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "sk-live-drift-0123456789"
    mocked.get(f"{BASE}/x", payload={"id": secret, "name": 1}, repeat=True)
    schemes = {"key": SecurityScheme("bearer")}
    caplog.set_level(logging.WARNING, logger="aiosdkgen")
    async with BaseClient(
        base_url=BASE, security_schemes=schemes, credentials={"key": secret}
    ) as c:
        for _ in range(3):
            await c.request(get(Folder), ())
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1, warnings
    assert "item_collection" in warnings[0]
    assert secret not in warnings[0]


async def test_a_body_that_fails_everywhere_costs_a_bounded_number_of_validations(
    server: Callable[[web.Application], Awaitable[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`[1, 1, ...]` for a list of objects fails once per item: tolerant parsing stops trying
    after a budget and keeps the rest as it came, instead of a failed validation per item."""
    from aiosdkgen.runtime import _tolerant

    attempts = 0
    real = _tolerant.type_adapter

    def counting(tp: Any) -> Any:
        nonlocal attempts
        attempts += 1
        return real(tp)

    monkeypatch.setattr(_tolerant, "type_adapter", counting)
    items = 200_000
    body = b"[" + b"1," * (items - 1) + b"1]"

    async def answer(request: web.Request) -> web.Response:
        return web.Response(body=body, content_type="application/json")

    app = web.Application()
    app.router.add_get("/x", answer)
    async with BaseClient(base_url=await server(app)) as client:
        result = await client.request(get(list[Cat]), ())
    assert len(result) == items and result[-1] == 1  # kept as it came
    assert attempts <= _tolerant._MAX_ATTEMPTS
