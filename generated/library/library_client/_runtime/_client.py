"""`BaseClient`: the request pipeline every generated client inherits.

One `request` call goes through: argument validation → URL, query, header and cookie
serialization → authentication → body encoding → send with retries (backoff, Retry-After,
idempotency-aware) → status check → decoding into the endpoint's declared type.

Connection management: each client owns one `aiohttp.ClientSession` (created lazily inside the
running event loop on the first request, so constructing a client never needs a loop) backed by
a pooled `TCPConnector`. A session passed by the caller is used as is and never closed. The
owned session uses a `DummyCookieJar`: the SDK is stateless, so cookies set by one response are
never replayed on later requests (cookie parameters and cookie API keys are sent explicitly).
A caller-supplied session must not have a ``base_url`` (the client always sends absolute URLs).

Redirects are followed by the runtime (`_redirect`), not by aiohttp: a redirect to another
origin (scheme, host or port) drops every credential (``Authorization``, API-key headers,
cookies, API keys in the query), while redirects within the origin keep them.

Buffered bodies are capped at `max_response_size` (100 MiB by default; `ResponseTooLargeError`),
streamed ones are not (`_limits`).

Retry counts: `max_retries` counts the runtime's own retries. Independently, aiohttp re-sends an
idempotent request (GET, HEAD, OPTIONS, PUT, DELETE, TRACE) once, within the same attempt and
timeout, when the connection drops before any response arrives (RFC 9112 9.3.1: a keep-alive
connection the server closed meanwhile). A server that keeps dropping connections therefore sees
up to ``2 * (max_retries + 1)`` such requests; POST and PATCH are never re-sent that way.
"""

from __future__ import annotations

import contextlib
import functools
import sys
import time
import warnings
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Mapping, Sequence
from contextvars import ContextVar
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeGuard, TypeVar, cast
from urllib.parse import urlsplit

if TYPE_CHECKING:
    import asyncio
    import logging
    import ssl as ssl_module

    import aiohttp
    import multidict
    import yarl
    from multidict import CIMultiDict, CIMultiDictProxy
    from yarl import URL

    from ._types import Timeout
else:
    from ._lazy import aiohttp, asyncio, logging, multidict, yarl

from . import _redirect, _retry
from ._auth import (
    AppliedAuth,
    Credential,
    SecurityScheme,
    StaticCredential,
    apply_credential,
    resolve_auth,
    scheme_place,
    secret_query_names,
    secret_values,
    shadowed_parameters,
    user_info_secrets,
)
from ._body import PreparedBody, encode_body
from ._endpoint import STREAM_KINDS, Endpoint, Param
from ._hooks import EventHooks, Hooks, RequestEvent, ResponseEvent
from ._limits import DEFAULT_MAX_RESPONSE_SIZE, read_body
from ._oauth import ClientCredentials, CredentialCache, Token, request_token, token_endpoint
from ._params import (
    base64_text,
    encode_query_pairs,
    join_cookies,
    serialize_cookie,
    serialize_header,
    serialize_path,
    serialize_query,
)
from ._redact import Redactor
from ._response import (
    OnDrift,
    RawResponse,
    ResponseContext,
    StreamedResponse,
    decode_error_body,
    decode_success,
    response_mode,
)
from ._types import NOT_GIVEN, Headers, NotGiven, Query, is_given
from .errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    ClientClosedError,
    CredentialProviderError,
    MissingCredentialError,
    ResponseValidationError,
    status_error_class,
)

__all__ = ["DEFAULT_STREAM_TIMEOUT", "DEFAULT_TIMEOUT", "RUNTIME_VERSION", "BaseClient"]

T = TypeVar("T")
_ClientT = TypeVar("_ClientT", bound="BaseClient")

RUNTIME_VERSION = "0.1.0"

_strict_validation: ContextVar[bool | None] = ContextVar(
    "aiosdkgen_strict_validation", default=None
)
"""Set by `BaseClient.response_validation` for the calls inside its block."""

_MAX_DRIFTS_REPORTED = 256
"""Distinct drifted operations logged per client; past that a server is drifting everywhere."""


@functools.cache
def _default_timeout() -> aiohttp.ClientTimeout:
    """Default per-request timeout: 60 s for the whole exchange, 10 s to get a connection."""
    return aiohttp.ClientTimeout(total=60.0, connect=10.0)


@functools.cache
def _default_stream_timeout() -> aiohttp.ClientTimeout:
    """Default for streamed responses: no overall deadline (a download may legitimately take
    long), but 10 s to connect and at most 60 s of silence between reads."""
    return aiohttp.ClientTimeout(total=None, connect=10.0, sock_read=60.0)


if TYPE_CHECKING:
    DEFAULT_TIMEOUT: aiohttp.ClientTimeout
    DEFAULT_STREAM_TIMEOUT: aiohttp.ClientTimeout


def __getattr__(name: str) -> Any:
    # The defaults are aiohttp objects: built (and aiohttp imported) on first read.
    if name == "DEFAULT_TIMEOUT":
        return _default_timeout()
    if name == "DEFAULT_STREAM_TIMEOUT":
        return _default_stream_timeout()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_EMPTY: Mapping[str, Any] = MappingProxyType({})
_DEBUG = 10  # logging.DEBUG, without importing logging to read it
_MAX_MESSAGE_BODY = 1000


def _default_user_agent() -> str:
    import platform  # only for this string, built on the first request

    return (
        f"aiosdkgen-runtime/{RUNTIME_VERSION} Python/{platform.python_version()} "
        f"aiohttp/{aiohttp.__version__}"
    )


def _is_client_timeout(value: object) -> bool:
    # Only a caller who already imported aiohttp can hold a ClientTimeout: don't import it here.
    aiohttp_module = sys.modules.get("aiohttp")
    return aiohttp_module is not None and isinstance(value, aiohttp_module.ClientTimeout)


def _check_timeout(value: object) -> None:
    if value is not None and (
        isinstance(value, bool) or not isinstance(value, int | float) or value <= 0
    ):
        raise ValueError(f"timeout must be a positive number, a ClientTimeout or None: {value!r}")


