"""Loading JSON/YAML, bundling `$ref`s across files, and problems reported with pointers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from aiosdkgen import validation
from aiosdkgen.diagnostics import SpecError
from aiosdkgen.loader import _json_lone_surrogate, load, parse_document

from tests.conftest import spec_document


def test_yaml_keeps_dates_as_text_and_integer_keys_as_strings(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "openapi: 3.0.3\ninfo: {title: t, version: 2020-01-01}\npaths:\n  /a:\n    get:\n"
        "      responses:\n        200: {description: ok}\n"
    )
    document = load(spec)
    assert document["info"]["version"] == "2020-01-01"
    assert "200" in document["paths"]["/a"]["get"]["responses"]
    assert validation.validate(document) == []


def test_relative_file_refs_are_bundled_under_their_names(tmp_path: Path) -> None:
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "common.yaml").write_text(
        "components:\n  schemas:\n    Error:\n      type: object\n      properties:\n"
        "        detail: {$ref: '#/components/schemas/Detail'}\n"
        "    Detail: {type: string}\n"
    )
    root = spec_document(
        {
            "Thing": {
                "type": "object",
                "properties": {"error": {"$ref": "./shared/common.yaml#/components/schemas/Error"}},
            }
        }
    )
    (tmp_path / "spec.yaml").write_text(__import__("json").dumps(root))
    document = load(tmp_path / "spec.yaml")
    schemas = document["components"]["schemas"]
    assert schemas["Thing"]["properties"]["error"] == {"$ref": "#/components/schemas/Error"}
    assert schemas["Error"]["properties"]["detail"] == {"$ref": "#/components/schemas/Detail"}
    assert schemas["Detail"] == {"type": "string"}
    assert validation.validate(document) == []


def test_missing_ref_file_names_the_ref_and_where_it_is_used(tmp_path: Path) -> None:
    root = spec_document({"Thing": {"$ref": "./nowhere.yaml#/X"}})
    (tmp_path / "spec.json").write_text(__import__("json").dumps(root))
    with pytest.raises(SpecError) as caught:
        load(tmp_path / "spec.json")
    [problem] = caught.value.problems
    assert "nowhere.yaml" in problem.message
    assert problem.pointer == "#/components/schemas/Thing"


def _spec_reading(tmp_path: Path, ref: str) -> Path:
    """tmp_path/api/spec.json, whose schema Thing is `ref`; tmp_path/secret.json is outside."""
    (tmp_path / "secret.json").write_text('{"Thing": {"type": "string", "title": "token"}}')
    (tmp_path / "api").mkdir()
    spec = tmp_path / "api" / "spec.json"
    spec.write_text(__import__("json").dumps(spec_document({"Thing": {"$ref": ref}})))
    return spec


@pytest.mark.parametrize("ref", ["../secret.json#/Thing", "{tmp}/secret.json#/Thing"])
def test_a_ref_cannot_read_files_outside_the_specs_directory(tmp_path: Path, ref: str) -> None:
    spec = _spec_reading(tmp_path, ref.format(tmp=tmp_path))
    with pytest.raises(SpecError) as caught:
        load(spec)
    [problem] = caught.value.problems
    assert problem.code == "ref-outside-root"
    assert problem.pointer == "#/components/schemas/Thing"
    assert "secret.json" in problem.message and "--ref-root" in problem.message
    # A root that holds both files allows it.
    document = load(spec, ref_root=tmp_path)
    assert document["components"]["schemas"]["Thing"] == {"type": "string", "title": "token"}


def test_a_link_inside_the_specs_directory_cannot_lead_outside(tmp_path: Path) -> None:
    spec = _spec_reading(tmp_path, "./linked.json#/Thing")
    (tmp_path / "api" / "linked.json").symlink_to(tmp_path / "secret.json")
    with pytest.raises(SpecError) as caught:
        load(spec)
    assert [problem.code for problem in caught.value.problems] == ["ref-outside-root"]


def test_a_linked_spec_reads_the_files_beside_its_target(tmp_path: Path) -> None:
    spec = _spec_reading(tmp_path, "./thing.json#/Thing")
    (tmp_path / "api" / "thing.json").write_text('{"Thing": {"type": "integer"}}')
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "spec.json").symlink_to(spec)
    document = load(tmp_path / "elsewhere" / "spec.json")
    assert document["components"]["schemas"]["Thing"] == {"type": "integer"}


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
        ({"swagger": "2.0", "info": {}}, "#/swagger", "Swagger 2.0"),
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


def test_the_fast_engine_gives_the_python_engines_verdicts_and_messages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """jsonschema-rs only answers "valid?": every message still comes from openapi-spec-validator."""
    from aiosdkgen import fast_schema
    from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator
    from openapi_spec_validator.schemas import schema_v30, schema_v31

    assert all(v.schema_validator._fast is not None for v in validation._VALIDATORS.values())
    documents = _documents_to_compare()
    fast = [validation.validate(document) for document in documents]

    monkeypatch.setattr(fast_schema, "jsonschema_rs", None)
    monkeypatch.setattr(fast_schema, "_compiled", {})
    monkeypatch.setitem(
        validation._VALIDATORS, "3.0", validation._prepared(OpenAPIV30SpecValidator, schema_v30)
    )
    monkeypatch.setitem(
        validation._VALIDATORS, "3.1", validation._prepared(OpenAPIV31SpecValidator, schema_v31)
    )
    assert validation._VALIDATORS["3.0"].schema_validator._fast is None
    python_only = [validation.validate(document) for document in documents]
    assert fast == python_only
    valid = [i for i, problems in enumerate(fast) if not problems]
    assert valid == [len(BROKEN_SCHEMAS) - 1, len(documents) - 1]


def _documents_with_references() -> list[dict[str, Any]]:
    """Problems behind `$ref`s, chains of them and recursive schemas: what path resolution
    must get right."""
    parameter = {"name": "n", "in": "query", "schema": {"$ref": "#/components/schemas/Count"}}
    operation = {
        "parameters": [{"$ref": "#/components/parameters/N"}],
        "responses": {"200": {"$ref": "#/components/responses/Ok"}},
    }
    components = {
        "schemas": {
            "Count": {"$ref": "#/components/schemas/Integer"},
            "Integer": {"type": "integer", "default": "not a number"},
            "Tree": {
                "type": "object",
                "required": ["ghost"],
                "properties": {
                    "children": {"type": "array", "items": {"$ref": "#/components/schemas/Tree"}}
                },
            },
        },
        "parameters": {"N": parameter},
        "responses": {
            "Ok": {
                "description": "ok",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Tree"}}},
            }
        },
    }
    documents = []
    for version in ("3.0.3", "3.1.0"):
        paths = {
            "/a/{id}": {"get": operation},
            "/b": {"get": dict(operation, operationId="x")},
            "/c": {"post": dict(operation, operationId="x")},
        }
        documents.append(
            {
                "openapi": version,
                "info": {"title": "t", "version": "1"},
                "paths": paths,
                "components": components,
            }
        )
    return documents


def test_remembered_path_resolution_gives_jsonschema_paths_verdicts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """MemoAccessor only remembers resolutions: the problems are those found with
    jsonschema-path's own accessor."""
    from aiosdkgen import validator_speedups
    from jsonschema_path.accessors import SchemaAccessor

    documents = _documents_to_compare() + _documents_with_references()
    remembered = [validation.validate(document) for document in documents]
    monkeypatch.setattr(validator_speedups, "MemoAccessor", SchemaAccessor)
    assert [validation.validate(document) for document in documents] == remembered
    found = {p.message for problems in remembered[-2:] for p in problems}
    assert any("not a number" in message for message in found), found
    assert any("id" in message and "path" in message.lower() for message in found), found


