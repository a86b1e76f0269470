"""Typed event streams (`_streaming`): the SSE and JSON-stream decoders byte by byte, the
generated call's HTTP exchange (aioresponses), and real servers on 127.0.0.1 sending slowly."""

from __future__ import annotations

import asyncio
import gc
import json
import logging
import re
import tracemalloc
from typing import Any

import pytest
from aiohttp import web
from aioresponses import aioresponses
from aiosdkgen.runtime import (
    AsyncEventStream,
    AsyncJsonStream,
    BaseClient,
    Endpoint,
    NotFoundError,
    ResponseSpec,
    ResponseTooLargeError,
    ResponseValidationError,
    ServerSentEvent,
    to_raw_response_wrapper,
    to_streamed_response_wrapper,
)
from aiosdkgen.runtime._streaming import JsonItemDecoder, SSEDecoder, _TooLong
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import GENERATED

from .conftest import ServerFactory
from .helpers import BASE, Error, Pet, only_request, run_readme_example

# -- the SSE decoder -----------------------------------------------------------------------

SAMPLE = (
    b"\xef\xbb\xbf: a comment first\r\n"
    b"event: greeting\r\n"
    b"id: 7\r\n"
    b"retry: 1500\r\n"
    b"data: first line\r\n"
    b"data:second line\r\n"
    b"\r\n"
    b"data: no id given: the last one stays\n"
    b"retry: 12x\n"
    b"\n"
    b"event: ignored, no data\r"
    b"\r"
    b"data\r"
    b"unknown: field\r"
    b"\r"
    b"id: a\x00b\n"
    b"data:  two spaces, one kept\n"
    b"\n"
    b"data: cut off by the end"
)
EXPECTED = [
    ("greeting", "first line\nsecond line", "7", 1500),
    ("message", "no id given: the last one stays", "7", None),
    ("message", "", "7", None),
    ("message", " two spaces, one kept", "7", None),
]


def _events(chunks: list[bytes], limit: int | None = None) -> list[tuple[Any, ...]]:
    decoder = SSEDecoder(limit)
    events = [e for chunk in chunks for e in decoder.feed(chunk)] + decoder.end()
    return [(e.event, e.data, e.id, e.retry) for e in events]


def test_sse_decoder_follows_the_whatwg_rules() -> None:
    assert _events([SAMPLE]) == EXPECTED


def test_sse_decoder_gives_the_same_events_however_the_bytes_are_split() -> None:
    for cut in range(len(SAMPLE) + 1):
        assert _events([SAMPLE[:cut], SAMPLE[cut:]]) == EXPECTED, cut
    assert _events([SAMPLE[i : i + 1] for i in range(len(SAMPLE))]) == EXPECTED


def test_sse_decoder_keeps_the_last_id_and_retry() -> None:
    decoder = SSEDecoder(None)
    decoder.feed(b"id: 1\nretry: 10\n\nretry: \xc2\xb2\nid: 2\n\n")  # superscript two: no digit
    assert (decoder.last_event_id, decoder.retry) == ("2", 10)


def test_sse_crlf_split_between_chunks_is_one_line_end() -> None:
    # "data: a\r" + "\n\r\n": one line end then a blank line: one event, not two lines.
    assert _events([b"data: a\r", b"\n", b"\r\n"]) == [("message", "a", None, None)]
    assert _events([b"data: a\r", b"\r"]) == [("message", "a", None, None)]


def test_sse_decoder_decodes_utf8_split_across_chunks() -> None:
    body = "data: café ☕\n\n".encode()
    assert _events([body[i : i + 1] for i in range(len(body))]) == [
        ("message", "café ☕", None, None)
    ]


def test_sse_oversize_line_or_event_is_refused() -> None:
    with pytest.raises(_TooLong):
        _events([b"data: " + b"x" * 100], limit=50)
    with pytest.raises(_TooLong):  # never ends: the unfinished line alone passes the limit
        _events([b"x" * 30, b"x" * 30], limit=50)
    with pytest.raises(_TooLong):  # short lines, one long event
        _events([b"data: xxxxxxxxxx\n" * 10], limit=50)
    assert (
        _events([b"data: xxxxxxxxxx\n\n" * 10], limit=50)
        == [("message", "xxxxxxxxxx", None, None)] * 10
    )


