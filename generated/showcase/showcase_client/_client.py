"""The API client: configuration, connection pool and one attribute per resource."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache, cached_property
from typing import TYPE_CHECKING, Final, Literal

from ._runtime import (
    DEFAULT_MAX_RESPONSE_SIZE,
    NOT_GIVEN,
    BaseClient,
    Credential,
    Endpoint,
    Headers,
    NotGiven,
    Param,
    Query,
    ResponseSpec,
    SecurityScheme,
    Server,
    server_url,
    to_raw_response_wrapper,
    to_streamed_response_wrapper,
)

# Typing-only names: imported for real, they would load aiohttp, pydantic and every resource
# and model as soon as the SDK is imported; instead each loads on first use.
if TYPE_CHECKING:
    import ssl

    import aiohttp

    from ._runtime import ClientCredentials, CredentialProvider, EventHooks, Timeout
    from .models._parameter_styles_filter import ParameterStylesFilter
    from .models._parameter_styles_matrix import ParameterStylesMatrix
    from .resources.animals import AnimalsResource
    from .resources.feed import FeedResource
    from .resources.keepers import KeepersResource
    from .resources.media import MediaResource

_SERVERS = (
    Server("https://{region}.zoo.example/v2", "Production", {"region": "eu"}),
    Server("https://sandbox.zoo.example/v2", "Sandbox"),
)

_SECURITY_SCHEMES: dict[str, SecurityScheme] = {
    "bearerAuth": SecurityScheme("bearer", argument="bearer_auth"),
    "basicAuth": SecurityScheme("basic", argument="basic_auth"),
    "queryKey": SecurityScheme("api_key", name="key", location="query", argument="query_key"),
    "cookieKey": SecurityScheme(
        "api_key", name="zoo_session", location="cookie", argument="cookie_key"
    ),
    "oauthClient": SecurityScheme("bearer", argument="oauth_client", token_url="/oauth/token"),
}


# What each operation sends and expects, built (and its models imported) on its first call.
@cache
def _parameter_styles_endpoint() -> Endpoint[None]:
    return Endpoint(
        method="GET",
        path="/styles/{label}/{matrix}",
        params=(
            Param("label", "path", style="label", explode=True),
            Param("matrix", "path", style="matrix"),
            Param("cursor", "query"),
            Param("filter", "query", style="deepObject", explode=True),
            Param("ids", "query", style="pipeDelimited", explode=False),
            Param("words", "query", style="spaceDelimited", explode=False),
            Param("X-Trace-Id", "header"),
            Param("session", "cookie"),
        ),
        responses={
            "204": ResponseSpec("empty"),
        },
        security=(
            ("bearerAuth",),
            ("basicAuth",),
            ("queryKey",),
            ("cookieKey",),
        ),
    )


class Client(BaseClient):
    """Async client for Showcase (API version 2.1.0).

    Use it as `async with Client(...) as client:`, or call `await client.close()`.

    Servers (`server=`, by index or name; `base_url=` overrides them all):
    0. https://{region}.zoo.example/v2 (Production)
    1. https://sandbox.zoo.example/v2 (Sandbox)
    `region`: the server's `region`: one of eu, us

    Credentials (each applied to the operations that accept it):
    `bearer_auth`: bearer
    `basic_auth`: basic
    `query_key`: api key
    `cookie_key`: api key
    `oauth_client`: OAuth 2.0 for the keepers' tools.
      Or give `client_id` and `client_secret` (and optionally `scopes`; none means the
      server's default scopes): the client then fetches the access token itself (OAuth 2.0
      client credentials flow, from /oauth/token), keeps it until shortly before it expires,
      and gets a new one once when a call is answered 401. `oauth_client` also takes
      `ClientCredentials(...)` itself, e.g. with `auth_method="post"` for a token endpoint
      that wants the secret in the form body instead of HTTP Basic.
    """

    def __init__(
        self,
        *,
        base_url: str | None = None,
        server: int | Literal["Production", "Sandbox"] = 0,
        region: Literal["eu", "us"] | None = None,
        bearer_auth: str | CredentialProvider[str] | None = None,
        basic_auth: tuple[str, str] | CredentialProvider[tuple[str, str]] | None = None,
        query_key: str | CredentialProvider[str] | None = None,
        cookie_key: str | CredentialProvider[str] | None = None,
        oauth_client: str | CredentialProvider[str] | ClientCredentials | None = None,
        client_id: str | None = None,
        client_secret: str | None = None,
        scopes: str | Sequence[str] | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: Timeout | float | NotGiven | None = NOT_GIVEN,
        max_retries: int = 2,
        session: aiohttp.ClientSession | None = None,
        connector_limit: int = 100,
        connector_limit_per_host: int = 0,
        keepalive_timeout: float = 30.0,
        ttl_dns_cache: int = 300,
        max_concurrency: int | None = None,
        retry_non_idempotent: bool = False,
        strict_response_validation: bool = False,
        user_agent: str | None = None,
        max_response_size: int | None = DEFAULT_MAX_RESPONSE_SIZE,
        event_hooks: EventHooks | None = None,
        proxy: str | None = None,
        ssl: bool | ssl.SSLContext = True,
        trust_env: bool = False,
    ) -> None:
        credentials: dict[str, Credential] = {}
        if bearer_auth is not None:
            credentials["bearerAuth"] = bearer_auth
        if basic_auth is not None:
            credentials["basicAuth"] = basic_auth
        if query_key is not None:
            credentials["queryKey"] = query_key
        if cookie_key is not None:
            credentials["cookieKey"] = cookie_key
        if oauth_client is not None:
            credentials["oauthClient"] = oauth_client
        credentials.update(
            self._client_credentials(
                "oauthClient",
                client_id,
                client_secret,
                scopes,
                token=oauth_client,
                arguments=("oauth_client", "client_id", "client_secret", "scopes"),
            )
        )
        operation_servers = base_url is None  # a base_url given serves every operation
        if base_url is None:
            base_url = server_url(
                _SERVERS,
                server,
                {"region": region},
                {"region": ["eu", "us"]},
            )
        super().__init__(
            base_url=base_url,
            security_schemes=_SECURITY_SCHEMES,
            credentials=credentials,
            headers=headers,
            timeout=timeout,
            max_retries=max_retries,
            session=session,
            connector_limit=connector_limit,
            connector_limit_per_host=connector_limit_per_host,
            keepalive_timeout=keepalive_timeout,
            ttl_dns_cache=ttl_dns_cache,
            max_concurrency=max_concurrency,
            retry_non_idempotent=retry_non_idempotent,
            strict_response_validation=strict_response_validation,
            logger_name="showcase_client",
            user_agent=user_agent or "showcase-client/2.1.0 (aiosdkgen)",
            max_response_size=max_response_size,
            event_hooks=event_hooks,
            proxy=proxy,
            ssl=ssl,
            trust_env=trust_env,
            operation_servers=operation_servers,
        )

    @cached_property
    def animals(self) -> AnimalsResource:
        """Operations tagged animals."""
        from .resources.animals import AnimalsResource

        return AnimalsResource(self)

    @cached_property
    def media(self) -> MediaResource:
        """Operations tagged media."""
        from .resources.media import MediaResource

        return MediaResource(self)

    @cached_property
    def keepers(self) -> KeepersResource:
        """Operations tagged keepers."""
        from .resources.keepers import KeepersResource

        return KeepersResource(self)

    @cached_property
    def feed(self) -> FeedResource:
        """Operations tagged feed."""
        from .resources.feed import FeedResource

        return FeedResource(self)

    @cached_property
    def with_raw_response(self) -> ClientWithRawResponse:
        """The same methods, returning status, headers and the parsed body."""
        return ClientWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> ClientWithStreamingResponse:
        """The same methods, streaming the body instead of reading it whole."""
        return ClientWithStreamingResponse(self)

    async def parameter_styles(
        self,
        label: list[int],
        matrix: ParameterStylesMatrix,
        *,
        cursor: str | None,
        filter: ParameterStylesFilter | NotGiven = NOT_GIVEN,
        ids: list[int] | NotGiven = NOT_GIVEN,
        words: list[str] | NotGiven = NOT_GIVEN,
        x_trace_id: str | NotGiven = NOT_GIVEN,
        session: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> None:
        """Every parameter style (an untagged operation lives on the client itself)

        Responses:
            204: Nothing to say.
        """
        return await self.request(
            _parameter_styles_endpoint(),
            (
                label,
                matrix,
                cursor,
                filter,
                ids,
                words,
                x_trace_id,
                session,
            ),
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            max_retries=max_retries,
        )


class ClientWithRawResponse:
    """The methods of `Client`, returning a `RawResponse`: status, headers and the parsed body."""

    def __init__(self, owner: Client) -> None:
        self.parameter_styles: Final = to_raw_response_wrapper(owner.parameter_styles)


class ClientWithStreamingResponse:
    """The methods of `Client`, as context managers yielding an unread `StreamedResponse`."""

    def __init__(self, owner: Client) -> None:
        self.parameter_styles: Final = to_streamed_response_wrapper(owner.parameter_styles)
