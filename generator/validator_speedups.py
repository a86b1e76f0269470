"""Three hot spots of openapi-spec-validator's document walk, fixed without changing a verdict.

Measured on GitHub's spec (1,223 operations) and Microsoft Graph's (11,422 operations), where
they made validation minutes long:

- the schema validator remembers visited schemas, and the operation validator operationIds,
  in lists: every membership test scans the list, so the walk is quadratic. `Registry` is a
  set that answers the list's `append`;
- pathable asks `isinstance(node, Subscriptable)` for every step of every path, and on Python
  3.11 an `isinstance` against a `Protocol` recomputes the protocol's members each time (a
  quarter of Graph's validation). `install()` swaps in a check by type, cached, with the same
  answer: the node's type has `__contains__`, `__getitem__` and `__len__`.
"""

from __future__ import annotations

from typing import Any

import pathable.accessors

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
