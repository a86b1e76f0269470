"""Property names of a schema, collected without recursing forever.

openapi-spec-validator's own collector follows `allOf`, `anyOf`, `oneOf`, `items` and `not`
without remembering where it has been: a recursive schema (a JSON-value-like union) used in an
`allOf` recursed until Python's limit.
"""

from __future__ import annotations

from typing import Any


def collect_properties(schema: Any) -> set[str]:
    """Every property name reachable from `schema` (a SchemaPath) through allOf, anyOf, oneOf,
    items and not; each schema is visited once."""
    names: set[str] = set()
    seen: set[int] = set()
    pending = [schema]
    while pending:
        node = pending.pop()
        value = node.read_value()
        if id(value) in seen or not isinstance(value, dict):
            continue
        seen.add(id(value))
        if "properties" in node:
            names.update((node / "properties").keys())
        for keyword in ("allOf", "anyOf", "oneOf"):
            if keyword in node:
                pending.extend(node / keyword)
        for keyword in ("items", "not"):
            if keyword in node:
                pending.append(node / keyword)
    return names
