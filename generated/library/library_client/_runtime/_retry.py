"""Retry policy: which failures are retried, and how long to wait between attempts.

Delays follow capped exponential backoff with jitter: ``min(INITIAL_DELAY * 2**n, MAX_DELAY)``
scaled by a random factor in ``[1 - JITTER, 1]`` (jitter de-synchronizes clients that failed
together). A server's ``retry-after-ms`` or ``Retry-After`` (seconds or HTTP date) header takes
precedence, clamped to ``[0, MAX_RETRY_AFTER]``.

All waiting goes through the module attribute `sleep` so tests (and callers that need custom
scheduling) can replace it: ``_retry.sleep = fake_sleep``.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import asyncio
else:
    from ._lazy import asyncio

__all__ = [
    "INITIAL_DELAY",
    "MAX_DELAY",
    "MAX_RETRY_AFTER",
    "RETRYABLE_STATUSES",
    "backoff_delay",
    "parse_retry_after",
    "retry_delay",
    "sleep",
]

INITIAL_DELAY = 0.5
"""Seconds before the first retry (before jitter)."""
MAX_DELAY = 8.0
"""Cap for the computed exponential delay."""
JITTER = 0.25
"""Delays are multiplied by a random factor in ``[1 - JITTER, 1]``."""
MAX_RETRY_AFTER = 60.0
"""Longest server-requested delay honoured; longer requests are clamped to this."""

RETRYABLE_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
"""Statuses worth retrying for idempotent requests."""
NOT_PROCESSED_STATUSES = frozenset({429, 503})
"""Statuses meaning the server did not act on the request: safe to retry even for POST/PATCH."""


async def _asyncio_sleep(delay: float) -> None:
    await asyncio.sleep(delay)


def _random() -> float:
    import random as random_module  # only retries need it: not imported with the SDK

    return random_module.random()


sleep: Callable[[float], Awaitable[None]] = _asyncio_sleep
"""The one function the runtime awaits to wait between attempts (patched in tests)."""

random: Callable[[], float] = _random
"""Source of jitter in ``[0, 1)``; replaceable for deterministic tests."""


def backoff_delay(retry_index: int) -> float:
    """Delay before retry number `retry_index` (0-based) without server guidance."""
    base = min(INITIAL_DELAY * (2.0**retry_index), MAX_DELAY)
    return base * (1.0 - JITTER * random())


def parse_retry_after(headers: Mapping[str, str], now: float | None = None) -> float | None:
    """Seconds the server asked us to wait, from ``retry-after-ms`` or ``Retry-After``.

    ``Retry-After`` may be delta-seconds or an HTTP date; returns None when absent or invalid.
    """
    ms = headers.get("retry-after-ms")
    if ms is not None:
        try:
            value = float(ms) / 1000.0
        except ValueError:
            value = None
        if value is not None and value == value:  # reject NaN
            return value
    header = headers.get("retry-after")
    if header is None:
        return None
    try:
        seconds = float(header)
    except ValueError:
        pass
    else:
        return None if seconds != seconds else seconds  # reject NaN
    import email.utils  # only an HTTP-date Retry-After needs it: not imported with the SDK

    try:
        when = email.utils.parsedate_to_datetime(header)
        if when.tzinfo is None:
            return None
        return when.timestamp() - (time.time() if now is None else now)
    except (TypeError, ValueError, IndexError, OverflowError):  # a year no datetime can hold
        return None


def retry_delay(retry_index: int, headers: Mapping[str, str] | None) -> float:
    """Delay before retry `retry_index`, honouring the server's Retry-After headers."""
    if headers is not None:
        requested = parse_retry_after(headers)
        if requested is not None:
            return min(max(requested, 0.0), MAX_RETRY_AFTER)
    return backoff_delay(retry_index)
