"""The showcase's constructs of issue 22, through its generated SDK: webhooks, deprecation,
x-enum-varnames, format: decimal."""

from __future__ import annotations

import re
import warnings
from decimal import Decimal

import pytest
from aioresponses import aioresponses
from showcase_client import Client
from showcase_client.models import FeedEvent, FeedEventPriority
from showcase_client.webhooks import parse_webhook

from tests.runtime.helpers import only_request, run_readme_example

BASE = "https://eu.zoo.example/v2"


def test_a_webhook_body_parses_into_its_model_with_named_enum_members_and_decimals() -> None:
    event = parse_webhook(
        "animalAdded",
        b'{"kind": "added", "animal_id": 7, "priority": 3, "fee": "12.50"}',
        headers={"content-type": "application/json; charset=utf-8"},
    )
    assert isinstance(event, FeedEvent)
    assert event.priority is FeedEventPriority.HIGH and event.fee == Decimal("12.50")
    assert event.model_dump(mode="json")["fee"] == "12.50"  # every digit, as text


def test_the_readme_webhook_example_runs_as_written(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    run_readme_example("### Webhooks", monkeypatch)
    assert capsys.readouterr().out.startswith("kind=<FeedEventKind.ADDED: 'added'> animal_id=1")


async def test_a_deprecated_operation_and_parameter_warn_naming_their_replacements(
    mocked: aioresponses,
) -> None:
    mocked.get(re.compile(r".*/legacy/animals.*"), payload=["Rex"], repeat=True)
    async with Client(bearer_auth="tok") as client:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            assert await client.animals.list_animal_names(sort="name") == ["Rex"]
    assert [str(w.message) for w in caught if w.category is DeprecationWarning] == [
        "list_animal_names() is deprecated: Use animals.list_animals instead (it pages, and "
        "returns whole animals).",
        "the `sort` argument of list_animal_names() is deprecated: Ignored since 2.0; use order "
        "instead.",
    ]
    # `order` has the spec's default in the signature: sent.
    assert only_request(mocked)[1] == f"{BASE}/legacy/animals?order=asc&sort=name"
