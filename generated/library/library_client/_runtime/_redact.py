"""Keeping credentials out of exception messages, reprs and log lines.

Two layers: structural redaction of URLs (userinfo and credential-carrying query parameters are
replaced by ``***``) and scrubbing of every known secret value from free text (error bodies that
echo a key, transport error messages that embed the URL...). A secret is found in the forms a
server can send it back in: raw, JSON-escaped (``\\/``, ``\\u002f`` or any ``\\uXXXX``, escaped
up to `MAX_UNESCAPES` times over) and URL-encoded (any ``%XX``); text in which it only occurs
escaped is returned unescaped, with the secret replaced. Secrets shorter than
`MIN_SCRUB_LENGTH` characters are only redacted structurally: scrubbing them from arbitrary text
would mangle messages without protecting anything meaningful.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterable, KeysView
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit, urlunsplit

if TYPE_CHECKING:
    import re

__all__ = ["REDACTED", "Redactor"]

REDACTED = "***"
MIN_SCRUB_LENGTH = 4
MAX_PROVIDED = 64
"""Values returned by credential providers that a client keeps redacting (the latest ones)."""
MAX_UNESCAPES = 3
"""Layers of escaping undone when looking for a secret (a JSON string holding a JSON string...)."""

_JSON_ESCAPES = {
    '"': '"',
    "\\": "\\",
    "/": "/",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
}


@functools.cache
def _json_escape() -> re.Pattern[str]:
    import re  # only text with a backslash in it needs it

    return re.compile(r'\\(?:u([0-9a-fA-F]{4})|(["\\/bfnrt]))')


def _json_char(match: re.Match[str]) -> str:
    code = match.group(1)
    if code is None:
        return _JSON_ESCAPES[match.group(2)]
    point = int(code, 16)
    return match.group(0) if 0xD800 <= point <= 0xDFFF else chr(point)  # no lone surrogates


def _unescape(text: str) -> str:
    """`text` with one layer of JSON string escapes, then of URL percent-encoding, undone."""
    if "\\" in text:
        text = _json_escape().sub(_json_char, text)
    if "%" in text:
        text = unquote(text)
    return text


# Query parameter names that conventionally carry secrets, redacted even when no security scheme
# declares them (e.g. a caller passing a token through `extra_query`).
_SENSITIVE_QUERY_NAMES = frozenset(
    {
        "access_token",
        "api-key",
        "api_key",
        "apikey",
        "auth",
        "client_secret",
        "key",
        "password",
        "refresh_token",
        "secret",
        "sig",
        "signature",
        "token",
    }
)


class Recent:
    """The latest `MAX_PROVIDED` values credential providers returned, oldest first: a
    provider minting a token per call must not make a filter grow forever."""

    def __init__(self) -> None:
        self._values: dict[str, None] = {}  # insertion-ordered

    def add(self, values: Iterable[str], known: Collection[str]) -> bool:
        """Keep the non-empty `values` not in `known`; whether any was new."""
        new = [v for v in values if v and v not in known and v not in self._values]
        for value in new:
            self._values[value] = None
        while len(self._values) > MAX_PROVIDED:
            del self._values[next(iter(self._values))]
        return bool(new)

    def keys(self) -> KeysView[str]:
        return self._values.keys()


class Redactor:
    """Redacts the credentials of one client from URLs and text."""

    def __init__(self, secrets: Iterable[str], query_names: Iterable[str] = ()) -> None:
        self._static = {s for s in secrets if len(s) >= MIN_SCRUB_LENGTH}
        self._provided = Recent()
        self._secrets = sorted(self._static, key=len, reverse=True)
        self._query_names = _SENSITIVE_QUERY_NAMES | {n.lower() for n in query_names}

    def remember(self, secrets: Iterable[str]) -> None:
        """Also redact `secrets` (values a credential provider returned), keeping the most
        recent `MAX_PROVIDED` of them: a provider minting a token per call must not make the
        redactor grow forever, and an old token no longer shows up in new messages."""
        long_enough = (s for s in secrets if len(s) >= MIN_SCRUB_LENGTH)
        if self._provided.add(long_enough, self._static):
            self._secrets = sorted(self._static | self._provided.keys(), key=len, reverse=True)

    def text(self, text: str, *, cut: bool = False) -> str:
        """Replace every known secret value in `text`, raw or escaped (see the module).

        `cut` says `text` was truncated at its end, so it may end with the first characters of
        a secret (at least `MIN_SCRUB_LENGTH` of them): those are redacted too.
        """
        if not self._secrets:
            return text
        text = self._scrub(text, cut)
        probe = text
        for _ in range(MAX_UNESCAPES):
            if "\\" not in probe and "%" not in probe:
                break
            decoded = _unescape(probe)
            if decoded == probe:
                break
            scrubbed = self._scrub(decoded, cut)
            if scrubbed != decoded:  # a secret came escaped: show the text unescaped, scrubbed
                text = scrubbed
            probe = scrubbed
        return text

    def _scrub(self, text: str, cut: bool) -> str:
        for secret in self._secrets:
            if secret in text:
                text = text.replace(secret, REDACTED)
        if cut:
            for secret in self._secrets:
                for size in range(min(len(secret) - 1, len(text)), MIN_SCRUB_LENGTH - 1, -1):
                    if text.endswith(secret[:size]):
                        text = text[:-size] + REDACTED
                        break
        return text

    def found_in(self, text: str) -> bool:
        """Whether any known secret value occurs in `text`, raw or escaped."""
        return self.text(text) != text

    def url(self, url: str) -> str:
        """Redact userinfo and secret query parameters from `url`, then scrub secret values."""
        if "@" not in url and "?" not in url:
            return self.text(url)  # no userinfo, no query: only secret values to scrub
        try:
            parts = urlsplit(url)
        except ValueError:
            return self.text(url)
        netloc = parts.netloc
        if "@" in netloc:
            netloc = f"{REDACTED}@{netloc.rpartition('@')[2]}"
        query = parts.query
        if query:
            pairs: list[str] = []
            for pair in query.split("&"):
                name, sep, _value = pair.partition("=")
                if sep and unquote(name).lower() in self._query_names:
                    pair = f"{name}={REDACTED}"
                pairs.append(pair)
            query = "&".join(pairs)
        return self.text(urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment)))
