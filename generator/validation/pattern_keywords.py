"""The JSON Schema keywords that run a spec's regular expressions, on `patterns` (RE2) instead
of Python's backtracking `re`, for the value validators that check a spec's defaults.

jsonschema runs `pattern` and `patternProperties` (also inside `additionalProperties` and
`unevaluatedProperties`) with `re.search`: a spec's `^(a+)+b$` with a default of forty `a`s
hangs validation. A pattern RE2 refuses raises UncheckablePattern out of the value's check,
which the validator reports as a warning at the node whose value was being checked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

import attrs
from jsonschema.exceptions import ValidationError
from jsonschema.validators import extend

from .patterns import UncheckablePattern, search

Keyword = Callable[[Any, Any, Any, Any], Iterator[ValidationError]]


def _pattern(validator: Any, pattern: Any, instance: Any, schema: Any) -> Iterator[ValidationError]:
    if (
        validator.is_type(instance, "string")
        and isinstance(pattern, str)
        and not search(pattern, instance)
    ):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _pattern_properties(
    validator: Any, patterns: Any, instance: Any, schema: Any
) -> Iterator[ValidationError]:
    if not (validator.is_type(instance, "object") and isinstance(patterns, Mapping)):
        return
    for pattern, subschema in patterns.items():
        for key, value in instance.items():
            if search(pattern, key):
                yield from validator.descend(value, subschema, path=key, schema_path=pattern)


def _outside_pattern_properties(keyword: Keyword) -> Keyword:
    """`additionalProperties` concerns the keys matched by neither `properties` nor
    `patternProperties`: match the latter here and hand the keyword only the other keys."""

    def checked(
        validator: Any, value: Any, instance: Any, schema: Any
    ) -> Iterator[ValidationError]:
        patterns = schema.get("patternProperties") if isinstance(schema, Mapping) else None
        if isinstance(patterns, Mapping) and patterns and validator.is_type(instance, "object"):
            instance = {
                key: item
                for key, item in instance.items()
                if not any(search(pattern, key) for pattern in patterns)
            }
            schema = {key: item for key, item in schema.items() if key != "patternProperties"}
        yield from keyword(validator, value, instance, schema)

    return checked


def _unevaluated_properties(keyword: Keyword) -> Keyword:
    """jsonschema finds the evaluated keys of an object by running every `patternProperties`
    the schema reaches through `$ref`s and combinators with `re`: not run at all."""

    def checked(
        validator: Any, value: Any, instance: Any, schema: Any
    ) -> Iterator[ValidationError]:
        if validator.is_type(instance, "object") and instance:
            raise UncheckablePattern(
                "unevaluatedProperties is not checked: it may run the schema's "
                "patternProperties with a backtracking regular expression engine"
            )
        yield from keyword(validator, value, instance, schema)

    return checked


_LINEAR: dict[Any, Any] = {}  # validator class -> its linear version (which maps to itself)


def linear(validator_class: Any) -> Any:
    """`validator_class` with every keyword that runs a spec's regex on RE2."""
    if validator_class in _LINEAR:
        return _LINEAR[validator_class]
    own = validator_class.VALIDATORS
    keywords: dict[str, Keyword] = {"pattern": _pattern}
    if "patternProperties" in own:  # OpenAPI 3.0's schemas have no patternProperties
        keywords["patternProperties"] = _pattern_properties
    if "additionalProperties" in own:
        keywords["additionalProperties"] = _outside_pattern_properties(own["additionalProperties"])
    if "unevaluatedProperties" in own:
        keywords["unevaluatedProperties"] = _unevaluated_properties(own["unevaluatedProperties"])
    extended = extend(validator_class, keywords)
    evolve = extended.evolve

    def linear_evolve(self: Any, **changes: Any) -> Any:
        # A subschema's `$schema` makes jsonschema switch to that dialect's registered
        # validator, which runs `re`: switch to its linear version instead.
        evolved = evolve(self, **changes)
        kind = linear(type(evolved))
        if type(evolved) is kind:
            return evolved
        return kind(**{f.alias: getattr(evolved, f.name) for f in attrs.fields(kind) if f.init})

    extended.evolve = linear_evolve
    _LINEAR[validator_class] = _LINEAR[extended] = extended
    return extended