def test_duplicate_operation_ids_are_still_found_with_the_set_registry() -> None:
    document = spec_document(
        paths={
            "/a": {"get": {"operationId": "same", "responses": {"200": {"description": "ok"}}}},
            "/b": {"get": {"operationId": "same", "responses": {"200": {"description": "ok"}}}},
        }
    )
    problems = validation.validate(document)
    assert [(p.pointer, "is not unique" in p.message) for p in problems] == [
        ("#/paths/~1b/get", True)
    ]


@pytest.mark.parametrize(
    "node", [{}, [], "text", b"bytes", (), 1, 1.5, None, True, object(), {1, 2}, range(3)]
)
def test_the_subscriptable_check_answers_as_the_protocol_does(node: object) -> None:
    from aiosdkgen.validator_speedups import Subscriptable
    from pathable.protocols import Subscriptable as Protocol

    assert isinstance(node, Subscriptable) == isinstance(node, Protocol)


@pytest.mark.parametrize(
    ("text", "lone"),
    [
        (r'"\ud83d\ude80"', False),  # a pair: one character
        (r'"\uD83D\uDE80 and \ud83d\ude00"', False),
        (r'"\\ud800"', False),  # an escaped backslash, then plain text
        (r'"\ud800"', True),
        (r'"\udfff"', True),
        (r'"\ud83d x \ude80"', True),  # halves apart
        (r'"\ud83d\\ude80"', True),  # the second is text: the first is alone
        (r'"\\\ud83d\ude80"', False),  # a backslash, then a pair
        (r'"\ud83d\ud83d\ude80"', True),
        (r'"\ud83d"', True),
    ],
)
def test_lone_surrogate_escapes_are_told_from_pairs(text: str, lone: bool) -> None:
    assert _json_lone_surrogate(text.encode()) is lone


def test_json_text_keeps_surrogate_pairs_and_replaces_lone_halves() -> None:
    raw = (
        rb'{"a": "\ud83d\ude80", "b": "x\ud800y", "c": "\\ud800", "d": "t' + b"\xed\xa0\x80" + b'"}'
    )
    document = parse_document(raw, "spec.json")
    # Lone halves, escaped or encoded in the bytes, become U+FFFD: no UTF-8 can carry them.
    assert document == {
        "a": "\U0001f680",
        "b": "x\ufffdy",
        "c": "\\ud800",
        "d": "t\ufffd\ufffd\ufffd",
    }
