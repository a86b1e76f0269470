"""Authentication placement per scheme and keeping credentials out of errors and logs."""

from __future__ import annotations

import asyncio
import base64
import logging
import re
from typing import Any

import aiohttp
import pytest
from aioresponses import aioresponses
from aiosdkgen.runtime import (
    NOT_GIVEN,
    APIConnectionError,
    APIStatusError,
    AuthenticationError,
    BaseClient,
    Endpoint,
    Param,
    ResponseSpec,
    ResponseValidationError,
    SecurityScheme,
)

from .helpers import BASE, Error, Pet, only_request, requests_made

SCHEMES = {
    "bearerAuth": SecurityScheme("bearer"),
    "basicAuth": SecurityScheme("basic"),
    "headerKey": SecurityScheme("api_key", name="X-API-Key", location="header"),
    "queryKey": SecurityScheme("api_key", name="api_key", location="query"),
    "cookieKey": SecurityScheme("api_key", name="sid", location="cookie"),
}
SECRET = "sk-live-0123456789abcdef"


def endpoint(*security: tuple[str, ...]) -> Endpoint[Pet]:
    return Endpoint(
        method="GET",
        path="/pets/{petId}",
        params=(Param("petId", "path"),),
        responses={"200": ResponseSpec("json", Pet), "default": ResponseSpec("json", Error)},
        security=security,
    )


