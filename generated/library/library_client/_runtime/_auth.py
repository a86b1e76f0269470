"""Security schemes, credentials and how they are applied to a request.

An endpoint's `security` lists OpenAPI security requirement alternatives; each alternative is a
tuple of scheme names that must all be applied together. The runtime applies the first
alternative whose schemes all have a credential; an empty alternative means anonymous access is
allowed. When no alternative can be satisfied (and none is empty) the call raises
`MissingCredentialError` before anything is sent, unless the caller sends the credential itself
(a client or per-call header, query parameter or cookie in the place the scheme uses).

A credential is a value or a provider: a function or coroutine function returning the current
value, called once per call (before its first attempt), so keys and tokens rotate without a new
client. Static values are applied once per endpoint and cached; only providers cost per call.
Concurrent calls share a provider call in flight (a value that must differ per request, such
as a signature, belongs in a request hook). A provider returning a `Token` is called again only
when it expires, or after a 401 (see `_oauth`), like the built-in `ClientCredentials`.
"""

from __future__ import annotations

import base64
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Literal, TypeAlias, TypeVar
from urllib.parse import quote, unquote, urlsplit

from ._oauth import ClientCredentials, Token
from ._record import Record

if TYPE_CHECKING:
    from ._endpoint import Param

__all__ = [
    "AppliedAuth",
    "Credential",
    "CredentialProvider",
    "SecurityScheme",
    "resolve_auth",
    "shadowed_parameters",
]

_V = TypeVar("_V")

CredentialProvider: TypeAlias = Callable[[], _V | Token | Awaitable[_V | Token]]
"""A function or coroutine function returning the current credential, called once per call:
``CredentialProvider[str]`` for a token or key, ``CredentialProvider[tuple[str, str]]`` for
basic auth. It may return a `Token` (the value with an expiry): then it is called again only
when that expires."""

StaticCredential: TypeAlias = str | tuple[str, str]

Credential: TypeAlias = (
    str
    | tuple[str, str]
    | CredentialProvider[str]
    | CredentialProvider[tuple[str, str]]
    | ClientCredentials
)
"""A bearer token or API key (``str``), a ``(username, password)`` pair for basic auth, a
provider of one, or (for an OAuth 2.0 scheme with a token URL) `ClientCredentials`."""


class SecurityScheme(Record):
    """A scheme from ``components/securitySchemes``.

    ``kind="bearer"`` sends ``Authorization: Bearer <token>``; ``"basic"`` sends HTTP basic auth
    from a ``(user, password)`` credential; ``"api_key"`` sends the key as header, query parameter
    or cookie `name` depending on `location`.
    """

    __slots__ = ("argument", "kind", "location", "name", "token_url")
    kind: Literal["bearer", "basic", "api_key"]
    name: str | None
    location: Literal["header", "query", "cookie"] | None
    argument: str | None
    """The generated `Client`'s keyword argument for this scheme's credential (for messages)."""
    token_url: str | None
    """An OAuth 2.0 bearer scheme's client credentials token URL (relative to the base URL or
    absolute): the scheme then also takes `ClientCredentials`."""

    def __init__(
        self,
        kind: Literal["bearer", "basic", "api_key"],
        name: str | None = None,
        location: Literal["header", "query", "cookie"] | None = None,
        *,
        argument: str | None = None,
        token_url: str | None = None,
    ) -> None:
        if kind == "api_key" and (name is None or location is None):
            raise ValueError("api_key security schemes need both `name` and `location`")
        if token_url is not None and kind != "bearer":
            raise ValueError("only bearer security schemes can have a token URL")
        self._set(kind=kind, name=name, location=location, argument=argument, token_url=token_url)


class AppliedAuth:
    """The request parts produced by the selected security alternative."""

    __slots__ = ("cookies", "headers", "providers", "query", "scheme_names")

    def __init__(self, scheme_names: tuple[str, ...] = ()) -> None:
        self.headers: dict[str, str] = {}
        self.query: list[str] = []
        self.cookies: list[str] = []
        self.scheme_names = scheme_names
        self.providers: tuple[str, ...] = ()
        """The schemes of `scheme_names` whose credential is a provider: not applied yet."""

    def merged(self, other: AppliedAuth) -> AppliedAuth:
        """These parts and `other`'s (the providers' values), for one call."""
        out = AppliedAuth(self.scheme_names)
        out.headers = {**self.headers, **other.headers}
        out.query = self.query + other.query
        out.cookies = self.cookies + other.cookies
        return out

    def without(self, params: Iterable[Param]) -> AppliedAuth:
        """These parts but those sent under the name and in the place of one of `params`."""
        dropped = {_place(param.location, param.name) for param in params}
        if not dropped:
            return self
        out = AppliedAuth(self.scheme_names)
        out.providers = self.providers
        out.headers = {
            name: value
            for name, value in self.headers.items()
            if _place("header", name) not in dropped
        }
        out.query = [e for e in self.query if _place("query", _entry_name(e)) not in dropped]
        out.cookies = [e for e in self.cookies if _place("cookie", _entry_name(e)) not in dropped]
        return out


