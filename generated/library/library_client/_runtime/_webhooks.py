"""Parsing the requests an API sends to its users (webhooks and callbacks) into their types.

The generated `webhooks.parse_webhook` holds the types by name and calls `parse_payload`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._response import validate_json

__all__ = ["parse_payload"]

_SHOWN = 100  # characters of an unknown name or a content type quoted in an error


def parse_payload(
    types: Mapping[str, Any], name: str, body: bytes | str, headers: Mapping[str, str] | None
) -> Any:
    """`body` validated against the type of the webhook or callback `name`.

    Raises `ValueError` for a name the API does not send, or (when `headers` are given) a body
    whose Content-Type is not JSON; `pydantic.ValidationError` for one that does not match.
    """
    tp = types.get(name)
    if tp is None:
        raise ValueError(
            f"{str(name)[:_SHOWN]!r} is not a webhook or callback of this API; "
            f"it sends: {', '.join(sorted(types))}"
        )
    content_type = next(
        (value for key, value in (headers or {}).items() if key.lower() == "content-type"), None
    )
    if content_type is not None and not _is_json(content_type):
        raise ValueError(f"the {name} body is {content_type[:_SHOWN]!r}, not JSON")
    return validate_json(tp, body.encode() if isinstance(body, str) else body)


def _is_json(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or media.endswith(("+json", "/json"))
