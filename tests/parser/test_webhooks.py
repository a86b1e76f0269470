"""`webhooks` and `callbacks` -> the payloads the API sends, by name."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiosdkgen import ir

Parse = Callable[..., ir.Api]


def _request(schema: dict[str, Any], media: str = "application/json") -> dict[str, Any]:
    return {
        "post": {
            "requestBody": {"content": {media: {"schema": schema}}},
            "responses": {"200": {"description": "ok"}},
        }
    }


def _subscribing(operation_id: str, callbacks: dict[str, Any]) -> dict[str, Any]:
    return {
        "post": {
            "operationId": operation_id,
            "responses": {"201": {"description": "ok"}},
            "callbacks": callbacks,
        }
    }


PET = {"$ref": "#/components/schemas/Pet"}
SCHEMAS = {"Pet": {"type": "object", "properties": {"id": {"type": "integer"}}}}


def test_webhooks_and_callbacks_are_their_payload_types_by_name(parse_schemas: Parse) -> None:
    api = parse_schemas(
        SCHEMAS,
        webhooks={"newPet": _request(PET), "petsSold": _request({"type": "array", "items": PET})},
        paths={
            "/subscriptions": _subscribing(
                "subscribe", {"onEvent": {"{$request.body#/url}": _request({"type": "string"})}}
            )
        },
    )
    pet = ir.Ref(key="#/components/schemas/Pet")
    assert [(w.name, w.kind, w.type) for w in api.webhooks] == [
        ("newPet", "webhook", pet),
        ("petsSold", "webhook", ir.ArrayOf(item=pet)),
        ("onEvent", "callback", ir.Primitive(name="str")),
    ]
    # What a receiver answers is the user's business: named, like every keyword not honoured.
    assert [(w.code, w.pointer) for w in api.warnings] == [
        (
            "not-honoured",
            "#/paths/~1subscriptions/post/callbacks/onEvent/{$request.body#~1url}/post/responses",
        ),
        ("not-honoured", "#/webhooks/newPet/post/responses"),
        ("not-honoured", "#/webhooks/petsSold/post/responses"),
    ]


def test_a_callback_name_two_operations_share_is_qualified_by_theirs(
    parse_schemas: Parse,
) -> None:
    shared = {"onEvent": {"{$request.body#/url}": _request(PET)}}
    api = parse_schemas(
        SCHEMAS,
        paths={"/a": _subscribing("subscribeA", shared), "/b": _subscribing("subscribeB", shared)},
    )
    assert [w.name for w in api.webhooks] == ["subscribeA.onEvent", "subscribeB.onEvent"]


def test_what_cannot_be_parsed_is_named_in_a_warning(parse_schemas: Parse) -> None:
    """A form body, a request without a body, a second request: each is a warning at its
    pointer (so `--strict` fails), never dropped in silence."""
    two = _request(PET) | {"put": _request(PET)["post"]}
    no_body = {"post": {"responses": {"200": {"description": "ok"}}}}
    api = parse_schemas(
        SCHEMAS,
        webhooks={
            "form": _request({"type": "object"}, "application/x-www-form-urlencoded"),
            "ping": no_body,
            "twice": two,
        },
    )
    assert [w.name for w in api.webhooks] == ["twice"]
    assert [(w.code, w.pointer) for w in api.warnings if w.code != "not-honoured"] == [
        ("webhook-not-parsed", "#/webhooks/form/post/requestBody"),
        ("webhook-not-parsed", "#/webhooks/ping/post"),
        ("webhook-not-parsed", "#/webhooks/twice/post"),  # `put` first: Path Item field order
    ]


def test_a_spec_without_webhooks_has_none(parse_schemas: Parse) -> None:
    assert parse_schemas(SCHEMAS).webhooks == ()
