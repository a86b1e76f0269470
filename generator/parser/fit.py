"""Whether a value fits a schema: the check a spec's examples and defaults pass before the
test-value sampler uses them (real specs give `["notes", "assignee"]` as the example of a
string), and that tells when a `oneOf` cannot be satisfied.

A structural check in bounded work: types, `const`, `enum`, lengths, bounds, required and
closed properties, items, and the combinators. `pattern` and `format` are not checked here (a
pattern runs only under the sampler's bounded engine); on a budget overrun the answer is yes.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, TypeGuard

__all__ = ["fits"]

_MAX_DEPTH = 64
_MAX_NODES = 20_000
"""Schema nodes one check may visit; past it the value is taken as fitting."""


class _OverBudget(Exception):
    pass


def fits(value: Any, schema: Any, resolve: Callable[[str], Any]) -> bool:
    """Whether `value` is valid for `schema`; `resolve` maps a `$ref`'s pointer (without
    its leading `#`) to the schema there, raising KeyError when there is none."""
    try:
        return _Check(resolve).fits(value, schema, 0)
    except _OverBudget:
        return True


class _Check:
    def __init__(self, resolve: Callable[[str], Any]) -> None:
        self.resolve = resolve
        self.visited = 0

    def fits(self, value: Any, schema: Any, depth: int) -> bool:
        self.visited += 1
        if self.visited > _MAX_NODES or depth > _MAX_DEPTH:
            raise _OverBudget
        if schema is True or not isinstance(schema, dict):
            return schema is not False
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref.startswith("#"):
            try:
                return self.fits(value, self.resolve(ref[1:]), depth + 1)
            except KeyError:
                return True  # reported elsewhere; nothing to check against
        if value is None and schema.get("nullable") is True:
            return True
        if "const" in schema and not _same(value, schema["const"]):
            return False
        enum = schema.get("enum")
        if isinstance(enum, list) and not any(_same(value, allowed) for allowed in enum):
            return False
        if not self._type_fits(value, schema.get("type")):
            return False
        return self._keywords_fit(value, schema, depth) and self._combinators_fit(
            value, schema, depth
        )

    @staticmethod
    def _type_fits(value: Any, kind: Any) -> bool:
        kinds = kind if isinstance(kind, list) else [kind] if isinstance(kind, str) else []
        return not kinds or any(_is(value, k) for k in kinds)

    def _keywords_fit(self, value: Any, schema: dict[str, Any], depth: int) -> bool:
        if isinstance(value, str):
            return _within(len(value), schema.get("minLength"), schema.get("maxLength"))
        if isinstance(value, int | float) and not isinstance(value, bool):
            return _number_fits(value, schema)
        if isinstance(value, list):
            if not _within(len(value), schema.get("minItems"), schema.get("maxItems")):
                return False
            items = schema.get("items")
            return items is None or all(self.fits(item, items, depth + 1) for item in value)
        if isinstance(value, dict):
            return self._object_fits(value, schema, depth)
        return True

    def _object_fits(self, value: dict[str, Any], schema: dict[str, Any], depth: int) -> bool:
        required = schema.get("required")
        if isinstance(required, list) and any(name not in value for name in required):
            return False
        properties = schema.get("properties")
        known = properties if isinstance(properties, dict) else {}
        extra = schema.get("additionalProperties", True)
        for name, item in value.items():
            if not self.fits(item, known.get(name, extra), depth + 1):
                return False
        return _within(len(value), schema.get("minProperties"), schema.get("maxProperties"))

    def _combinators_fit(self, value: Any, schema: dict[str, Any], depth: int) -> bool:
        all_of, any_of, one_of = (schema.get(k) for k in ("allOf", "anyOf", "oneOf"))
        if isinstance(all_of, list) and not all(self.fits(value, s, depth + 1) for s in all_of):
            return False
        if (
            isinstance(any_of, list)
            and any_of
            and not any(self.fits(value, s, depth + 1) for s in any_of)
        ):
            return False
        if isinstance(one_of, list) and one_of:
            return sum(self.fits(value, s, depth + 1) for s in one_of) == 1
        return True


def _is(value: Any, kind: str) -> bool:
    match kind:
        case "string":
            return isinstance(value, str)
        case "integer":
            return (isinstance(value, int) and not isinstance(value, bool)) or (
                isinstance(value, float) and value.is_integer()
            )
        case "number":
            return isinstance(value, int | float) and not isinstance(value, bool)
        case "boolean":
            return isinstance(value, bool)
        case "null":
            return value is None
        case "array":
            return isinstance(value, list)
        case "object":
            return isinstance(value, dict)
    return True  # an unknown type name constrains nothing here


def _same(value: Any, allowed: Any) -> bool:
    """JSON equality: `1` is not `true`, and `1` is `1.0`."""
    if isinstance(value, bool) or isinstance(allowed, bool):
        return isinstance(value, bool) and isinstance(allowed, bool) and value == allowed
    return bool(value == allowed) and type(value) in (type(allowed), int, float)


def _within(size: int, low: Any, high: Any) -> bool:
    return not (isinstance(low, int) and size < low) and not (isinstance(high, int) and size > high)


def _number_fits(value: float, schema: dict[str, Any]) -> bool:
    if not math.isfinite(value):
        return False
    low, high = schema.get("minimum"), schema.get("maximum")
    exclusive_low, exclusive_high = schema.get("exclusiveMinimum"), schema.get("exclusiveMaximum")
    # 3.0 marks minimum/maximum exclusive with a flag; 3.1 gives the exclusive bound itself.
    if _numeric(low) and (value < low or (exclusive_low is True and value == low)):
        return False
    if _numeric(high) and (value > high or (exclusive_high is True and value == high)):
        return False
    if _numeric(exclusive_low) and value <= exclusive_low:
        return False
    if _numeric(exclusive_high) and value >= exclusive_high:
        return False
    multiple = schema.get("multipleOf")
    return not (_numeric(multiple) and multiple > 0 and not _is_multiple(value, multiple))


def _numeric(value: Any) -> TypeGuard[float]:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _is_multiple(value: float, step: float) -> bool:
    quotient = value / step
    return math.isfinite(quotient) and abs(quotient - round(quotient)) < 1e-9
