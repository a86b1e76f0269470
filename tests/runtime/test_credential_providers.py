"""Credential providers (a function or coroutine function in place of a credential, called once
per call) and `MissingCredentialError` (an operation no configured credential can authorize
fails before anything is sent). Against a server on 127.0.0.1 and aioresponses."""

from __future__ import annotations

import asyncio
import base64
import logging
import sys
from typing import Any

import pytest
from aiohttp import web
from aioresponses import aioresponses
from aiosdkgen.runtime import (
    APIError,
    AuthenticationError,
    BaseClient,
    CredentialProviderError,
    Endpoint,
    MissingCredentialError,
    Param,
    RequestEvent,
    ResponseSpec,
    SecurityScheme,
)
from aiosdkgen.runtime.errors import __all__ as exported_errors

from tests.conftest import GENERATED

from .conftest import ServerFactory
from .helpers import BASE, requests_made

SCHEMES = {
    "bearerAuth": SecurityScheme("bearer", argument="bearer_auth"),
    "basicAuth": SecurityScheme("basic", argument="basic_auth"),
    "headerKey": SecurityScheme("api_key", name="X-API-Key", location="header"),
    "queryKey": SecurityScheme("api_key", name="api_key", location="query", argument="query_key"),
}
TOKENS = ["tok-first-0123456789", "tok-second-9876543210"]


def echo_endpoint(*security: tuple[str, ...]) -> Endpoint[Any]:
    return Endpoint(
        method="GET",
        path="/echo",
        responses={"200": ResponseSpec("json"), "default": ResponseSpec("json")},
        security=security,
    )


async def echo(request: web.Request) -> web.Response:
    return web.json_response(
        {"headers": dict(request.headers), "query": dict(request.query)},
        status=int(request.query.get("status", "200")),
    )


def echo_app() -> web.Application:
    app = web.Application()
    app.router.add_get("/echo", echo)
    return app


class Rotating:
    """A provider handing out the next token on every call (sync or async)."""

    def __init__(self, values: list[Any]) -> None:
        self.values = list(values)
        self.calls = 0

    def __call__(self) -> Any:
        value = self.values[min(self.calls, len(self.values) - 1)]
        self.calls += 1
        return value

    async def coroutine(self) -> Any:
        await asyncio.sleep(0)
        return self()


# -- providers rotate the credential ---------------------------------------------------------


async def test_a_sync_provider_rotates_the_bearer_token(server: ServerFactory) -> None:
    base = await server(echo_app())
    provider = Rotating(TOKENS)
    async with BaseClient(
        base_url=base, security_schemes=SCHEMES, credentials={"bearerAuth": provider}
    ) as client:
        first = await client.request(echo_endpoint(("bearerAuth",)))
        second = await client.request(echo_endpoint(("bearerAuth",)))
    assert first["headers"]["Authorization"] == f"Bearer {TOKENS[0]}"
    assert second["headers"]["Authorization"] == f"Bearer {TOKENS[1]}"
    assert provider.calls == 2


async def test_an_async_provider_rotates_api_keys_in_header_and_query(
    server: ServerFactory,
) -> None:
    base = await server(echo_app())
    header_keys = Rotating(["hkey-one-0123456789", "hkey-two-0123456789"])
    query_keys = Rotating(["qkey-one-0123456789", "qkey-two-0123456789"])
    credentials: dict[str, Any] = {
        "headerKey": header_keys.coroutine,
        "queryKey": query_keys.coroutine,
    }
    endpoint = echo_endpoint(("headerKey", "queryKey"))
    async with BaseClient(
        base_url=base, security_schemes=SCHEMES, credentials=credentials
    ) as client:
        first = await client.request(endpoint)
        second = await client.request(endpoint)
    assert first["headers"]["X-API-Key"] == "hkey-one-0123456789"
    assert first["query"] == {"api_key": "qkey-one-0123456789"}
    assert second["headers"]["X-API-Key"] == "hkey-two-0123456789"
    assert second["query"] == {"api_key": "qkey-two-0123456789"}


