"""Response decoding per kind and the raw / streamed response wrappers (aioresponses)."""

from __future__ import annotations

import gc
import json
from typing import Annotated, Any, ClassVar, Literal

import pydantic
import pytest
from aioresponses import aioresponses
from aiosdkgen.runtime import (
    NOT_GIVEN,
    BaseClient,
    Endpoint,
    NotFoundError,
    NotGiven,
    RawResponse,
    ResponseSpec,
    ResponseValidationError,
    StreamedResponse,
    _response,
    to_raw_response_wrapper,
    to_streamed_response_wrapper,
)

from .helpers import BASE, GET_PET, Error, Pet


class Cat(pydantic.BaseModel):
    kind: Literal["cat"]
    lives: int


class Dog(pydantic.BaseModel):
    kind: Literal["dog"]
    good: bool


Animal = Annotated[Cat | Dog, pydantic.Field(discriminator="kind")]


def get(path: str, **responses: ResponseSpec) -> Endpoint[Any]:
    return Endpoint(method="GET", path=path, responses={k[1:]: v for k, v in responses.items()})


@pytest.mark.parametrize(
    ("spec", "body", "expected"),
    [
        (
            ResponseSpec("json", list[Animal]),
            b'[{"kind":"cat","lives":9}]',
            [Cat(kind="cat", lives=9)],
        ),
        (
            ResponseSpec("json", Cat | Dog),
            b'{"kind":"dog","good":true}',
            Dog(kind="dog", good=True),
        ),
        (ResponseSpec("json", dict[str, int]), b'{"a":1}', {"a": 1}),
        (ResponseSpec("json", Any), b'{"x":[1]}', {"x": [1]}),
        (ResponseSpec("json"), b"[1,2]", [1, 2]),
        (ResponseSpec("text"), "héllo".encode(), "héllo"),
        (ResponseSpec("binary"), b"\x89PNG", b"\x89PNG"),
        (ResponseSpec("empty"), b"ignored", None),
    ],
)
async def test_success_decoding(
    mocked: aioresponses, spec: ResponseSpec, body: bytes, expected: object
) -> None:
    mocked.get(f"{BASE}/x", body=body, content_type="application/json")
    async with BaseClient(base_url=BASE) as client:
        assert await client.request(get("/x", _200=spec), ()) == expected


