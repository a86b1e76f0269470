"""Request bodies of each content kind, as sent on the wire (aioresponses)."""

from __future__ import annotations

import datetime as dt
import enum
import io
import json
import urllib.parse
from collections.abc import AsyncIterator
from typing import Any

import pydantic
import pytest
from aioresponses import aioresponses
from aiosdkgen.runtime import NOT_GIVEN, BaseClient, Body, Endpoint, ResponseSpec

from .helpers import BASE, only_request


class Kind(enum.Enum):
    DOG = "dog"


class NewPet(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(populate_by_name=True)

    name: str
    tag: str | None = None
    birth_date: dt.date | None = pydantic.Field(default=None, alias="birthDate")


def upload(*bodies: Body) -> Endpoint[None]:
    return Endpoint(
        method="POST", path="/upload", body=bodies, responses={"204": ResponseSpec("empty")}
    )


JSON = upload(Body("application/json", "json"))


async def send(m: aioresponses, endpoint: Endpoint[Any], body: Any, **kw: Any) -> dict[str, Any]:
    m.post(f"{BASE}/upload", status=204)
    async with BaseClient(base_url=BASE) as client:
        assert await client.request(endpoint, (), body, **kw) is None
    return only_request(m)[2]


async def test_json_model_omits_unset_and_sends_explicit_null(mocked: aioresponses) -> None:
    sent = await send(mocked, JSON, NewPet(name="Rex", tag=None))
    assert sent["data"] == b'{"name":"Rex","tag":null}'
    assert sent["headers"]["Content-Type"] == "application/json"


async def test_json_model_uses_aliases(mocked: aioresponses) -> None:
    sent = await send(mocked, JSON, NewPet(name="Rex", birth_date=dt.date(2020, 1, 2)))
    assert json.loads(sent["data"]) == {"name": "Rex", "birthDate": "2020-01-02"}


async def test_json_plain_data_with_models_enums_dates(mocked: aioresponses) -> None:
    body = {
        "pets": [NewPet(name="A")],
        "kind": Kind.DOG,
        "at": dt.datetime(2024, 1, 1, 12, tzinfo=dt.timezone.utc),
        "skip": NOT_GIVEN,
        "none": None,
    }
    sent = await send(mocked, JSON, body)
    assert json.loads(sent["data"]) == {
        "pets": [{"name": "A"}],
        "kind": "dog",
        "at": "2024-01-01T12:00:00Z",
        "none": None,
    }


async def test_json_null_body(mocked: aioresponses) -> None:
    assert (await send(mocked, JSON, None))["data"] == b"null"


async def test_form_urlencoded(mocked: aioresponses) -> None:
    endpoint = upload(Body("application/x-www-form-urlencoded", "form"))
    sent = await send(
        mocked,
        endpoint,
        {"name": "a b&c", "tags": ["x", "y"], "meta": {"k": 1}, "flag": True, "empty": None},
    )
    assert sent["data"] == b"name=a+b%26c&tags=x&tags=y&meta%5Bk%5D=1&flag=true&empty="
    assert sent["headers"]["Content-Type"] == "application/x-www-form-urlencoded"


async def test_form_deep_object_arrays_are_indexed(mocked: aioresponses) -> None:
    """Stripe's bodies: `encoding: {style: deepObject}` properties nest as `items[0][price]=x`;
    an array of objects is indexed whatever the encoding (a repeated key cannot group fields)."""
    deep = ("expand", "items", "metadata")
    endpoint = upload(Body("application/x-www-form-urlencoded", "form", deep_object=deep))
    sent = await send(
        mocked,
        endpoint,
        {
            "expand": ["customer", "invoice"],
            "items": [{"price": "p_1", "quantity": 2}, {"price": "p_2", "tax": ["t1"]}],
            "metadata": {"order": "7"},
            "plain": ["a", "b"],
        },
    )
    assert urllib.parse.unquote(sent["data"].decode()).split("&") == [
        "expand[0]=customer",
        "expand[1]=invoice",
        "items[0][price]=p_1",
        "items[0][quantity]=2",
        "items[1][price]=p_2",
        "items[1][tax][0]=t1",
        "metadata[order]=7",
        "plain=a",
        "plain=b",
    ]


async def test_form_arrays_of_objects_are_indexed(mocked: aioresponses) -> None:
    loose = upload(Body("application/x-www-form-urlencoded", "form"))
    sent = await send(mocked, loose, {"lines": [{"a": 1}, {"a": 2}], "tags": ["x"]})
    assert urllib.parse.unquote(sent["data"].decode()) == "lines[0][a]=1&lines[1][a]=2&tags=x"


async def test_form_from_model(mocked: aioresponses) -> None:
    endpoint = upload(Body("application/x-www-form-urlencoded", "form"))
    sent = await send(mocked, endpoint, NewPet(name="Rex", birth_date=dt.date(2020, 1, 2)))
    assert sent["data"] == b"name=Rex&birthDate=2020-01-02"


async def test_text(mocked: aioresponses) -> None:
    sent = await send(mocked, upload(Body("text/plain", "text")), "héllo")
    assert sent["data"] == "héllo".encode()
    assert sent["headers"]["Content-Type"] == "text/plain; charset=utf-8"


async def test_text_respects_declared_charset(mocked: aioresponses) -> None:
    sent = await send(mocked, upload(Body("text/csv; charset=latin-1", "text")), "é")
    assert sent["data"] == b"\xe9"


async def test_binary_bytes(mocked: aioresponses) -> None:
    endpoint = upload(Body("application/octet-stream", "binary"))
    sent = await send(mocked, endpoint, b"\x00\x01\x02")
    assert sent["data"] == b"\x00\x01\x02"
    assert sent["headers"]["Content-Type"] == "application/octet-stream"


async def test_binary_file_object_from_its_current_position(mocked: aioresponses) -> None:
    endpoint = upload(Body("image/png", "binary"))
    file = io.BytesIO(b"HEADERpayload" * 10000)
    file.seek(6)
    sent = await send(mocked, endpoint, file)
    assert sent["data"] == (b"HEADERpayload" * 10000)[6:]
    assert sent["headers"]["Content-Length"] == str(130000 - 6)
    assert sent["headers"]["Content-Type"] == "image/png"


async def test_binary_async_iterator(mocked: aioresponses) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        for part in (b"ab", b"cd"):
            yield part

    sent = await send(mocked, upload(Body("application/octet-stream", "binary")), chunks())
    assert sent["data"] == b"abcd"


async def test_binary_rejects_other_types() -> None:
    async with BaseClient(base_url=BASE) as client:
        with pytest.raises(TypeError, match="binary body"):
            await client.request(upload(Body("application/octet-stream", "binary")), (), 12)


async def test_content_type_selects_a_body_alternative(mocked: aioresponses) -> None:
    endpoint = upload(Body("application/json", "json"), Body("text/plain", "text"))
    sent = await send(mocked, endpoint, "raw", content_type="text/plain")
    assert sent["data"] == b"raw"


async def test_body_on_endpoint_without_body_is_rejected() -> None:
    endpoint: Endpoint[None] = Endpoint(method="POST", path="/x")
    async with BaseClient(base_url=BASE) as client:
        with pytest.raises(TypeError, match="does not take a request body"):
            await client.request(endpoint, (), {"a": 1})


async def test_no_body_when_not_given(mocked: aioresponses) -> None:
    sent = await send(mocked, JSON, NOT_GIVEN)
    assert sent["data"] is None
    assert "Content-Type" not in sent["headers"]


def test_bytes_in_a_plain_dict_json_body_are_base64() -> None:
    """A dict given for a model body with a `format: byte` field: JSON text can only carry the
    bytes as base64, as the model itself would send them."""
    from aiosdkgen.runtime._body import encode_json

    assert json.loads(encode_json({"data": b"\xff\x00hi"})) == {"data": "/wBoaQ=="}


def test_a_base64_body_takes_bytes_only() -> None:
    from aiosdkgen.runtime._body import encode_body

    prepared = encode_body(Body("image/jpeg", "base64"), b"\xff\xd8")
    assert prepared.factory() == b"/9g="
    with pytest.raises(TypeError, match="base64"):
        encode_body(Body("image/jpeg", "base64"), "/9g=")
