"""Loading JSON/YAML, bundling `$ref`s across files, and problems reported with pointers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from aiosdkgen import validation
from aiosdkgen.diagnostics import SpecError
from aiosdkgen.spec import load

from tests.conftest import spec_document


def test_missing_internal_ref_names_the_ref_and_where(write_spec: Callable[..., Path]) -> None:
    document = load(
        write_spec(
            spec_document(
                {
                    "A": {
                        "type": "object",
                        "properties": {"b": {"$ref": "#/components/schemas/Nope"}},
                    }
                }
            )
        )
    )
    [problem] = validation.validate(document)
    assert problem.code == "missing-ref"
    assert "#/components/schemas/Nope" in problem.message
    assert problem.pointer == "#/components/schemas/A/properties/b"


@pytest.mark.parametrize(
    ("document", "pointer", "words"),
    [
        (
            {
                "openapi": "3.0.3",
                "info": {"title": "t", "version": "1"},
                "paths": {"/pets": {"get": {}}},
            },
            "#/paths/~1pets/get",
            "'responses' is a required property",
        ),
        (
            {"openapi": "3.0.3", "info": {"title": "t"}, "paths": {}},
            "#/info",
            "'version' is a required property",
        ),
        (
            spec_document({"M": {"type": "strin"}}),
            "#/components/schemas/M/type",
            "'strin'",
        ),
        ({"swagger": "2.0", "info": {}, "paths": {}}, "#/info", "'title' is a required property"),
        ({"swagger": "1.2"}, "#/swagger", "Swagger '1.2' is not supported"),
        ({"openapi": "4.0.0"}, "#/openapi", "not supported"),
    ],
)
def test_invalid_documents_are_listed_with_pointers(
    document: dict[str, Any], pointer: str, words: str
) -> None:
    problems = validation.validate(document)
    assert any(p.pointer == pointer and words in p.message for p in problems), problems
    assert all(len(p.message) <= 160 for p in problems)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("{not json", "not valid JSON"),
        ("a: [unclosed", "not valid YAML"),
        ("- just a list", "not a JSON/YAML object"),
    ],
)
def test_unparsable_files(tmp_path: Path, content: str, words: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content)
    with pytest.raises(SpecError) as caught:
        load(path)
    assert words in str(caught.value)


BROKEN_SCHEMAS: list[dict[str, Any]] = [
    {"M": {"type": "strin"}},
    {"M": {"type": "object", "properties": {"a": {"type": "integer", "minimum": "x"}}}},
    {"M": {"type": "string", "default": 5}},
    {"M": {"type": "object", "required": "a"}},
    {"M": {"allOf": [{"type": "object"}], "required": ["ghost"]}},
    {"M": {"type": "string", "pattern": "(unclosed"}},
    {"M": {"oneOf": [{"type": "string"}, {"nullable": "yes"}]}},  # 3.0 only: 3.1 has no nullable
]


def _documents_to_compare() -> list[dict[str, Any]]:
    documents = [spec_document(schemas) for schemas in BROKEN_SCHEMAS]
    for schemas in BROKEN_SCHEMAS:
        document = spec_document(schemas)
        document["openapi"] = "3.0.3"
        documents.append(document)
    documents.append({"openapi": "3.0.3", "info": {"title": "t"}, "paths": {"/a": {"get": {}}}})
    documents.append(spec_document(paths={"/a": {"get": {"responses": {"200": {}}}}}))
    documents.append(spec_document({"Fine": {"type": "object"}}))
    return documents


def _null_in_any_of(version: str) -> dict[str, Any]:
    schema = {
        "type": "object",
        "properties": {"x": {"anyOf": [{"type": "string"}, {"type": "null"}]}},
    }
    ok = {"description": "ok", "content": {"application/json": {"schema": schema}}}
    return {
        "openapi": version,
        "info": {"title": "t", "version": "1"},
        "paths": {"/a": {"get": {"responses": {"200": ok}}}},
    }


def test_a_null_type_in_openapi_3_0_names_the_real_cause_where_it_is() -> None:
    """3.0 has no `type: 'null'`: the problem is that, at that `type`, with the 3.0 way to say
    it; not the "'$ref' is a required property" of the Reference alternative the object was
    never meant as."""
    [problem] = validation.validate(_null_in_any_of("3.0.3"))
    assert problem.code == "null-type"
    assert "nullable: true" in problem.message and "$ref" not in problem.message
    assert problem.pointer == (
        "#/paths/~1a/get/responses/200/content/application~1json/schema/properties/x/anyOf/1/type"
    )
    assert validation.validate(_null_in_any_of("3.1.0")) == []