async def test_an_async_basic_auth_provider(server: ServerFactory) -> None:
    base = await server(echo_app())
    pairs = Rotating([("alice", "pw-one-0123"), ("bob", "pw-two-0123")])
    async with BaseClient(
        base_url=base, security_schemes=SCHEMES, credentials={"basicAuth": pairs.coroutine}
    ) as client:
        seen = [
            (await client.request(echo_endpoint(("basicAuth",))))["headers"]["Authorization"]
            for _ in range(2)
        ]
    assert [base64.b64decode(h.removeprefix("Basic ")) for h in seen] == [
        b"alice:pw-one-0123",
        b"bob:pw-two-0123",
    ]


async def test_static_and_provided_credentials_together(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/echo?api_key=static-key-0123", payload={}, repeat=True)
    provider = Rotating(TOKENS)
    credentials: dict[str, Any] = {"bearerAuth": provider, "queryKey": "static-key-0123"}
    endpoint = echo_endpoint(("bearerAuth", "queryKey"))
    async with BaseClient(base_url=BASE, security_schemes=SCHEMES, credentials=credentials) as c:
        await c.request(endpoint)
        await c.request(endpoint)
    sent = [kwargs["headers"]["Authorization"] for _, _, kwargs in requests_made(mocked)]
    assert sent == [f"Bearer {TOKENS[0]}", f"Bearer {TOKENS[1]}"]


async def test_a_provider_is_called_once_per_call_not_per_retry(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/echo", status=503)
    mocked.get(f"{BASE}/echo", payload={})
    provider = Rotating(TOKENS)
    async with BaseClient(
        base_url=BASE, security_schemes=SCHEMES, credentials={"bearerAuth": provider}
    ) as client:
        await client.request(echo_endpoint(("bearerAuth",)))
    sent = [kwargs["headers"]["Authorization"] for _, _, kwargs in requests_made(mocked)]
    assert sent == [f"Bearer {TOKENS[0]}"] * 2
    assert provider.calls == 1


async def test_endpoints_not_needing_the_credential_do_not_call_its_provider(
    mocked: aioresponses,
) -> None:
    mocked.get(f"{BASE}/echo", payload={})
    provider = Rotating(TOKENS)
    async with BaseClient(
        base_url=BASE, security_schemes=SCHEMES, credentials={"bearerAuth": provider}
    ) as client:
        await client.request(echo_endpoint())
    assert provider.calls == 0
    assert "Authorization" not in requests_made(mocked)[0][2]["headers"]


# -- failures and redaction ------------------------------------------------------------------


async def test_a_provider_exception_surfaces_and_nothing_is_sent(mocked: aioresponses) -> None:
    class VaultDown(Exception):
        pass

    async def broken() -> str:
        raise VaultDown("vault unreachable")

    async with BaseClient(
        base_url=BASE, security_schemes=SCHEMES, credentials={"bearerAuth": broken}
    ) as client:
        with pytest.raises(CredentialProviderError) as info:
            await client.request(echo_endpoint(("bearerAuth",)))
    error = info.value
    assert isinstance(error, APIError)
    assert error.scheme == "bearerAuth"
    assert "bearer_auth=" in str(error) and "VaultDown: vault unreachable" in str(error)
    assert "GET /echo was not sent" in str(error)
    assert isinstance(error.__cause__, VaultDown)  # the provider's traceback stays reachable
    assert requests_made(mocked) == []


async def test_a_provider_exception_quoting_a_credential_is_redacted(
    mocked: aioresponses,
) -> None:
    mocked.get(f"{BASE}/echo", payload={})
    values = iter([TOKENS[0]])

    def leaky() -> str:
        try:
            return next(values)
        except StopIteration:
            raise RuntimeError(f"cannot refresh {TOKENS[0]}") from None

    async with BaseClient(
        base_url=BASE, security_schemes=SCHEMES, credentials={"bearerAuth": leaky}
    ) as client:
        await client.request(echo_endpoint(("bearerAuth",)))
        with pytest.raises(CredentialProviderError) as info:
            await client.request(echo_endpoint(("bearerAuth",)))
    assert TOKENS[0] not in str(info.value) and "cannot refresh ***" in str(info.value)
    assert info.value.__cause__ is None  # its text holds the credential: not chained
    assert len(requests_made(mocked)) == 1


@pytest.mark.parametrize("value", [None, 42, ("only-one",), b"bytes-token"])
async def test_a_provider_returning_a_non_credential_fails_clearly(
    mocked: aioresponses, value: object
) -> None:
    async with BaseClient(
        base_url=BASE, security_schemes=SCHEMES, credentials={"bearerAuth": lambda: value}
    ) as client:
        with pytest.raises(CredentialProviderError, match="not a str, a"):
            await client.request(echo_endpoint(("bearerAuth",)))
    assert requests_made(mocked) == []


async def test_a_pair_for_a_bearer_scheme_fails_without_showing_it(mocked: aioresponses) -> None:
    async with BaseClient(
        base_url=BASE,
        security_schemes=SCHEMES,
        credentials={"bearerAuth": lambda: ("user", "pw-secret-0123")},
    ) as client:
        with pytest.raises(CredentialProviderError, match="must be a str") as info:
            await client.request(echo_endpoint(("bearerAuth",)))
    assert "pw-secret-0123" not in str(info.value)
    assert requests_made(mocked) == []


async def test_provided_values_never_appear_in_errors_logs_or_hooks(
    server: ServerFactory, caplog: pytest.LogCaptureFixture
) -> None:
    async def denied(request: web.Request) -> web.Response:
        # A server echoing the credentials it was sent, in the body and in a redirect.
        return web.json_response(
            {
                "error": "denied",
                "auth": request.headers.get("Authorization", ""),
                "key": request.query.get("api_key", ""),
            },
            status=401,
        )

    app = web.Application()
    app.router.add_get("/echo", denied)
    base = await server(app)
    tokens = Rotating(TOKENS)
    keys = Rotating(["qkey-one-0123456789", "qkey-two-0123456789"])
    seen: list[str] = []

    def on_request(request: RequestEvent) -> None:
        seen.append(request.url)
        seen.extend(request.headers.values())

    credentials: dict[str, Any] = {"bearerAuth": tokens, "queryKey": keys.coroutine}
    errors: list[str] = []
    async with BaseClient(
        base_url=base,
        security_schemes=SCHEMES,
        credentials=credentials,
        max_retries=0,
        event_hooks={"request": [on_request]},
    ) as client:
        for _ in range(2):
            with caplog.at_level(logging.DEBUG), pytest.raises(AuthenticationError) as info:
                await client.request(echo_endpoint(("bearerAuth", "queryKey")))
            errors += [str(info.value), repr(info.value), info.value.url]
        errors.append(repr(client))
    assert "denied" in errors[0]
    logged = [r.getMessage() for r in caplog.records if r.name.startswith("aiosdkgen")]
    assert logged  # the client's debug lines (the server's access log is not the SDK's)
    shown = errors + seen + logged
    for secret in [*TOKENS, *keys.values]:
        for text in shown:
            assert secret not in text, text


# -- MissingCredentialError --------------------------------------------------------------------


async def test_missing_credentials_raise_before_anything_is_sent(mocked: aioresponses) -> None:
    async with BaseClient(
        base_url=BASE, security_schemes=SCHEMES, credentials={"headerKey": "hkey-0123456789"}
    ) as client:
        with pytest.raises(MissingCredentialError) as info:
            await client.request(echo_endpoint(("bearerAuth",), ("basicAuth", "queryKey")))
    error = info.value
    assert isinstance(error, APIError)
    assert error.alternatives == (("bearerAuth",), ("basicAuth", "queryKey"))
    assert error.method == "GET" and error.url == f"{BASE}/echo"
    assert "bearer_auth= or basic_auth= and query_key=" in str(error)
    assert "hkey-0123456789" not in str(error)
    assert requests_made(mocked) == []


async def test_an_anonymous_alternative_sends_without_credentials(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/echo", payload={})
    async with BaseClient(base_url=BASE, security_schemes=SCHEMES) as client:
        await client.request(echo_endpoint(("bearerAuth",), ()))
    assert "Authorization" not in requests_made(mocked)[0][2]["headers"]


async def test_a_later_alternative_with_credentials_is_used(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/echo?api_key=qkey-0123456789", payload={})
    async with BaseClient(
        base_url=BASE, security_schemes=SCHEMES, credentials={"queryKey": "qkey-0123456789"}
    ) as client:
        await client.request(echo_endpoint(("bearerAuth",), ("queryKey",)))
    assert len(requests_made(mocked)) == 1


async def test_a_credential_the_call_sends_itself_is_accepted(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/echo", payload={}, repeat=True)
    mocked.get(f"{BASE}/echo?api_key=mine", payload={}, repeat=True)
    mocked.get(f"{BASE}/keyed?api_key=mine", payload={}, repeat=True)
    keyed: Endpoint[Any] = Endpoint(
        method="GET",
        path="/keyed",
        params=(Param("api_key", "query"),),
        responses={"200": ResponseSpec("json")},
        security=(("queryKey",),),
    )
    async with BaseClient(
        base_url=BASE, security_schemes=SCHEMES, headers={"authorization": "Bearer mine"}
    ) as by_client_header:
        await by_client_header.request(echo_endpoint(("bearerAuth",)))
    async with BaseClient(base_url=BASE, security_schemes=SCHEMES) as client:
        await client.request(
            echo_endpoint(("bearerAuth",)), extra_headers={"Authorization": "Bearer mine"}
        )
        await client.request(echo_endpoint(("queryKey",)), extra_query={"api_key": "mine"})
        await client.request(keyed, ("mine",))  # the endpoint's own parameter of that name
        with pytest.raises(MissingCredentialError):
            await client.request(echo_endpoint(("bearerAuth", "queryKey")), extra_query={"x": 1})
    assert len(requests_made(mocked)) == 4


async def test_a_missing_credential_error_is_raised_again_on_the_next_call(
    mocked: aioresponses,
) -> None:
    async with BaseClient(base_url=BASE, security_schemes=SCHEMES) as client:
        for _ in range(2):
            with pytest.raises(MissingCredentialError):
                await client.request(echo_endpoint(("bearerAuth",)))
    assert requests_made(mocked) == []


# -- construction and the generated SDK ------------------------------------------------------


def test_the_new_errors_are_exported() -> None:
    assert {"CredentialProviderError", "MissingCredentialError"} <= set(exported_errors)


def test_a_non_credential_is_refused_at_construction() -> None:
    with pytest.raises(TypeError, match="function returning one"):
        BaseClient(base_url=BASE, security_schemes=SCHEMES, credentials={"bearerAuth": 42})  # type: ignore[dict-item]


async def test_the_generated_client_takes_providers(
    mocked: aioresponses, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = GENERATED / "showcase"
    monkeypatch.syspath_prepend(str(project))
    for name in [m for m in sys.modules if m.split(".")[0] == "showcase_client"]:
        monkeypatch.delitem(sys.modules, name)
    try:
        import showcase_client

        mocked.get(f"{BASE}/animals?limit=20", payload=[], repeat=True)
        tokens = Rotating(TOKENS)
        async with showcase_client.Client(base_url=BASE, bearer_auth=tokens.coroutine) as client:
            await client.animals.list_animals()
            await client.animals.list_animals()
        async with showcase_client.Client(base_url=BASE) as anonymous:
            with pytest.raises(showcase_client.MissingCredentialError, match="bearer_auth="):
                await anonymous.animals.list_animals()
        assert "CredentialProviderError" in showcase_client.errors.__all__
    finally:
        for name in [m for m in sys.modules if m.split(".")[0] == "showcase_client"]:
            del sys.modules[name]
    sent = [kwargs["headers"]["Authorization"] for _, _, kwargs in requests_made(mocked)]
    assert sent == [f"Bearer {TOKENS[0]}", f"Bearer {TOKENS[1]}"]
