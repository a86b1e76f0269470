"""OAuth 2.0 client credentials (`ClientCredentials`) and providers returning a `Token` with an
expiry: the token is fetched once, shared by concurrent calls, refreshed before it expires and
once after a 401, and neither it nor the client secret shows anywhere. Against a token endpoint
and an API on one aiohttp server on 127.0.0.1, and aioresponses for the exact token request."""

from __future__ import annotations

import asyncio
import base64
import logging
from typing import Any
from urllib.parse import parse_qs, quote_plus

import pytest
from aiohttp import web
from aioresponses import aioresponses
from aiosdkgen.runtime import (
    AuthenticationError,
    BaseClient,
    Body,
    ClientCredentials,
    CredentialProviderError,
    Endpoint,
    RequestEvent,
    ResponseEvent,
    ResponseSpec,
    SecurityScheme,
    Token,
    TokenRequestError,
    _oauth,
)

from .conftest import ServerFactory
from .helpers import BASE, requests_made, run_readme_example

SECRET = "s3cret/with+special&chars-0123456789"
CLIENT_ID = "zoo keeper:tools"
SCHEMES = {
    "oauth": SecurityScheme("bearer", argument="oauth", token_url="/oauth/token"),
    "bearerAuth": SecurityScheme("bearer", argument="bearer_auth"),
}
ECHO: Endpoint[Any] = Endpoint(
    method="GET",
    path="/echo",
    responses={"200": ResponseSpec("json"), "default": ResponseSpec("json")},
    security=(("oauth",),),
)