async def test_range_and_default_keys_and_204(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/x", status=201, payload={"kind": "cat", "lives": 1})
    mocked.get(f"{BASE}/y", status=204)
    mocked.get(f"{BASE}/z", status=200, payload={"code": 1, "message": "boom"})
    async with BaseClient(base_url=BASE) as client:
        assert await client.request(get("/x", _2XX=ResponseSpec("json", Cat)), ()) == Cat(
            kind="cat", lives=1
        )
        # A 204 declared with content cannot carry it: the generated method says `| None`.
        assert await client.request(get("/y", _204=ResponseSpec("json", Cat)), ()) is None
        # Without a declared 2xx, `default` describes the success.
        assert await client.request(get("/z", _default=ResponseSpec("json", Error)), ()) == Error(
            code=1, message="boom"
        )


async def test_an_undeclared_success_is_the_declared_type_never_the_error_model(
    mocked: aioresponses,
) -> None:
    """Box's uploads answer 201 where the spec says 200: `default` (the error model) must not
    come back as the result. The body is decoded as the declared success, or an SDK error."""
    mocked.get(f"{BASE}/a", status=201, payload={"kind": "cat", "lives": 1})
    mocked.get(f"{BASE}/b", status=201, payload={"code": 1, "message": "not a cat"})
    mocked.get(f"{BASE}/c", status=202, body="accepted", content_type="text/plain")
    declared = {"_200": ResponseSpec("json", Cat), "_default": ResponseSpec("json", Error)}
    async with BaseClient(base_url=BASE, strict_response_validation=True) as client:
        assert await client.request(get("/a", **declared), ()) == Cat(kind="cat", lives=1)
        with pytest.raises(ResponseValidationError):
            await client.request(get("/b", **declared), ())
        with pytest.raises(ResponseValidationError):
            await client.request(get("/c", **declared), ())


async def test_an_undeclared_success_may_be_any_declared_success(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/a", status=203, payload={"kind": "dog", "good": True})
    declared = {"_200": ResponseSpec("json", Cat), "_201": ResponseSpec("json", Dog)}
    async with BaseClient(base_url=BASE) as client:
        assert await client.request(get("/a", **declared), ()) == Dog(kind="dog", good=True)


async def test_a_bodiless_success_where_a_body_is_declared_is_an_error(
    mocked: aioresponses,
) -> None:
    """A 204 the spec does not declare, for a method typed to return a model: not `None`."""
    mocked.get(f"{BASE}/a", status=204)
    mocked.get(f"{BASE}/b", status=204)
    async with BaseClient(base_url=BASE, strict_response_validation=True) as client:
        with pytest.raises(ResponseValidationError, match="no body"):
            await client.request(get("/a", _200=ResponseSpec("json", Cat)), ())
        assert await client.request(get("/b", _200=ResponseSpec("empty")), ()) is None


def test_type_adapters_are_cached_and_built_lazily() -> None:
    tp = dict[str, list[Pet]]
    assert tp not in _response._adapters
    first = _response.type_adapter(tp)
    assert _response.type_adapter(tp) is first
    annotated = Annotated[Cat | Dog, pydantic.Field(discriminator="kind")]
    assert _response.type_adapter(annotated) is _response.type_adapter(annotated)


class _Watched(pydantic.BaseModel):
    """Records whether the garbage collector was running while it was validated."""

    collecting: ClassVar[list[bool]] = []

    @pydantic.model_validator(mode="before")
    @classmethod
    def _record(cls, data: Any) -> Any:
        cls.collecting.append(gc.isenabled())
        return data


def _padded(body: bytes, size: int) -> bytes:
    """`body` grown to `size` bytes with whitespace, which JSON ignores."""
    return body + b" " * (size - len(body))


@pytest.mark.parametrize("enabled", [True, False])
@pytest.mark.parametrize(
    ("tp", "body", "valid"),
    [
        (_Watched, _padded(b"{}", _response.PAUSE_FROM), True),
        (list[_Watched], _padded(b"[{}, 1]", 100_000), False),  # restored after a failure
    ],
)
def test_the_collector_is_paused_while_validating_a_large_body_and_restored_after(
    enabled: bool, tp: Any, body: bytes, valid: bool
) -> None:
    _Watched.collecting.clear()
    (gc.enable if enabled else gc.disable)()
    try:
        if valid:
            _response.validate_json(tp, body)
        else:
            with pytest.raises(pydantic.ValidationError):
                _response.validate_json(tp, body)
        assert gc.isenabled() is enabled
    finally:
        gc.enable()
    assert _Watched.collecting and not any(_Watched.collecting)


def test_a_small_body_is_validated_with_the_collector_running() -> None:
    _Watched.collecting.clear()
    _response.validate_json(_Watched, _padded(b"{}", _response.PAUSE_FROM - 1))
    assert _Watched.collecting == [True]
    assert gc.isenabled()


def test_untyped_json_is_decoded_without_collections() -> None:
    body = b"[" + b",".join(b'{"a": [1]}' for _ in range(20_000)) + b"]"
    starts: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            starts.append(info["generation"])

    gc.callbacks.append(count)
    try:
        json.loads(body)
        collected_plainly = len(starts)
        starts.clear()
        assert len(_response._loads(body)) == 20_000
    finally:
        gc.callbacks.remove(count)
    assert collected_plainly > 0 and starts == []
    assert gc.isenabled()


class Pets:
    """What a generated resource class looks like."""

    def __init__(self, client: BaseClient) -> None:
        self._client = client

    async def get_pet(self, pet_id: int, *, tag: str | NotGiven = NOT_GIVEN) -> Pet:
        return await self._client.request(GET_PET, (pet_id,), extra_query={"tag": tag})


class PetsWithRawResponse:
    def __init__(self, pets: Pets) -> None:
        self.get_pet = to_raw_response_wrapper(pets.get_pet)


class PetsWithStreamingResponse:
    def __init__(self, pets: Pets) -> None:
        self.get_pet = to_streamed_response_wrapper(pets.get_pet)


async def test_raw_response_wrapper(mocked: aioresponses) -> None:
    mocked.get(
        f"{BASE}/pets/1?tag=x",
        payload={"id": 1, "name": "Rex"},
        headers={"X-RateLimit-Remaining": "41"},
    )
    async with BaseClient(base_url=BASE) as client:
        raw = await PetsWithRawResponse(Pets(client)).get_pet(1, tag="x")
        assert isinstance(raw, RawResponse)
        assert raw.status_code == 200
        assert raw.headers["x-ratelimit-remaining"] == "41"
        assert raw.http_version == "1.1"
        assert raw.content == b'{"id": 1, "name": "Rex"}'
        assert raw.parse() == Pet(id=1, name="Rex")
        assert raw.parsed is raw.parse()
        assert raw.json() == {"id": 1, "name": "Rex"}


async def test_raw_mode_applies_to_one_call_only(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/pets/1", payload={"id": 1, "name": "Rex"}, repeat=True)
    async with BaseClient(base_url=BASE) as client:
        pets = Pets(client)
        await PetsWithRawResponse(pets).get_pet(1)
        assert await pets.get_pet(1) == Pet(id=1, name="Rex")


async def test_raw_response_defers_validation(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/pets/1", payload={"id": "nope"})
    async with BaseClient(base_url=BASE, strict_response_validation=True) as client:
        raw = await PetsWithRawResponse(Pets(client)).get_pet(1)
        assert raw.json() == {"id": "nope"}
        with pytest.raises(ResponseValidationError):
            raw.parse()


async def test_raw_response_still_raises_status_errors(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/pets/1", status=404, payload={"code": 404, "message": "gone"})
    async with BaseClient(base_url=BASE) as client:
        with pytest.raises(NotFoundError):
            await PetsWithRawResponse(Pets(client)).get_pet(1)


async def test_streamed_response_wrapper(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/pets/1", payload={"id": 1, "name": "Rex"})
    async with BaseClient(base_url=BASE) as client:
        async with PetsWithStreamingResponse(Pets(client)).get_pet(1) as response:
            assert isinstance(response, StreamedResponse)
            assert response.status_code == 200
            chunks = [chunk async for chunk in response.iter_bytes(chunk_size=4)]
            assert b"".join(chunks) == b'{"id": 1, "name": "Rex"}'
            assert max(len(c) for c in chunks) <= 4
        assert response.closed


async def test_streamed_parse(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/pets/1", payload={"id": 1, "name": "Rex"})
    async with BaseClient(base_url=BASE) as client:
        wrapped = PetsWithStreamingResponse(Pets(client)).get_pet
        async with wrapped(1) as response:
            assert await response.parse() == Pet(id=1, name="Rex")


async def test_wrapper_rejects_methods_that_do_not_call_request() -> None:
    async def not_a_request() -> int:
        return 1

    with pytest.raises(TypeError, match="did not return"):
        await to_raw_response_wrapper(not_a_request)()


async def test_streamed_iter_lines(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/pets/1", body=b'{"a":1}\n{"b":2}\r\n', content_type="application/x-ndjson")
    async with BaseClient(base_url=BASE) as client:
        wrapped = PetsWithStreamingResponse(Pets(client)).get_pet
        async with wrapped(1) as response:
            assert [line async for line in response.iter_lines()] == ['{"a":1}', '{"b":2}']


async def test_streamed_error_status_raises_on_enter(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/pets/1", status=404, payload={"code": 404, "message": "gone"})
    async with BaseClient(base_url=BASE) as client:
        wrapped = PetsWithStreamingResponse(Pets(client)).get_pet
        with pytest.raises(NotFoundError) as info:
            async with wrapped(1):
                pytest.fail("the body of a failed streamed request must not run")
    assert info.value.status_code == 404


async def test_streamed_response_cannot_be_read_after_close(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/pets/1", payload={"id": 1, "name": "Rex"})
    async with BaseClient(base_url=BASE) as client:
        wrapped = PetsWithStreamingResponse(Pets(client)).get_pet
        async with wrapped(1) as response:
            pass
        with pytest.raises(RuntimeError, match="closed"):
            await response.read()
