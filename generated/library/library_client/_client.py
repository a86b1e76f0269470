"""The API client: configuration, connection pool and one attribute per resource."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from ._runtime import (
    DEFAULT_MAX_RESPONSE_SIZE,
    NOT_GIVEN,
    BaseClient,
    Credential,
    NotGiven,
    SecurityScheme,
    Server,
    server_url,
)

# Typing-only names: imported for real, they would load aiohttp, pydantic and every resource
# and model as soon as the SDK is imported; instead each loads on first use.
if TYPE_CHECKING:
    import ssl

    import aiohttp

    from ._runtime import EventHooks, Timeout
    from .resources.books import BooksResource

_SERVERS = (
    Server("https://library.example/v1", "production"),
    Server("https://staging.library.example/v1", "staging"),
)

_SECURITY_SCHEMES: dict[str, SecurityScheme] = {}


class Client(BaseClient):
    """Async client for Library (API version 1.0.0).

    Use it as `async with Client(...) as client:`, or call `await client.close()`.

    Servers (`server=`, by index or name; `base_url=` overrides them all):
    0. https://library.example/v1 (production)
    1. https://staging.library.example/v1 (staging)
    """

    def __init__(
        self,
        *,
        base_url: str | None = None,
        server: int | Literal["production", "staging"] = 0,
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
        operation_servers = base_url is None  # a base_url given serves every operation
        if base_url is None:
            base_url = server_url(
                _SERVERS,
                server,
                {},
                {},
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
            logger_name="library_client",
            user_agent=user_agent or "library-client/1.0.0 (aiosdkgen)",
            max_response_size=max_response_size,
            event_hooks=event_hooks,
            proxy=proxy,
            ssl=ssl,
            trust_env=trust_env,
            operation_servers=operation_servers,
        )

    @cached_property
    def books(self) -> BooksResource:
        """Operations tagged books."""
        from .resources.books import BooksResource

        return BooksResource(self)
