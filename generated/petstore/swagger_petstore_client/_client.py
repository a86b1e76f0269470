"""The API client: configuration, connection pool and one attribute per resource."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING

from ._runtime import (
    DEFAULT_MAX_RESPONSE_SIZE,
    NOT_GIVEN,
    BaseClient,
    Credential,
    NotGiven,
    SecurityScheme,
)

# Typing-only names: imported for real, they would load aiohttp, pydantic and every resource
# and model as soon as the SDK is imported; instead each loads on first use.
if TYPE_CHECKING:
    import ssl

    import aiohttp

    from ._runtime import CredentialProvider, EventHooks, Timeout
    from .resources.pet import PetResource
    from .resources.store import StoreResource
    from .resources.user import UserResource

_SECURITY_SCHEMES: dict[str, SecurityScheme] = {
    "petstore_auth": SecurityScheme("bearer", argument="petstore_auth"),
    "api_key": SecurityScheme("api_key", name="api_key", location="header", argument="api_key"),
}


class Client(BaseClient):
    """Async client for Swagger Petstore (API version 1.0.19).

    Use it as `async with Client(...) as client:`, or call `await client.close()`.
    `base_url` is required: the API's server URL is relative or templated.

    Credentials (each applied to the operations that accept it):
    `petstore_auth`: bearer
      An OAuth 2.0 access token: the SDK does not run the implicit flow; obtain the token
      elsewhere and pass it, or a provider of it.
    `api_key`: api key
    """

    def __init__(
        self,
        *,
        base_url: str,
        petstore_auth: str | CredentialProvider[str] | None = None,
        api_key: str | CredentialProvider[str] | None = None,
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
        if petstore_auth is not None:
            credentials["petstore_auth"] = petstore_auth
        if api_key is not None:
            credentials["api_key"] = api_key
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
            logger_name="swagger_petstore_client",
            user_agent=user_agent or "swagger-petstore-client/1.0.19 (aiosdkgen)",
            max_response_size=max_response_size,
            event_hooks=event_hooks,
            proxy=proxy,
            ssl=ssl,
            trust_env=trust_env,
        )

    @cached_property
    def pet(self) -> PetResource:
        """Everything about your Pets"""
        from .resources.pet import PetResource

        return PetResource(self)

    @cached_property
    def store(self) -> StoreResource:
        """Access to Petstore orders"""
        from .resources.store import StoreResource

        return StoreResource(self)

    @cached_property
    def user(self) -> UserResource:
        """Operations about user"""
        from .resources.user import UserResource

        return UserResource(self)
