"""The requests Showcase sends to you (its webhooks and callbacks), parsed into their types.

Hand `parse_webhook` the name the API gives the request and the body your server received::

    from showcase_client.webhooks import parse_webhook

    payload = parse_webhook('animalAdded', body, headers=headers)
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

from ._runtime._webhooks import parse_payload

# Models load when a payload is first parsed, not with this module.
if TYPE_CHECKING:
    from .models._feed_event import FeedEvent

WebhookName = Literal["animalAdded"]
"""The name of every webhook and callback the API sends."""


def parse_webhook(
    name: WebhookName,
    body: bytes | str,
    *,
    headers: Mapping[str, str] | None = None,
) -> FeedEvent:
    """Parse the body of the webhook or callback `name` into its type.

    - animalAdded (webhook): An animal arrived.

    `headers` (the request's, optional) are checked for a JSON Content-Type. Raises
    `ValueError` for a name the API does not send or a body that is not JSON, and
    `pydantic.ValidationError` for one that does not match its schema.
    """
    payload: FeedEvent = parse_payload(_payload_types(), name, body, headers)
    return payload


@functools.cache
def _payload_types() -> dict[str, Any]:
    from .models._feed_event import FeedEvent

    return {
        "animalAdded": FeedEvent,
    }
