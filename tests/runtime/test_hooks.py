"""`event_hooks` (request and response hooks) and the transport options of the session the
client builds (`proxy`, `ssl`, `trust_env`): unit level with aioresponses, and against real
servers on 127.0.0.1 (an echo server, a minimal HTTP proxy, an HTTPS server)."""

from __future__ import annotations

import asyncio
import datetime
import ipaddress
import re
import socket
import ssl
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from aioresponses import aioresponses
from aiosdkgen.runtime import (
    APIConnectionError,
    APIError,
    BaseClient,
    Endpoint,
    NotFoundError,
    Param,
    RequestEvent,
    ResponseEvent,
    ResponseSpec,
    SecurityScheme,
    to_streamed_response_wrapper,
)
from multidict import CIMultiDict

from .conftest import ServerFactory
from .helpers import BASE, GET_PET, Pet, requests_made, run_readme_example

PET = {"id": 1, "name": "Rex"}
TOKEN = "tok-0123456789abcdef"
HEADER_KEY = "hkey-0123456789abcdef"
QUERY_KEY = "qkey-0123456789abcdef"
COOKIE_KEY = "ckey-0123456789abcdef"
SCHEMES = {
    "bearer": SecurityScheme("bearer"),
    "headerKey": SecurityScheme("api_key", name="X-API-Key", location="header"),
    "queryKey": SecurityScheme("api_key", name="api_key", location="query"),
    "cookieKey": SecurityScheme("api_key", name="session", location="cookie"),
}
CREDENTIALS = {
    "bearer": TOKEN,
    "headerKey": HEADER_KEY,
    "queryKey": QUERY_KEY,
    "cookieKey": COOKIE_KEY,
}
SECRETS = (TOKEN, HEADER_KEY, QUERY_KEY, COOKIE_KEY)

ECHO: Endpoint[Any] = Endpoint(
    method="GET",
    path="/echo",
    params=(Param("q", "query"),),
    responses={"200": ResponseSpec("json")},
    security=(("bearer", "headerKey", "queryKey", "cookieKey"),),
)


async def echo(request: web.Request) -> web.Response:
    return web.json_response(
        {"headers": list(request.headers.items()), "query": list(request.query.items())}
    )


def echo_app() -> web.Application:
    app = web.Application()
    app.router.add_get("/echo", echo)
    return app


class Recorder:
    """Sync and async hooks that record what they were shown."""

    def __init__(self) -> None:
        self.requests: list[RequestEvent] = []
        self.seen: list[tuple[str, str, list[tuple[str, str]]]] = []
        self.responses: list[ResponseEvent] = []

    def on_request(self, request: RequestEvent) -> None:
        self.requests.append(request)
        self.seen.append((request.method, request.url, list(request.headers.items())))

    async def on_response(self, response: ResponseEvent) -> None:
        await asyncio.sleep(0)
        self.responses.append(response)

    def hooks(self) -> Any:
        return {"request": [self.on_request], "response": [self.on_response]}


# -- when hooks run --------------------------------------------------------------------------


async def test_no_hooks_means_no_hook_object() -> None:
    assert BaseClient(base_url=BASE)._hooks is None
    assert BaseClient(base_url=BASE, event_hooks={})._hooks is None
    assert BaseClient(base_url=BASE, event_hooks={"request": [], "response": []})._hooks is None


async def test_hooks_run_once_per_attempt_including_retries(mocked: aioresponses) -> None:
    url = f"{BASE}/pets/1"
    mocked.get(url, status=503)
    mocked.get(url, status=500)
    mocked.get(url, payload=PET)
    recorder = Recorder()
    async with BaseClient(base_url=BASE, event_hooks=recorder.hooks()) as client:
        pet = await client.request(GET_PET, (1,))
    assert pet == Pet(id=1, name="Rex")
    assert [r.attempt for r in recorder.requests] == [1, 2, 3]
    assert [(m, u) for m, u, _ in recorder.seen] == [("GET", url)] * 3
    assert [r.status_code for r in recorder.responses] == [503, 500, 200]
    assert all(r.error is None and r.headers is not None for r in recorder.responses)
    assert [r.request for r in recorder.responses] == recorder.requests
    assert all(r.elapsed >= 0 for r in recorder.responses)


