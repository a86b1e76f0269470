"""Credentials that last a while: `Token` (a provider's value with an expiry), the OAuth 2.0
client credentials grant (`ClientCredentials`, RFC 6749 §4.4) and the per-client cache that
shares one provider call or token request between concurrent calls.

A provider that returns a `Token` is not called again until the token is about to expire (a
margin of `REFRESH_MARGIN` seconds, or a tenth of its lifetime when that is shorter), or until
the server answers a call made with it with 401: then the call is sent once more with a fresh
value, if its body can be sent again. `ClientCredentials` is such a provider built in: the
client POSTs ``grant_type=client_credentials`` to the scheme's ``tokenUrl`` through its own
session (so its connection pool, proxy, TLS settings and timeout apply), authenticating with
HTTP Basic (RFC 6749 §2.3.1). Token requests do not go through the client's event hooks (they
are not API calls, and a hook that logs headers would log the client secret); they are logged
at debug level with the URL only.
"""

from __future__ import annotations

import base64
import math
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal, cast
from urllib.parse import quote, quote_plus, urlencode, urljoin, urlsplit

from ._limits import read_body
from ._record import Record
from .errors import ResponseTooLargeError, TokenRequestError

if TYPE_CHECKING:
    import asyncio
    import json
    import logging

    import aiohttp

    from ._redact import Redactor
else:
    from ._lazy import aiohttp, asyncio, json

__all__ = ["ClientCredentials", "Token"]

REFRESH_MARGIN = 30.0
"""Seconds before its expiry that a token is replaced (at most a tenth of its lifetime)."""
MAX_LIFETIME = 24 * 3600.0
"""Longest a token is kept, whatever its ``expires_in`` says."""
MAX_TOKEN_RESPONSE = 64 * 1024
"""Largest token endpoint response read, in bytes."""
_MAX_SHOWN = 200
"""Characters of a token endpoint's ``error_description`` (or body) shown in a message."""

_clock = time.monotonic
"""The clock expiries are measured on (tests replace it)."""


class Token(Record):
    """A credential with an expiry, returned by a provider so it is not called on every call.

    ``Token("abc", expires_in=300)``: use ``"abc"`` for the next five minutes (less a safety
    margin), then call the provider again. Without `expires_in` the value is kept until a call
    made with it is answered 401. `value` is what the scheme takes: a ``str``, or a
    ``(user, password)`` tuple for basic auth.
    """

    __slots__ = ("expires_at", "value")
    value: str | tuple[str, str]
    expires_at: float | None
    """When to stop using it, on the monotonic clock of `time.monotonic` (None: no expiry)."""

    def __init__(self, value: str | tuple[str, str], *, expires_in: float | None = None) -> None:
        expires_at = None
        if expires_in is not None:
            seconds = _seconds(expires_in)
            if seconds is None or seconds is False or isinstance(expires_in, str):
                raise ValueError("expires_in must be a finite number of seconds >= 0")
            lifetime = min(seconds, MAX_LIFETIME)
            expires_at = _clock() + lifetime - min(REFRESH_MARGIN, lifetime / 10)
        self._set(expires_at=expires_at, value=value)

    def __repr__(self) -> str:
        return f"Token(value='***', expires_at={self.expires_at!r})"  # never the value

    def expired(self) -> bool:
        """Whether it is time to get a new one (the refresh margin has begun)."""
        return self.expires_at is not None and _clock() >= self.expires_at


class ClientCredentials(Record):
    """The OAuth 2.0 client credentials grant: the client fetches (and refreshes) its access
    token from the scheme's token URL with this client ID and secret.

    `scopes` (a list, or a space-separated string) are sent as the ``scope`` parameter; None
    sends none, so the server grants its default scopes. `auth_method` is how the client
    authenticates to the token endpoint: ``"basic"`` (HTTP Basic, RFC 6749 §2.3.1, which every
    server must accept) or ``"post"`` (``client_id`` and ``client_secret`` in the form body,
    for servers that only take that).
    """

    __slots__ = ("auth_method", "client_id", "client_secret", "scopes")
    client_id: str
    client_secret: str
    scopes: tuple[str, ...] | None
    auth_method: Literal["basic", "post"]

    def __init__(
        self,
        client_id: str,
        client_secret: str,
        *,
        scopes: str | Iterable[str] | None = None,
        auth_method: Literal["basic", "post"] = "basic",
    ) -> None:
        if not _is_text(client_id) or not _is_text(client_secret):
            raise TypeError("client_id and client_secret must be non-empty strs")
        scope_tuple: tuple[str, ...] | None = None
        if scopes is not None:
            scope_tuple = tuple(scopes.split() if isinstance(scopes, str) else scopes)
            if not all(_is_text(scope) and " " not in scope for scope in scope_tuple):
                raise ValueError("scopes must be non-empty strs without spaces")
        if auth_method not in ("basic", "post"):
            raise ValueError('auth_method must be "basic" or "post"')
        self._set(
            auth_method=auth_method,
            client_id=client_id,
            client_secret=client_secret,
            scopes=scope_tuple,
        )

    def __repr__(self) -> str:
        return f"ClientCredentials(client_id={self.client_id!r}, client_secret='***', ...)"

    def basic_authorization(self) -> str:
        """The ``Authorization`` header value: each part form-encoded first (§2.3.1)."""
        pair = f"{quote_plus(self.client_id)}:{quote_plus(self.client_secret)}"
        return "Basic " + base64.b64encode(pair.encode()).decode("ascii")

    def secrets(self) -> list[str]:
        """The forms the secret is sent in, for redaction (raw, encoded, in the header)."""
        header = self.basic_authorization()
        values = [self.client_secret, quote_plus(self.client_secret), header.split(" ", 1)[1]]
        values.append(quote(self.client_secret, safe=""))
        return [v for v in dict.fromkeys(values) if v]