def _reference_events(body: bytes) -> list[tuple[Any, ...]]:
    """The WHATWG algorithm, written plainly over the whole body at once."""
    text = body.decode("utf-8", errors="replace").removeprefix("\ufeff")
    lines = re.split(r"\r\n|\r|\n", text)
    lines.pop()  # after the last line end: an unfinished line, dropped with its event
    events: list[tuple[Any, ...]] = []
    event_type, data, last_id, retry = "", "", None, None
    for line in lines:
        if line == "":
            if data:
                events.append((event_type or "message", data.removesuffix("\n"), last_id, retry))
            event_type, data, retry = "", "", None
            continue
        if line.startswith(":"):
            continue
        field, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if field == "event":
            event_type = value
        elif field == "data":
            data += value + "\n"
        elif field == "id" and "\0" not in value:
            last_id = value
        elif field == "retry" and value and all("0" <= c <= "9" for c in value):
            retry = int(value)
    return events


_TOKENS = [
    b"data:", b"data: ", b"event:", b"id:", b"retry:", b"12", b"x", b":", b" ", b"\r", b"\n",
    b"\r\n", b"\x00", b"\xef\xbb\xbf", b"\xc3\xa9", b"\xc3", b"\xff", b"unknown:",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_TOKENS), max_size=60).map(b"".join),
    st.lists(st.integers(min_value=0, max_value=400), max_size=8),
)
def test_sse_decoder_matches_the_plain_algorithm_however_split(
    body: bytes, cuts: list[int]
) -> None:
    bounds = sorted({min(cut, len(body)) for cut in cuts})
    chunks = [
        body[start:end] for start, end in zip([0, *bounds], [*bounds, len(body)], strict=True)
    ]
    assert _events(chunks) == _reference_events(body)


# -- the JSON stream decoders --------------------------------------------------------------

LINES = b'{"id": 1, "name": "a"}\r\n\n  \n{"id": 2,\t"name": "b"}\n{"id": 3, "name": "c"}'


def _texts(chunks: list[bytes], *, records: bool = False, limit: int | None = None) -> list[Any]:
    decoder = JsonItemDecoder(limit, records=records)
    texts = [t for chunk in chunks for t in decoder.feed(chunk)] + decoder.end()
    return [json.loads(text) for text in texts]


def test_json_lines_skip_blank_lines_and_keep_a_last_line_without_its_end() -> None:
    expected = [{"id": 1, "name": "a"}, {"id": 2, "name": "b"}, {"id": 3, "name": "c"}]
    for cut in range(len(LINES) + 1):
        assert _texts([LINES[:cut], LINES[cut:]]) == expected, cut
    assert _texts([LINES[i : i + 1] for i in range(len(LINES))]) == expected


def test_json_text_sequences_split_on_record_separators_only() -> None:
    body = b'\x1e{\n  "id": 1,\n  "name": "a"\n}\n\x1e{"id": 2, "name": "b"}\n'
    expected = [{"id": 1, "name": "a"}, {"id": 2, "name": "b"}]
    for cut in range(len(body) + 1):
        assert _texts([body[:cut], body[cut:]], records=True) == expected, cut
    assert _texts([body[i : i + 1] for i in range(len(body))], records=True) == expected


def test_oversize_json_line_is_refused() -> None:
    with pytest.raises(_TooLong):
        _texts([b'{"a": "' + b"x" * 100 + b'"}\n'], limit=50)
    with pytest.raises(_TooLong):
        _texts([b"x" * 40, b"x" * 40], limit=50, records=True)


# -- the call, exact HTTP (aioresponses) ---------------------------------------------------

EVENTS: Endpoint[AsyncEventStream[Pet]] = Endpoint(
    method="GET",
    path="/events",
    responses={"200": ResponseSpec("sse", Pet), "404": ResponseSpec("json", Error)},
    accept="text/event-stream, application/json",
)
TEXT_EVENTS: Endpoint[AsyncEventStream[str]] = Endpoint(
    method="GET", path="/text", responses={"200": ResponseSpec("sse", str)}
)
LINES_ENDPOINT: Endpoint[AsyncJsonStream[Pet]] = Endpoint(
    method="POST", path="/lines", responses={"200": ResponseSpec("jsonl", Pet)}
)
SEQ_ENDPOINT: Endpoint[AsyncJsonStream[Pet]] = Endpoint(
    method="GET", path="/seq", responses={"200": ResponseSpec("json-seq", Pet)}
)
SSE_BODY = b'event: pet\nid: 1\ndata: {"id": 1, "name": "Rex"}\n\ndata: {"id": 2,\ndata: "name": "Tom"}\n\n'