class Clock:
    """Replaces the monotonic clock token expiries are measured on."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(_oauth, "_clock", fake)
    return fake


class Issuer:
    """A token endpoint (POST /oauth/token) and an API (/v1/echo) accepting only the tokens it
    issued and has not revoked. `answers` queues token responses to give instead of a token."""

    def __init__(self, expires_in: object = 300) -> None:
        self.expires_in = expires_in
        self.token_requests: list[tuple[dict[str, str], dict[str, list[str]]]] = []
        self.api_requests: list[str] = []
        self.valid: set[str] = set()
        self.answers: list[web.Response] = []

    def issue(self) -> str:
        token = f"tok-{len(self.token_requests) - 1}-abcdefghij"
        self.valid.add(token)
        return token

    async def token(self, request: web.Request) -> web.Response:
        form = parse_qs((await request.read()).decode())
        self.token_requests.append((dict(request.headers), form))
        if self.answers:
            return self.answers.pop(0)
        body: dict[str, Any] = {"access_token": self.issue(), "token_type": "Bearer"}
        if self.expires_in is not None:
            body["expires_in"] = self.expires_in
        return web.json_response(body)

    async def echo(self, request: web.Request) -> web.Response:
        auth = request.headers.get("Authorization", "")
        self.api_requests.append(auth)
        token = auth.removeprefix("Bearer ")
        if token not in self.valid:
            # Echoes what it got, as careless servers do.
            return web.json_response({"error": "invalid token", "got": auth}, status=401)
        return web.json_response({"token": token, "body": (await request.read()).decode()})

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/oauth/token", self.token)
        app.router.add_route("*", "/v1/echo", self.echo)
        return app


def oauth_client(base: str, **options: Any) -> BaseClient:
    credentials = ClientCredentials(CLIENT_ID, SECRET, scopes=["pets:read", "pets:write"])
    return BaseClient(
        base_url=base + "/v1",  # the token URL is relative: resolved to the host's /oauth/token
        security_schemes=SCHEMES,
        credentials={"oauth": credentials},
        **options,
    )


def basic(client_id: str, secret: str) -> str:
    # RFC 6749 2.3.1: each part form-encoded, then HTTP Basic.
    pair = f"{quote_plus(client_id)}:{quote_plus(secret)}"
    return "Basic " + base64.b64encode(pair.encode()).decode()


# -- the token is fetched, cached and refreshed -------------------------------------------------


async def test_the_first_call_fetches_the_token_and_the_next_reuse_it(
    server: ServerFactory, clock: Clock
) -> None:
    issuer = Issuer()
    base = await server(issuer.app())
    async with oauth_client(base) as client:
        first = await client.request(ECHO)
        second = await client.request(ECHO)
    assert first["token"] == second["token"] == "tok-0-abcdefghij"
    assert len(issuer.token_requests) == 1
    headers, form = issuer.token_requests[0]
    assert headers["Authorization"] == basic(CLIENT_ID, SECRET)
    assert headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert form == {"grant_type": ["client_credentials"], "scope": ["pets:read pets:write"]}
    assert issuer.api_requests == ["Bearer tok-0-abcdefghij"] * 2


async def test_the_token_is_replaced_shortly_before_it_expires(
    server: ServerFactory, clock: Clock
) -> None:
    issuer = Issuer(expires_in=300)  # refreshed 30 s early
    base = await server(issuer.app())
    async with oauth_client(base) as client:
        await client.request(ECHO)
        clock.now += 269
        assert (await client.request(ECHO))["token"] == "tok-0-abcdefghij"
        clock.now += 2
        assert (await client.request(ECHO))["token"] == "tok-1-abcdefghij"
        assert (await client.request(ECHO))["token"] == "tok-1-abcdefghij"
    assert len(issuer.token_requests) == 2


async def test_a_short_lived_token_is_refreshed_a_tenth_of_its_lifetime_early(
    server: ServerFactory, clock: Clock
) -> None:
    issuer = Issuer(expires_in="20")  # a number sent as a string, as some servers do
    base = await server(issuer.app())
    async with oauth_client(base) as client:
        await client.request(ECHO)
        clock.now += 17.9
        await client.request(ECHO)
        assert len(issuer.token_requests) == 1
        clock.now += 0.2
        await client.request(ECHO)
    assert len(issuer.token_requests) == 2


async def test_a_token_without_expires_in_is_kept_until_a_401(
    server: ServerFactory, clock: Clock
) -> None:
    issuer = Issuer(expires_in=None)
    base = await server(issuer.app())
    async with oauth_client(base) as client:
        await client.request(ECHO)
        clock.now += 10 * 3600
        await client.request(ECHO)
        assert len(issuer.token_requests) == 1
        issuer.valid.clear()  # revoked
        assert (await client.request(ECHO))["token"] == "tok-1-abcdefghij"
    assert len(issuer.token_requests) == 2


async def test_a_401_refreshes_the_token_once_and_sends_the_call_again(
    server: ServerFactory, clock: Clock
) -> None:
    issuer = Issuer()
    base = await server(issuer.app())
    post: Endpoint[Any] = Endpoint(
        method="POST",
        path="/echo",
        body=(Body("application/json", "json"),),
        responses={"200": ResponseSpec("json"), "default": ResponseSpec("json")},
        security=(("oauth",),),
    )
    async with oauth_client(base) as client:
        await client.request(ECHO)
        issuer.valid.clear()  # the server revoked the token before it expired
        result = await client.request(post, body={"a": 1})  # POST: a JSON body is replayable
        assert result == {"token": "tok-1-abcdefghij", "body": '{"a":1}'}
        assert issuer.api_requests[1:] == ["Bearer tok-0-abcdefghij", "Bearer tok-1-abcdefghij"]
        assert len(issuer.token_requests) == 2

        issuer.valid.clear()
        issuer.issue = lambda: "never-valid-0123456789"  # type: ignore[method-assign]
        with pytest.raises(AuthenticationError):
            await client.request(ECHO)
    # One refresh and one more attempt, not a loop.
    assert len(issuer.token_requests) == 3
    assert len(issuer.api_requests) == 5


async def test_a_one_shot_body_is_not_sent_again_after_a_401(
    server: ServerFactory, clock: Clock
) -> None:
    issuer = Issuer()
    base = await server(issuer.app())
    upload: Endpoint[Any] = Endpoint(
        method="PUT",
        path="/echo",
        body=(Body("application/octet-stream", "binary"),),
        responses={"200": ResponseSpec("json"), "default": ResponseSpec("json")},
        security=(("oauth",),),
    )

    async def chunks() -> Any:
        yield b"only once"

    async with oauth_client(base) as client:
        await client.request(ECHO)
        issuer.valid.clear()
        with pytest.raises(AuthenticationError):
            await client.request(upload, body=chunks())
    assert len(issuer.token_requests) == 1
    assert len(issuer.api_requests) == 2


async def test_concurrent_calls_with_an_empty_cache_share_one_token_request(
    server: ServerFactory, clock: Clock
) -> None:
    issuer = Issuer()
    base = await server(issuer.app())
    async with oauth_client(base) as client:
        results = await asyncio.gather(*(client.request(ECHO) for _ in range(10)))
        assert {r["token"] for r in results} == {"tok-0-abcdefghij"}
        assert len(issuer.token_requests) == 1
        clock.now += 3600  # expired: again one request for all
        results = await asyncio.gather(*(client.request(ECHO) for _ in range(10)))
    assert {r["token"] for r in results} == {"tok-1-abcdefghij"}
    assert len(issuer.token_requests) == 2


async def test_concurrent_401s_share_one_refresh(server: ServerFactory, clock: Clock) -> None:
    issuer = Issuer()
    base = await server(issuer.app())
    async with oauth_client(base) as client:
        await client.request(ECHO)
        issuer.valid.clear()
        results = await asyncio.gather(*(client.request(ECHO) for _ in range(5)))
    assert {r["token"] for r in results} == {"tok-1-abcdefghij"}
    assert len(issuer.token_requests) == 2


# -- a failing token endpoint -------------------------------------------------------------------


def _json(body: object, status: int = 200) -> web.Response:
    return web.json_response(body, status=status)


FAILURES = {
    "invalid_client": (
        lambda: _json(
            {"error": "invalid_client", "error_description": "Unknown client."}, status=400
        ),
        "HTTP 400 invalid_client: Unknown client.",
    ),
    "server error": (
        lambda: web.Response(status=500, text="<html>oops</html>"),
        "HTTP 500, not a JSON object: '<html>oops</html>'",
    ),
    "garbage": (lambda: web.Response(status=200, body=b"\x00\xffgarbage"), "not a JSON object"),
    "no access_token": (lambda: _json({"token_type": "bearer"}), "has no access_token"),
    "mac token": (
        lambda: _json({"access_token": "abc-0123456789", "token_type": "mac"}),
        "token_type 'mac' is not supported",
    ),
    "negative expiry": (
        lambda: _json({"access_token": "abc-0123456789", "expires_in": -5}),
        "expires_in is not a number",
    ),
    "too large": (
        lambda: _json({"access_token": "x" * (_oauth.MAX_TOKEN_RESPONSE + 10)}),
        "larger than 65536 bytes",
    ),
}


@pytest.mark.parametrize("case", FAILURES)
async def test_a_failing_token_endpoint_raises_token_request_error(
    server: ServerFactory, clock: Clock, case: str
) -> None:
    answer, message = FAILURES[case]
    issuer = Issuer()
    base = await server(issuer.app())
    issuer.answers.append(answer())
    async with oauth_client(base) as client:
        with pytest.raises(TokenRequestError) as info:
            await client.request(ECHO)
        assert issuer.api_requests == []  # nothing was sent
        # Not cached: the next call asks again (and gets a token).
        assert (await client.request(ECHO))["token"] == "tok-1-abcdefghij"
    error = info.value
    assert isinstance(error, CredentialProviderError)
    assert message in str(error)
    assert error.scheme == "oauth" and error.method == "POST"
    assert error.url == base + "/oauth/token"
    assert SECRET not in str(error) and SECRET not in repr(error)
    if case == "invalid_client":
        assert (error.status_code, error.error) == (400, "invalid_client")
        assert error.error_description == "Unknown client."


async def test_an_unreachable_token_endpoint_raises_token_request_error() -> None:
    runner = web.AppRunner(web.Application())
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    await runner.cleanup()  # nothing listens there any more
    schemes = {"oauth": SecurityScheme("bearer", token_url=f"http://127.0.0.1:{port}/token")}
    async with BaseClient(
        base_url="http://127.0.0.1:9/v1",
        security_schemes=schemes,
        credentials={"oauth": ClientCredentials(CLIENT_ID, SECRET)},
    ) as client:
        with pytest.raises(TokenRequestError, match="ClientConnectorError") as info:
            await client.request(ECHO)
    assert info.value.status_code is None
    assert info.value.__cause__ is None and info.value.__context__ is None


async def test_a_token_endpoint_that_never_answers_times_out_with_the_clients_timeout(
    server: ServerFactory,
) -> None:
    release = asyncio.Event()

    async def hang(request: web.Request) -> web.Response:
        await release.wait()
        return web.json_response({})

    app = web.Application()
    app.router.add_post("/oauth/token", hang)
    base = await server(app)
    try:
        async with oauth_client(base, timeout=0.05) as client:
            with pytest.raises(TokenRequestError, match="timed out"):
                await client.request(ECHO)
    finally:
        release.set()


async def test_concurrent_calls_share_one_failure_and_the_next_call_tries_again(
    server: ServerFactory, clock: Clock
) -> None:
    issuer = Issuer()
    base = await server(issuer.app())
    issuer.answers.append(_json({"error": "temporarily_unavailable"}, status=503))
    async with oauth_client(base) as client:
        outcomes = await asyncio.gather(
            *(client.request(ECHO) for _ in range(4)), return_exceptions=True
        )
        assert all(isinstance(o, TokenRequestError) for o in outcomes)
        assert len(issuer.token_requests) == 1
        await client.request(ECHO)
    assert len(issuer.token_requests) == 2


# -- redaction ----------------------------------------------------------------------------------


async def test_the_token_and_the_secret_never_show(
    server: ServerFactory, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    issuer = Issuer()
    base = await server(issuer.app())
    # The token endpoint quotes the secret back in its error description.
    issuer.answers.append(
        _json({"error": "invalid_client", "error_description": f"bad secret {SECRET}"}, 401)
    )
    seen: list[str] = []

    def on_request(event: RequestEvent) -> None:
        seen.extend([event.url, *event.headers.values()])

    def on_response(event: ResponseEvent) -> None:
        seen.extend(event.headers.values() if event.headers is not None else ())

    shown: list[str] = []
    with caplog.at_level(logging.DEBUG):
        async with oauth_client(
            base, event_hooks={"request": [on_request], "response": [on_response]}, max_retries=0
        ) as client:
            with pytest.raises(TokenRequestError) as failed:
                await client.request(ECHO)
            shown += [str(failed.value), repr(failed.value), repr(failed.value.error_description)]
            await client.request(ECHO)
            issuer.valid.clear()
            issuer.issue = lambda: "tok-never-valid-0123456789"  # type: ignore[method-assign]
            with pytest.raises(AuthenticationError) as denied:
                await client.request(ECHO)  # the 401 bodies echo both tokens
            # (`body` is the server's answer as it came, for the caller to read.)
            shown += [str(denied.value), repr(denied.value)]
            shown += [repr(client), repr(client._credentials)]
    assert "bad secret ***" in shown[0]
    assert "got" in shown[3]  # the echoed body is there, scrubbed
    logged = [r.getMessage() for r in caplog.records if r.name == "aiosdkgen"]
    assert any("OAuth token request: POST" in line for line in logged)
    assert seen  # the hooks saw the API calls (and only those: not the token requests)
    assert not any("oauth/token" in text for text in seen)
    header = basic(CLIENT_ID, SECRET).split()[1]
    for secret in (SECRET, header, "tok-1-abcdefghij", "tok-never-valid-0123456789"):
        for text in [*shown, *logged, *seen]:
            assert secret not in text, text


async def test_the_exact_token_request(mocked: aioresponses, clock: Clock) -> None:
    mocked.post(
        "https://api.example.test/oauth/token",
        payload={"access_token": "tok-abc-0123456789", "token_type": "bearer", "expires_in": 60},
    )
    mocked.get(f"{BASE}/echo", payload={})
    endpoint: Endpoint[Any] = Endpoint(
        method="GET", path="/echo", responses={"200": ResponseSpec("json")}, security=(("o",),)
    )
    schemes = {"o": SecurityScheme("bearer", token_url="/oauth/token")}
    credentials = ClientCredentials("my-client", "my-secret-0123", scopes="read write")
    async with BaseClient(
        base_url=BASE, security_schemes=schemes, credentials={"o": credentials}
    ) as client:
        await client.request(endpoint)
    (token_method, token_url, token_call), (_, _, api_call) = requests_made(mocked)
    assert (token_method, token_url) == ("POST", "https://api.example.test/oauth/token")
    assert token_call["data"] == b"grant_type=client_credentials&scope=read+write"
    assert token_call["allow_redirects"] is False
    headers = token_call["headers"]
    assert (
        headers["Authorization"]
        == "Basic " + base64.b64encode(b"my-client:my-secret-0123").decode()
    )
    assert headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert headers["Accept"] == "application/json"
    assert set(headers) == {"Authorization", "Content-Type", "Accept", "User-Agent"}
    assert api_call["headers"]["Authorization"] == "Bearer tok-abc-0123456789"


async def test_client_secret_post_sends_the_credentials_in_the_form(
    mocked: aioresponses, clock: Clock
) -> None:
    mocked.post("https://api.example.test/oauth/token", payload={"access_token": "tok-0123"})
    mocked.get(f"{BASE}/echo", payload={})
    endpoint: Endpoint[Any] = Endpoint(
        method="GET", path="/echo", responses={"200": ResponseSpec("json")}, security=(("o",),)
    )
    schemes = {"o": SecurityScheme("bearer", token_url="/oauth/token")}
    credentials = ClientCredentials("my id", "my&secret-0123", auth_method="post")
    async with BaseClient(
        base_url=BASE, security_schemes=schemes, credentials={"o": credentials}
    ) as client:
        await client.request(endpoint)
    token_call = requests_made(mocked)[0][2]
    assert token_call["data"] == (
        b"grant_type=client_credentials&client_id=my+id&client_secret=my%26secret-0123"
    )
    assert "Authorization" not in token_call["headers"]


# -- configuration errors -----------------------------------------------------------------------


def test_client_credentials_need_a_scheme_with_a_token_url() -> None:
    with pytest.raises(ValueError, match="token URL"):
        BaseClient(
            base_url=BASE,
            security_schemes=SCHEMES,
            credentials={"bearerAuth": ClientCredentials("id", "secret")},
        )
    with pytest.raises(ValueError, match="http"):
        BaseClient(
            base_url=BASE,
            security_schemes={"o": SecurityScheme("bearer", token_url="ftp://x/token")},
            credentials={"o": ClientCredentials("id", "secret")},
        )


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        (("", "secret"), {}),
        (("id", 3), {}),
        (("id", "secret"), {"scopes": ["a b"]}),
        (("id", "secret"), {"auth_method": "jwt"}),
    ],
)
def test_client_credentials_check_their_values(args: tuple[Any, ...], kwargs: Any) -> None:
    with pytest.raises((TypeError, ValueError)):
        ClientCredentials(*args, **kwargs)


def test_reprs_hide_the_secret_and_the_token() -> None:
    assert SECRET not in repr(ClientCredentials("id", SECRET))
    assert "tok-0123456789" not in repr(Token("tok-0123456789", expires_in=5))


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"client_id": "id"}, "give both client_id= and client_secret="),
        ({"client_id": "id", "client_secret": "s", "token": "t"}, "not both"),
        ({"scopes": ["a"]}, "scopes= needs client_id="),
    ],
)
def test_the_generated_client_arguments_are_checked(arguments: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        BaseClient._client_credentials(
            "oauth",
            arguments.get("client_id"),
            arguments.get("client_secret"),
            arguments.get("scopes"),
            token=arguments.get("token"),
            arguments=("oauth", "client_id", "client_secret", "scopes"),
        )


# -- providers returning a Token ----------------------------------------------------------------


class Minting:
    """A provider minting a new token, valid `expires_in` seconds, on every call."""

    def __init__(self, expires_in: float | None = 300) -> None:
        self.expires_in = expires_in
        self.calls = 0

    async def __call__(self) -> Token:
        self.calls += 1
        await asyncio.sleep(0)
        return Token(f"minted-{self.calls}-0123456789", expires_in=self.expires_in)


def bearer_endpoint() -> Endpoint[Any]:
    return Endpoint(
        method="GET",
        path="/echo",
        responses={"200": ResponseSpec("json"), "default": ResponseSpec("json")},
        security=(("bearerAuth",),),
    )


async def test_a_provider_returning_a_token_is_called_again_only_when_it_expires(
    mocked: aioresponses, clock: Clock
) -> None:
    mocked.get(f"{BASE}/echo", payload={}, repeat=True)
    provider = Minting(expires_in=300)
    async with BaseClient(
        base_url=BASE, security_schemes=SCHEMES, credentials={"bearerAuth": provider}
    ) as client:
        await asyncio.gather(*(client.request(bearer_endpoint()) for _ in range(10)))
        assert provider.calls == 1  # concurrent calls with an empty cache: one provider call
        clock.now += 269
        await client.request(bearer_endpoint())
        assert provider.calls == 1
        clock.now += 2
        await client.request(bearer_endpoint())
        await client.request(bearer_endpoint())
    assert provider.calls == 2
    sent = [call["headers"]["Authorization"] for _, _, call in requests_made(mocked)]
    assert sent == ["Bearer minted-1-0123456789"] * 11 + ["Bearer minted-2-0123456789"] * 2


async def test_a_provided_token_rejected_with_401_is_replaced_once(
    mocked: aioresponses, clock: Clock
) -> None:
    mocked.get(f"{BASE}/echo", status=401, payload={"error": "expired"})
    mocked.get(f"{BASE}/echo", payload={"ok": True})
    mocked.get(f"{BASE}/echo", status=401, payload={}, repeat=True)
    provider = Minting(expires_in=None)
    async with BaseClient(
        base_url=BASE, security_schemes=SCHEMES, credentials={"bearerAuth": provider}
    ) as client:
        assert await client.request(bearer_endpoint()) == {"ok": True}
        assert provider.calls == 2
        with pytest.raises(AuthenticationError):
            await client.request(bearer_endpoint())
    assert provider.calls == 3
    assert len(requests_made(mocked)) == 4


async def test_a_plain_provider_is_not_cached_nor_retried_after_a_401(
    mocked: aioresponses,
) -> None:
    mocked.get(f"{BASE}/echo", status=401, payload={}, repeat=True)
    calls: list[int] = []

    def provider() -> str:
        calls.append(1)
        return "plain-token-0123456789"

    async with BaseClient(
        base_url=BASE,
        security_schemes=SCHEMES,
        credentials={"bearerAuth": provider},
        max_retries=0,
    ) as client:
        for _ in range(2):
            with pytest.raises(AuthenticationError):
                await client.request(bearer_endpoint())
    assert len(calls) == 2
    assert len(requests_made(mocked)) == 2


async def test_a_basic_auth_provider_may_return_a_token(mocked: aioresponses, clock: Clock) -> None:
    mocked.get(f"{BASE}/echo", payload={}, repeat=True)
    schemes = {"basicAuth": SecurityScheme("basic", argument="basic_auth")}
    endpoint: Endpoint[Any] = Endpoint(
        method="GET",
        path="/echo",
        responses={"200": ResponseSpec("json")},
        security=(("basicAuth",),),
    )
    calls: list[int] = []

    def provider() -> Token:
        calls.append(1)
        return Token(("user", "pw-0123456789"), expires_in=60)

    async with BaseClient(
        base_url=BASE, security_schemes=schemes, credentials={"basicAuth": provider}
    ) as client:
        await client.request(endpoint)
        await client.request(endpoint)
    assert len(calls) == 1
    expected = "Basic " + base64.b64encode(b"user:pw-0123456789").decode()
    assert requests_made(mocked)[0][2]["headers"]["Authorization"] == expected


@pytest.mark.parametrize("expires_in", [-1, float("nan"), float("inf"), "300", True])
def test_a_token_checks_its_expiry(expires_in: Any) -> None:
    with pytest.raises(ValueError, match="expires_in"):
        Token("abc", expires_in=expires_in)


async def test_a_token_of_the_wrong_kind_fails_clearly(mocked: aioresponses) -> None:
    async with BaseClient(
        base_url=BASE,
        security_schemes=SCHEMES,
        credentials={"bearerAuth": lambda: Token(("u", "p"))},
    ) as client:
        with pytest.raises(CredentialProviderError, match="must be a str"):
            await client.request(bearer_endpoint())
    assert requests_made(mocked) == []


# -- the generated README's examples ------------------------------------------------------------


def test_generated_readme_client_credentials_example_runs_as_written(
    mocked: aioresponses, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    token_url = "https://eu.zoo.example/oauth/token"
    mocked.post(token_url, payload={"access_token": "tok-readme-0123", "expires_in": 60})
    mocked.get("https://eu.zoo.example/v2/keeper", payload={"name": "Ada"})
    mocked.post(
        token_url, status=401, payload={"error": "invalid_client", "error_description": "no"}
    )
    for _ in range(2):
        run_readme_example("#### OAuth 2.0 client credentials", monkeypatch)
    assert capsys.readouterr().out == "name='Ada'\nno access token: invalid_client no\n"
    token_call = requests_made(mocked)[0][2]
    expected = base64.b64encode(b"my-client-id:my-client-secret").decode()
    assert token_call["headers"]["Authorization"] == f"Basic {expected}"


def test_generated_readme_token_provider_example_runs_as_written(
    mocked: aioresponses, monkeypatch: pytest.MonkeyPatch
) -> None:
    mocked.get("https://eu.zoo.example/v2/animals?limit=20", payload=[], repeat=True)
    calls = """

