"""Which list operations are paginated, and how their next page is asked for.

Detection looks at a GET operation whose success response is an array, or an object holding
one array of items (or several, one of them named like ``items``/``data``/``results``), and at its
query parameters:

- ``link``: the operation takes ``page`` (or ``after``, ``cursor``, ``since``) and documents a
  ``Link`` response header (GitHub): the ``rel="next"`` URL is followed;
- ``starting_after``: an object with a ``data`` array and a ``has_more`` flag, and a
  ``starting_after`` query parameter (Stripe): the next request's ``starting_after`` is the last
  item's ``id``;
- ``cursor``: an object with a next-cursor property (``next_cursor``, ``nextPageToken``...) and
  a query parameter to send it back in (``cursor``, ``page_token``, ``after``...);
- ``page``: a ``page`` parameter with a size parameter (``per_page``, ``page_size``, ``size``,
  ``limit``): the page number is incremented until a page is empty or short;
- ``offset``: ``offset`` (or ``skip``) with ``limit``: the offset advances by the items read.

An operation's ``x-pagination`` extension overrides detection: ``false`` disables it, an object
describes it (see `SHAPE`); so does an entry of the ``[pagination]`` table of ``aiosdkgen.toml``
(by operationId or method name). An invalid description is a warning at its JSON pointer, and
the operation is left unpaginated.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any

from .. import ir
from ..spec.pointers import child

STYLES: tuple[ir.PaginationStyle, ...] = ("page", "offset", "cursor", "starting_after", "link")
# The keys of an `x-pagination` object (all values are wire names, strings).
SHAPE = (
    "style", "items", "param", "size_param", "next_cursor", "has_more", "total_pages", "item_id"
)  # fmt: skip
_PAGE_PARAMS = ("page",)
_SIZE_PARAMS = ("per_page", "page_size", "pageSize", "perPage", "size", "limit")
_OFFSET_PARAMS = ("offset", "skip")
_CURSOR_FIELDS = (
    "next_cursor", "nextCursor", "next_page_token", "nextPageToken", "next_token", "nextToken",
    "next_page", "nextPage", "cursor",
)  # fmt: skip
# `page` too: Stripe's searches send back `next_page` (an opaque token) as `page`.
_CURSOR_PARAMS = (
    "cursor", "page_token", "pageToken", "next_page_token", "nextPageToken", "next_token",
    "nextToken", "after", "next_cursor", "nextCursor", "page",
)  # fmt: skip
_HAS_MORE_FIELDS = ("has_more", "hasMore")
_TOTAL_PAGES_FIELDS = ("total_pages", "totalPages")
_LINK_CURSOR_PARAMS = ("page", "after", "cursor", "since")
_ITEMS_NAMES = ("items", "data", "results", "entries", "records", "values", "nodes", "elements")

Warn = Callable[[str, str, str], None]


class _Invalid(Exception):
    """An override does not fit the operation: (message, pointer)."""

    def __init__(self, message: str, pointer: str) -> None:
        super().__init__(message)
        self.pointer = pointer


class Detector:
    """Pagination of operations, given the declarations their types refer to."""

    def __init__(
        self,
        declarations: Mapping[str, ir.Declaration],
        warn: Warn,
        overrides: Mapping[str, Any] | None = None,
    ) -> None:
        self.declarations = declarations
        self.warn = warn
        self.overrides = overrides or {}

    def detect(
        self, operation: ir.Operation, raw: Mapping[str, Any], headers: frozenset[str]
    ) -> ir.Pagination | None:
        """`operation`'s pagination; `raw` is its spec object, `headers` the lower-cased names
        of the headers its success responses document."""
        operation_id = raw.get("operationId")
        for name in (operation_id, operation.name):
            if isinstance(name, str) and name in self.overrides:
                where = child("aiosdkgen.toml#/pagination", name)
                return self._explicit(operation, self.overrides[name], where)
        if "x-pagination" in raw:
            return self._explicit(
                operation, raw["x-pagination"], child(operation.key, "x-pagination")
            )
        if operation.method != "GET":
            return None
        return self._guess(operation, headers)

    # -- explicit ----------------------------------------------------------------------------

    def _explicit(self, operation: ir.Operation, value: Any, where: str) -> ir.Pagination | None:
        if value is False:
            return None
        try:
            return self._described(operation, value, where)
        except _Invalid as exc:
            self.warn("invalid-pagination", f"{exc}; the operation is not paginated", exc.pointer)
            return None

    def _described(self, operation: ir.Operation, value: Any, where: str) -> ir.Pagination:
        if not isinstance(value, Mapping):
            raise _Invalid("must be false or an object with a `style`", where)
        for key in value:
            if key not in SHAPE:
                raise _Invalid(
                    f"unknown key {str(key)!r} (known: {', '.join(SHAPE)})", child(where, str(key))
                )
            if not isinstance(value[key], str) or not value[key]:
                raise _Invalid("must be a non-empty string", child(where, key))
        style = value.get("style")
        if style not in STYLES:
            raise _Invalid(f"style must be one of {', '.join(STYLES)}", child(where, "style"))
        listed = self._items(operation.returns, value.get("items"))
        if listed is None:
            message = (
                f"the response has no array property {value['items']!r}"
                if "items" in value
                else "the response is not an array (name its array property in `items`)"
            )
            raise _Invalid(message, child(where, "items" if "items" in value else "style"))
        items, item, fields = listed
        query = {p.wire_name for p in operation.parameters if p.location == "query"}
        for key in ("param", "size_param"):
            if key in value and value[key] not in query:
                raise _Invalid(f"{value[key]!r} is not a query parameter", child(where, key))
        for key in ("next_cursor", "has_more", "total_pages"):
            if key in value and value[key] not in fields:
                raise _Invalid(f"the response has no property {value[key]!r}", child(where, key))
        if style != "link" and "param" not in value:
            raise _Invalid(f"style {style} needs `param`", where)
        if style == "cursor" and "next_cursor" not in value:
            raise _Invalid("style cursor needs `next_cursor`", where)
        item_id = value.get("item_id", "id") if style == "starting_after" else None
        if item_id is not None and not self._all_have(item, item_id):
            raise _Invalid(f"the items have no property {item_id!r}", child(where, "item_id"))
        return _named(
            ir.Pagination(
                style=style,
                item=item,
                items=items,
                param=value.get("param"),
                size_param=value.get("size_param"),
                next_cursor=value.get("next_cursor"),
                has_more=value.get("has_more"),
                total_pages=value.get("total_pages"),
                item_id=item_id,
            ),
            fields,
            self._item_fields(item),
        )

    # -- guessed -----------------------------------------------------------------------------

    def _guess(self, operation: ir.Operation, headers: frozenset[str]) -> ir.Pagination | None:
        listed = self._items(operation.returns, None)
        if listed is None:
            return None
        items, item, fields = listed
        query = {p.wire_name: p for p in operation.parameters if p.location == "query"}
        size = _first(query, _SIZE_PARAMS)
        has_more = _first(fields, _HAS_MORE_FIELDS)

        def found(style: ir.PaginationStyle, **more: Any) -> ir.Pagination:
            pagination = ir.Pagination(style=style, item=item, items=items, **more)
            return _named(pagination, fields, self._item_fields(item))

        link_param = _first(query, _LINK_CURSOR_PARAMS)
        if "link" in headers and link_param is not None:
            return found("link", param=link_param, size_param=size)
        if (
            items == "data"
            and has_more is not None
            and "starting_after" in query
            and self._all_have(item, "id")
        ):
            return found("starting_after", param="starting_after", has_more=has_more, item_id="id")
        cursor_field = _first(fields, _CURSOR_FIELDS)
        cursor_param = _first(query, _CURSOR_PARAMS)
        if items is not None and cursor_field is not None and cursor_param is not None:
            return found("cursor", param=cursor_param, next_cursor=cursor_field, has_more=has_more)
        page = _first(query, _PAGE_PARAMS)
        if page is not None and size is not None:
            return found(
                "page",
                param=page,
                size_param=size,
                has_more=has_more,
                total_pages=_first(fields, _TOTAL_PAGES_FIELDS),
            )
        offset = _first(query, _OFFSET_PARAMS)
        if offset is not None and "limit" in query:
            return found("offset", param=offset, size_param="limit", has_more=has_more)
        return None

    # -- types ---------------------------------------------------------------------------------

    def _items(
        self, returns: ir.TypeRef | None, wanted: str | None
    ) -> tuple[str | None, ir.TypeRef, dict[str, ir.Field]] | None:
        """(the array property or None for an array body, the item type, the body's fields)."""
        body = self._resolve(returns)
        if isinstance(body, ir.UnionOf):
            # Alternative media types of one list (GitHub's stargazers): a list of either.
            variants = [self._resolve(variant) for variant in body.variants]
            if all(isinstance(variant, ir.ArrayOf) for variant in variants):
                items = tuple(v.item for v in variants if isinstance(v, ir.ArrayOf))
                body = ir.ArrayOf(item=ir.UnionOf(variants=tuple(dict.fromkeys(items))))
        if isinstance(body, ir.ArrayOf):
            return (None, body.item, {}) if wanted is None else None
        if body is None:
            return None
        fields = self._fields(body)
        arrays = {
            name: resolved
            for name, field in fields.items()
            if isinstance(resolved := self._resolve(field.type), ir.ArrayOf)
        }
        if wanted is None:
            # The one array, else the one with a name lists use (`items` beside a `warnings`).
            named = [name for name in arrays if name in _ITEMS_NAMES]
            if len(arrays) == 1:
                wanted = next(iter(arrays))
            elif len(named) == 1:
                wanted = named[0]
            else:
                return None
        if wanted not in arrays:
            return None
        return wanted, arrays[wanted].item, fields

    def _resolve(self, type_: ir.TypeRef | None) -> ir.TypeRef | None:
        """`type_` with aliases and nullability looked through (bounded: aliases may loop)."""
        for _ in range(16):
            if isinstance(type_, ir.Nullable):
                type_ = type_.inner
            elif isinstance(type_, ir.Ref) and isinstance(
                alias := self.declarations.get(type_.key), ir.Alias
            ):
                type_ = alias.target
            else:
                return type_
        return None

    def _variants(self, item: ir.TypeRef) -> tuple[ir.TypeRef, ...]:
        """The types an item may be: the variants of a union, else the item type itself."""
        resolved = self._resolve(item)
        if isinstance(resolved, ir.UnionOf):
            return resolved.variants
        if isinstance(resolved, ir.DiscriminatedUnion):
            return tuple(variant.type for variant in resolved.variants)
        return (item,)

    def _all_have(self, item: ir.TypeRef, wire_name: str) -> bool:
        """Whether every item has the property: the model, or each variant of a union."""
        return all(wire_name in self._fields(variant) for variant in self._variants(item))

    def _item_fields(self, item: ir.TypeRef) -> dict[str, ir.Field]:
        """The fields of the items, by wire name (of any variant of a union)."""
        fields: dict[str, ir.Field] = {}
        for variant in self._variants(item):
            for wire_name, field in self._fields(variant).items():
                fields.setdefault(wire_name, field)
        return fields

    def _fields(self, type_: ir.TypeRef | None) -> dict[str, ir.Field]:
        """A model's fields by wire name, inherited ones included ({} for any other type)."""
        resolved = self._resolve(type_)
        if not isinstance(resolved, ir.Ref):
            return {}
        fields: dict[str, ir.Field] = {}
        pending = [resolved.key]
        seen: set[str] = set()
        while pending and len(seen) < 64:
            key = pending.pop()
            model = self.declarations.get(key)
            if key in seen or not isinstance(model, ir.Model):
                continue
            seen.add(key)
            for field in model.fields:
                fields.setdefault(field.wire_name, field)
            pending.extend(base.key for base in model.bases)
        return fields


def _named(
    pagination: ir.Pagination, fields: dict[str, ir.Field], item_fields: dict[str, ir.Field]
) -> ir.Pagination:
    """`pagination` with its response and item property names (wire names so far) replaced by
    the Python attribute names of their fields."""

    def name(wire: str | None, among: dict[str, ir.Field]) -> str | None:
        return None if wire is None else among[wire].name

    return dataclasses.replace(
        pagination,
        items=name(pagination.items, fields),
        next_cursor=name(pagination.next_cursor, fields),
        has_more=name(pagination.has_more, fields),
        total_pages=name(pagination.total_pages, fields),
        item_id=name(pagination.item_id, item_fields),
    )


def _first(present: Mapping[str, Any], candidates: tuple[str, ...]) -> str | None:
    return next((name for name in candidates if name in present), None)