async def test_bearer(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/pets/1", payload={"id": 1, "name": "a"})
    creds = {"bearerAuth": SECRET}
    async with BaseClient(base_url=BASE, security_schemes=SCHEMES, credentials=creds) as c:
        await c.request(endpoint(("bearerAuth",)), (1,))
    assert only_request(mocked)[2]["headers"]["Authorization"] == f"Bearer {SECRET}"


async def test_basic(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/pets/1", payload={"id": 1, "name": "a"})
    creds = {"basicAuth": ("alice", "p@ss:word")}
    async with BaseClient(base_url=BASE, security_schemes=SCHEMES, credentials=creds) as c:
        await c.request(endpoint(("basicAuth",)), (1,))
    header = only_request(mocked)[2]["headers"]["Authorization"]
    assert header.startswith("Basic ")
    assert base64.b64decode(header[6:]) == b"alice:p@ss:word"


async def test_api_key_header_query_and_cookie(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/pets/1?api_key=q%2Bkey", payload={"id": 1, "name": "a"})
    creds = {"headerKey": "h-key", "queryKey": "q+key", "cookieKey": "c-key"}
    async with BaseClient(base_url=BASE, security_schemes=SCHEMES, credentials=creds) as c:
        await c.request(endpoint(("headerKey", "queryKey", "cookieKey")), (1,))
    _, url, kwargs = only_request(mocked)
    assert url == f"{BASE}/pets/1?api_key=q%2Bkey"
    assert kwargs["headers"]["X-API-Key"] == "h-key"
    assert kwargs["headers"]["Cookie"] == "sid=c-key"
    assert "Authorization" not in kwargs["headers"]


async def test_first_satisfiable_alternative_wins(mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/pets/1", payload={"id": 1, "name": "a"}, repeat=True)
    creds = {"headerKey": "h-key"}
    async with BaseClient(base_url=BASE, security_schemes=SCHEMES, credentials=creds) as c:
        await c.request(endpoint(("bearerAuth",), ("headerKey",)), (1,))
        await c.request(endpoint((), ("headerKey",)), (1,))  # anonymous allowed first
        await c.request(endpoint(), (1,))  # no security at all
    sent = [call.kwargs["headers"] for calls in mocked.requests.values() for call in calls]
    assert sent[0]["X-API-Key"] == "h-key"
    assert "X-API-Key" not in sent[1]
    assert "X-API-Key" not in sent[2]


async def test_a_credential_sent_as_a_header_goes_unauthenticated_to_the_server(
    mocked: aioresponses,
) -> None:
    # Without a configured credential the call is refused (test_credential_providers), unless
    # it sends the credential's header itself: then the server judges it.
    mocked.get(f"{BASE}/pets/1", status=401, payload={"code": 401, "message": "login"})
    async with BaseClient(base_url=BASE, security_schemes=SCHEMES) as c:
        with pytest.raises(AuthenticationError) as info:
            await c.request(
                endpoint(("bearerAuth",)), (1,), extra_headers={"Authorization": "Bearer x"}
            )
    assert info.value.body == Error(code=401, message="login")
    assert only_request(mocked)[2]["headers"]["Authorization"] == "Bearer x"


async def test_clients_sharing_an_endpoint_each_send_their_own_credentials(
    mocked: aioresponses,
) -> None:
    mocked.get(f"{BASE}/me", payload={"id": 1, "name": "a"}, repeat=True)
    me: Endpoint[Pet] = Endpoint(
        method="GET",
        path="/me",
        responses={"200": ResponseSpec("json", Pet)},
        security=(("bearerAuth",), ()),
    )
    async with (
        BaseClient(base_url=BASE, security_schemes=SCHEMES, credentials={"bearerAuth": "a"}) as a,
        BaseClient(base_url=BASE, security_schemes=SCHEMES, credentials={"bearerAuth": "b"}) as b,
        BaseClient(base_url=BASE, security_schemes=SCHEMES) as anonymous,
    ):
        for client in (a, b, anonymous, a, b):
            await client.request(me)
    sent = [kwargs["headers"].get("Authorization") for _, _, kwargs in requests_made(mocked)]
    assert sent == ["Bearer a", "Bearer b", None, "Bearer a", "Bearer b"]


async def test_basic_needs_a_pair() -> None:
    async with BaseClient(
        base_url=BASE, security_schemes=SCHEMES, credentials={"basicAuth": "oops"}
    ) as c:
        with pytest.raises(TypeError, match="user, password"):
            await c.request(endpoint(("basicAuth",)), (1,))


def _all_text(exc: BaseException) -> str:
    parts = [str(exc), repr(exc), str(getattr(exc, "url", ""))]
    cause = exc.__cause__
    while cause is not None:
        parts += [str(cause), repr(cause)]
        cause = cause.__cause__
    return "\n".join(parts)


async def test_credentials_never_leak_into_errors_or_logs(
    mocked: aioresponses, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    creds = {
        "queryKey": SECRET,
        "bearerAuth": "bearer-token-value",
        "basicAuth": ("bob", "hunter2-password"),
        "cookieKey": "cookie-secret-value",
    }
    everything = endpoint(("queryKey", "bearerAuth", "cookieKey"))
    basic = endpoint(("basicAuth",))
    url = f"{BASE}/pets/1?api_key={SECRET}"
    # Error bodies that echo the credentials back.
    mocked.get(url, status=403, body=f"key {SECRET} and bearer-token-value are revoked")
    mocked.get(url, payload={"id": "x", "echo": SECRET})
    mocked.get(url, exception=aiohttp.ClientConnectionError(f"cannot reach {url}"))
    mocked.get(url, exception=asyncio.TimeoutError())
    mocked.get(f"{BASE}/pets/1", status=500, body="hunter2-password rejected")
    errors: list[BaseException] = []
    async with BaseClient(
        base_url=BASE,
        security_schemes=SCHEMES,
        credentials=creds,
        max_retries=0,
        strict_response_validation=True,
    ) as c:
        for ep in (everything, everything, everything, everything, basic):
            with pytest.raises((APIStatusError, APIConnectionError, ResponseValidationError)) as i:
                await c.request(ep, (1,))
            errors.append(i.value)
    assert [type(e).__name__ for e in errors] == [
        "PermissionDeniedError",
        "ResponseValidationError",
        "APIConnectionError",
        "APITimeoutError",
        "InternalServerError",
    ]
    text = "\n".join(_all_text(e) for e in errors) + "\n".join(
        r.getMessage() for r in caplog.records
    )
    for secret in (SECRET, "bearer-token-value", "hunter2-password", "cookie-secret-value"):
        assert secret not in text
    assert "api_key=***" in errors[0].url
    assert "revoked" in str(errors[0])  # the message keeps the useful part


def test_api_key_scheme_needs_name_and_location() -> None:
    with pytest.raises(ValueError, match="name"):
        SecurityScheme("api_key")


def _shadowing_endpoint(location: str, name: str, scheme: str) -> Endpoint[Pet]:
    return Endpoint(
        method="GET",
        path="/pets",
        params=(Param(name, location),),  # type: ignore[arg-type]
        responses={"200": ResponseSpec("json", Pet)},
        security=((scheme,),),
    )


@pytest.mark.parametrize(
    ("location", "name", "scheme"),
    [
        ("query", "api_key", "queryKey"),
        ("header", "x-api-key", "headerKey"),
        ("cookie", "sid", "cookieKey"),
    ],
)
async def test_a_parameter_named_like_a_credential_replaces_it_when_passed(
    mocked: aioresponses, location: str, name: str, scheme: str
) -> None:
    """Trello's `key` is both an apiKey scheme and a declared parameter: the argument a call
    passes wins, the configured credential fills in when it passes none; never both."""
    mocked.get(re.compile(rf"^{re.escape(BASE)}/pets"), payload={"id": 1, "name": "a"}, repeat=True)
    creds = {scheme: SECRET}
    async with BaseClient(base_url=BASE, security_schemes=SCHEMES, credentials=creds) as c:
        await c.request(_shadowing_endpoint(location, name, scheme), (NOT_GIVEN,))
        await c.request(_shadowing_endpoint(location, name, scheme), ("explicit",))
    [(_, url_without, without), (_, url_passed, passed)] = requests_made(mocked)

    def sent(kwargs: dict[str, Any], url: str) -> list[str]:
        if location == "query":
            return [pair.split("=", 1)[1] for pair in url.partition("?")[2].split("&") if pair]
        if location == "header":
            return [v for k, v in kwargs["headers"].items() if k.lower() == "x-api-key"]
        return [kwargs["headers"].get("Cookie", "")]

    assert sent(without, url_without) == [SECRET if location != "cookie" else f"sid={SECRET}"]
    assert sent(passed, url_passed) == ["explicit" if location != "cookie" else "sid=explicit"]
