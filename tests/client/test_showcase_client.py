"""The generated showcase SDK against aioresponses: the exact HTTP it sends and how it reads
what comes back. (aioresponses intercepts every request; nothing leaves the process.)"""

from __future__ import annotations

import base64
import json
import logging
from typing import Any

import aiohttp
import pydantic
import pytest
from aioresponses import aioresponses
from showcase_client import (
    NOT_GIVEN,
    AsyncEventStream,
    AsyncJsonStream,
    Client,
    InternalServerError,
    NotFoundError,
    ResponseValidationError,
)
from showcase_client.models import (
    AnimalKind,
    AnimalPage,
    Cat,
    Dog,
    Error,
    FeedEvent,
    FeedEventKind,
    ParameterStylesFilter,
    ParameterStylesMatrix,
    Thumbnail,
)
from yarl import URL

from tests.runtime.helpers import only_request, requests_made

BASE = "https://eu.zoo.example/v2"
PHOTOS = "https://photos.zoo.example/v2"  # the photos path's own server
CAT = {"kind": "cat", "name": "Tom", "lives": 9}


async def test_base_url_defaults_to_the_first_server_with_variable_defaults(
    mocked: aioresponses,
) -> None:
    mocked.get(f"{BASE}/animals?limit=20", payload={"items": [CAT, {"kind": "dog", "name": "Rex"}]})
    async with Client(bearer_auth="tok") as client:
        page = await client.animals.list_animals()
    assert isinstance(page, AnimalPage)
    assert [type(item) for item in page.items] == [Cat, Dog]
    method, url, _ = only_request(mocked)
    # `kind` not passed: not sent; `limit` has the spec's default in the signature: sent.
    assert (method, url) == ("GET", f"{BASE}/animals?limit=20")


async def test_a_default_in_the_signature_is_not_sent_when_the_call_says_not_given(
    mocked: aioresponses,
) -> None:
    mocked.get(f"{BASE}/animals", payload={"items": []})
    async with Client(bearer_auth="tok") as client:
        await client.animals.list_animals(limit=NOT_GIVEN)
    assert only_request(mocked)[1] == f"{BASE}/animals"


async def test_extra_query_replaces_a_declared_parameter_of_the_same_name(
    mocked: aioresponses,
) -> None:
    """`extra_query` is the call's last word: the default `limit=20`, or a passed `limit`, is
    replaced, not repeated beside it (`?limit=20&limit=5` would leave the server to choose)."""
    mocked.get(f"{BASE}/animals?limit=5", payload={"items": []}, repeat=True)
    async with Client(bearer_auth="tok") as client:
        await client.animals.list_animals(extra_query={"limit": 5})
        await client.animals.list_animals(limit=7, extra_query={"limit": 5})
    assert [url for _, url, _ in requests_made(mocked)] == [f"{BASE}/animals?limit=5"] * 2


