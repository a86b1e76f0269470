"""Misbehaving HTTP servers on 127.0.0.1 for the fault-injection tests.

`FaultServer` serves the faults SDK's paths (``/v1/items/{itemId}``, ``/v1/blobs/{blobId}``);
the id names the fault, so a test picks one with ``client.items.get_item("<fault>")``. Every
fault is a function of the request and the attempt number (1 for the first request of that
fault), so retries can be told apart. `RecordingServer` is a well-behaved second origin that
records what reaches it (redirect targets).
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import functools
import gzip
import json
import socket
import struct
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from aiohttp import web

Fault = Callable[[web.Request, int, "FaultServer"], Awaitable[web.StreamResponse]]

FAULTS: dict[str, Fault] = {}


def fault(name: str) -> Callable[[Fault], Fault]:
    def register(func: Fault) -> Fault:
        FAULTS[name] = func
        return func

    return register


async def start_app(app: web.Application) -> tuple[web.AppRunner, str]:
    """Serve `app` on 127.0.0.1:<free port>; returns the runner and ``http://127.0.0.1:<port>``."""
    runner = web.AppRunner(app, handle_signals=False, access_log=None, shutdown_timeout=0.5)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    return runner, f"http://127.0.0.1:{port}"


@dataclass
class Seen:
    """One request as the server received it."""

    method: str
    path_qs: str
    headers: dict[str, str]
    body: bytes


class _Server:
    base: str = ""

    def __init__(self) -> None:
        self.transports: list[asyncio.BaseTransport] = []
        self.seen: list[Seen] = []
        self.arrived = asyncio.Event()
        """Set whenever a request arrives (tests clear it before waiting)."""

    async def _record(self, request: web.Request) -> None:
        if request.transport is not None and request.transport not in self.transports:
            self.transports.append(request.transport)
        body = await request.read()
        self.seen.append(Seen(request.method, request.path_qs, dict(request.headers), body))
        self.arrived.set()

    @property
    def connections(self) -> int:
        """Distinct TCP connections that carried at least one request."""
        return len(self.transports)

    async def wait_all_closed(self, timeout: float = 3.0) -> None:
        """Wait until every connection that reached this server is closed (else fail)."""
        deadline = time.monotonic() + timeout
        while any(not t.is_closing() for t in self.transports):
            if time.monotonic() > deadline:
                still = sum(1 for t in self.transports if not t.is_closing())
                raise AssertionError(f"{still} server-side connection(s) left open")
            await asyncio.sleep(0.01)


class RecordingServer(_Server):
    """A second origin: answers every request with a valid item and records it.

    ``/bounce?to=<url>`` redirects (302) to `url` instead.
    """

    def app(self) -> web.Application:
        async def handle(request: web.Request) -> web.Response:
            await self._record(request)
            if request.path == "/bounce":
                return web.Response(status=302, headers={"Location": request.query["to"]})
            return web.json_response({"id": "elsewhere", "name": "other origin"})

        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", handle)
        return app


class FaultServer(_Server):
    def __init__(self) -> None:
        super().__init__()
        self.attempts: Counter[str] = Counter()
        self.release = asyncio.Event()
        """Stalled handlers wait for this (set at teardown so the server can shut down)."""
        self.other: str = ""
        """Base URL of another origin, the target of cross-origin redirects."""
        bomb()  # built once, before any client's timeout is running

    def app(self) -> web.Application:
        async def handle(request: web.Request) -> web.StreamResponse:
            name = request.match_info["name"]
            self.attempts[name] += 1
            await self._record(request)
            return await FAULTS[name](request, self.attempts[name], self)

        app = web.Application()
        app.router.add_route("*", "/v1/items/{name}", handle)
        app.router.add_route("*", "/v1/blobs/{name}", handle)
        return app

    async def stall(self, limit: float = 30.0) -> None:
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self.release.wait(), limit)


def item(request: web.Request) -> dict[str, Any]:
    seq = request.query.get("seq")
    return {"id": request.match_info["name"], "name": "fine", "seq": int(seq) if seq else 0}


@contextlib.contextmanager
def refused_port() -> Iterator[int]:
    """A port on 127.0.0.1 with nothing listening."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    yield port


@contextlib.contextmanager
def stalled_listener() -> Iterator[int]:
    """A port whose accept backlog is full: new connections hang in the TCP handshake."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers = []
    try:
        for _ in range(4):
            filler = socket.socket()
            filler.setblocking(False)
            with contextlib.suppress(BlockingIOError):
                filler.connect(("127.0.0.1", port))
            fillers.append(filler)
        yield port
    finally:
        for filler in fillers:
            filler.close()
        listener.close()


