"""`parser.fit.fits`: the structural check examples, defaults and samples pass."""

from __future__ import annotations

from typing import Any

import pytest
from aiosdkgen.parser.fit import fits

COMPONENTS: dict[str, Any] = {
    "Rename": {"type": "object", "properties": {"title": {"type": "string"}}},
    "Loop": {"type": "array", "items": {"$ref": "#/components/schemas/Loop"}},
}


def resolve(pointer: str) -> Any:
    prefix = "/components/schemas/"
    if not pointer.startswith(prefix) or pointer[len(prefix) :] not in COMPONENTS:
        raise KeyError(pointer)
    return COMPONENTS[pointer[len(prefix) :]]


@pytest.mark.parametrize(
    ("value", "schema", "expected"),
    [
        # Asana's example of a string enum is a list
        (["notes", "assignee"], {"type": "string", "enum": ["notes", "assignee"]}, False),
        ("notes", {"type": "string", "enum": ["notes", "assignee"]}, True),
        # Zoom's path parameter: a string enum of integers has no valid string
        ("1", {"type": "string", "enum": [1, 2]}, False),
        (1, {"type": "string", "enum": [1, 2]}, False),
        (True, {"type": "integer"}, False),
        (3.0, {"type": "integer"}, True),
        (None, {"type": "string", "nullable": True}, True),
        (None, {"type": ["string", "null"]}, True),
        ("ab", {"type": "string", "minLength": 3}, False),
        (5, {"type": "integer", "minimum": 5, "exclusiveMinimum": True}, False),
        (5, {"type": "integer", "exclusiveMaximum": 6}, True),
        (0.3, {"type": "number", "multipleOf": 0.1}, True),
        ([1, "x"], {"type": "array", "items": {"type": "integer"}}, False),
        ({"a": 1}, {"type": "object", "required": ["b"]}, False),
        ({"a": 1}, {"type": "object", "properties": {}, "additionalProperties": False}, False),
        ({"a": "x"}, {"additionalProperties": {"type": "integer"}}, False),
        ({"title": 7}, {"$ref": "#/components/schemas/Rename"}, False),
        (1, {"const": True}, False),
        # oneOf needs exactly one: Zoom's overlapping open objects match both
        (
            {"email_notification": {}},
            {"oneOf": [{"type": "object"}, {"type": "object", "properties": {"x": {}}}]},
            False,
        ),
        ({"a": 1}, {"oneOf": [{"required": ["a"]}, {"required": ["b"]}]}, True),
        ("x", {"anyOf": [{"type": "integer"}, {"type": "string"}]}, True),
        ("x", {"allOf": [{"type": "string"}, {"maxLength": 0}]}, False),
        ([], {"$ref": "#/components/schemas/Missing"}, True),  # reported elsewhere
        ("anything", {"type": "string", "pattern": "^(a+)+b$"}, True),  # patterns: not here
    ],
)
def test_fits(value: Any, schema: Any, expected: bool) -> None:
    assert fits(value, schema, resolve) is expected


def test_a_deep_recursive_value_is_bounded() -> None:
    value: Any = []
    for _ in range(10_000):
        value = [value]
    assert fits(value, {"$ref": "#/components/schemas/Loop"}, resolve) is True  # over budget
