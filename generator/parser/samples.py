"""Valid sample values synthesized from schemas, for the tests shipped with every SDK.

Examples come first, then defaults, enums and consts, then values shaped by the schema that
satisfy its format, pattern, length and bounds. Read-only properties are left out (a request
must not carry them) and only required properties are filled in.

A spec is untrusted: the values synthesized for one operation share a size budget, checked
before anything is built (`minItems: 10000000` nested twice must not fill memory), and a
`pattern` runs on RE2 (patterns.py). What cannot be done within those bounds raises Untestable:
the operation's generated test is skipped, saying why.
"""

from __future__ import annotations

import math
from typing import Any

from .. import ir
from ..spec.pointers import resolve_pointer
from ..validation.patterns import UncheckablePattern, search
from .fit import fits
from .pattern_samples import matching_text
from .schemas import annotation_only

# The JSON text of the arguments synthesized for one operation's test: far more than any real
# API's valid arguments need, and small enough that the generated test module stays readable.
SAMPLE_BUDGET = 100_000

_MAX_DEPTH = 12
_FORMATS = {
    "date-time": "2024-01-02T03:04:05Z",
    "date": "2024-01-02",
    "time": "03:04:05Z",
    "uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    "email": "user@example.com",
    "idn-email": "user@example.com",
    "uri": "https://example.com/resource",
    "url": "https://example.com/resource",
    "uri-reference": "/resource",
    "iri": "https://example.com/resource",
    "hostname": "example.com",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
    "byte": "c2FtcGxl",
    "decimal": "1.5",
    "password": "secret-password",
    "duration": "P1D",
}
# Tried in order against a `pattern`; the first that matches (and fits the length) is used.
_PATTERN_CANDIDATES = (
    "sample", "a", "A", "1", "abc", "ABC", "123", "a1", "A1", "abc123", "a-b", "a_b", "a.b",
    "2024-01-02", "user@example.com", "https://example.com", "aaaaaaaa", "00000000",
    "3fa85f64-5717-4562-b3fc-2c963f66afa6", "ab", "AB", "12", "1.0", "+1234567890", "#fff",
)  # fmt: skip


class SampleError(Exception):
    """No valid value could be synthesized."""


class Untestable(Exception):
    """A valid value cannot be synthesized within bounds (size budget, linear-time regexes)."""


class Unsatisfiable(Untestable):
    """The schema itself allows no value (a `oneOf` whose variants all overlap)."""


class Budget:
    """What is left of one operation's SAMPLE_BUDGET, in characters of JSON."""

    def __init__(self, limit: int = SAMPLE_BUDGET) -> None:
        self.left = limit
        # Set by the caller at the first value that could not fit: the test is skipped anyway.
        self.untestable: ir.Untestable | None = None

    def spend(self, size: int, what: str) -> None:
        if size > self.left:
            raise Untestable(
                f"{what} does not fit the size budget of a generated test's arguments "
                f"({SAMPLE_BUDGET:,} characters of JSON)"
            )
        self.left -= size


def _size(value: Any, limit: int) -> int:
    """The length of `value` as JSON, about; counting stops once past `limit` (a spec's example
    may be large, and the loader's YAML may share one node many times)."""
    total, pending = 0, [value]
    while pending and total <= limit:
        item = pending.pop()
        if isinstance(item, dict):
            total += 2 + 2 * len(item)
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            total += 2 + len(item)
            pending.extend(item)
        elif isinstance(item, str):
            total += 2 + len(item)
        elif isinstance(item, int) and not isinstance(item, bool):
            total += 1 + item.bit_length() * 3 // 10  # decimal digits, without printing them
        else:
            total += 5
    return total


def _count(raw: Any) -> int:
    """How many items a `minItems` asks for (at least one: an empty list says little)."""
    return raw if isinstance(raw, int) and not isinstance(raw, bool) and raw > 1 else 1


