"""A fast path for openapi-spec-validator's JSON Schema checks, through jsonschema-rs.

Most of validation time is the pure-Python `jsonschema` engine checking the document, and
each schema in it, against the OpenAPI meta-schemas. jsonschema-rs (openapi-spec-validator's
own optional backend) checks the same meta-schemas in a fraction of the time. It answers "valid?";
only when it says no does the Python engine run, so error messages, locations and the
best-match logic stay exactly those of openapi-spec-validator. Same meta-schemas, same
verdicts, no weaker check, with one difference for the better: jsonschema-rs reads `pattern`s
as the ECMA-262 regular expressions they are, so `\\p{L}` (which Python's `re` cannot compile,
and which the Python engine reported as a warning) is accepted. On the first 300 specs of the
directory sample, that was the only difference in the problems reported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cached_property
from typing import Any

from jsonschema.exceptions import ValidationError
from openapi_schema_validator._specifications import REGISTRY
from openapi_spec_validator.schemas.backend.jsonschema import create_validator

try:
    import jsonschema_rs
except ImportError:  # pragma: no cover - a platform without its wheel: Python only
    jsonschema_rs = None  # type: ignore[assignment]


def _retrieve(uri: str) -> Any:
    """Meta-schemas refer to each other; serve them from the bundled registry, never the
    network (an unknown URI is an error, not a download)."""
    return REGISTRY.contents(uri.rstrip("#"))


# id(meta-schema) -> (the meta-schema, kept alive so the id stays its own; its validator)
_compiled: dict[int, tuple[Any, Any]] = {}


def fast_validator(meta_schema: Any) -> Any:
    """The compiled jsonschema-rs validator for `meta_schema`, or None."""
    known = _compiled.get(id(meta_schema))
    if known is not None:
        return known[1]
    validator = None
    if jsonschema_rs is not None:
        try:
            validator = jsonschema_rs.validator_for(
                meta_schema, retriever=_retrieve, validate_formats=True
            )
        except Exception:  # a meta-schema it cannot compile: the Python engine alone
            validator = None
    _compiled[id(meta_schema)] = (meta_schema, validator)
    return validator


class DocumentValidator:
    """openapi-spec-validator's whole-document check, Python engine only on failure.

    Both engines are built on first use: compiling three meta-schemas at import would cost
    every run of the CLI a quarter of a second."""

    def __init__(self, meta_schema: Any) -> None:
        self._meta_schema = meta_schema

    @cached_property
    def _plain(self) -> dict[str, Any]:
        return dict(self._meta_schema)  # openapi-spec-validator hands out lazy proxies

    @cached_property
    def _fast(self) -> Any:
        return fast_validator(self._plain)

    @cached_property
    def _python(self) -> Any:
        return create_validator(self._plain)

    def iter_errors(self, instance: Any) -> Iterator[ValidationError]:
        if _fast_says_valid(self._fast, instance):
            return
        yield from self._python.iter_errors(instance)


def _fast_says_valid(fast: Any, instance: Any) -> bool:
    if fast is None:
        return False
    try:
        return bool(fast.is_valid(instance))
    except Exception:  # what Rust cannot take (a lone surrogate in a string): ask Python
        return False


def fast_checker(check: Callable[[Any], None]) -> Callable[[Any], None]:
    """Wrap a `check_schema` function (a jsonschema validator class's, maybe in a partial)."""
    validator_class = getattr(getattr(check, "func", check), "__self__", None)
    meta_schema = getattr(validator_class, "META_SCHEMA", None)
    fast = fast_validator(meta_schema) if isinstance(meta_schema, dict) else None
    if fast is None:
        return check

    def checked(value: Any) -> None:
        if not _fast_says_valid(fast, value):
            check(value)  # raises the Python engine's error

    return checked