def reset(request: web.Request) -> None:
    """Close the connection with a TCP RST (SO_LINGER 0), not an orderly FIN."""
    transport = request.transport
    assert transport is not None
    sock = transport.get_extra_info("socket")
    if sock is not None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    transport.abort()


async def started(request: web.Request, content_length: int | None = None) -> web.StreamResponse:
    response = web.StreamResponse(headers={"Content-Type": "application/json"})
    if content_length is not None:
        response.content_length = content_length
    await response.prepare(request)
    return response


# -- well-behaved ---------------------------------------------------------------------------


@fault("ok")
async def ok(request: web.Request, attempt: int, server: FaultServer) -> web.StreamResponse:
    return web.json_response(item(request))


# -- transport faults -----------------------------------------------------------------------


@fault("reset-before-headers")
async def reset_before_headers(
    request: web.Request, attempt: int, server: FaultServer
) -> web.StreamResponse:
    reset(request)
    return web.Response()


@fault("reset-mid-body")
async def reset_mid_body(
    request: web.Request, attempt: int, server: FaultServer
) -> web.StreamResponse:
    response = await started(request, content_length=1000)
    await response.write(b'{"id": "reset-mid-body", "name": "')
    await asyncio.sleep(0.01)
    reset(request)
    return response


@fault("truncated-body")
async def truncated_body(
    request: web.Request, attempt: int, server: FaultServer
) -> web.StreamResponse:
    """Content-Length promises more than is sent before an orderly close."""
    response = await started(request, content_length=1000)
    await response.write(b'{"id": "truncated-body", "name": "')
    await asyncio.sleep(0.01)
    assert request.transport is not None
    request.transport.close()
    return response


@fault("garbage")
async def garbage(request: web.Request, attempt: int, server: FaultServer) -> web.StreamResponse:
    """Not HTTP at all."""
    assert request.transport is not None
    request.transport.write(b"SSH-2.0-OpenSSH_9.6\r\n\r\n")
    request.transport.close()
    return web.Response()


@fault("stall-headers")
async def stall_headers(
    request: web.Request, attempt: int, server: FaultServer
) -> web.StreamResponse:
    await server.stall()
    return web.json_response(item(request))


@fault("stall-body")
async def stall_body(request: web.Request, attempt: int, server: FaultServer) -> web.StreamResponse:
    response = await started(request, content_length=100)
    await response.write(b'{"id": "stall-body",')
    await server.stall()
    return response


@fault("slow-drip")
async def slow_drip(request: web.Request, attempt: int, server: FaultServer) -> web.StreamResponse:
    """A valid body, one byte every 20 ms: never silent long enough for sock_read to fire."""
    body = json.dumps(item(request)).encode().ljust(2000)
    response = await started(request, content_length=len(body))
    try:
        for index in range(len(body)):
            await response.write(body[index : index + 1])
            await asyncio.sleep(0.02)
    except ConnectionError:
        pass
    return response


# -- body faults ----------------------------------------------------------------------------


def raw(body: bytes, status: int = 200, content_type: str = "application/json") -> web.Response:
    return web.Response(body=body, status=status, headers={"Content-Type": content_type})


@fault("truncated-json")
async def truncated_json(
    request: web.Request, attempt: int, server: FaultServer
) -> web.StreamResponse:
    return raw(b'{"id": "truncated-json", "na')


@fault("malformed-json")
async def malformed_json(
    request: web.Request, attempt: int, server: FaultServer
) -> web.StreamResponse:
    return raw(b'{"id": "malformed-json", "name": ,}')


@fault("wrong-schema")
async def wrong_schema(
    request: web.Request, attempt: int, server: FaultServer
) -> web.StreamResponse:
    return raw(b'{"id": 12, "title": "no name"}')


@fault("json-as-text-html")
async def json_as_text_html(
    request: web.Request, attempt: int, server: FaultServer
) -> web.StreamResponse:
    return raw(json.dumps(item(request)).encode(), content_type="text/html; charset=utf-8")


@fault("json-as-octet-stream")
async def json_as_octet_stream(
    request: web.Request, attempt: int, server: FaultServer
) -> web.StreamResponse:
    return raw(json.dumps(item(request)).encode(), content_type="application/octet-stream")


HTML_PAGE = (
    b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>"
    b"<body><h1>Bad Gateway</h1><p>nginx</p></body></html>"
)