async def test_an_event_stream_call_returns_typed_events(mocked: aioresponses) -> None:
    mocked.get(
        f"{BASE}/events",
        body=SSE_BODY,
        headers={"Content-Type": "text/event-stream", "X-Request-Id": "r1"},
    )
    async with BaseClient(base_url=BASE) as client:
        stream = await client.request(EVENTS)
        assert isinstance(stream, AsyncEventStream)
        assert stream.headers["X-Request-Id"] == "r1"
        async with stream:
            events = [event async for event in stream]
        assert stream.closed
    assert [type(e) for e in events] == [ServerSentEvent, ServerSentEvent]
    assert [(e.event, e.id, e.data) for e in events] == [
        ("pet", "1", Pet(id=1, name="Rex")),
        ("message", "1", Pet(id=2, name="Tom")),
    ]
    assert events[1].raw_data == '{"id": 2,\n"name": "Tom"}'
    method, url, kwargs = only_request(mocked)
    assert (method, url) == ("GET", f"{BASE}/events")
    assert kwargs["headers"]["Accept"] == "text/event-stream, application/json"


async def test_text_events_keep_their_data_as_text(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/text", body=b"data: [1, 2]\n\ndata: [DONE]\n\n")
    async with BaseClient(base_url=BASE) as client, await client.request(TEXT_EVENTS) as stream:
        assert [e.data async for e in stream] == ["[1, 2]", "[DONE]"]


async def test_a_stream_call_has_the_stream_timeout_and_a_bodiless_success_is_none(
    mocked: aioresponses,
) -> None:
    maybe: Endpoint[AsyncJsonStream[Pet] | None] = Endpoint(
        method="GET",
        path="/maybe",
        responses={"200": ResponseSpec("jsonl", Pet), "204": ResponseSpec("empty")},
    )
    mocked.get(f"{BASE}/maybe", status=204)
    async with BaseClient(base_url=BASE, max_concurrency=1) as client:
        assert await client.request(maybe) is None
        _, _, kwargs = only_request(mocked)
        # No overall deadline for a stream, only a bound on the silence between reads.
        assert (kwargs["timeout"].total, kwargs["timeout"].sock_read) == (None, 60.0)
        mocked.get(f"{BASE}/maybe", body=b'{"id": 1, "name": "a"}')
        async with await client.request(maybe) as stream:  # the slot was given back
            assert [item async for item in stream] == [Pet(id=1, name="a")]


async def test_an_error_status_raises_before_any_stream(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/events", status=404, payload={"code": 404, "message": "gone"})
    async with BaseClient(base_url=BASE) as client:
        with pytest.raises(NotFoundError) as info:
            await client.request(EVENTS)
    assert info.value.body == Error(code=404, message="gone")


async def test_json_lines_and_sequences_yield_typed_items(mocked: aioresponses) -> None:
    mocked.post(f"{BASE}/lines", body=b'{"id": 1, "name": "a"}\n{"id": 2, "name": "b"}\n')
    mocked.get(f"{BASE}/seq", body=b'\x1e{"id": 3,\n "name": "c"}\n')
    async with BaseClient(base_url=BASE) as client:
        async with await client.request(LINES_ENDPOINT) as lines:
            assert [item async for item in lines] == [Pet(id=1, name="a"), Pet(id=2, name="b")]
        async with await client.request(SEQ_ENDPOINT) as seq:
            assert [item async for item in seq] == [Pet(id=3, name="c")]


async def test_strict_validation_raises_on_the_event_that_does_not_fit(
    mocked: aioresponses,
) -> None:
    mocked.get(f"{BASE}/events", body=b'data: {"id": 1, "name": "a"}\n\ndata: {"id": "x"}\n\n')
    async with BaseClient(base_url=BASE, strict_response_validation=True) as client:
        stream = await client.request(EVENTS)
        assert (await stream.__anext__()).data == Pet(id=1, name="a")
        with pytest.raises(ResponseValidationError) as info:
            await stream.__anext__()
        assert stream.closed
    assert info.value.content == b'{"id": "x"}'


async def test_tolerant_validation_builds_the_event_and_logs_once(
    mocked: aioresponses, caplog: pytest.LogCaptureFixture
) -> None:
    mocked.get(
        f"{BASE}/events",
        body=b'data: {"id": 1}\n\ndata: {"id": 2}\n\ndata: [DONE]\n\n',
    )
    async with BaseClient(base_url=BASE) as client:
        with caplog.at_level(logging.WARNING):
            async with await client.request(EVENTS) as stream:
                data = [event.data async for event in stream]
    assert [type(d) for d in data] == [Pet, Pet, str]
    assert [d.id for d in data[:2]] == [1, 2]  # type: ignore[union-attr]
    assert data[2] == "[DONE]"
    assert len([r for r in caplog.records if "does not fit" in r.getMessage()]) == 1


async def test_raw_and_streaming_wrappers_work_on_stream_operations(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/events", body=SSE_BODY, repeat=True)

    async def events(client: BaseClient) -> AsyncEventStream[Pet]:
        return await client.request(EVENTS)

    async with BaseClient(base_url=BASE) as client:
        raw = await to_raw_response_wrapper(events)(client)
        assert raw.content == SSE_BODY
        assert [e.data.name async for e in raw.parse()] == ["Rex", "Tom"]
        async with to_streamed_response_wrapper(events)(client) as response:
            assert response.streams
            stream = await response.parse()
            assert [e.data.name async for e in stream] == ["Rex", "Tom"]
        assert response.closed


async def test_an_oversize_event_raises_response_too_large(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/text", body=b"data: " + b"x" * 5000 + b"\n\n")
    async with BaseClient(base_url=BASE, max_response_size=1000) as client:
        stream = await client.request(TEXT_EVENTS)
        with pytest.raises(ResponseTooLargeError, match="a line of the stream") as info:
            async for _ in stream:
                pass
        assert stream.closed
    assert info.value.limit == 1000


# -- real servers on 127.0.0.1 -------------------------------------------------------------


class Slow:
    """An SSE endpoint that sends one event, waits for `go`, then sends another; `gone` is set
    once the client has disconnected (a write to it failed)."""

    def __init__(self) -> None:
        self.go = asyncio.Event()
        self.gone = asyncio.Event()
        self.requests = 0

    async def handle(self, request: web.Request) -> web.StreamResponse:
        self.requests += 1
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        await response.write(b'data: {"id": 1, "name": "first"}\n\n')
        await self.go.wait()
        try:
            await response.write(b'data: {"id": 2, "name": "second"}\n\n')
            while True:  # keep-alive comments until the client hangs up
                await response.write(b": ping\n\n")
                await asyncio.sleep(0.005)
        except (ConnectionError, RuntimeError):
            self.gone.set()
        return response


async def _slow_server(server: ServerFactory) -> tuple[Slow, str]:
    slow = Slow()
    app = web.Application()
    app.router.add_get("/events", slow.handle)
    app.router.add_get("/ok", _ok)
    return slow, await server(app)


async def _ok(request: web.Request) -> web.Response:
    return web.json_response({"id": 9, "name": "ok"})


OK: Endpoint[Pet] = Endpoint(method="GET", path="/ok", responses={"200": ResponseSpec("json", Pet)})


async def test_events_arrive_as_the_server_sends_them(server: ServerFactory) -> None:
    slow, base = await _slow_server(server)
    async with BaseClient(base_url=base) as client, await client.request(EVENTS) as stream:
        first = await stream.__anext__()  # the server holds the second until `go`
        assert first.data == Pet(id=1, name="first")
        assert not slow.go.is_set()
        slow.go.set()
        second = await stream.__anext__()
        assert second.data == Pet(id=2, name="second")


async def test_breaking_out_closes_the_connection_and_frees_the_slot(
    server: ServerFactory,
) -> None:
    slow, base = await _slow_server(server)
    slow.go.set()
    async with BaseClient(base_url=base, max_concurrency=1) as client:
        async with await client.request(EVENTS) as stream:
            async for _ in stream:
                break
        await asyncio.wait_for(slow.gone.wait(), 10)
        # The only slot is free again: this call would wait forever otherwise.
        assert await asyncio.wait_for(client.request(OK), 10) == Pet(id=9, name="ok")


async def test_a_dropped_stream_without_async_with_frees_its_slot(server: ServerFactory) -> None:
    slow, base = await _slow_server(server)
    slow.go.set()
    async with BaseClient(base_url=base, max_concurrency=1) as client:
        async for _ in await client.request(EVENTS):
            break  # the stream is unreferenced from here on: collected, it closes itself
        gc.collect()
        await asyncio.wait_for(slow.gone.wait(), 10)
        assert await asyncio.wait_for(client.request(OK), 10) == Pet(id=9, name="ok")


async def test_cancelling_the_reader_closes_the_stream(server: ServerFactory) -> None:
    slow, base = await _slow_server(server)  # `go` never set: the second read waits
    async with BaseClient(base_url=base, max_concurrency=1) as client:
        stream = await client.request(EVENTS)
        await stream.__anext__()
        reader = asyncio.ensure_future(stream.__anext__())
        await asyncio.sleep(0)  # the reader is now waiting for bytes
        reader.cancel()
        with pytest.raises(asyncio.CancelledError):
            await reader
        assert stream.closed
        slow.go.set()
        await asyncio.wait_for(slow.gone.wait(), 10)
        assert await asyncio.wait_for(client.request(OK), 10) == Pet(id=9, name="ok")


async def test_close_releases_the_connection(server: ServerFactory) -> None:
    slow, base = await _slow_server(server)
    async with BaseClient(base_url=base, max_concurrency=1) as client:
        stream = await client.request(EVENTS)
        await stream.close()
        await stream.close()  # idempotent
        assert [e async for e in stream] == []
        slow.go.set()
        await asyncio.wait_for(slow.gone.wait(), 10)
        assert await asyncio.wait_for(client.request(OK), 10) == Pet(id=9, name="ok")


async def test_close_from_another_task_ends_a_waiting_reader(server: ServerFactory) -> None:
    slow, base = await _slow_server(server)  # `go` never set: the second read waits
    async with BaseClient(base_url=base, max_concurrency=1) as client:
        stream = await client.request(EVENTS)
        await stream.__anext__()
        reader = asyncio.ensure_future(stream.__anext__())
        await asyncio.sleep(0)  # the reader is now waiting for bytes
        await stream.close()
        with pytest.raises(StopAsyncIteration):
            await asyncio.wait_for(reader, 10)
        slow.go.set()
        await asyncio.wait_for(slow.gone.wait(), 10)
        assert await asyncio.wait_for(client.request(OK), 10) == Pet(id=9, name="ok")


EVENT_COUNT = 200_000


async def test_an_endless_stream_keeps_memory_flat(server: ServerFactory) -> None:
    event = b'id: 12345\ndata: {"id": 1, "name": "a pet with a name"}\n\n'

    async def endless(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        batch = event * 500
        for _ in range(EVENT_COUNT // 500):
            await response.write(batch)
        return response

    app = web.Application()
    app.router.add_get("/events", endless)
    base = await server(app)
    async with BaseClient(base_url=base) as client:
        count = 0
        tracemalloc.start()
        try:
            async with await client.request(EVENTS) as stream:
                async for received in stream:
                    count += 1
                    if count == 1000:
                        tracemalloc.reset_peak()
                        baseline = tracemalloc.get_traced_memory()[0]
                    del received
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert count == EVENT_COUNT
    # 11.6 MB went through (kept, as events, it would be over 100 MB); what stays alive is one
    # chunk the socket gave (up to a few hundred KB) and the lines and events cut from it:
    # measured 1.7 MB.
    assert peak - baseline < 6_000_000, (peak, baseline)


def test_generated_readme_streaming_example_runs_as_written(
    mocked: aioresponses, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The showcase SDK's "Streaming events" example, run as written against a mock of its API
    sending the events its spec gives as example."""
    spec = json.loads((GENERATED / "showcase" / "openapi.json").read_text(encoding="utf-8"))
    media = spec["paths"]["/feed/events"]["get"]["responses"]["200"]["content"]
    body = media["text/event-stream"]["example"]
    mocked.get(
        "https://eu.zoo.example/v2/feed/events",
        body=body.encode(),
        headers={"Content-Type": "text/event-stream"},
    )
    run_readme_example("### Streaming events", monkeypatch)
    assert capsys.readouterr().out == (
        "news 1 kind=<FeedEventKind.ADDED: 'added'> animal_id=1 note=None priority=None "
        "fee=None\n"
        "message 2 kind=<FeedEventKind.REMOVED: 'removed'> animal_id=2 "
        "note='moved to \"Zoo B\"' priority=None fee=None\n"
    )
    _, _, kwargs = only_request(mocked)
    assert kwargs["headers"]["Accept"] == "text/event-stream"
