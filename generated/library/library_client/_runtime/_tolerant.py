"""Tolerant parsing: the typed value a response that drifted from its schema still gives.

Real APIs leave out fields their spec calls required and send values of other types than it
says. In tolerant mode (the default, as in the Stainless SDKs) such a body still comes back as
the declared model: what fits is validated as usual, a field that is missing reads as `None`
(and is not in `model_fields_set`), and a value that does not fit is kept as it came, unvalidated.
Only the parts that fail are built this way; the rest is validated as in strict mode.
"""

from __future__ import annotations

import types
from collections.abc import Mapping
from typing import Annotated, Any, Union, get_args, get_origin

import pydantic

from ._response import type_adapter

__all__ = ["construct"]

_MAX_DEPTH = 64
"""Below this depth a value is kept as it came (the response size cap bounds the rest)."""
_MAX_ATTEMPTS = 10_000
"""Validations one response may try; past them values are kept as they came. A body that
fails everywhere (`[1, 1, ...]` for a list of objects) costs a failed validation per item."""


def construct(tp: Any, value: Any) -> Any:
    """`value` validated as `tp` where it fits, built as closely as it can be where not."""
    return _Builder().build(tp, value, 0)


class _Builder:
    def __init__(self) -> None:
        self.attempts = 0

    def build(self, tp: Any, value: Any, depth: int) -> Any:
        if depth >= _MAX_DEPTH or self.attempts >= _MAX_ATTEMPTS:
            return value
        self.attempts += 1
        try:
            return type_adapter(tp).validate_python(value)
        except pydantic.ValidationError:
            pass
        origin = get_origin(tp)
        if origin is Annotated:
            inner, *metadata = get_args(tp)
            chosen = _discriminated(inner, metadata, value)
            return self.build(chosen if chosen is not None else inner, value, depth + 1)
        if origin is Union or origin is types.UnionType:
            return self._union(get_args(tp), value, depth)
        data: Any = value  # never narrowed: `isinstance` would make containers of Unknown
        if origin is list and isinstance(value, list):
            [item] = get_args(tp) or (Any,)
            items: list[Any] = data
            return [self.build(item, element, depth + 1) for element in items]
        if origin is dict and isinstance(value, dict):
            _, item = get_args(tp) or (Any, Any)
            mapping: dict[str, Any] = data
            return {key: self.build(item, element, depth + 1) for key, element in mapping.items()}
        if isinstance(tp, type) and issubclass(tp, pydantic.BaseModel) and isinstance(value, dict):
            return self._model(tp, data, depth)
        return value

    def _model(self, model: type[pydantic.BaseModel], value: dict[str, Any], depth: int) -> Any:
        fields: dict[str, Any] = {}
        present: set[str] = set()
        known: set[str] = set()
        for name, field in model.model_fields.items():
            key = field.alias or name
            known.update((key, name))
            if key in value or name in value:
                raw = value[key] if key in value else value[name]
                fields[name] = self.build(field.annotation, raw, depth + 1)
                present.add(name)
            elif field.is_required():
                fields[name] = None  # missing from the response: reads as absent
            else:
                fields[name] = field.get_default(call_default_factory=True)
        extra = {key: element for key, element in value.items() if key not in known}
        return model.model_construct(_fields_set=present | set(extra), **fields, **extra)

    def _union(self, variants: tuple[Any, ...], value: Any, depth: int) -> Any:
        if value is None:
            return None
        data: Any = value  # never narrowed (see `build`)
        if isinstance(value, dict):
            mapping: dict[str, Any] = data
            models = [v for v in variants if _model_class(v) is not None]
            if models:
                # The variant that shares the most keys with the value is the likeliest meant.
                best = max(models, key=lambda v: _shared_keys(_model_class(v), mapping))
                return self.build(best, mapping, depth + 1)
        return data


def _discriminated(inner: Any, metadata: list[Any], value: Any) -> Any:
    """The variant of an annotated union its discriminator picks for `value`, if any."""
    picker = next((m for m in metadata if isinstance(m, pydantic.Discriminator)), None)
    if picker is None or not callable(picker.discriminator) or not isinstance(value, Mapping):
        return None
    try:
        tag = picker.discriminator(value)
    except Exception:  # a picker that cannot read this value: fall back to the union
        return None
    for variant in get_args(inner):
        if get_origin(variant) is Annotated and any(
            isinstance(m, pydantic.Tag) and m.tag == tag for m in get_args(variant)[1:]
        ):
            return variant
    return None


def _model_class(tp: Any) -> type[pydantic.BaseModel] | None:
    while get_origin(tp) is Annotated:
        tp = get_args(tp)[0]
    if isinstance(tp, type) and issubclass(tp, pydantic.BaseModel):
        return tp
    return None


def _shared_keys(model: type[pydantic.BaseModel] | None, value: dict[str, Any]) -> int:
    if model is None:
        return 0
    names = {field.alias or name for name, field in model.model_fields.items()}
    return len(names & value.keys())
