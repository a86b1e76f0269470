"""The validator's fast paths (speed.validator, speed.fast_schema): the same verdicts, faster."""

from __future__ import annotations

from typing import Any

import pytest
from aiosdkgen import validation
from aiosdkgen.speed.validator import TUNING
from openapi_spec_validator.schemas import schema_v31

from tests.conftest import spec_document
from tests.validation.test_validation import BROKEN_SCHEMAS, _documents_to_compare


def test_the_fast_paths_give_the_plain_validators_verdicts_and_messages() -> None:
    """jsonschema-rs only answers "valid?", the registries and the accessor only remember: every
    problem is still the one openapi-spec-validator finds on its own."""
    documents = _documents_to_compare() + _documents_with_references()
    fast = [validation.validate(document, TUNING) for document in documents]
    assert fast == [validation.validate(document) for document in documents]
    valid = [i for i, problems in enumerate(fast) if not problems]
    assert valid == [len(BROKEN_SCHEMAS) - 1, len(_documents_to_compare()) - 1]
    found = {p.message for problems in fast[-2:] for p in problems}
    assert any("not a number" in message for message in found), found
    assert any("id" in message and "path" in message.lower() for message in found), found


def test_the_fast_engine_is_in_use() -> None:
    from aiosdkgen.speed import fast_schema

    validator = TUNING.document_validator(schema_v31)
    assert validator._fast is not None
    assert fast_schema.jsonschema_rs is not None


def _documents_with_references() -> list[dict[str, Any]]:
    """Problems behind `$ref`s, chains of them and recursive schemas: what path resolution
    must get right."""
    parameter = {"name": "n", "in": "query", "schema": {"$ref": "#/components/schemas/Count"}}
    operation = {
        "parameters": [{"$ref": "#/components/parameters/N"}],
        "responses": {"200": {"$ref": "#/components/responses/Ok"}},
    }
    components = {
        "schemas": {
            "Count": {"$ref": "#/components/schemas/Integer"},
            "Integer": {"type": "integer", "default": "not a number"},
            "Tree": {
                "type": "object",
                "required": ["ghost"],
                "properties": {
                    "children": {"type": "array", "items": {"$ref": "#/components/schemas/Tree"}}
                },
            },
        },
        "parameters": {"N": parameter},
        "responses": {
            "Ok": {
                "description": "ok",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Tree"}}},
            }
        },
    }
    documents = []
    for version in ("3.0.3", "3.1.0"):
        paths = {
            "/a/{id}": {"get": operation},
            "/b": {"get": dict(operation, operationId="x")},
            "/c": {"post": dict(operation, operationId="x")},
        }
        documents.append(
            {
                "openapi": version,
                "info": {"title": "t", "version": "1"},
                "paths": paths,
                "components": components,
            }
        )
    return documents


def test_duplicate_operation_ids_are_still_found_with_the_set_registry() -> None:
    document = spec_document(
        paths={
            "/a": {"get": {"operationId": "same", "responses": {"200": {"description": "ok"}}}},
            "/b": {"get": {"operationId": "same", "responses": {"200": {"description": "ok"}}}},
        }
    )
    problems = validation.validate(document, TUNING)
    assert [(p.pointer, "is not unique" in p.message) for p in problems] == [
        ("#/paths/~1b/get", True)
    ]


@pytest.mark.parametrize(
    "node", [{}, [], "text", b"bytes", (), 1, 1.5, None, True, object(), {1, 2}, range(3)]
)
def test_the_subscriptable_check_answers_as_the_protocol_does(node: object) -> None:
    from aiosdkgen.speed.validator import Subscriptable
    from pathable.protocols import Subscriptable as Protocol

    assert isinstance(node, Subscriptable) == isinstance(node, Protocol)