async def use() -> None:
    async with client:
        await client.animals.list_animals()
        await client.animals.list_animals()


asyncio.run(use())
"""
    run_readme_example(
        "A provider may also return a `Token`", monkeypatch, "import asyncio\n" + calls
    )
    sent = [call["headers"]["Authorization"] for _, _, call in requests_made(mocked)]
    assert sent == ["Bearer ..."] * 2


async def test_concurrent_calls_share_a_plain_provider_call_in_flight(
    mocked: aioresponses,
) -> None:
    mocked.get(f"{BASE}/echo", payload={}, repeat=True)
    calls: list[int] = []

    async def provider() -> str:
        calls.append(1)
        await asyncio.sleep(0)
        return f"plain-{len(calls)}-0123456789"

    async with BaseClient(
        base_url=BASE, security_schemes=SCHEMES, credentials={"bearerAuth": provider}
    ) as client:
        await asyncio.gather(*(client.request(bearer_endpoint()) for _ in range(5)))
        assert len(calls) == 1
        await client.request(bearer_endpoint())  # not cached: a later call calls it again
    assert len(calls) == 2
    sent = [call["headers"]["Authorization"] for _, _, call in requests_made(mocked)]
    assert sent == ["Bearer plain-1-0123456789"] * 5 + ["Bearer plain-2-0123456789"]


async def test_closing_the_client_during_a_token_request_fails_it_clearly(
    server: ServerFactory,
) -> None:
    started, release = asyncio.Event(), asyncio.Event()

    async def hang(request: web.Request) -> web.Response:
        started.set()
        await release.wait()
        return web.json_response({})

    app = web.Application()
    app.router.add_post("/oauth/token", hang)
    base = await server(app)
    client = oauth_client(base)
    try:
        call = asyncio.ensure_future(client.request(ECHO))
        await started.wait()
        await client.close()
        with pytest.raises(TokenRequestError):
            await call
    finally:
        release.set()
