"""The validator's fast paths: hot spots of openapi-spec-validator's document walk, fixed
without changing a verdict, and jsonschema-rs for its meta-schema checks (fast_schema).

On GitHub's and Microsoft Graph's specs these made validation minutes long:

- the schema validator remembers visited schemas, and the operation validator operationIds,
  in lists: every membership test scans the list, so the walk is quadratic. `Registry` is a
  set that answers the list's `append`;
- pathable asks `isinstance(node, Subscriptable)` for every step of every path, and on Python
  3.11 an `isinstance` against a `Protocol` recomputes the protocol's members each time (a
  large part of a large spec's validation). `install()` swaps in a check by type, cached,
  with the same answer: the node's type has `__contains__`, `__getitem__` and `__len__`;
- jsonschema-path resolves each path from the longest cached prefix, scanning prefixes one by
  one, and remembers whole paths in a 128-entry LRU: a large spec's walk resolves tens of
  thousands of paths, each slowly. `MemoAccessor` remembers every resolved path, each
  computed from its parent's entry in one step, the same `$ref` resolution, from the same
  resolver.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pathable.accessors
from jsonschema_path.accessors import SchemaAccessor
from jsonschema_path.nodes import SchemaNode

from .fast_schema import DocumentValidator, fast_checker

if TYPE_CHECKING:
    # Only named in annotations: `referencing` does not export it, and its private module may
    # move; nothing here depends on it at run time.
    from referencing._core import Resolved

# The validators' attributes that hold such lists.
LIST_REGISTRIES = ("visited_schema_ids", "meta_checked_schema_ids", "operation_ids_registry")


class Registry(set[Any]):
    """A set with the one list method the validators call."""

    def append(self, item: Any) -> None:
        self.add(item)


def use_sets(validator: object) -> None:
    """Replace the list registries of a freshly made keyword validator with sets."""
    for attribute in LIST_REGISTRIES:
        if isinstance(getattr(validator, attribute, None), list):
            setattr(validator, attribute, Registry())


_SUBSCRIPTABLE_BY_TYPE: dict[type, bool] = {}


class _SubscriptableCheck(type):
    def __instancecheck__(cls, node: object) -> bool:
        kind = type(node)
        known = _SUBSCRIPTABLE_BY_TYPE.get(kind)
        if known is None:
            known = _SUBSCRIPTABLE_BY_TYPE[kind] = all(
                callable(getattr(kind, method, None))
                for method in ("__contains__", "__getitem__", "__len__")
            )
        return known


class Subscriptable(metaclass=_SubscriptableCheck):
    """Stands in for pathable's `Subscriptable` protocol in `isinstance` checks."""


def install() -> None:
    if getattr(pathable.accessors, "Subscriptable", None) is not Subscriptable:
        pathable.accessors.Subscriptable = Subscriptable  # type: ignore[attr-defined,assignment]


class MemoAccessor(SchemaAccessor):
    """A schema accessor that resolves each path once, from its parent's resolution.

    The registry never grows during validation: the document is bundled and `check_refs` has
    rejected every `$ref` outside it before the walk, so no resolution is ever stale."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._memo: dict[tuple[Any, ...], Resolved[Any]] = {}

    def get_resolved(self, parts: Any) -> Resolved[Any]:
        key = parts if type(parts) is tuple else tuple(parts)
        found = self._memo.get(key)
        if found is None:
            if key:
                parent = self.get_resolved(key[:-1])
                node = SchemaNode._get_subnode(parent.contents, key[-1])
                found = SchemaNode._resolve_node(node, parent.resolver)
            else:
                found = SchemaNode._resolve_node(self.node, self._path_resolver.resolver)
            self._memo[key] = found
        return found


class FastPaths:
    """The `validation.Tuning` of this module's fast paths."""

    def keyword_validator(self, keyword: str, validator: type[Any]) -> type[Any]:
        checks_schemas = keyword == "schema"

        class Fast(validator):  # type: ignore[misc]
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                use_sets(self)

            if checks_schemas:

                def _get_schema_checker(self, *args: Any) -> Callable[[Any], None]:
                    return fast_checker(super()._get_schema_checker(*args))

        return Fast

    def document_validator(self, meta_schema: Any) -> Any:
        return DocumentValidator(meta_schema)

    def accessor(self, document: dict[str, Any], handlers: Any) -> SchemaAccessor:
        install()
        return MemoAccessor.from_schema(document, handlers=handlers)


TUNING = FastPaths()
