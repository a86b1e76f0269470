"""Validate a bundled document: broken `$ref`s first, then openapi-spec-validator.

Returns problems as data (message + JSON pointer), never raises for a bad document.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any, Protocol

from jsonschema.exceptions import ValidationError, best_match
from jsonschema.validators import extend
from jsonschema_path import SchemaPath
from jsonschema_path.accessors import SchemaAccessor
from openapi_spec_validator import (
    OpenAPIV2SpecValidator,
    OpenAPIV30SpecValidator,
    OpenAPIV31SpecValidator,
    OpenAPIV32SpecValidator,
)
from openapi_spec_validator.schemas import schema_v2, schema_v30, schema_v31, schema_v32
from openapi_spec_validator.schemas.backend.jsonschema import create_validator
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError
from openapi_spec_validator.validation.validators import SpecValidator

from ..diagnostics import Diagnostic, error, warning
from ..spec.pointers import child, containers, pointer_of, resolve_pointer
from ..spec.versions import SUPPORTED, SWAGGER, openapi_version
from . import pattern_keywords
from .patterns import UncheckablePattern
from .properties import collect_properties


class Tuning(Protocol):
    """Faster ways to the same verdicts (the `speed` package has one): validation works
    without."""

    def keyword_validator(self, keyword: str, validator: type[Any]) -> type[Any]:
        """`validator` (of `keyword`'s nodes), faster."""

    def document_validator(self, meta_schema: Any) -> Any:
        """A validator of the whole document against `meta_schema`."""

    def accessor(self, document: dict[str, Any], handlers: Any) -> SchemaAccessor:
        """How the walk reaches the document's nodes."""

    def __hash__(self) -> int:
        """Validator classes are built once per tuning."""


_LOCATION = "_aiosdkgen_location"
_UNCHECKED = "_aiosdkgen_unchecked"  # marks the problem made of an UncheckablePattern


def _locating(keyword_validator: type[Any]) -> type[Any]:
    """Wrap a keyword validator so its errors remember which node of the document they are about.

    openapi-spec-validator checks schemas, parameters and examples one node at a time and reports
    paths relative to that node; the innermost wrapper records the node's full location.
    """

    class Locating(keyword_validator):  # type: ignore[misc]
        def __call__(self, *args: Any, **kwargs: Any) -> Iterator[ValidationError]:
            node = next((arg for arg in args if hasattr(arg, "parts")), None)
            for problem in self._problems(*args, **kwargs):
                if not isinstance(problem, OpenAPIValidationError):
                    # The validator re-creates other errors as this type, dropping attributes.
                    problem = OpenAPIValidationError.create_from(problem)
                if node is not None and not hasattr(problem, _LOCATION):
                    setattr(problem, _LOCATION, (*node.parts, *problem.absolute_path))
                yield problem

        def _problems(self, *args: Any, **kwargs: Any) -> Iterator[ValidationError]:
            try:
                yield from super().__call__(*args, **kwargs)
            except UncheckablePattern as exc:
                # A default is checked against its schema's patterns with RE2 (linear time);
                # one RE2 refuses is not run at all, and the rest of this value goes unchecked.
                yield OpenAPIValidationError(
                    f"{exc}; the value here was not checked against its schema",
                    validator=_UNCHECKED,
                )

    return Locating


def _bounded_properties(schema_validator: type[Any]) -> type[Any]:
    """Collect a schema's property names without recursing forever (see properties)."""

    class Bounded(schema_validator):  # type: ignore[misc]
        def _collect_properties(self, schema: Any) -> set[str]:
            return collect_properties(schema)

    return Bounded


def _linear_values(value_validator: type[Any]) -> type[Any]:
    """Check defaults with a validator that runs the spec's regexes on RE2 (pattern_keywords)."""

    class Linear(value_validator):  # type: ignore[misc]
        value_validator_cls = pattern_keywords.linear(value_validator.value_validator_cls)

    return Linear


_SPECIALIZED = {"schema": _bounded_properties, "default": _linear_values}


def _swagger2_values(value_validator: type[Any]) -> type[Any]:
    """Check a 2.0 document's defaults knowing `x-nullable` (2.0's de facto `nullable`, which
    the converter turns into `nullable`): Docker's `default: null` beside `x-nullable: true`
    is valid."""
    linear = _linear_values(value_validator)
    values = linear.value_validator_cls
    checks_type = values.VALIDATORS["type"]

    def type_or_x_nullable(validator: Any, types: Any, instance: Any, schema: Any) -> Any:
        if instance is None and schema.get("x-nullable") is True:
            return iter(())
        return checks_type(validator, types, instance, schema)

    class Swagger2(linear):  # type: ignore[misc, valid-type]
        value_validator_cls = extend(values, {"type": type_or_x_nullable})

    return Swagger2


_BASES = {
    "3.0": (OpenAPIV30SpecValidator, schema_v30),
    "3.1": (OpenAPIV31SpecValidator, schema_v31),
    "3.2": (OpenAPIV32SpecValidator, schema_v32),
}
assert tuple(_BASES) == SUPPORTED
# A Swagger 2.0 document is validated as what it is (its problems at pointers the user can find
# in their file), before it is converted.
_BASES[SWAGGER] = (OpenAPIV2SpecValidator, schema_v2)


@cache
def _validator_class(version: str, tuning: Tuning | None) -> type[SpecValidator]:
    base, meta_schema = _BASES[version]

    specialized = _SPECIALIZED
    if version == SWAGGER:
        specialized = {**_SPECIALIZED, "default": _swagger2_values}

    def prepared(keyword: str, validator: type[Any]) -> type[Any]:
        if keyword in specialized:
            validator = specialized[keyword](validator)
        if tuning is not None:
            validator = tuning.keyword_validator(keyword, validator)
        return _locating(validator)

    attributes: dict[str, Any] = {
        "keyword_validators": {
            keyword: prepared(keyword, validator)
            for keyword, validator in base.keyword_validators.items()
        }
    }
    attributes["schema_validator"] = (
        tuning.document_validator(meta_schema) if tuning is not None else _Python(meta_schema)
    )
    return type(base.__name__, (base,), attributes)


class _Python:
    """The whole-document check on jsonschema's Python engine, whose messages this module
    knows how to describe (openapi-spec-validator would take jsonschema-rs when installed)."""

    def __init__(self, meta_schema: Any) -> None:
        self._validator = create_validator(dict(meta_schema))

    def iter_errors(self, instance: Any) -> Iterator[ValidationError]:
        return self._validator.iter_errors(instance)  # type: ignore[no-any-return]


_MAX_PROBLEMS = 20
_MAX_MESSAGE = 160


def check_refs(document: dict[str, Any]) -> list[Diagnostic]:
    """Every internal `$ref` must point at something; name the ref and where it is used."""
    problems = []
    resolves: dict[str, bool] = {}  # many nodes share a target: resolve each once
    for node, _, link in containers(document):
        ref = node.get("$ref") if isinstance(node, dict) else None
        if not isinstance(ref, str):
            continue
        if not ref.startswith("#"):
            message = f"$ref {ref!r} was not bundled"
            problems.append(error("external-ref", message, pointer_of(link)))
            continue
        if ref not in resolves:
            try:
                resolve_pointer(document, ref[1:])
                resolves[ref] = True
            except KeyError:
                resolves[ref] = False
        if not resolves[ref]:
            message = f"$ref {ref!r} points to nothing"
            problems.append(error("missing-ref", message, pointer_of(link)))
    return sorted(problems, key=lambda problem: problem.pointer)


def _shorten(message: str) -> str:
    message = " ".join(message.split())
    return message if len(message) <= _MAX_MESSAGE else message[: _MAX_MESSAGE - 3] + "..."


_NULL_TYPE = (
    "OpenAPI 3.0 has no 'null' type: write `nullable: true` on the schema instead "
    "(or declare `openapi: 3.1.0`, where `type: 'null'` is valid)"
)


def _without_reference_branch(errors: list[ValidationError]) -> list[ValidationError]:
    """The errors of a `oneOf: [Schema, Reference]` failure without "'$ref' is a required
    property", unless the object has a `$ref` or that is the only error: the object was meant
    as the other alternative, whose error names the real cause."""
    meant = [
        e
        for e in errors
        if not (
            e.validator == "required"
            and e.validator_value == ["$ref"]
            and not (isinstance(e.instance, dict) and "$ref" in e.instance)
        )
    ]
    return meant or errors


def _describe(problem: ValidationError) -> Diagnostic:
    where = child("#", *getattr(problem, _LOCATION, problem.absolute_path))
    # oneOf/anyOf failures report the whole instance; the closest sub-error says more.
    while problem.context:
        deeper = best_match(_without_reference_branch(problem.context))
        if deeper is None:
            break
        # best_match may descend several levels: the pointer gains each level's path.
        where = child(where, *list(deeper.absolute_path)[len(problem.absolute_path) :])
        problem = deeper
    message = problem.message
    keyword = problem.validator if isinstance(problem.validator, str) else None
    if keyword in {"oneOf", "anyOf", "not"}:
        message = f"value is not valid here ({keyword} failed)"
    elif len(message) > _MAX_MESSAGE and keyword is not None:
        # jsonschema messages start with the offending value, which may be a whole subtree.
        message = message.replace(repr(problem.instance), "value", 1)
    if keyword == "additionalProperties" and "were unexpected" in message:
        message = message.split(" (")[0]
    if keyword == "enum" and problem.instance == "null" and where.endswith("/type"):
        return error("null-type", _NULL_TYPE, where)
    if keyword == _UNCHECKED:
        return warning("pattern-unchecked", _shorten(message), where)
    code = f"schema-{keyword}" if keyword else "openapi"
    if keyword == "format" and problem.validator_value == "regex":
        # The check compiles `pattern` with Python's `re`, but OpenAPI patterns are ECMA-262
        # regular expressions: `\p{L}` and friends are valid there. Not the spec's fault.
        return warning("pattern-not-python-regex", _shorten(message), where)
    return error(code, _shorten(message), where)


def validate(document: dict[str, Any], tuning: Tuning | None = None) -> list[Diagnostic]:
    """Return the problems of `document`, at most a screenful, in document order."""
    version = openapi_version(document)
    if isinstance(version, Diagnostic):
        return [version]
    ref_problems = check_refs(document)
    if ref_problems:
        return ref_problems[:_MAX_PROBLEMS]
    validator_class = _validator_class(version, tuning)
    handlers = validator_class.resolver_handlers
    if tuning is not None:
        accessor = tuning.accessor(document, handlers)
    else:
        accessor = SchemaAccessor.from_schema(document, handlers=handlers)
    validator = validator_class(SchemaPath(accessor))
    problems: list[Diagnostic] = []
    try:
        for problem in validator.iter_errors():
            problems.append(_describe(problem))
            if sum(p.level == "error" for p in problems) >= _MAX_PROBLEMS:
                break
    except RecursionError:
        problems.append(error("too-deep", "the document is nested too deeply to validate", "#"))
    except Exception as exc:  # the validator's own failure must still be a clean message
        problems.append(error("validator-failed", _shorten(f"{type(exc).__name__}: {exc}"), "#"))
    return problems