async def test_query_parameters_and_enums(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/animals?kind=in-progress&limit=5", payload={"items": []})
    async with Client(bearer_auth="tok") as client:
        await client.animals.list_animals(kind=AnimalKind.IN_PROGRESS, limit=5)
    assert only_request(mocked)[1] == f"{BASE}/animals?kind=in-progress&limit=5"


async def test_every_parameter_style(mocked: aioresponses) -> None:
    url = (
        f"{BASE}/styles/.1.2/;matrix=x,1,y,2"
        "?cursor=&filter%5Bkind%5D=cat&filter%5Bmin_age%5D=2&ids=1%7C2&words=big%20cat"
    )
    mocked.get(url, status=204)
    async with Client(bearer_auth="tok") as client:
        result = await client.parameter_styles(
            [1, 2],
            ParameterStylesMatrix(x=1, y=2),
            cursor=None,  # required and nullable: null is sent as an empty value
            filter=ParameterStylesFilter(kind="cat", min_age=2),
            ids=[1, 2],
            words=["big", "cat"],
            x_trace_id="trace-1",
            session="s1",
        )
    assert result is None
    _, sent_url, kwargs = only_request(mocked)
    # aioresponses records a re-normalised URL; the exact bytes are checked on a real server.
    assert (URL(sent_url).path, URL(sent_url).query) == (URL(url).path, URL(url).query)
    assert kwargs["headers"]["X-Trace-Id"] == "trace-1"
    assert "session=s1" in kwargs["headers"]["Cookie"]


async def test_path_values_are_percent_encoded(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/animals/a%2Fb%3Fc", payload=CAT)
    async with Client(bearer_auth="tok") as client:
        animal = await client.animals.get_animal("a/b?c")
    assert isinstance(animal, Cat) and animal.lives == 9


async def test_declared_error_body_is_parsed_into_its_model(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/animals/x", status=404, payload={"code": 404, "message": "no such animal"})
    async with Client(bearer_auth="tok") as client:
        with pytest.raises(NotFoundError) as caught:
            await client.animals.get_animal("x")
    error = caught.value
    assert error.status_code == 404
    assert error.body == Error(code=404, message="no such animal")
    assert error.method == "GET" and error.url == f"{BASE}/animals/x"


async def test_default_response_types_server_errors_after_retries(
    mocked: aioresponses, recorded_sleeps: list[float]
) -> None:
    for _ in range(3):
        mocked.get(f"{BASE}/animals?limit=20", status=500, payload={"code": 1, "message": "boom"})
    async with Client(bearer_auth="tok") as client:
        with pytest.raises(InternalServerError) as caught:
            await client.animals.list_animals()
    assert caught.value.body == Error(code=1, message="boom")
    assert len(requests_made(mocked)) == 3  # two retries by default
    assert len(recorded_sleeps) == 2


async def test_per_call_options(mocked: aioresponses, recorded_sleeps: list[float]) -> None:
    mocked.get(f"{BASE}/animals?limit=20&extra=1", status=503)
    async with Client(bearer_auth="tok", headers={"X-Client": "c"}) as client:
        with pytest.raises(Exception) as caught:
            await client.animals.list_animals(
                extra_headers={"X-Call": "k"}, extra_query={"extra": 1}, max_retries=0, timeout=5
            )
    assert getattr(caught.value, "status_code", None) == 503
    _, _, kwargs = only_request(mocked)
    assert kwargs["headers"]["X-Call"] == "k" and kwargs["headers"]["X-Client"] == "c"
    assert kwargs["timeout"].total == 5
    assert recorded_sleeps == []


async def test_union_return_type_follows_the_status(mocked: aioresponses) -> None:
    mocked.put(f"{BASE}/animals/1", status=200, payload=CAT)
    mocked.put(f"{BASE}/animals/1", status=201, payload={"kind": "dog", "name": "Rex"})
    async with Client(bearer_auth="tok") as client:
        first = await client.animals.replace_animal("1", body=Cat(kind="cat", name="Tom", lives=9))
        second = await client.animals.replace_animal("1", body=CAT)
    assert type(first) is Cat and type(second) is Dog


async def test_json_body_is_sent_by_alias_and_omits_unset_fields(mocked: aioresponses) -> None:
    mocked.put(f"{BASE}/animals/1", payload=CAT)
    async with Client(bearer_auth="tok") as client:
        await client.animals.replace_animal(
            "1", body=Cat(kind="cat", name="Tom", lives=9, indoor=None)
        )
    _, _, kwargs = only_request(mocked)
    assert json.loads(kwargs["data"]) == {"kind": "cat", "name": "Tom", "lives": 9, "indoor": None}
    assert kwargs["headers"]["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    ("credentials", "expected_url", "header", "value"),
    [
        ({"bearer_auth": "tok-123"}, f"{BASE}/animals?limit=20", "Authorization", "Bearer tok-123"),
        (
            {"basic_auth": ("ann", "pw")},
            f"{BASE}/animals?limit=20",
            "Authorization",
            "Basic " + base64.b64encode(b"ann:pw").decode(),
        ),
        ({"query_key": "qk-123"}, f"{BASE}/animals?key=qk-123&limit=20", None, None),
        ({"cookie_key": "ck-123"}, f"{BASE}/animals?limit=20", "Cookie", "zoo_session=ck-123"),
    ],
)
async def test_auth_placement(
    mocked: aioresponses,
    credentials: dict[str, Any],
    expected_url: str,
    header: str | None,
    value: str | None,
) -> None:
    mocked.get(expected_url, payload={"items": []})
    async with Client(**credentials) as client:
        await client.animals.list_animals()
    _, url, kwargs = only_request(mocked)
    assert url == expected_url
    if header is not None:
        assert kwargs["headers"][header] == value


async def test_security_none_sends_no_credentials_and_204_is_none(mocked: aioresponses) -> None:
    mocked.delete(f"{BASE}/animals/1", status=204)
    async with Client(bearer_auth="tok-123") as client:
        assert await client.animals.delete_animal("1") is None
    _, _, kwargs = only_request(mocked)
    assert "Authorization" not in kwargs["headers"]


async def test_multipart_text_and_binary_bodies(mocked: aioresponses) -> None:
    mocked.post(f"{PHOTOS}/animals/1/photo", status=201)
    mocked.post(f"{BASE}/notes", body="echo", content_type="text/plain")
    mocked.get(f"{PHOTOS}/animals/1/photo", body=b"\xff\xd8jpeg", content_type="image/jpeg")
    async with Client(bearer_auth="tok") as client:
        await client.media.upload_photo(
            "1", body={"file": ("cat.jpg", b"\xff\xd8", "image/jpeg"), "caption": "hi"}
        )
        assert await client.media.add_note(body="remember") == "echo"
        assert await client.media.download_photo("1") == b"\xff\xd8jpeg"
    (upload, note, _) = requests_made(mocked)
    assert isinstance(upload[2]["data"], aiohttp.MultipartWriter)
    assert note[2]["data"] == b"remember"
    assert note[2]["headers"]["Content-Type"].startswith("text/plain")


async def test_raw_response(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/animals/1", payload=CAT, headers={"X-Request-Id": "r1"})
    async with Client(bearer_auth="tok") as client:
        raw = await client.animals.with_raw_response.get_animal("1")
    assert raw.status_code == 200 and raw.headers["X-Request-Id"] == "r1"
    assert isinstance(raw.parse(), Cat)


async def test_body_that_does_not_fit_raises_response_validation_error(
    mocked: aioresponses,
) -> None:
    mocked.get(f"{BASE}/animals?limit=20", payload={"items": "not a list"}, repeat=True)
    async with Client(bearer_auth="tok", strict_response_validation=True) as client:
        with pytest.raises(ResponseValidationError) as caught:
            await client.animals.list_animals()
    assert b"not a list" in caught.value.content
    async with Client(
        bearer_auth="tok"
    ) as client:  # tolerant by default: the page, with the value as it came
        page = await client.animals.list_animals()
    assert page.items == "not a list"


async def test_post_is_not_retried_after_a_server_error(mocked: aioresponses) -> None:
    mocked.post(f"{BASE}/notes", status=500)
    async with Client(bearer_auth="tok") as client:
        with pytest.raises(InternalServerError):
            await client.media.add_note(body="x")
    assert len(requests_made(mocked)) == 1


async def test_credentials_never_appear_in_errors_or_logs(
    mocked: aioresponses, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="showcase_client")
    for _ in range(3):
        mocked.get(f"{BASE}/animals?key=supersecret-key", status=503, body="nope")
    async with Client(query_key="supersecret-key") as client:
        with pytest.raises(Exception) as caught:
            await client.animals.list_animals()
        assert "supersecret-key" not in repr(client)
    assert "supersecret-key" not in str(caught.value) and "supersecret-key" not in repr(
        caught.value
    )
    assert "supersecret-key" not in caught.value.url  # type: ignore[attr-defined]
    assert caplog.records and all("supersecret-key" not in r.getMessage() for r in caplog.records)


def test_omitted_is_a_distinct_default() -> None:
    import inspect

    signature = inspect.signature(Client().animals.list_animals)
    assert signature.parameters["kind"].default is NOT_GIVEN
    assert signature.parameters["kind"].kind is inspect.Parameter.KEYWORD_ONLY


async def test_format_byte_is_bytes_in_python_and_base64_on_the_wire(
    mocked: aioresponses,
) -> None:
    """Spotify's cover upload: the spec says `format: byte`, so the raw JPEG is sent as base64
    text, and a `format: byte` field of a response is read back as the bytes."""
    jpeg = bytes(range(256))
    mocked.put(f"{PHOTOS}/animals/7/photo", payload={"data": "aGVsbG8="})
    async with Client(bearer_auth="t") as client:
        thumbnail = await client.media.replace_photo("7", body=jpeg)
    _, _, sent = only_request(mocked)
    assert sent["data"] == base64.b64encode(jpeg)
    assert sent["headers"]["Content-Type"] == "image/jpeg"
    assert thumbnail.data == b"hello"
    assert thumbnail.model_dump_json() == '{"data":"aGVsbG8="}'
    assert Thumbnail(data=jpeg).data == jpeg  # bytes given in Python are the data itself
    assert Thumbnail.model_validate_json('{"data": "aGVsbG8"}').data == b"hello"  # unpadded
    assert Thumbnail.model_validate_json('{"data": "_-8"}').data == b"\xff\xef"  # URL-safe
    with pytest.raises(pydantic.ValidationError):
        Thumbnail.model_validate_json('{"data": "not base64!"}')


async def test_stream_operations_return_typed_streams(mocked: aioresponses) -> None:
    mocked.get(
        f"{BASE}/feed/events?kind=added",
        body=b'event: news\nid: 5\ndata: {"kind": "added", "animal_id": 1}\n\n',
        headers={"Content-Type": "text/event-stream"},
    )
    mocked.get(
        f"{BASE}/feed/lines",
        body=b'{"kind": "added", "animal_id": 1}\n{"kind": "removed", "animal_id": 2}\n',
        headers={"Content-Type": "application/x-ndjson"},
        repeat=True,
    )
    async with Client(bearer_auth="tok") as client:
        events = await client.feed.watch_feed(kind="added")
        assert isinstance(events, AsyncEventStream)
        async with events:
            [event] = [event async for event in events]
        assert (event.event, event.id) == ("news", "5")
        assert event.data == FeedEvent(kind=FeedEventKind.ADDED, animal_id=1)
        async with await client.feed.export_feed() as lines:
            assert isinstance(lines, AsyncJsonStream)
            assert [item.animal_id async for item in lines] == [1, 2]
        async with client.feed.with_streaming_response.export_feed() as response:
            assert response.status_code == 200
            assert [item.kind async for item in await response.parse()] == [
                FeedEventKind.ADDED,
                FeedEventKind.REMOVED,
            ]
    first_url = requests_made(mocked)[0]
    assert first_url[2]["headers"]["Accept"] == "text/event-stream"