class Sampler:
    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document

    def deref(self, schema: Any) -> Any:
        for _ in range(32):
            if not (isinstance(schema, dict) and isinstance(schema.get("$ref"), str)):
                return schema
            try:
                schema = resolve_pointer(self.document, schema["$ref"][1:])
            except KeyError:
                raise SampleError("unresolvable $ref") from None
        raise SampleError("$ref chain too long")

    def fits(self, value: Any, schema: Any) -> bool:
        return fits(value, schema, lambda pointer: resolve_pointer(self.document, pointer))

    def given(self, value: Any, budget: Budget) -> Any:
        """`value`, taken from the spec, once its size is counted against `budget`."""
        budget.spend(_size(value, budget.left), "an example or default of the spec")
        return value

    def value(self, schema: Any, budget: Budget, depth: int = 0) -> Any:
        """A JSON value valid for `schema` (for use in a request), within `budget`."""
        if depth > _MAX_DEPTH:
            raise SampleError("schema nested too deeply")
        schema = self.deref(schema)
        if schema is True or not isinstance(schema, dict):
            return self.given("sample", budget)
        # A spec's own values first, those that fit (Asana gives a list as a string's example).
        examples = schema.get("examples")
        given = [schema[key] for key in ("example", "default", "const") if key in schema]
        given += examples[:1] if isinstance(examples, list) else []
        for candidate in given:
            if candidate is not None and self.fits(candidate, schema):
                return self.given(candidate, budget)
        enum = schema.get("enum")
        if isinstance(enum, list) and [v for v in enum if v is not None]:
            fitting = [v for v in enum if v is not None and self.fits(v, schema)]
            if not fitting:  # Zoom's `type: string, enum: [1, 2]`: no string is 1 or 2
                raise Unsatisfiable(
                    f"the spec allows no valid value: no value of the enum {enum[:5]} is of "
                    "its type"
                )
            return self.given(fitting[0], budget)
        if isinstance(schema.get("allOf"), list):
            return self._all_of(schema, depth, budget)
        for keyword in ("oneOf", "anyOf"):
            members = schema.get(keyword)
            if isinstance(members, list) and members:
                return self._one_of(schema, members, depth, budget)
        kind = schema.get("type")
        if isinstance(kind, list):
            kind = next((k for k in kind if k != "null"), "null")
        if kind is None:
            kind = (
                "object" if "properties" in schema else "array" if "items" in schema else "string"
            )
        return self._typed(kind, schema, depth, budget)

    def _typed(self, kind: str, schema: dict[str, Any], depth: int, budget: Budget) -> Any:
        if kind == "string":
            return self._string(schema, budget)
        if kind in ("integer", "number"):
            try:
                number = self._number(kind, schema)
            except (OverflowError, ValueError):  # bounds past a float's range, or NaN
                raise SampleError("no number within the bounds could be computed") from None
            return self.given(number, budget)
        if kind == "boolean":
            return self.given(True, budget)
        if kind == "null":
            return self.given(None, budget)
        if kind == "array":
            before = budget.left
            item = self.value(schema.get("items", {}), budget, depth + 1)
            count = _count(schema.get("minItems"))
            # Counted before the list is built: the items are one shared value, but the test
            # module spells out each of them.
            budget.spend((before - budget.left + 1) * (count - 1), f"minItems {count}")
            return [item] * count
        return self._object(schema, depth, budget)

    def _object(self, schema: dict[str, Any], depth: int, budget: Budget) -> dict[str, Any]:
        result: dict[str, Any] = {}
        raw_properties, raw_required = schema.get("properties"), schema.get("required")
        properties: dict[str, Any] = raw_properties if isinstance(raw_properties, dict) else {}
        required: list[Any] = raw_required if isinstance(raw_required, list) else []
        for name in required:
            prop = self.deref(properties.get(name, {}))
            if isinstance(prop, dict) and prop.get("readOnly") is True:
                continue
            result[name] = self.value(prop, budget, depth + 1)
        if not result:
            # An empty object serializes ambiguously in several parameter styles: fill one in.
            for name, prop in properties.items():
                prop = self.deref(prop)
                if isinstance(prop, dict) and prop.get("readOnly") is True:
                    continue
                try:
                    result[name] = self.value(prop, budget, depth + 1)
                except (SampleError, Unsatisfiable):
                    continue  # an optional property: another one will do
                break
        minimum = schema.get("minProperties")
        extra = schema.get("additionalProperties")
        if isinstance(minimum, int) and len(result) < minimum:
            for name, prop in properties.items():
                if len(result) >= minimum:
                    break
                if name not in result:
                    result[name] = self.value(prop, budget, depth + 1)
            if isinstance(extra, dict) and len(result) < minimum:
                result["key"] = self.value(extra, budget, depth + 1)
        budget.spend(sum(len(name) + 4 for name in result), "property names")
        return result

    def _all_of(self, schema: dict[str, Any], depth: int, budget: Budget) -> Any:
        merged: dict[str, Any] = {}
        for part in schema["allOf"]:
            if annotation_only(part):
                continue  # `{description: ...}` beside a $ref (Box's `user`): no value of its own
            value = self.value(part, budget, depth + 1)
            if not isinstance(value, dict):
                return value
            merged.update(value)
        own = {k: v for k, v in schema.items() if k != "allOf"}
        if "properties" in own or "required" in own:
            # A property the parts gave a value keeps it: `required: [folder]` beside an allOf
            # that declares `folder` (Box's file request copy) has no schema of its own for it.
            for name, value in self._object(own, depth, budget).items():
                merged.setdefault(name, value)
        return merged

    def _one_of(
        self, schema: dict[str, Any], members: list[Any], depth: int, budget: Budget
    ) -> Any:
        candidates = [m for m in members if not (isinstance(m, dict) and m.get("type") == "null")]
        if not candidates:
            return None
        # The first variant whose value matches it alone: a value matching two fails a oneOf.
        for chosen in candidates:
            value = self._variant_value(schema, chosen, depth, budget)
            if schema.get("oneOf") is not members or self.fits(value, schema):
                return value
        raise Unsatisfiable(
            f"the spec allows no valid value: every value of a oneOf's {len(candidates)} "
            "variants matches more than one of them"
        )

    def _variant_value(
        self, schema: dict[str, Any], chosen: Any, depth: int, budget: Budget
    ) -> Any:
        value = self.value(chosen, budget, depth + 1)
        discriminator = schema.get("discriminator")
        if isinstance(value, dict) and isinstance(discriminator, dict):
            name = discriminator.get("propertyName")
            ref = chosen.get("$ref") if isinstance(chosen, dict) else None
            if isinstance(name, str) and isinstance(ref, str):
                raw_mapping = discriminator.get("mapping")
                mapping: dict[str, Any] = raw_mapping if isinstance(raw_mapping, dict) else {}
                tags = [
                    tag
                    for tag, target in mapping.items()
                    if target in (ref, ref.rsplit("/", 1)[-1])
                ]
                value[name] = tags[0] if tags else ref.rsplit("/", 1)[-1]
        return value

    def _string(self, schema: dict[str, Any], budget: Budget) -> str:
        raw_low, raw_high = schema.get("minLength"), schema.get("maxLength")
        low: int = raw_low if isinstance(raw_low, int) else 0
        high: int | None = raw_high if isinstance(raw_high, int) else None
        if low > budget.left:  # checked before a string of that length is built
            budget.spend(low, f"minLength {low}")
        fmt = schema.get("format")
        pattern = schema.get("pattern")
        candidates = [_FORMATS[fmt]] if isinstance(fmt, str) and fmt in _FORMATS else []
        candidates += list(_PATTERN_CANDIDATES) if isinstance(pattern, str) else ["sample"]
        for candidate in candidates:
            text = candidate
            if len(text) < low:
                text = text + text[-1:] * (low - len(text)) if text else "a" * low
            if high is not None and len(text) > high:
                text = text[:high]
            if isinstance(pattern, str):
                try:
                    if not search(pattern, text):
                        continue
                except UncheckablePattern as exc:
                    raise Untestable(str(exc)) from None
            budget.spend(len(text) + 2, "a string")
            return text
        # None of the likely strings: write one out from the pattern itself (Twilio's SIDs).
        derived = matching_text(pattern, low, high) if isinstance(pattern, str) else None
        if derived is not None and isinstance(pattern, str) and search(pattern, derived):
            budget.spend(len(derived) + 2, "a string")
            return derived
        raise SampleError(f"no sample matches pattern {pattern!r}")

    def _number(self, kind: str, schema: dict[str, Any]) -> int | float:
        low, high = schema.get("minimum"), schema.get("maximum")
        if isinstance(schema.get("exclusiveMinimum"), (int, float)) and not isinstance(
            schema.get("exclusiveMinimum"), bool
        ):
            low = schema["exclusiveMinimum"] + (1 if kind == "integer" else 0.5)
        elif schema.get("exclusiveMinimum") is True and isinstance(low, (int, float)):
            low = low + (1 if kind == "integer" else 0.5)
        if isinstance(schema.get("exclusiveMaximum"), (int, float)) and not isinstance(
            schema.get("exclusiveMaximum"), bool
        ):
            high = schema["exclusiveMaximum"] - (1 if kind == "integer" else 0.5)
        elif schema.get("exclusiveMaximum") is True and isinstance(high, (int, float)):
            high = high - (1 if kind == "integer" else 0.5)
        value: float = 1
        if isinstance(low, (int, float)) and value < low:
            value = low
        if isinstance(high, (int, float)) and value > high:
            value = high
        multiple = schema.get("multipleOf")
        if isinstance(multiple, (int, float)) and multiple > 0:
            value = math.ceil(value / multiple) * multiple
        return math.ceil(value) if kind == "integer" else float(value)
