"""The API client: configuration, connection pool and one attribute per resource."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING

import aiohttp

from ._runtime import (
    NOT_GIVEN,
    BaseClient,
    Credential,
    NotGiven,
    SecurityScheme,
    Timeout,
)

if TYPE_CHECKING:
    from .resources.animals import AnimalsResource

    pass

_SECURITY_SCHEMES: dict[str, SecurityScheme] = {}


class Client(BaseClient):
    """Async client for Showcase (API version 2.1.0).

    Use it as `async with Client(...) as client:`, or call `await client.close()`.
    """

    def __init__(
        self,
        *,
        base_url: str = "https://eu.zoo.example/v2",
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
        user_agent: str | None = None,
    ) -> None:
        credentials: dict[str, Credential] = {}
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
            logger_name="showcase_client",
            user_agent=user_agent or "showcase-client/2.1.0 (aiosdkgen)",
        )

    @cached_property
    def animals(self) -> AnimalsResource:
        """Operations tagged animals."""
        from .resources.animals import AnimalsResource

        return AnimalsResource(self)
