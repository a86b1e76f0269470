"""Every webhook and callback the API sends, parsed from a payload synthesized from the spec."""

from __future__ import annotations

from showcase_client.models import FeedEvent
from showcase_client.webhooks import parse_webhook


def test_animal_added() -> None:
    body = '{"kind": "added", "animal_id": 1}'
    payload: FeedEvent = parse_webhook(
        "animalAdded", body, headers={"Content-Type": "application/json"}
    )
    assert isinstance(payload, FeedEvent)
