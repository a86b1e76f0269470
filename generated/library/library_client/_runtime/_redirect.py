"""Following redirects without letting credentials leave their origin.

aiohttp's own redirect handling drops ``Authorization`` (and, in recent releases, ``Cookie``)
when a redirect leaves the origin, but not API keys sent in other headers or in the query
string. So every request goes out with ``allow_redirects=False`` and `follow` follows 301, 302,
303, 307 and 308 itself, up to `MAX_REDIRECTS` responses:

- 303 (except to HEAD), and 301/302 answering a POST, continue as a GET without a body;
  307, 308 and other 301/302 repeat the method and the body. A one-shot streamed body cannot be
  sent twice, so that redirect is not followed: the 3xx response is returned as is.
- From the first hop that leaves the request's origin (scheme, host or port differ) on, the
  request loses ``Authorization``, ``Proxy-Authorization``, ``Cookie``, every API-key header,
  any header whose value contains a credential, and any query parameter (in the ``Location``
  the server sent) whose value is or contains a credential. Redirects within the origin keep
  them.
- A 3xx without a usable ``Location`` (absent, unparsable, not http or https) is returned as is.
- The timeout's ``total`` covers all hops together, as it does in aiohttp.
- More than `MAX_REDIRECTS` redirects raise `aiohttp.TooManyRedirects` (never retried).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import TYPE_CHECKING
from urllib.parse import unquote

if TYPE_CHECKING:
    import asyncio
    import logging

    import aiohttp
    import multidict
    import yarl
    from multidict import CIMultiDict
    from yarl import URL
else:
    from ._lazy import aiohttp, asyncio, multidict, yarl

from ._body import PreparedBody
from ._redact import MIN_SCRUB_LENGTH, Recent, Redactor

__all__ = ["MAX_REDIRECTS", "REDIRECT_STATUSES", "CredentialFilter", "follow"]

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 10
"""Redirect responses followed at most; the next one raises `aiohttp.TooManyRedirects`."""

_ALWAYS_STRIPPED = frozenset({"authorization", "proxy-authorization", "cookie"})


class CredentialFilter:
    """Removes one client's credentials from a request that is leaving their origin."""

    def __init__(self, header_names: Iterable[str], secrets: Iterable[str]) -> None:
        self._header_names = _ALWAYS_STRIPPED | {name.lower() for name in header_names}
        self._static = frozenset(s for s in secrets if s)
        self._secrets = self._static
        self._scrubbed = tuple(s for s in self._secrets if len(s) >= MIN_SCRUB_LENGTH)
        self._provided = Recent()

    def remember(self, secrets: Iterable[str]) -> None:
        """Also filter `secrets` (values a credential provider returned; the latest
        `MAX_PROVIDED` of them are kept)."""
        if self._provided.add(secrets, self._static):
            self._secrets = self._static | self._provided.keys()
            self._scrubbed = tuple(s for s in self._secrets if len(s) >= MIN_SCRUB_LENGTH)

    def headers(self, headers: CIMultiDict[str]) -> CIMultiDict[str]:
        kept: CIMultiDict[str] = multidict.CIMultiDict()
        for name, value in headers.items():
            if name.lower() in self._header_names:
                continue
            if any(secret in value for secret in self._scrubbed):
                continue
            kept.add(name, value)
        return kept

    def _carries_secret(self, value: str) -> bool:
        decoded = unquote(value)
        if value in self._secrets or decoded in self._secrets:
            return True
        # Also a credential nested in the value, e.g. a URL in `?next=`; the secrets include
        # their percent-encoded forms, so one decoding step covers double encoding.
        return any(secret in value or secret in decoded for secret in self._scrubbed)

    def url(self, url: URL) -> URL:
        query = url.raw_query_string
        if not query:
            return url
        pairs: list[str] = []
        for pair in query.split("&"):
            _name, _sep, value = pair.partition("=")
            if value and self._carries_secret(value):
                continue
            pairs.append(pair)
        if len(pairs) == len(query.split("&")):
            return url
        base = str(url.with_query(None).with_fragment(None))
        rebuilt = base + ("?" + "&".join(pairs) if pairs else "")
        if url.raw_fragment:
            rebuilt += "#" + url.raw_fragment
        return yarl.URL(rebuilt, encoded=True)


def _target(response: aiohttp.ClientResponse, url: URL) -> URL | None:
    location = response.headers.get("Location")
    if not location:
        return None
    try:
        target = url.join(yarl.URL(location))
    except ValueError:
        return None
    if target.scheme not in ("http", "https") or not target.host:
        return None
    return target


def _remaining(
    timeout: aiohttp.ClientTimeout, deadline: float | None, now: float
) -> aiohttp.ClientTimeout:
    if deadline is None:
        return timeout
    left = deadline - now
    if left <= 0:
        raise asyncio.TimeoutError
    return aiohttp.ClientTimeout(
        total=left,
        connect=timeout.connect,
        sock_read=timeout.sock_read,
        sock_connect=timeout.sock_connect,
        ceil_threshold=timeout.ceil_threshold,
    )


async def follow(
    session: aiohttp.ClientSession,
    response: aiohttp.ClientResponse,
    *,
    method: str,
    url: URL,
    headers: CIMultiDict[str],
    body: PreparedBody | None,
    timeout: aiohttp.ClientTimeout,
    started: float,
    credentials: CredentialFilter,
    redactor: Redactor,
    log: logging.Logger,
) -> aiohttp.ClientResponse:
    """Follow the redirects from `response`, the answer to the request described by the other
    arguments (sent at `time.monotonic()` `started`); returns the first non-redirect response.

    The caller sends the first request itself (with ``allow_redirects=False``): most responses
    are not redirects, and need nothing from here.
    """
    # Later hops get what is left of the total.
    deadline = None if timeout.total is None else started + timeout.total
    origin = url.origin()
    left_origin = False
    history: list[aiohttp.ClientResponse] = []
    while response.status in REDIRECT_STATUSES:
        target = _target(response, url)
        if target is None:
            return response
        if (response.status == 303 and method != "HEAD") or (
            response.status in (301, 302) and method == "POST"
        ):
            if body is not None:
                headers = headers.copy()
                for name in body.headers:
                    headers.popall(name, None)
            method, body = ("GET" if method != "HEAD" else method), None
        elif body is not None and not body.replayable:
            return response
        history.append(response)
        if len(history) >= MAX_REDIRECTS:
            response.close()
            raise aiohttp.TooManyRedirects(history[0].request_info, tuple(history))
        response.release()
        if not left_origin and target.origin() != origin:
            left_origin = True
            headers = credentials.headers(headers)
        if left_origin:
            target = credentials.url(target)
        log.debug(
            "Redirect %d: following to %s %s%s",
            response.status,
            method,
            redactor.url(str(target)),
            " (credentials dropped: another origin)" if left_origin else "",
        )
        url = target
        response = await session.request(
            method,
            url,
            headers=headers,
            data=body.factory() if body is not None else None,
            timeout=_remaining(timeout, deadline, time.monotonic()),
            allow_redirects=False,
        )
    return response
