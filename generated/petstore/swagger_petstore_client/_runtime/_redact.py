"""Keeping credentials out of exception messages, reprs and log lines.

Two layers: structural redaction of URLs (userinfo and credential-carrying query parameters are
replaced by ``***``) and scrubbing of every known secret value from free text (error bodies that
echo a key, transport error messages that embed the URL...). Secrets shorter than
`MIN_SCRUB_LENGTH` characters are only redacted structurally: scrubbing them from arbitrary text
would mangle messages without protecting anything meaningful.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import unquote, urlsplit, urlunsplit

__all__ = ["REDACTED", "Redactor"]

REDACTED = "***"
MIN_SCRUB_LENGTH = 4

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


class Redactor:
    """Redacts the credentials of one client from URLs and text."""

    def __init__(self, secrets: Iterable[str], query_names: Iterable[str] = ()) -> None:
        self._secrets = sorted(
            {s for s in secrets if len(s) >= MIN_SCRUB_LENGTH}, key=len, reverse=True
        )
        self._query_names = _SENSITIVE_QUERY_NAMES | {n.lower() for n in query_names}

    def text(self, text: str, *, cut: bool = False) -> str:
        """Replace every known secret value in `text`.

        `cut` says `text` was truncated at its end, so it may end with the first characters of
        a secret (at least `MIN_SCRUB_LENGTH` of them): those are redacted too.
        """
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
        """Whether any known secret value occurs in `text`."""
        return any(secret in text for secret in self._secrets)

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
            pairs = []
            for pair in query.split("&"):
                name, sep, _value = pair.partition("=")
                if sep and unquote(name).lower() in self._query_names:
                    pair = f"{name}={REDACTED}"
                pairs.append(pair)
            query = "&".join(pairs)
        return self.text(urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment)))