async def test_response_hook_sees_error_responses(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/pets/1", status=404, payload={"code": 404, "message": "no"})
    recorder = Recorder()
    async with BaseClient(base_url=BASE, event_hooks=recorder.hooks()) as client:
        with pytest.raises(NotFoundError):
            await client.request(GET_PET, (1,))
    [response] = recorder.responses
    assert response.status_code == 404 and response.error is None


async def test_response_hook_sees_connection_errors_per_attempt() -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    recorder = Recorder()
    async with BaseClient(
        base_url=f"http://127.0.0.1:{port}", max_retries=2, event_hooks=recorder.hooks()
    ) as client:
        with pytest.raises(APIConnectionError) as raised:
            await client.request(GET_PET, (1,))
    assert [r.attempt for r in recorder.requests] == [1, 2, 3]
    assert len(recorder.responses) == 3
    for response in recorder.responses:
        assert response.status_code is None and response.headers is None
        assert isinstance(response.error, APIConnectionError)
    assert str(recorder.responses[-1].error) == str(raised.value)


async def test_streamed_call_runs_response_hook_before_the_body(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/pets/1", payload=PET)
    recorder = Recorder()
    async with BaseClient(base_url=BASE, event_hooks=recorder.hooks()) as client:
        stream = to_streamed_response_wrapper(client.request)
        async with stream(GET_PET, (1,)) as response:
            assert [r.status_code for r in recorder.responses] == [200]
            assert await response.parse() == Pet(id=1, name="Rex")


# -- what hooks can do -----------------------------------------------------------------------


async def test_hooks_add_headers_the_server_sees(server: ServerFactory) -> None:
    base = await server(echo_app())
    calls: list[str] = []

    def sync_hook(request: RequestEvent) -> None:
        calls.append("sync")
        request.headers["X-Trace"] = f"trace-{request.attempt}"

    async def async_hook(request: RequestEvent) -> None:
        await asyncio.sleep(0)
        calls.append("async")
        request.headers["X-Signed"] = request.headers["X-Trace"] + "-signed"
        del request.headers["User-Agent"]

    async with BaseClient(
        base_url=base, event_hooks={"request": [sync_hook, async_hook]}
    ) as client:
        got = await client.request(ECHO, ("v",))
    headers = dict(got["headers"])
    assert calls == ["sync", "async"]  # in order
    assert headers["X-Trace"] == "trace-1"
    assert headers["X-Signed"] == "trace-1-signed"
    assert "aiosdkgen" not in headers.get("User-Agent", "")


async def test_request_hook_exception_surfaces_and_nothing_is_sent(mocked: aioresponses) -> None:
    class HookFailed(Exception):
        pass

    def broken(request: RequestEvent) -> None:
        raise HookFailed("signing key unavailable")

    async with BaseClient(base_url=BASE, event_hooks={"request": [broken]}) as client:
        with pytest.raises(HookFailed, match="signing key unavailable"):
            await client.request(GET_PET, (1,))
    assert requests_made(mocked) == []


async def test_response_hook_exception_surfaces_and_is_not_retried(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/pets/1", status=503)
    mocked.get(f"{BASE}/pets/1", payload=PET)

    async def broken(response: ResponseEvent) -> None:
        raise RuntimeError(f"metrics down at {response.status_code}")

    async with BaseClient(base_url=BASE, event_hooks={"response": [broken]}) as client:
        with pytest.raises(RuntimeError, match="metrics down at 503"):
            await client.request(GET_PET, (1,))
    assert len(requests_made(mocked)) == 1


async def test_response_hook_exception_on_connection_error_has_no_transport_context() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    def broken(response: ResponseEvent) -> None:
        raise ValueError("boom")

    async with BaseClient(
        base_url=f"http://127.0.0.1:{port}", max_retries=0, event_hooks={"response": [broken]}
    ) as client:
        with pytest.raises(ValueError, match="boom") as raised:
            await client.request(GET_PET, (1,))
    assert not isinstance(raised.value.__context__, aiohttp.ClientError)


def test_method_and_url_are_read_only() -> None:
    event = RequestEvent("GET", f"{BASE}/pets/1", CIMultiDict(), 1)
    with pytest.raises(AttributeError):
        event.url = "https://elsewhere.test/"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        event.method = "POST"  # type: ignore[misc]


def test_event_hooks_are_checked() -> None:
    with pytest.raises(ValueError, match="'request' and 'response'"):
        BaseClient(base_url=BASE, event_hooks={"requests": [print]})  # type: ignore[typeddict-unknown-key]
    with pytest.raises(TypeError, match="list of functions"):
        BaseClient(base_url=BASE, event_hooks={"request": print})  # type: ignore[typeddict-item]
    with pytest.raises(TypeError, match="non-callable"):
        BaseClient(base_url=BASE, event_hooks={"request": ["x"]})  # type: ignore[list-item]


# -- credentials -----------------------------------------------------------------------------


async def test_hooks_never_see_credentials(server: ServerFactory) -> None:
    base = await server(echo_app())
    recorder = Recorder()

    def replace_bearer_and_copy(request: RequestEvent) -> None:
        request.headers["X-Copied-Auth"] = request.headers["Authorization"]
        request.headers["X-Copied-Key"] = request.headers["X-API-Key"]

    async with BaseClient(
        base_url=base,
        security_schemes=SCHEMES,
        credentials=CREDENTIALS,
        headers={"X-Custom": f"prefix {TOKEN} suffix"},
        event_hooks={
            "request": [recorder.on_request, replace_bearer_and_copy],
            "response": [recorder.on_response],
        },
    ) as client:
        got = await client.request(ECHO, ("v",), extra_query={"token": "tok-extra-123456"})
    shown = repr(recorder.seen) + repr([r.request.headers for r in recorder.responses])
    shown += repr(recorder.requests) + repr(recorder.responses)
    for secret in (*SECRETS, "tok-extra-123456"):
        assert secret not in shown
    [(_, url, headers)] = recorder.seen
    assert "api_key=***" in url and "token=***" in url and "q=v" in url
    seen = dict(headers)
    assert seen["Authorization"] == "***"
    assert seen["X-API-Key"] == "***"
    assert seen["Cookie"] == "***"
    assert seen["X-Custom"] == "prefix *** suffix"
    # What the hooks left alone went out with the real values; what they copied, as shown.
    sent = dict(got["headers"])
    assert sent["Authorization"] == f"Bearer {TOKEN}"
    assert sent["X-API-Key"] == HEADER_KEY
    assert COOKIE_KEY in sent["Cookie"]
    assert sent["X-Custom"] == f"prefix {TOKEN} suffix"
    assert sent["X-Copied-Auth"] == "***"
    assert sent["X-Copied-Key"] == "***"
    assert ("api_key", QUERY_KEY) in [tuple(p) for p in got["query"]]


async def test_hook_can_replace_a_credential_without_reading_it(server: ServerFactory) -> None:
    base = await server(echo_app())

    def sign(request: RequestEvent) -> None:
        assert request.headers["Authorization"] == "***"
        request.headers["Authorization"] = "Signature keyId=k,signature=s"

    async with BaseClient(
        base_url=base,
        security_schemes=SCHEMES,
        credentials=CREDENTIALS,
        event_hooks={"request": [sign]},
    ) as client:
        got = await client.request(ECHO, ("v",))
    sent = dict(got["headers"])
    assert sent["Authorization"] == "Signature keyId=k,signature=s"
    assert sent["X-API-Key"] == HEADER_KEY  # untouched: still sent


async def test_unchanged_headers_are_sent_as_prepared(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/pets/1", payload=PET)
    async with BaseClient(
        base_url=BASE,
        security_schemes=SCHEMES,
        credentials={"bearer": TOKEN},
        event_hooks={"request": [lambda request: None]},
    ) as client:
        await client.request(
            Endpoint(
                method="GET",
                path="/pets/{petId}",
                params=(Param("petId", "path"),),
                responses={"200": ResponseSpec("json", Pet)},
                security=(("bearer",),),
            ),
            (1,),
        )
    [(_, _, kwargs)] = requests_made(mocked)
    assert kwargs["headers"]["Authorization"] == f"Bearer {TOKEN}"


# -- transport options -----------------------------------------------------------------------


@pytest.fixture
async def proxy() -> AsyncIterator[tuple[str, list[dict[str, Any]]]]:
    """A minimal HTTP proxy on 127.0.0.1 that answers every request itself, recording its
    request target (absolute-form when sent to a proxy); yields its address and the records."""
    seen: list[dict[str, Any]] = []

    async def handle(request: web.BaseRequest) -> web.Response:
        seen.append(
            {
                "target": request.raw_path,
                "host": request.headers.get("Host"),
                "proxy_authorization": request.headers.get("Proxy-Authorization"),
            }
        )
        return web.json_response(PET)

    runner = web.ServerRunner(web.Server(handle), handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    yield f"127.0.0.1:{port}", seen
    await runner.cleanup()


UNRESOLVABLE = "http://api.example.test/v1"  # only the proxy can answer for it


async def test_proxy_receives_absolute_form_requests(
    proxy: tuple[str, list[dict[str, Any]]],
) -> None:
    address, seen = proxy
    recorder = Recorder()
    async with BaseClient(
        base_url=UNRESOLVABLE,
        proxy=f"http://user:proxy-secret-pw@{address}",
        event_hooks=recorder.hooks(),
    ) as client:
        pet = await client.request(GET_PET, (7,))
        assert pet == Pet(id=1, name="Rex")
        assert "proxy-secret-pw" not in repr(client)
    [request] = seen
    assert request["target"] == "http://api.example.test/v1/pets/7"
    assert request["host"] == "api.example.test"
    assert request["proxy_authorization"] is not None  # aiohttp sent the URL's credentials
    assert "proxy-secret-pw" not in repr(recorder.seen)


async def test_proxy_credentials_are_redacted_from_errors() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    async with BaseClient(
        base_url=UNRESOLVABLE, max_retries=0, proxy=f"http://u:proxy-secret-pw@127.0.0.1:{port}"
    ) as client:
        with pytest.raises(APIError) as raised:
            await client.request(GET_PET, (1,))
    assert "proxy-secret-pw" not in str(raised.value)
    assert "proxy-secret-pw" not in repr(raised.value.__cause__)


async def test_trust_env_takes_the_proxy_from_the_environment(
    proxy: tuple[str, list[dict[str, Any]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    address, seen = proxy
    monkeypatch.setenv("HTTP_PROXY", f"http://{address}")
    monkeypatch.setenv("http_proxy", f"http://{address}")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    async with BaseClient(base_url=UNRESOLVABLE, trust_env=True) as client:
        assert await client.request(GET_PET, (1,)) == Pet(id=1, name="Rex")
        assert client._get_session().trust_env is True
    assert [r["target"] for r in seen] == ["http://api.example.test/v1/pets/1"]
    async with BaseClient(base_url=UNRESOLVABLE) as client:
        assert client._get_session().trust_env is False


def test_transport_options_need_the_clients_own_session() -> None:
    session = object()
    for option in ({"proxy": "http://127.0.0.1:3128"}, {"ssl": False}, {"trust_env": True}):
        with pytest.raises(ValueError, match="session the client builds"):
            BaseClient(base_url=BASE, session=session, **option)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="proxy must be"):
        BaseClient(base_url=BASE, proxy="socks5://127.0.0.1:1080")


def self_signed(tmp_path: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1, signed by itself, and its key (PEM files)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


async def test_ssl_false_and_ssl_context_reach_the_connector(tmp_path: Path) -> None:
    cert_file, key_file = self_signed(tmp_path)
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(cert_file, key_file)
    app = web.Application()

    async def pet(request: web.Request) -> web.Response:
        return web.json_response(PET)

    app.router.add_get("/pets/{id}", pet)
    runner = web.AppRunner(app, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0, ssl_context=server_context)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    base = f"https://127.0.0.1:{port}"
    try:
        async with BaseClient(base_url=base, max_retries=0) as client:
            with pytest.raises(APIConnectionError, match="Certificate"):
                await client.request(GET_PET, (1,))
        async with BaseClient(base_url=base, ssl=False) as client:
            assert await client.request(GET_PET, (1,)) == Pet(id=1, name="Rex")
        trusting = ssl.create_default_context(cafile=str(cert_file))
        async with BaseClient(base_url=base, ssl=trusting) as client:
            assert await client.request(GET_PET, (1,)) == Pet(id=1, name="Rex")
    finally:
        await runner.cleanup()


# -- the generated README's example ----------------------------------------------------------


def test_generated_readme_hooks_example_runs_as_written(
    mocked: aioresponses, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The showcase SDK's "Hooks, proxies and TLS" example, run as written against a mock of
    its API (the first attempt gets a 503, so the hooks run twice)."""
    url = re.compile(r"^https://eu\.zoo\.example/v2/animals\?limit=20$")
    mocked.get(url, status=503)
    mocked.get(url, payload=[])
    run_readme_example("### Hooks, proxies and TLS", monkeypatch)
    assert capsys.readouterr().out == (
        "GET https://eu.zoo.example/v2/animals?limit=20 attempt 1: 503\n"
        "GET https://eu.zoo.example/v2/animals?limit=20 attempt 2: 200\n"
    )
    [(_, _, first), (_, _, second)] = requests_made(mocked)
    assert first["headers"]["X-Request-Id"] != second["headers"]["X-Request-Id"]