def _place(location: str, name: str) -> tuple[str, str]:
    """Where a value is sent: header names are case-insensitive, the others are not."""
    return (location, name.lower() if location == "header" else name)


def _entry_name(entry: str) -> str:
    return unquote(entry.partition("=")[0])


_NO_AUTH = AppliedAuth()  # no credential to send: shared, so read it, never change it


def apply_credential(
    scheme_name: str, scheme: SecurityScheme, credential: StaticCredential, out: AppliedAuth
) -> None:
    """Add `credential` to `out` as `scheme` sends it (`TypeError` for the wrong kind)."""
    if scheme.kind == "basic":
        if not isinstance(credential, tuple):
            raise TypeError(f"credential for basic scheme {scheme_name!r} must be (user, password)")
        user, password = credential
        token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        out.headers["Authorization"] = f"Basic {token}"
        return
    if not isinstance(credential, str):
        raise TypeError(f"credential for {scheme.kind} scheme {scheme_name!r} must be a str")
    if scheme.kind == "bearer":
        out.headers["Authorization"] = f"Bearer {credential}"
        return
    assert scheme.name is not None
    if scheme.location == "header":
        out.headers[scheme.name] = credential
    elif scheme.location == "query":
        out.query.append(f"{quote(scheme.name, safe='')}={quote(credential, safe='')}")
    else:
        out.cookies.append(f"{quote(scheme.name, safe='')}={quote(credential, safe='')}")


def resolve_auth(
    security: tuple[tuple[str, ...], ...],
    schemes: Mapping[str, SecurityScheme],
    credentials: Mapping[str, Credential],
) -> AppliedAuth | None:
    """Apply the first security alternative whose schemes all have credentials (static ones
    now; those with a provider are listed in `providers`, for each call to apply), or None when
    there is no such alternative."""
    if not security:
        return _NO_AUTH
    for alternative in security:
        if all(name in schemes and name in credentials for name in alternative):
            out = AppliedAuth(scheme_names=alternative)
            providers: list[str] = []
            for name in alternative:
                credential = credentials[name]
                if callable(credential) or isinstance(credential, ClientCredentials):
                    providers.append(name)
                else:
                    apply_credential(name, schemes[name], credential, out)
            out.providers = tuple(providers)
            return out
    return None


def scheme_place(scheme: SecurityScheme) -> tuple[str, str]:
    """Where `scheme` sends its credential (as `_place` spells it)."""
    if scheme.kind == "api_key" and scheme.location is not None and scheme.name is not None:
        return _place(scheme.location, scheme.name)
    return ("header", "authorization")


def shadowed_parameters(
    params: Iterable[Param], auth: AppliedAuth, schemes: Mapping[str, SecurityScheme]
) -> frozenset[Param]:
    """The parameters an API key of `auth` is also sent as (same place, same name).

    Rule: a call that passes such a parameter sends its value instead of the credential; a call
    that does not sends the credential. Never both (Trello declares its `key` API key as a
    query parameter too, and rejects `?key=A&key=B`).
    """
    keys = {
        _place(scheme.location, scheme.name)
        for name in auth.scheme_names
        if (scheme := schemes[name]).kind == "api_key"
        and scheme.location is not None
        and scheme.name is not None
    }
    return frozenset(p for p in params if _place(p.location, p.name) in keys)


def secret_values(credentials: Mapping[str, Credential]) -> list[str]:
    """Every string that must never appear in messages or logs (raw and encoded forms).

    Providers are skipped: their values are added as they are returned."""
    values: list[str] = []
    for credential in credentials.values():
        if callable(credential):
            continue
        if isinstance(credential, ClientCredentials):
            values.extend(credential.secrets())
            continue
        if isinstance(credential, tuple):
            user, password = credential
            values.append(password)
            values.append(base64.b64encode(f"{user}:{password}".encode()).decode("ascii"))
        else:
            values.append(credential)
    encoded = [quote(v, safe="") for v in values]
    return [v for v in dict.fromkeys(values + encoded) if v]


def user_info_secrets(url: str) -> list[str]:
    """The password in `url`'s user-info, and the forms aiohttp sends it in (the base64 of
    ``user:password`` of a Basic ``Authorization`` header), raw and URL-encoded."""
    parts = urlsplit(url)
    if parts.password is None:
        return []
    user, password = unquote(parts.username or ""), unquote(parts.password)
    values = [parts.password, password]
    for encoding in ("latin-1", "utf-8"):  # aiohttp's BasicAuth encodes latin-1
        try:
            token = base64.b64encode(f"{user}:{password}".encode(encoding)).decode("ascii")
        except UnicodeEncodeError:
            continue
        values.append(token)
    encoded = [quote(v, safe="") for v in values]
    return [v for v in dict.fromkeys(values + encoded) if v]


def secret_query_names(schemes: Mapping[str, SecurityScheme]) -> frozenset[str]:
    """Names of query parameters that carry API keys (redacted from URLs)."""
    return frozenset(
        s.name for s in schemes.values() if s.kind == "api_key" and s.location == "query" and s.name
    )