def _resolve_timeout(value: Timeout | float | None) -> aiohttp.ClientTimeout:
    if _is_client_timeout(value):
        return value  # type: ignore[return-value]
    _check_timeout(value)
    if value is None:
        return aiohttp.ClientTimeout(total=None)
    return aiohttp.ClientTimeout(total=float(value))  # type: ignore[arg-type]


class _PreparedRequest:
    """A fully serialized request, ready to be sent (possibly several times)."""

    __slots__ = ("body", "display_url", "has_idempotency_key", "headers", "method", "url")

    def __init__(
        self,
        *,
        method: str,
        url: URL,
        display_url: str,
        headers: CIMultiDict[str],
        body: PreparedBody | None,
    ) -> None:
        self.method = method
        self.url = url
        self.display_url = display_url
        self.headers = headers
        self.body = body
        self.has_idempotency_key = "Idempotency-Key" in headers


class _AfterResponse(Exception):
    """A transport failure that came after a server answered the request (a redirect target
    that cannot be reached): the request may have been acted on, whatever the failure says."""

    def __init__(self, error: aiohttp.ClientError | asyncio.TimeoutError) -> None:
        super().__init__()
        self.error = error


_MAX_PLANS = 4096


class _Plan:
    """What every call of one endpoint through one client has in common, worked out on its
    first call: the headers before per-call ones (user agent, ``Accept``, the client's own),
    the credentials to apply, and, for an endpoint without path parameters, the whole request
    sent when a call gives no argument at all (shared by those calls: never changed)."""

    __slots__ = ("auth", "bare", "headers", "missing", "shadowed")

    def __init__(
        self,
        headers: CIMultiDict[str],
        auth: AppliedAuth,
        shadowed: frozenset[Param],
        bare: _PreparedRequest | None,
        missing: tuple[frozenset[tuple[str, str]], ...] | None = None,
    ) -> None:
        self.headers = headers
        self.auth = auth
        # Parameters of the endpoint's own that a credential is also sent as (Trello's `key`):
        # when a call passes one, it replaces the credential.
        self.shadowed = shadowed
        self.bare = bare
        # No security alternative has all its credentials configured (and none is empty): per
        # alternative, the places (location, name) the call itself must fill for it to count.
        # None when nothing is missing.
        self.missing = missing


def _is_static_credential(value: object) -> TypeGuard[StaticCredential]:
    if isinstance(value, str):
        return True
    if not isinstance(value, tuple):
        return False
    parts = cast("tuple[object, ...]", value)
    return len(parts) == 2 and all(isinstance(part, str) for part in parts)


def _is_credential(value: object) -> bool:
    """For callers without a type checker: `credentials` values must be `Credential`s."""
    return isinstance(value, str | tuple | ClientCredentials) or callable(value)


def _is_provided(value: object) -> TypeGuard[StaticCredential | Token]:
    """Whether a provider's result is a credential (possibly with an expiry)."""
    if isinstance(value, Token):
        return _is_static_credential(value.value)
    return _is_static_credential(value)


_NO_TOKENS: Mapping[str, Token] = MappingProxyType({})


def _provider_done(cache: CredentialCache, task: asyncio.Task[StaticCredential | Token]) -> None:
    """Keep a provider call's `Token` for the next calls (its failure reached its callers)."""
    cache.pending = None
    if not task.cancelled() and task.exception() is None:
        result = task.result()
        if isinstance(result, Token):
            cache.token = result