@fault("html-502")
async def html_502(request: web.Request, attempt: int, server: FaultServer) -> web.StreamResponse:
    return raw(HTML_PAGE, status=502, content_type="text/html")


@fault("html-404")
async def html_404(request: web.Request, attempt: int, server: FaultServer) -> web.StreamResponse:
    return raw(b"<html><body>Not Found</body></html>", status=404, content_type="text/html")


@fault("html-200")
async def html_200(request: web.Request, attempt: int, server: FaultServer) -> web.StreamResponse:
    """A captive portal or a misrouted proxy: 200 with a login page."""
    return raw(b"<html><body>Please log in</body></html>", content_type="text/html")


@fault("empty-200")
async def empty_200(request: web.Request, attempt: int, server: FaultServer) -> web.StreamResponse:
    return raw(b"")


@fault("huge-declared")
async def huge_declared(
    request: web.Request, attempt: int, server: FaultServer
) -> web.StreamResponse:
    """Declares 10 GiB, then sends slowly: the client must not even start buffering it."""
    response = await started(request, content_length=10 * 1024**3)
    try:
        await response.write(b"[" + b" " * 65535)
        await server.stall(5)
    except ConnectionError:
        pass
    return response


@fault("huge-chunked")
async def huge_chunked(
    request: web.Request, attempt: int, server: FaultServer
) -> web.StreamResponse:
    """Chunked (no Content-Length), 64 MiB of JSON whitespace: only a running count catches it."""
    response = await started(request)
    block = b" " * 65536
    try:
        for _ in range(1024):
            await response.write(block)
        await response.write(b"{}")
        await response.write_eof()
    except ConnectionError:
        pass
    return response


@functools.cache
def bomb() -> bytes:
    return gzip.compress(b" " * (64 * 1024 * 1024), compresslevel=9)


@fault("gzip-bomb")
async def gzip_bomb(request: web.Request, attempt: int, server: FaultServer) -> web.StreamResponse:
    """About 64 KiB on the wire, 64 MiB once decompressed."""
    headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
    return web.Response(body=bomb(), headers=headers)


@fault("big-blob")
async def big_blob(request: web.Request, attempt: int, server: FaultServer) -> web.StreamResponse:
    """8 MiB of binary with a Content-Length."""
    return raw(b"\x00" * (8 * 1024 * 1024), content_type="application/octet-stream")


# -- status faults --------------------------------------------------------------------------


@fault("rate-limit-seconds")
async def rate_limit_seconds(
    request: web.Request, attempt: int, server: FaultServer
) -> web.StreamResponse:
    if attempt == 1:
        return web.json_response({"message": "slow down"}, status=429, headers={"Retry-After": "1"})
    return web.json_response(item(request))


@fault("rate-limit-date")
async def rate_limit_date(
    request: web.Request, attempt: int, server: FaultServer
) -> web.StreamResponse:
    if attempt == 1:
        when = email.utils.formatdate(time.time() + 2, usegmt=True)
        return web.json_response(
            {"message": "slow down"}, status=429, headers={"Retry-After": when}
        )
    return web.json_response(item(request))


@fault("rate-limit-always")
async def rate_limit_always(
    request: web.Request, attempt: int, server: FaultServer
) -> web.StreamResponse:
    return web.json_response({"message": "quota"}, status=429, headers={"Retry-After": "1"})


@fault("rate-limit-header")
async def rate_limit_header(
    request: web.Request, attempt: int, server: FaultServer
) -> web.StreamResponse:
    """429 with the Retry-After the test asked for (in its X-Test-Retry-After header)."""
    headers = {"Retry-After": request.headers["X-Test-Retry-After"]}
    return web.json_response({"message": "later"}, status=429, headers=headers)


@fault("rate-limit-long")
async def rate_limit_long(
    request: web.Request, attempt: int, server: FaultServer
) -> web.StreamResponse:
    if attempt == 1:
        return web.json_response({"message": "later"}, status=429, headers={"Retry-After": "30"})
    return web.json_response(item(request))


@fault("burst-503")
async def burst_503(request: web.Request, attempt: int, server: FaultServer) -> web.StreamResponse:
    """Two 503s, then success."""
    if attempt <= 2:
        return web.json_response({"message": "overloaded"}, status=503)
    return web.json_response(item(request))


@fault("burst-503-long")
async def burst_503_long(
    request: web.Request, attempt: int, server: FaultServer
) -> web.StreamResponse:
    """Five 503s: longer than the retry budget of 2."""
    if attempt <= 5:
        return web.json_response({"message": "overloaded"}, status=503)
    return web.json_response(item(request))