def _is_text(value: object) -> bool:
    """For callers without a type checker: a non-empty ``str``."""
    return isinstance(value, str) and bool(value)


def token_endpoint(base_url: str, token_url: str) -> str:
    """`token_url` resolved against the API's base URL (a spec may give a relative one)."""
    url = urljoin(base_url + "/", token_url)
    if urlsplit(url).scheme not in ("http", "https"):
        raise ValueError(f"the token URL must be an http(s) URL, got {token_url!r}")
    return url


class CredentialCache:
    """One scheme's provider result: kept while it is a live `Token`, and shared by concurrent
    calls while the provider (or the token request) runs."""

    __slots__ = ("pending", "token")

    def __init__(self) -> None:
        self.token: Token | None = None
        self.pending: asyncio.Task[str | tuple[str, str] | Token] | None = None

    def invalidate(self, used: Token) -> bool:
        """Forget `used` (a server rejected it); False when a newer token already replaced it."""
        if self.token is used:
            self.token = None
            return True
        return False


def _shown(text: str, redactor: Redactor) -> str:
    text = " ".join(text.split())  # no newlines or control whitespace in a message
    cut = len(text) > _MAX_SHOWN
    text = redactor.text(text[:_MAX_SHOWN], cut=cut)
    return text + "..." if cut else text


async def request_token(
    *,
    session: aiohttp.ClientSession,
    url: str,
    credentials: ClientCredentials,
    scheme: str,
    headers: dict[str, str],
    timeout: aiohttp.ClientTimeout,
    redactor: Redactor,
    log: logging.Logger,
) -> Token:
    """POST the client credentials grant to `url` and return the access token.

    Raises `TokenRequestError` (never showing the secret or a token) when the request fails,
    the server refuses (RFC 6749 §5.2 ``error`` and ``error_description`` are shown) or the
    answer is not a usable bearer token.
    """
    display = redactor.url(url)
    form: dict[str, str] = {"grant_type": "client_credentials"}
    if credentials.scopes:
        form["scope"] = " ".join(credentials.scopes)
    request_headers = {
        **headers,
        "Accept": "application/json",
        "Content-Type": "application/x-www-form-urlencoded",
    }
    if credentials.auth_method == "basic":
        request_headers["Authorization"] = credentials.basic_authorization()
    else:
        form["client_id"] = credentials.client_id
        form["client_secret"] = credentials.client_secret

    def failure(
        reason: str, status: int | None = None, error: str | None = None, description: str = ""
    ) -> TokenRequestError:
        return TokenRequestError(
            f"The OAuth token request to {display} failed: {reason}; the call was not sent",
            scheme=scheme,
            status_code=status,
            error=error,
            error_description=description or None,
            method="POST",
            url=display,
        )

    log.debug("OAuth token request: POST %s", display)
    problem: TokenRequestError | None = None
    status, content = 0, b""
    try:
        async with session.post(
            url,
            data=urlencode(form).encode("ascii"),
            headers=request_headers,
            timeout=timeout,
            allow_redirects=False,  # the secret must not follow a redirect
        ) as response:
            status = response.status
            content = await read_body(response, MAX_TOKEN_RESPONSE, "POST", display)
    except asyncio.TimeoutError:
        problem = failure("timed out")
    except ResponseTooLargeError:
        problem = failure(f"the response is larger than {MAX_TOKEN_RESPONSE} bytes")
    except aiohttp.ClientError as exc:
        problem = failure(f"{type(exc).__name__}: {_shown(str(exc), redactor)}".rstrip(": "))
    except RuntimeError:
        if not session.closed:
            raise
        problem = failure("the client was closed meanwhile")  # aiohttp's "Session is closed"
    if problem is not None:
        raise problem  # outside the `except`: no __context__ that could hold the secret
    log.debug("OAuth token response: POST %s -> %d", display, status)
    body = _json_object(content)
    if body is None:
        text = _shown(content.decode("utf-8", "replace"), redactor)
        raise failure(f"HTTP {status}, not a JSON object: {text!r}", status)
    if not 200 <= status < 300:
        error, detail = body.get("error"), body.get("error_description")
        code = _shown(error, redactor) if isinstance(error, str) else None
        description = _shown(detail, redactor) if isinstance(detail, str) else ""
        reason = f"HTTP {status}" + (f" {code}" if code else "")
        reason += f": {description}" if description else ""
        raise failure(reason, status, code, description)
    access_token = body.get("access_token")
    if not isinstance(access_token, str) or not access_token:
        raise failure("the response has no access_token", status)
    token_type = body.get("token_type")
    if isinstance(token_type, str) and token_type.lower() != "bearer":
        shown = _shown(token_type, redactor)
        raise failure(f"token_type {shown!r} is not supported (only bearer)", status)
    redactor.remember([access_token, quote(access_token, safe="")])
    expires_in = _seconds(body.get("expires_in"))
    if expires_in is False:
        raise failure("expires_in is not a number of seconds >= 0", status)
    return Token(access_token, expires_in=expires_in)


def _json_object(content: bytes) -> dict[str, Any] | None:
    try:
        document: object = json.loads(content)
    except ValueError:
        return None
    return cast("dict[str, Any]", document) if isinstance(document, dict) else None


def _seconds(value: object) -> float | Literal[False] | None:
    """``expires_in``: None when absent, False when it is not a number of seconds >= 0 (some
    servers send the number as a string)."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            return False
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    number = float(value)
    return number if math.isfinite(number) and number >= 0 else False