class BaseClient:
    """Base class of generated API clients; holds configuration and the connection pool.

    Use it as ``async with Client(...) as client:`` or call `close()` when done. Clients are
    safe to share between tasks of one event loop; `max_concurrency` caps the number of requests
    in flight at once (useful when fanning out with ``asyncio.gather``).
    """

    def __init__(
        self,
        *,
        base_url: str,
        security_schemes: Mapping[str, SecurityScheme] = _EMPTY,
        credentials: Mapping[str, Credential] = _EMPTY,
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
        logger_name: str = "aiosdkgen",
        user_agent: str | None = None,
        max_response_size: int | None = DEFAULT_MAX_RESPONSE_SIZE,
        event_hooks: EventHooks | None = None,
        proxy: str | None = None,
        ssl: bool | ssl_module.SSLContext = True,
        trust_env: bool = False,
        operation_servers: bool = True,
    ) -> None:
        url = urlsplit(base_url)
        if url.scheme not in ("http", "https") or not url.hostname:
            raise ValueError(f"base_url must be an absolute http(s) URL, got {base_url!r}")
        if max_retries < 0:
            raise ValueError("max_retries must be >= 0")
        if max_concurrency is not None and max_concurrency < 1:
            raise ValueError("max_concurrency must be >= 1 or None")
        if max_response_size is not None and max_response_size < 1:
            raise ValueError("max_response_size must be >= 1 or None")
        for name, credential in credentials.items():
            if not _is_credential(credential):
                raise TypeError(
                    f"credential {name!r} must be a str, a (user, password) tuple or a function "
                    "returning one"
                )
        if session is not None and (proxy is not None or ssl is not True or trust_env):
            raise ValueError(
                "proxy, ssl and trust_env configure the session the client builds: with "
                "session=, set them on that session (and its connector) instead"
            )
        if proxy is not None and urlsplit(proxy).scheme not in ("http", "https"):
            raise ValueError("proxy must be an http:// or https:// URL")
        self.base_url: str = base_url.rstrip("/")
        # Send an operation with a server of its own there (False: `base_url` was given and
        # serves every operation, a mock's or a proxy's).
        self._operation_servers = operation_servers
        self.max_retries: int = max_retries
        self.retry_non_idempotent: bool = retry_non_idempotent
        self.strict_response_validation: bool = strict_response_validation
        """Raise `ResponseValidationError` for a 2xx body that does not fit its schema, instead
        of returning the typed value built from what did come (see `response_validation`)."""
        self._drifts_reported: set[tuple[str, int, str]] = set()
        self._report_drift_hook: OnDrift = self._report_drift
        self.max_response_size: int | None = max_response_size
        """Largest buffered response body in bytes (None: unlimited); streams are not capped,
        but one line or event of an event stream is (`_streaming`)."""
        if not isinstance(timeout, NotGiven) and not _is_client_timeout(timeout):
            _check_timeout(timeout)  # fail at construction, not at the first call
        self._timeout_setting = timeout
        self._timeout_is_default = isinstance(timeout, NotGiven)
        self._security_schemes = dict(security_schemes)
        self._credentials: dict[str, Credential] = dict(credentials)
        self._has_providers = any(
            callable(c) or isinstance(c, ClientCredentials) for c in self._credentials.values()
        )
        self._token_urls: dict[str, str] = {}
        """Per scheme given `ClientCredentials`, its token endpoint's absolute URL."""
        for name, credential in self._credentials.items():
            if isinstance(credential, ClientCredentials):
                scheme = self._security_schemes.get(name)
                if scheme is None or scheme.token_url is None:
                    raise ValueError(
                        f"credential {name!r}: client credentials need an OAuth 2.0 security "
                        "scheme with a token URL"
                    )
                self._token_urls[name] = token_endpoint(self.base_url, scheme.token_url)
        self._caches: dict[str, CredentialCache] = {}
        """Per scheme with a provider, its live `Token` and the provider call in flight."""
        self._headers = dict(headers or {})
        self._plans: dict[Endpoint[Any], _Plan] = {}
        self._user_agent_setting = user_agent
        self._session = session
        self._owns_session = session is None
        self._session_loop: asyncio.AbstractEventLoop | None = None
        self._connector_options: dict[str, Any] = {
            "limit": connector_limit,
            "limit_per_host": connector_limit_per_host,
            "keepalive_timeout": keepalive_timeout,
            "ttl_dns_cache": ttl_dns_cache,
        }
        if ssl is not True:
            self._connector_options["ssl"] = ssl
        self._session_options: dict[str, Any] = {}
        if proxy is not None:
            self._session_options["proxy"] = proxy
        if trust_env:
            self._session_options["trust_env"] = True
        self._semaphore = asyncio.Semaphore(max_concurrency) if max_concurrency else None
        self._logger_name = logger_name
        self._redactor = Redactor(
            secret_values(self._credentials)
            + user_info_secrets(self.base_url)
            + (user_info_secrets(proxy) if proxy is not None else []),
            secret_query_names(self._security_schemes),
        )
        key_headers = [
            s.name
            for s in self._security_schemes.values()
            if s.kind == "api_key" and s.location == "header" and s.name
        ]
        self._credential_filter = _redirect.CredentialFilter(
            key_headers, secret_values(self._credentials)
        )
        self._hooks: Hooks | None = None
        """Called around every attempt (see `_hooks`); None when there are none."""
        if event_hooks and any(event_hooks.values()):
            self._hooks = Hooks(event_hooks, key_headers, self._redactor)

    @staticmethod
    def _client_credentials(
        scheme: str,
        client_id: str | None,
        client_secret: str | None,
        scopes: str | Sequence[str] | None,
        *,
        token: object,
        arguments: tuple[str, str, str, str],
    ) -> dict[str, Credential]:
        """For a generated `Client`: scheme `scheme`'s `ClientCredentials` when the client ID
        and secret are given, else nothing. `arguments` names the `Client`'s arguments for the
        token, client ID, client secret and scopes (for messages); `token` is the first."""
        token_name, id_name, secret_name, scopes_name = arguments
        if client_id is None and client_secret is None:
            if scopes is not None:
                raise ValueError(f"{scopes_name}= needs {id_name}= and {secret_name}=")
            return {}
        if client_id is None or client_secret is None:
            raise ValueError(f"give both {id_name}= and {secret_name}=")
        if token is not None:
            raise ValueError(f"give {token_name}= or {id_name}= and {secret_name}=, not both")
        return {scheme: ClientCredentials(client_id, client_secret, scopes=scopes)}

    def __repr__(self) -> str:
        return f"<{type(self).__name__} base_url={self._redactor.url(self.base_url)!r}>"

    @functools.cached_property
    def timeout(self) -> aiohttp.ClientTimeout:
        """The default timeout of this client's calls (an `aiohttp.ClientTimeout`)."""
        setting = self._timeout_setting
        return _default_timeout() if isinstance(setting, NotGiven) else _resolve_timeout(setting)

    @functools.cached_property
    def _log(self) -> logging.Logger:
        return logging.getLogger(self._logger_name)

    @contextlib.contextmanager
    def response_validation(self, *, strict: bool) -> Generator[None, None, None]:
        """Strict or tolerant validation for the calls made inside this block, in this task
        (and tasks it starts), whatever the client's `strict_response_validation` says."""
        token = _strict_validation.set(strict)
        try:
            yield
        finally:
            _strict_validation.reset(token)

    def _on_drift(self) -> OnDrift | None:
        strict = _strict_validation.get()
        if strict is None:
            strict = self.strict_response_validation
        return None if strict else self._report_drift_hook

    def _report_drift(self, error: ResponseValidationError) -> None:
        """Log a response's mismatch with its schema once per method, status and URL path."""
        key = (error.method, error.status_code, error.url.partition("?")[0])
        if key in self._drifts_reported or len(self._drifts_reported) >= _MAX_DRIFTS_REPORTED:
            return
        self._drifts_reported.add(key)
        self._log.warning("Tolerated a response that does not fit its schema: %s", error)

    @functools.cached_property
    def _user_agent(self) -> str:
        return self._user_agent_setting or _default_user_agent()

    # -- lifecycle -------------------------------------------------------------------------

    async def __aenter__(self: _ClientT) -> _ClientT:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def close(self) -> None:
        """Close the owned session and its connections (a caller's session is left open).

        Idempotent; a later request opens a fresh session. Called in another event loop than
        the one the client was used in, it closes the connections in that loop if it is still
        running (in another thread); if that loop has ended, they cannot be closed any more:
        it warns (`RuntimeWarning`) and drops them.
        """
        session, self._session = self._session, None
        if session is None:
            return
        if not self._owns_session:
            self._session = session
            return
        used_in, self._session_loop = self._session_loop, None
        if session.closed:
            return
        if used_in is None or used_in is asyncio.get_running_loop():
            await session.close()
        elif used_in.is_running():
            closing = asyncio.run_coroutine_threadsafe(session.close(), used_in)
            await asyncio.wrap_future(closing)
        else:
            import warnings  # only this misuse needs it

            warnings.warn(
                f"{type(self).__name__}.close() was called in another event loop than the one "
                "the client was used in, which has ended: its connections could not be closed "
                "and are left to the garbage collector. Close a client in the loop that uses it "
                "(`async with Client(...) as client:` inside the coroutine given to "
                "asyncio.run), or create one client per event loop.",
                RuntimeWarning,
                stacklevel=2,
            )

    def _get_session(self) -> aiohttp.ClientSession:
        loop = asyncio.get_running_loop()
        session = self._session
        if session is not None:
            if self._owns_session and self._session_loop is not loop:
                raise RuntimeError(
                    "this client's session belongs to another event loop; create one client "
                    "per event loop (or close() it in the loop that used it before reusing it "
                    "in a new one)"
                )
            return session
        connector = aiohttp.TCPConnector(**self._connector_options)
        session = aiohttp.ClientSession(
            connector=connector, cookie_jar=aiohttp.DummyCookieJar(), **self._session_options
        )
        self._session = session
        self._session_loop = loop
        return session

    # -- request building ------------------------------------------------------------------

    def _plan(self, endpoint: Endpoint[Any]) -> _Plan:
        plan = self._plans.get(endpoint)
        if plan is None:
            if len(self._plans) >= _MAX_PLANS:
                self._plans.clear()  # endpoints built per call (not generated ones): stay bounded
            plan = self._plans[endpoint] = self._new_plan(endpoint)
        return plan

    def _new_plan(self, endpoint: Endpoint[Any]) -> _Plan:
        headers: CIMultiDict[str] = multidict.CIMultiDict()
        headers["User-Agent"] = self._user_agent
        if endpoint.accept is not None:
            headers["Accept"] = endpoint.accept
        elif any(spec.kind == "json" for spec in endpoint.responses.values()):
            headers["Accept"] = "application/json"
        headers.update(self._headers)
        resolved = resolve_auth(endpoint.security, self._security_schemes, self._credentials)
        missing = None
        if resolved is None:
            auth = AppliedAuth()
            # Request hooks may add the credential themselves (custom auth, signing): then the
            # server is left to judge.
            if self._hooks is None or not self._hooks.request:
                missing = self._missing_places(endpoint.security)
        else:
            auth = resolved
        shadowed = shadowed_parameters(endpoint.params, auth, self._security_schemes)
        bare: _PreparedRequest | None = None
        if (
            missing is None
            and not auth.providers
            and all(param.location != "path" for param in endpoint.params)
        ):
            bare_headers = headers.copy()
            bare_headers.update(auth.headers)
            if auth.cookies:
                bare_headers["Cookie"] = join_cookies(auth.cookies)
            bare = self._prepared(endpoint, endpoint.path, auth.query, bare_headers, None)
        return _Plan(headers, auth, shadowed, bare, missing)

    def _missing_places(
        self, security: tuple[tuple[str, ...], ...]
    ) -> tuple[frozenset[tuple[str, str]], ...] | None:
        """Per alternative, where the call must send what it lacks; None when an alternative
        names a scheme this client does not know (it cannot judge: the server will)."""
        schemes, credentials = self._security_schemes, self._credentials
        if any(name not in schemes for alternative in security for name in alternative):
            return None
        return tuple(
            frozenset(
                scheme_place(schemes[name]) for name in alternative if name not in credentials
            )
            for alternative in security
        )

    def _check_credentials(
        self,
        endpoint: Endpoint[Any],
        missing: tuple[frozenset[tuple[str, str]], ...],
        args: tuple[Any, ...],
        extra_headers: Headers | None,
        extra_query: Query | None,
    ) -> None:
        """Raise `MissingCredentialError` unless the call itself sends what an alternative
        lacks (a client or per-call header, a per-call query parameter, a parameter of the
        endpoint's in the scheme's place, a ``Cookie`` header for a cookie key, or user-info in
        `base_url` for an ``Authorization`` header)."""
        sent: set[tuple[str, str]] = {("header", name.lower()) for name in self._headers}
        if urlsplit(self.base_url).username is not None:
            sent.add(("header", "authorization"))  # aiohttp sends the user-info as basic auth
        for name, value in (extra_headers or {}).items():
            if value is None:
                sent.discard(("header", name.lower()))
            else:
                sent.add(("header", name.lower()))
        sent.update(("query", name) for name in (extra_query or {}))
        sent.update(
            ("header", p.name.lower()) if p.location == "header" else (p.location, p.name)
            for p, value in zip(endpoint.params, args, strict=True)
            if is_given(value)
        )
        has_cookie = ("header", "cookie") in sent
        for places in missing:
            if all(place in sent or (has_cookie and place[0] == "cookie") for place in places):
                return
        raise self._missing_error(endpoint)

    def _missing_error(self, endpoint: Endpoint[Any]) -> MissingCredentialError:
        def shown(name: str) -> str:
            scheme = self._security_schemes.get(name)
            if scheme is not None and scheme.argument:
                return f"{scheme.argument}="
            return repr(name)

        options = " or ".join(
            " and ".join(shown(name) for name in alternative) for alternative in endpoint.security
        )
        return MissingCredentialError(
            f"{endpoint.method} {endpoint.path} requires credentials that are not configured: "
            f"give the client {options}. Nothing was sent.",
            alternatives=endpoint.security,
            method=endpoint.method,
            url=self._redactor.url(self._root(endpoint) + endpoint.path),
        )

    async def _provide(
        self, endpoint: Endpoint[Any]
    ) -> tuple[AppliedAuth | None, Mapping[str, Token]]:
        """The plan's credentials with its providers' current values applied (None when the
        plan has no provider), and the `Token`s among those values, by scheme. Raises
        `CredentialProviderError`."""
        plan = self._plan(endpoint)
        auth = plan.auth
        if not auth.providers:
            return None, _NO_TOKENS
        provided = AppliedAuth(auth.scheme_names)
        values: dict[str, StaticCredential] = {}
        tokens: dict[str, Token] = {}
        for name in auth.providers:
            value = await self._obtain(endpoint, name)
            if isinstance(value, Token):
                tokens[name] = value
                value = value.value
            values[name] = value
        secrets = secret_values(values)
        self._redactor.remember(secrets)
        self._credential_filter.remember(secrets)
        for name, value in values.items():
            try:
                apply_credential(name, self._security_schemes[name], value, provided)
            except TypeError as exc:
                raise self._provider_error(endpoint, name, str(exc), None) from None
        return auth.merged(provided), tokens

    async def _obtain(self, endpoint: Endpoint[Any], name: str) -> StaticCredential | Token:
        """The current value of scheme `name`'s provider: its cached `Token` while that is
        live, else what a provider call returns; concurrent calls share one provider call."""
        cache = self._caches.get(name)
        if cache is None:
            cache = self._caches[name] = CredentialCache()
        token = cache.token
        if token is not None and not token.expired():
            return token
        task = cache.pending
        if task is None:
            task = asyncio.ensure_future(self._call_provider(endpoint, name))
            cache.pending = task
            task.add_done_callback(functools.partial(_provider_done, cache))
        # Shielded: a call cancelled while waiting does not cancel the others' provider call.
        return await asyncio.shield(task)

    async def _call_provider(self, endpoint: Endpoint[Any], name: str) -> StaticCredential | Token:
        provider = self._credentials[name]
        if isinstance(provider, ClientCredentials):
            return await request_token(
                session=self._get_session(),
                url=self._token_urls[name],
                credentials=provider,
                scheme=name,
                headers={"User-Agent": self._user_agent},
                timeout=self.timeout,
                redactor=self._redactor,
                log=self._log,
            )
        assert callable(provider)
        failure: BaseException
        try:
            value: object = provider()
            if isinstance(value, Awaitable):
                value = await value
        except Exception as exc:  # a provider's own failure: not a bug of the SDK's
            failure = exc
        else:
            if _is_provided(value):
                return value
            raise self._provider_error(
                endpoint,
                name,
                f"returned a {type(value).__name__}, not a str, a (user, password) tuple or a "
                "Token of one",
                None,
            )
        # Raised outside the `except` block: no implicit __context__ that could leak.
        detail = self._redactor.text(str(failure))
        reason = f"raised {type(failure).__name__}" + (f": {detail}" if detail else "")
        raise self._provider_error(endpoint, name, reason, self._safe_cause(failure))

    def _provider_error(
        self, endpoint: Endpoint[Any], name: str, reason: str, cause: BaseException | None
    ) -> CredentialProviderError:
        scheme = self._security_schemes.get(name)
        which = f"{scheme.argument}=" if scheme is not None and scheme.argument else repr(name)
        error = CredentialProviderError(
            f"The credential provider for {which} {reason}; "
            f"{endpoint.method} {endpoint.path} was not sent",
            scheme=name,
            method=endpoint.method,
            url=self._redactor.url(self._root(endpoint) + endpoint.path),
        )
        error.__cause__ = cause
        error.__suppress_context__ = True
        return error

    def _prepare(
        self,
        endpoint: Endpoint[Any],
        args: tuple[Any, ...],
        body: Any,
        extra_headers: Headers | None,
        extra_query: Query | None,
        content_type: str | None,
        provided: AppliedAuth | None = None,
    ) -> _PreparedRequest:
        """The request for one call; `provided`: the plan's credentials with its providers'
        values applied (see `_provide`)."""
        if len(args) != len(endpoint.params):
            raise TypeError(
                f"{endpoint.method} {endpoint.path} takes {len(endpoint.params)} parameter "
                f"values, got {len(args)}"
            )
        plan = self._plan(endpoint)
        if plan.missing is not None:
            self._check_credentials(endpoint, plan.missing, args, extra_headers, extra_query)
        if (
            plan.bare is not None
            and not extra_headers
            and not extra_query
            and isinstance(body, NotGiven)
            and all(isinstance(value, NotGiven) for value in args)
        ):
            return plan.bare
        path = endpoint.path
        query: list[str] = []
        param_headers: dict[str, str] = {}
        cookies: list[str] = []
        for param, value in zip(endpoint.params, args, strict=True):
            if isinstance(value, NotGiven):
                if param.location == "path":
                    raise TypeError(f"path parameter {param.name!r} is required")
                continue
            if extra_query and param.location == "query" and param.name in extra_query:
                continue  # the call's own value replaces it (a default included)
            if param.deprecated is not None:
                # At the caller's line: user code -> generated method -> request -> here.
                warnings.warn(param.deprecated, DeprecationWarning, stacklevel=4)
            if param.base64:
                value = base64_text(value)
            self._apply_param(param, value, query, param_headers, cookies)
            if param.location == "path":
                path = path.replace("{" + param.name + "}", serialize_path(param, value))

        auth = plan.auth if provided is None else provided
        if plan.shadowed:
            passed = zip(endpoint.params, args, strict=True)
            auth = auth.without(p for p, v in passed if is_given(v) and p in plan.shadowed)
        query.extend(auth.query)
        cookies.extend(auth.cookies)
        if extra_query:
            query.extend(encode_query_pairs(extra_query))

        headers = plan.headers.copy()
        prepared_body: PreparedBody | None = None
        if not isinstance(body, NotGiven):
            if not endpoint.body:
                raise TypeError(f"{endpoint.method} {endpoint.path} does not take a request body")
            spec = endpoint.body[0]
            if content_type is not None:
                matches = [b for b in endpoint.body if b.media_type == content_type]
                if not matches:
                    raise ValueError(
                        f"{endpoint.method} {endpoint.path} does not accept {content_type!r}"
                    )
                spec = matches[0]
            prepared_body = encode_body(spec, body)
            headers.update(prepared_body.headers)

        headers.update(param_headers)
        headers.update(auth.headers)
        if cookies:
            headers["Cookie"] = join_cookies(cookies)
        for name, header_value in (extra_headers or {}).items():
            if header_value is None:
                headers.popall(name, None)
            else:
                headers[name] = header_value
        return self._prepared(endpoint, path, query, headers, prepared_body)

    def _root(self, endpoint: Endpoint[Any]) -> str:
        """Where `endpoint`'s path is appended: its own server, or `base_url`."""
        if endpoint.server is not None and self._operation_servers:
            return endpoint.server
        return self.base_url

    def _prepared(
        self,
        endpoint: Endpoint[Any],
        path: str,
        query: list[str],
        headers: CIMultiDict[str],
        body: PreparedBody | None,
    ) -> _PreparedRequest:
        url_text = self._root(endpoint) + path
        if query:
            url_text += "?" + "&".join(query)
        return _PreparedRequest(
            method=endpoint.method,
            url=yarl.URL(url_text, encoded=True),
            display_url=self._redactor.url(url_text),
            headers=headers,
            body=body,
        )

    @staticmethod
    def _apply_param(
        param: Param, value: Any, query: list[str], headers: dict[str, str], cookies: list[str]
    ) -> None:
        if param.location == "query":
            query.extend(serialize_query(param, value))
        elif param.location == "header":
            text = serialize_header(param, value)
            if text is not None:
                headers[param.name] = text
        elif param.location == "cookie":
            cookies.extend(serialize_cookie(param, value))

    # -- sending ---------------------------------------------------------------------------

    async def request(
        self,
        endpoint: Endpoint[T],
        args: tuple[Any, ...] = (),
        body: Any = NOT_GIVEN,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        content_type: str | None = None,
        url: str | None = None,
    ) -> T:
        """Send one API call described by `endpoint` and return its decoded result.

        `args` are the parameter values aligned with ``endpoint.params`` (`NOT_GIVEN` for an
        omitted optional parameter). `body` is encoded per the endpoint's first body alternative,
        or the one whose media type is `content_type`. `timeout` and `max_retries` override the
        client's settings for this call. Raises `APIStatusError` subclasses for non-2xx
        responses, `APIConnectionError`/`APITimeoutError` for transport failures and
        `ResponseValidationError` when a 2xx body does not match the schema.

        Inside `to_raw_response_wrapper` / `to_streamed_response_wrapper` this returns a
        `RawResponse` / `StreamedResponse` instead (the wrappers restore the static type).

        `url`, an absolute URL of the client's origin (a next-page link), is requested instead
        of the endpoint's path and parameters (see `_relocated`).
        """
        mode = response_mode.get()
        if mode is not None:
            response_mode.set(None)  # the mode applies to this call only, not to nested calls
        provided, tokens = (
            await self._provide(endpoint) if self._has_providers else (None, _NO_TOKENS)
        )
        prepared = self._prepare(
            endpoint, args, body, extra_headers, extra_query, content_type, provided
        )
        if url is not None:
            prepared = self._relocated(endpoint, prepared, url, provided, extra_query)
        # An operation that streams items (events, JSON lines) returns them unread.
        stream = mode == "stream" or (mode is None and endpoint.streams)
        if not isinstance(timeout, NotGiven):
            client_timeout = _resolve_timeout(timeout)
        elif stream and self._timeout_is_default:
            client_timeout = _default_stream_timeout()
        else:
            client_timeout = self.timeout
        retries = self.max_retries if isinstance(max_retries, NotGiven) else max_retries
        if retries < 0:
            raise ValueError("max_retries must be >= 0")
        if prepared.body is not None and not prepared.body.replayable and retries:
            self._log.debug(
                "Not retrying %s %s: the body is a one-shot stream",
                prepared.method,
                prepared.display_url,
            )
            retries = 0
        # A 401 to a call made with a cached token: the token may have been revoked early.
        refresh = bool(tokens) and (prepared.body is None or prepared.body.replayable)
        try:
            outcome = await self._send(endpoint, prepared, client_timeout, retries, stream)
        except AuthenticationError:
            if not refresh:
                raise
            for name, token in tokens.items():
                self._caches[name].invalidate(token)
            self._log.debug(
                "Sending %s %s again with a new credential after HTTP 401",
                prepared.method,
                prepared.display_url,
            )
            provided, _ = await self._provide(endpoint)
            prepared = self._prepare(
                endpoint, args, body, extra_headers, extra_query, content_type, provided
            )
            outcome = await self._send(endpoint, prepared, client_timeout, retries, stream)
        if isinstance(outcome, StreamedResponse):
            if mode is None:
                return await self._open_stream(outcome)
            return outcome  # type: ignore[return-value]
        ctx, content, elapsed = outcome
        spec = endpoint.response_spec(ctx.status_code)
        if mode is None:
            result: T = decode_success(spec, ctx, content, self._on_drift())
            return result
        raw = RawResponse(
            ctx=ctx,
            content=content,
            parser=functools.partial(decode_success, spec, ctx, on_drift=self._on_drift()),
            elapsed=elapsed,
        )
        return raw  # type: ignore[return-value]

    def _relocated(
        self,
        endpoint: Endpoint[Any],
        prepared: _PreparedRequest,
        url: str,
        provided: AppliedAuth | None,
        extra_query: Query | None,
    ) -> _PreparedRequest:
        """`prepared` sent to `url` (a next-page link the API gave) instead: the link's path and
        query, plus the query credentials and `extra_query` of every call unless the link
        already carries them; headers and body unchanged. Only the client's own origin."""
        target = yarl.URL(url).with_fragment(None)
        if not target.absolute or target.origin() != yarl.URL(self.base_url).origin():
            raise ValueError(f"{self._redactor.url(url)!r} is not on the client's origin")
        auth = self._plan(endpoint).auth if provided is None else provided
        carried = {pair.partition("=")[0] for pair in target.raw_query_string.split("&")}
        added = [
            pair
            for pair in (*auth.query, *encode_query_pairs(extra_query or {}))
            if pair.partition("=")[0] not in carried
        ]
        text = str(target)
        if added:
            text += ("&" if target.raw_query_string else "?") + "&".join(added)
        return _PreparedRequest(
            method=prepared.method,
            url=yarl.URL(text, encoded=True),
            display_url=self._redactor.url(text),
            headers=prepared.headers,
            body=prepared.body,
        )

    async def _open_stream(self, streamed: StreamedResponse[T]) -> T:
        """The stream of items a streaming operation returns; a success without one (a 204)
        is decoded as usual (its body capped at `max_response_size`)."""
        if streamed.streams:
            return await streamed.parse()
        try:
            return await streamed.parse_capped(self.max_response_size)
        finally:
            await streamed.close()

    def _retry_allowed(self, endpoint: Endpoint[Any], prepared: _PreparedRequest) -> bool:
        """Whether a request that may have reached the server can be repeated safely."""
        return endpoint.is_idempotent or self.retry_non_idempotent or prepared.has_idempotency_key

    def _release(self) -> None:
        if self._semaphore is not None:
            self._semaphore.release()

    async def _attempt(
        self,
        session: aiohttp.ClientSession,
        endpoint: Endpoint[T],
        prepared: _PreparedRequest,
        timeout: aiohttp.ClientTimeout,
        stream: bool,
    ) -> tuple[float, tuple[ResponseContext, bytes] | StreamedResponse[T]]:
        """Send once (following redirects), holding a concurrency slot only while the request
        is in flight.

        Returns when the request was sent (`time.monotonic()`, once a slot was free) and the
        response context and body, or (for a successful streamed request) a `StreamedResponse`
        that releases the slot when closed. Transport errors propagate unchanged.
        """
        if self._semaphore is not None:
            await self._semaphore.acquire()
        handed_off = False
        try:
            body = prepared.body
            started = time.monotonic()  # the timeout's total covers the redirects too
            response = await session.request(
                prepared.method,
                prepared.url,
                headers=prepared.headers,
                data=body.factory() if body is not None else None,
                timeout=timeout,
                allow_redirects=False,  # followed below, without leaking credentials
            )
            redirected = False
            if response.status in _redirect.REDIRECT_STATUSES and not endpoint.redirect_is_answer:
                redirected = True
                try:
                    response = await _redirect.follow(
                        session,
                        response,
                        method=prepared.method,
                        url=prepared.url,
                        headers=prepared.headers,
                        body=body,
                        timeout=timeout,
                        started=started,
                        credentials=self._credential_filter,
                        redactor=self._redactor,
                        log=self._log,
                    )
                except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
                    # The first server answered: the request reached it, even if the
                    # connection to where it redirected was never made.
                    raise _AfterResponse(exc) from None
            ctx = ResponseContext(
                response, method=prepared.method, url=prepared.display_url, redactor=self._redactor
            )
            if redirected:
                ctx.redirected = True
            if stream and 200 <= response.status < 300:
                handed_off = True
                return started, StreamedResponse(
                    response=response,
                    ctx=ctx,
                    parser=functools.partial(
                        decode_success,
                        endpoint.response_spec(ctx.status_code),
                        ctx,
                        on_drift=self._on_drift(),
                    ),
                    on_close=self._release,
                    live=self._stream_opener(endpoint, ctx),
                )
            try:
                content = await read_body(
                    response, self.max_response_size, prepared.method, prepared.display_url
                )
            finally:
                response.release()
            return started, (ctx, content)
        finally:
            if not handed_off:
                self._release()

    def _stream_opener(
        self, endpoint: Endpoint[Any], ctx: ResponseContext
    ) -> Callable[[AsyncIterator[bytes], Callable[[], None]], Any] | None:
        """For a success that is a stream of items, what builds that stream (`_streaming`)."""
        if not endpoint.streams:
            return None
        spec = endpoint.response_spec(ctx.status_code)
        if spec is None or spec.kind not in STREAM_KINDS:
            return None
        from ._streaming import open_stream

        return functools.partial(open_stream, spec, ctx, self._on_drift(), self.max_response_size)

    async def _send(
        self,
        endpoint: Endpoint[T],
        prepared: _PreparedRequest,
        timeout: aiohttp.ClientTimeout,
        max_retries: int,
        stream: bool,
    ) -> tuple[ResponseContext, bytes, float] | StreamedResponse[T]:
        """Send with retries; returns a successful response's context, body and seconds taken,
        or a `StreamedResponse`. Raises `APIError`s."""
        session = self._get_session()
        method, display_url = prepared.method, prepared.display_url
        log = self._log
        hooks = self._hooks
        retry_index = 0
        while True:
            remaining = max_retries - retry_index
            debug = log.isEnabledFor(_DEBUG)  # once an attempt: the message is rarely wanted
            if debug:
                log.debug("HTTP request: %s %s", method, display_url)
            attempt = prepared
            event: RequestEvent | None = None
            began = 0.0
            if hooks is not None:
                event, attempt = await self._before_attempt(hooks, prepared, retry_index)
                began = time.monotonic()
            delay: float | None = None
            cause = ""
            try:
                sent, outcome = await self._attempt(session, endpoint, attempt, timeout, stream)
            except (aiohttp.ClientError, asyncio.TimeoutError, _AfterResponse) as raised:
                exc, reached = (
                    (raised.error, True) if isinstance(raised, _AfterResponse) else (raised, False)
                )
                retry_allowed = self._retry_allowed(endpoint, prepared)  # failures only
                if session.closed:  # close() cut the connection: not a failure to retry
                    failure: APIError = self._closed_error(prepared)
                else:
                    failure = self._transport_error(exc, prepared)
                    if remaining > 0 and self._should_retry_error(exc, retry_allowed, reached):
                        delay = _retry.retry_delay(retry_index, None)
                        cause = type(exc).__name__
            except RuntimeError:
                # aiohttp's "Session is closed": close() came while this call waited for a
                # concurrency slot or to retry.
                if not session.closed:
                    raise
                failure = self._closed_error(prepared)
            else:
                elapsed = time.monotonic() - sent  # not the wait for a concurrency slot
                if isinstance(outcome, StreamedResponse):
                    if debug:
                        log.debug(
                            "HTTP response: %s %s -> %d (%.3fs, streaming)",
                            method,
                            display_url,
                            outcome.status_code,
                            elapsed,
                        )
                    if hooks is not None and event is not None:
                        try:
                            await hooks.after(
                                ResponseEvent(
                                    event,
                                    status_code=outcome.status_code,
                                    headers=outcome.headers,
                                    elapsed=elapsed,
                                    error=None,
                                )
                            )
                        except BaseException:
                            await outcome.close()
                            raise
                    return outcome
                ctx, content = outcome
                status = ctx.status_code
                if debug:
                    log.debug(
                        "HTTP response: %s %s -> %d (%.3fs)", method, display_url, status, elapsed
                    )
                if hooks is not None and event is not None:
                    await hooks.after(
                        ResponseEvent(
                            event,
                            status_code=status,
                            headers=ctx.headers,
                            elapsed=elapsed,
                            error=None,
                        )
                    )
                if 200 <= status < 300 or (
                    endpoint.redirect_is_answer and status in _redirect.REDIRECT_STATUSES
                ):
                    return ctx, content, elapsed  # never retried, whatever it says
                retry_allowed = self._retry_allowed(endpoint, prepared)
                if remaining > 0 and self._should_retry_status(
                    status, ctx.headers, retry_allowed, ctx.redirected
                ):
                    delay = _retry.retry_delay(retry_index, ctx.headers)
                    self._log_retry(prepared, delay, retry_index, max_retries, f"HTTP {status}")
                    retry_index += 1
                    await _retry.sleep(delay)
                    continue
                raise self._status_error(endpoint, ctx, content)
            # Only a failure gets here. Hooks run and the error is raised outside the `except`
            # block: no implicit __context__ holding the transport exception (whose text or
            # repr may carry credentials).
            if hooks is not None and event is not None:
                await hooks.after(
                    ResponseEvent(
                        event,
                        status_code=None,
                        headers=None,
                        elapsed=time.monotonic() - began,
                        error=failure,
                    )
                )
            if delay is not None:
                self._log_retry(prepared, delay, retry_index, max_retries, cause)
                retry_index += 1
                await _retry.sleep(delay)
                continue
            raise failure

    async def _before_attempt(
        self, hooks: Hooks, prepared: _PreparedRequest, retry_index: int
    ) -> tuple[RequestEvent, _PreparedRequest]:
        """Run the request hooks; the request to send, with the headers they left."""
        event, headers = await hooks.before(
            prepared.method, prepared.display_url, prepared.headers, retry_index + 1
        )
        if headers is prepared.headers:
            return event, prepared
        attempt = _PreparedRequest(
            method=prepared.method,
            url=prepared.url,
            display_url=prepared.display_url,
            headers=headers,
            body=prepared.body,
        )
        return event, attempt

    def _log_retry(
        self, prepared: _PreparedRequest, delay: float, index: int, total: int, cause: str
    ) -> None:
        self._log.debug(
            "Retrying %s %s in %.2fs (retry %d of %d) after %s",
            prepared.method,
            prepared.display_url,
            delay,
            index + 1,
            total,
            cause,
        )

    @staticmethod
    def _should_retry_error(exc: BaseException, retry_allowed: bool, reached: bool) -> bool:
        """`reached`: a server answered this attempt before `exc` (a redirect was followed)."""
        if isinstance(
            exc,
            aiohttp.InvalidURL | aiohttp.ClientConnectorCertificateError | aiohttp.TooManyRedirects,
        ):
            return False  # retrying cannot fix these
        # The connection was never established, so the server cannot have seen the request.
        not_sent = not reached and isinstance(
            exc, aiohttp.ClientConnectorError | aiohttp.ConnectionTimeoutError
        )
        return retry_allowed or not_sent

    @staticmethod
    def _should_retry_status(
        status: int, headers: CIMultiDictProxy[str], retry_allowed: bool, redirected: bool
    ) -> bool:
        # A server can say whether a retry makes sense (``x-should-retry``), but not that a
        # request which may have been acted on is safe to repeat: that stays the caller's call.
        hint = headers.get("x-should-retry", "").lower()
        if hint == "false":
            return False
        if hint != "true" and status not in _retry.RETRYABLE_STATUSES:
            return False
        # 429 and 503 say the server that sent them did not act on the request; after a
        # redirect, the server that redirected did see it.
        return retry_allowed or (status in _retry.NOT_PROCESSED_STATUSES and not redirected)

    def _status_error(
        self, endpoint: Endpoint[Any], ctx: ResponseContext, content: bytes
    ) -> APIError:
        body = decode_error_body(endpoint.response_spec(ctx.status_code), ctx, content)
        detail = ""
        if content:
            cut = len(content) > _MAX_MESSAGE_BODY
            # Scrubbed before the URL part is added: a secret cut in half by the limit goes too.
            detail = self._redactor.text(ctx.text(content[:_MAX_MESSAGE_BODY]), cut=cut)
            if cut:
                detail += "..."
        message = f"{ctx.status_code} {ctx.reason or ''}".rstrip()
        message = f"{message} for {ctx.method} {ctx.url}"
        if detail:
            message = f"{message}: {detail}"
        cls = status_error_class(ctx.status_code)
        return cls(
            self._redactor.text(message),
            status_code=ctx.status_code,
            method=ctx.method,
            url=ctx.url,
            headers=ctx.headers,
            body=body,
            content=content,
        )

    @staticmethod
    def _closed_error(prepared: _PreparedRequest) -> ClientClosedError:
        return ClientClosedError(
            f"The client (or the session given to it) was closed while this call was in "
            f"flight: {prepared.method} {prepared.display_url} (close() a client only once its "
            "calls are done)",
            method=prepared.method,
            url=prepared.display_url,
        )

    def _transport_error(self, exc: BaseException, prepared: _PreparedRequest) -> APIError:
        """The SDK error for a transport failure, chained to it unless that would leak."""
        where = f"{prepared.method} {prepared.display_url}"
        detail = self._redactor.text(str(exc))
        error: APIError
        if isinstance(exc, asyncio.TimeoutError):
            error = APITimeoutError(
                f"Request timed out: {where}", method=prepared.method, url=prepared.display_url
            )
        else:
            message = f"Connection error: {where}: {type(exc).__name__}"
            if detail:
                message = f"{message}: {detail}"
            error = APIConnectionError(message, method=prepared.method, url=prepared.display_url)
        error.__cause__ = self._safe_cause(exc)
        error.__suppress_context__ = True
        return error

    def _safe_cause(self, exc: BaseException) -> BaseException | None:
        """The transport exception, unless its text or repr would leak a credential.

        (aiohttp's `ClientResponseError` repr holds the request's headers.)
        """
        for text in (str(exc), repr(exc)):
            if self._redactor.text(text) != text or self._redactor.url(text) != text:
                return None
        return exc