# -- redirects ------------------------------------------------------------------------------


@fault("redirect-same-origin")
async def redirect_same_origin(
    request: web.Request, attempt: int, server: FaultServer
) -> web.StreamResponse:
    return web.Response(
        status=302, headers={"Location": "/v1/items/ok?" + request.rel_url.raw_query_string}
    )


@fault("redirect-cross-origin")
async def redirect_cross_origin(
    request: web.Request, attempt: int, server: FaultServer
) -> web.StreamResponse:
    """Forwards the whole request line (query string included) to another port."""
    location = server.other + "/v1/items/moved?" + request.rel_url.raw_query_string
    return web.Response(status=302, headers={"Location": location})


@fault("redirect-307-cross-origin")
async def redirect_307_cross_origin(
    request: web.Request, attempt: int, server: FaultServer
) -> web.StreamResponse:
    location = server.other + "/v1/items/moved?" + request.rel_url.raw_query_string
    return web.Response(status=307, headers={"Location": location})


@fault("redirect-303")
async def redirect_303(
    request: web.Request, attempt: int, server: FaultServer
) -> web.StreamResponse:
    """See other: the POST continues as a GET (without its body) on another origin."""
    return web.Response(status=303, headers={"Location": server.other + "/v1/items/result"})


@fault("redirect-nested-key")
async def redirect_nested_key(
    request: web.Request, attempt: int, server: FaultServer
) -> web.StreamResponse:
    """To another origin, with the original URL (and its API key) nested in `?from=`."""
    here = f"{server.base}{request.rel_url}"
    location = server.other + "/v1/items/moved?" + urlencode({"from": here, "page": "2"})
    return web.Response(status=302, headers={"Location": location})


@fault("redirect-away-and-back")
async def redirect_away_and_back(
    request: web.Request, attempt: int, server: FaultServer
) -> web.StreamResponse:
    """To another origin, which sends the client back here (to `ok`)."""
    back = f"{server.base}/v1/items/ok?seq={request.query['seq']}"
    location = server.other + "/bounce?" + urlencode({"to": back})
    return web.Response(status=302, headers={"Location": location})


@fault("redirect-no-location")
async def redirect_no_location(
    request: web.Request, attempt: int, server: FaultServer
) -> web.StreamResponse:
    return web.Response(status=302, text="moved, but where?")


@fault("redirect-ftp")
async def redirect_ftp(
    request: web.Request, attempt: int, server: FaultServer
) -> web.StreamResponse:
    return web.Response(status=301, headers={"Location": "ftp://127.0.0.1/item"})


@fault("slow-redirect")
async def slow_redirect(
    request: web.Request, attempt: int, server: FaultServer
) -> web.StreamResponse:
    """Each hop answers in 0.2 s, then redirects to itself: only a budget over all hops ends it
    before the redirect limit."""
    await asyncio.sleep(0.2)
    return web.Response(status=307, headers={"Location": request.path_qs})


@fault("redirect-loop")
async def redirect_loop(
    request: web.Request, attempt: int, server: FaultServer
) -> web.StreamResponse:
    return web.Response(status=302, headers={"Location": request.path_qs})


# -- servers that echo credentials back -----------------------------------------------------


def echo_text(request: web.Request) -> str:
    """Everything credential-bearing in the request, each value placed so that a message
    truncated at 1000 characters would cut it in half."""
    parts = [
        request.headers.get("Authorization", ""),
        request.headers.get("X-API-Key", ""),
        request.headers.get("Cookie", ""),
        request.path_qs,
        request.query.get("key", ""),
    ]
    return "".join(" " * 980 + part for part in parts)


@fault("echo-401")
async def echo_401(request: web.Request, attempt: int, server: FaultServer) -> web.StreamResponse:
    return raw(echo_text(request).encode(), status=401, content_type="text/plain")


@fault("echo-200")
async def echo_200(request: web.Request, attempt: int, server: FaultServer) -> web.StreamResponse:
    """A 200 that echoes the credentials and does not match the schema."""
    text = echo_text(request)
    body = json.dumps({"id": "echo", "name": None, "auth": text, "tail": text[-40:]})
    return raw(body.encode())


@fault("echo-200-invalid-json")
async def echo_200_invalid_json(
    request: web.Request, attempt: int, server: FaultServer
) -> web.StreamResponse:
    return raw(("{not json " + echo_text(request)[-1500:]).encode())
