"""Rendering paginated methods: what a spec's names become in the generated code."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

from aiosdkgen.pipeline import Choices, generate

from tests.conftest import spec_document

HOSTILE = 'c"); import os; os.system("x") #'


def test_hostile_names_in_x_pagination_stay_string_literals(
    write_spec: Callable[..., Path],
) -> None:
    page = {
        "type": "object",
        "properties": {
            "items": {"type": "array", "items": {"type": "string"}},
            "next": {"type": "string"},
        },
    }
    operation = {
        "operationId": "listThings",
        "parameters": [{"name": HOSTILE, "in": "query", "schema": {"type": "string"}}],
        "x-pagination": {"style": "cursor", "param": HOSTILE, "next_cursor": "next"},
        "responses": {
            "200": {"description": "ok", "content": {"application/json": {"schema": page}}}
        },
    }
    document = spec_document(paths={"/things": {"get": operation}})
    result = generate(write_spec(document), Choices(package_name="sdk"))
    source = result.files["sdk/_client.py"]
    tree = ast.parse(source)
    pagings = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Paging"
    ]
    (paging,) = pagings
    keywords = {k.arg: ast.literal_eval(k.value) for k in paging.keywords}
    assert keywords == {"items": "items", "param": HOSTILE, "next_cursor": "next"}
    assert "import os" not in source.replace(repr(HOSTILE), "")
    assert "    def list_things(" in source and "-> AsyncPager[ListThingsResponse, str]" in source
