"""Pagination detection: each pattern, `x-pagination`, recorded overrides, bad descriptions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from aiosdkgen import ir, parser, validation
from aiosdkgen.spec import load

from tests.conftest import spec_document

ITEM = {
    "type": "object",
    "required": ["id"],
    "properties": {"id": {"type": "string"}, "name": {"type": "string"}},
}
ITEMS = {"type": "array", "items": {"$ref": "#/components/schemas/Item"}}


def query(*names: str) -> list[dict[str, Any]]:
    return [{"name": name, "in": "query", "schema": {"type": "string"}} for name in names]


def ok(schema: dict[str, Any], headers: dict[str, Any] | None = None) -> dict[str, Any]:
    response: dict[str, Any] = {
        "description": "ok",
        "content": {"application/json": {"schema": schema}},
    }
    if headers:
        response["headers"] = headers
    return {"200": response}


def listing(schema: dict[str, Any], params: list[dict[str, Any]], **more: Any) -> dict[str, Any]:
    return {"operationId": "listItems", "parameters": params, "responses": ok(schema), **more}


def page_of(**properties: Any) -> dict[str, Any]:
    return {"type": "object", "properties": properties}


def parsed(
    write_spec: Callable[..., Path],
    operation: dict[str, Any],
    *,
    method: str = "get",
    overrides: dict[str, Any] | None = None,
) -> tuple[ir.Operation, ir.Api]:
    document = load(
        write_spec(spec_document({"Item": ITEM}, paths={"/items": {method: operation}}))
    )
    assert validation.validate(document) == []
    api = parser.parse(document, overrides)
    (found,) = api.root_operations
    return found, api


def detected(write_spec: Callable[..., Path], operation: dict[str, Any]) -> ir.Pagination | None:
    return parsed(write_spec, operation)[0].pagination


ITEM_REF = ir.Ref(key="#/components/schemas/Item")


def test_array_with_page_and_per_page_and_a_link_header_follows_links(
    write_spec: Callable[..., Path],
) -> None:
    operation = listing(ITEMS, query("page", "per_page"))
    operation["responses"] = ok(ITEMS, headers={"Link": {"schema": {"type": "string"}}})
    assert detected(write_spec, operation) == ir.Pagination(
        style="link", item=ITEM_REF, param="page", size_param="per_page"
    )


def test_array_with_page_and_a_size_counts_pages(write_spec: Callable[..., Path]) -> None:
    for size in ("per_page", "page_size", "size", "limit"):
        assert detected(write_spec, listing(ITEMS, query("page", size))) == ir.Pagination(
            style="page", item=ITEM_REF, param="page", size_param=size
        )


def test_a_page_alone_or_a_post_is_not_paginated(write_spec: Callable[..., Path]) -> None:
    assert detected(write_spec, listing(ITEMS, query("page"))) is None
    operation, _ = parsed(write_spec, listing(ITEMS, query("page", "limit")), method="post")
    assert operation.pagination is None


def test_offset_or_skip_with_limit(write_spec: Callable[..., Path]) -> None:
    for offset in ("offset", "skip"):
        found = detected(write_spec, listing(ITEMS, query(offset, "limit")))
        assert found == ir.Pagination(
            style="offset", item=ITEM_REF, param=offset, size_param="limit"
        )


@pytest.mark.parametrize(
    ("field", "param"),
    [
        ("next_cursor", "cursor"),
        ("nextCursor", "cursor"),
        ("next_page_token", "page_token"),
        ("nextPageToken", "pageToken"),
        ("cursor", "after"),
    ],
)
def test_cursor_in_the_body_sent_back_as_a_parameter(
    write_spec: Callable[..., Path], field: str, param: str
) -> None:
    body = page_of(results=ITEMS, **{field: {"type": "string"}}, has_more={"type": "boolean"})
    found = detected(write_spec, listing(body, query(param, "limit")))
    assert found is not None
    assert (found.style, found.items, found.param, found.item) == (
        "cursor",
        "results",
        param,
        ITEM_REF,
    )
    assert found.has_more == "has_more"
    assert found.next_cursor is not None  # the Python attribute of `field`


def test_stripe_starting_after_and_has_more(write_spec: Callable[..., Path]) -> None:
    body = page_of(
        object={"type": "string"}, data=ITEMS, has_more={"type": "boolean"}, url={"type": "string"}
    )
    found = detected(write_spec, listing(body, query("starting_after", "ending_before", "limit")))
    assert found == ir.Pagination(
        style="starting_after",
        item=ITEM_REF,
        items="data",
        param="starting_after",
        has_more="has_more",
        item_id="id",
    )


def test_an_object_with_two_arrays_is_not_guessed(write_spec: Callable[..., Path]) -> None:
    body = page_of(a=ITEMS, b=ITEMS, next_cursor={"type": "string"})
    assert detected(write_spec, listing(body, query("cursor"))) is None


def test_python_names_are_recorded_for_awkward_property_names(
    write_spec: Callable[..., Path],
) -> None:
    body = page_of(**{"Items-List": ITEMS, "nextCursor": {"type": "string"}})
    found = detected(write_spec, listing(body, query("cursor")))
    assert found is not None
    assert (found.items, found.next_cursor) == ("items_list", "next_cursor")


def test_x_pagination_describes_what_detection_would_miss(
    write_spec: Callable[..., Path],
) -> None:
    body = page_of(entries=ITEMS, more={"type": "string"})
    description = {"style": "cursor", "items": "entries", "param": "from", "next_cursor": "more"}
    operation = listing(body, query("from"), **{"x-pagination": description})
    assert detected(write_spec, operation) == ir.Pagination(
        style="cursor", item=ITEM_REF, items="entries", param="from", next_cursor="more"
    )


def test_x_pagination_false_disables_detection(write_spec: Callable[..., Path]) -> None:
    operation = listing(ITEMS, query("page", "per_page"), **{"x-pagination": False})
    assert detected(write_spec, operation) is None


@pytest.mark.parametrize(
    ("description", "pointer", "message"),
    [
        ("cursor", "/x-pagination", "must be false or an object"),
        ({"style": "pages"}, "/x-pagination/style", "style must be one of"),
        ({"style": "page", "param": "nope"}, "/x-pagination/param", "'nope' is not a query"),
        ({"style": "page", "param": "page", "colour": "x"}, "/x-pagination/colour", "unknown key"),
        ({"style": "page", "param": 3}, "/x-pagination/param", "non-empty string"),
        ({"style": "page", "items": "data", "param": "page"}, "/x-pagination/items", "no array"),
        ({"style": "cursor", "param": "page"}, "/x-pagination", "needs `next_cursor`"),
        ({"style": "offset"}, "/x-pagination", "needs `param`"),
    ],
)
def test_an_invalid_x_pagination_is_a_warning_at_its_pointer(
    write_spec: Callable[..., Path], description: Any, pointer: str, message: str
) -> None:
    operation = listing(ITEMS, query("page", "per_page"), **{"x-pagination": description})
    found, api = parsed(write_spec, operation)
    assert found.pagination is None  # not guessed either: the spec said something else
    (warning,) = [w for w in api.warnings if w.code == "invalid-pagination"]
    assert warning.pointer == "#/paths/~1items/get" + pointer
    assert message in warning.message


def test_recorded_override_by_operation_id_or_method_name(
    write_spec: Callable[..., Path],
) -> None:
    operation = listing(ITEMS, query("page", "per_page", "offset", "limit"))
    offset = {"style": "offset", "param": "offset", "size_param": "limit"}
    for key in ("listItems", "list_items"):
        found, _ = parsed(write_spec, operation, overrides={key: offset})
        assert found.pagination is not None and found.pagination.style == "offset"
    found, _ = parsed(write_spec, operation, overrides={"listItems": False})
    assert found.pagination is None
    found, api = parsed(write_spec, operation, overrides={"listItems": {"style": "link", "x": 1}})
    assert found.pagination is None
    (warning,) = api.warnings
    assert warning.pointer == "aiosdkgen.toml#/pagination/listItems/x"


def test_stripe_lists_with_an_optional_form_body_and_union_items(
    write_spec: Callable[..., Path],
) -> None:
    """Stripe's GETs declare an (empty) form body, and some lists hold a union of objects
    (`bank_account | card`), each with an `id`."""
    other = {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}
    union = {"anyOf": [{"$ref": "#/components/schemas/Item"}, other]}
    body = page_of(data={"type": "array", "items": union}, has_more={"type": "boolean"})
    operation = listing(body, query("starting_after", "limit"))
    operation["requestBody"] = {
        "content": {"application/x-www-form-urlencoded": {"schema": {"type": "object"}}}
    }
    found = detected(write_spec, operation)
    assert found is not None
    assert (found.style, found.item_id) == ("starting_after", "id")


def test_stripe_search_sends_next_page_back_as_page(write_spec: Callable[..., Path]) -> None:
    body = page_of(data=ITEMS, has_more={"type": "boolean"}, next_page={"type": "string"})
    found = detected(write_spec, listing(body, query("page", "limit", "query")))
    assert found is not None
    assert (found.style, found.param, found.next_cursor) == ("cursor", "page", "next_page")


def test_several_arrays_one_named_like_a_list(write_spec: Callable[..., Path]) -> None:
    strings = {"type": "array", "items": {"type": "string"}}
    body = page_of(total_count={"type": "integer"}, items=ITEMS, warnings=strings)
    found = detected(write_spec, listing(body, query("page", "per_page")))
    assert found is not None and (found.style, found.items) == ("page", "items")


def test_a_link_header_with_since_and_no_size(write_spec: Callable[..., Path]) -> None:
    operation = listing(ITEMS, query("since"))
    operation["responses"] = ok(ITEMS, headers={"link": {"schema": {"type": "string"}}})
    found = detected(write_spec, operation)
    assert found == ir.Pagination(style="link", item=ITEM_REF, param="since")


def test_one_of_two_arrays_pages_a_union(write_spec: Callable[..., Path]) -> None:
    """GitHub's stargazers: `oneOf` a list of users and a list of stargazers."""
    other = {"type": "array", "items": {"type": "object", "properties": {"x": {"type": "string"}}}}
    found = detected(write_spec, listing({"oneOf": [ITEMS, other]}, query("page", "per_page")))
    assert found is not None and found.style == "page"
    assert isinstance(found.item, ir.UnionOf) and ITEM_REF in found.item.variants
