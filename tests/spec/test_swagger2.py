"""Swagger 2.0 -> OpenAPI 3.0 (generator/spec/swagger2.py): each construct, `$ref` rewriting,
losses as warnings at their 2.0 pointers, determinism, hostile input, and a 2.0 petstore whose
SDK is generated, type-checked and called against a local server."""

from __future__ import annotations

import copy
import inspect
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from generator.diagnostics import SpecError
from generator.pipeline import Choices, build_api, generate
from generator.spec.swagger2 import LOSS, Converter, convert
from generator.validation import validate

FIXTURES = Path(__file__).parent / "fixtures"
PETSTORE = FIXTURES / "petstore-swagger2.yaml"


def swagger(**extra: Any) -> dict[str, Any]:
    document: dict[str, Any] = {
        "swagger": "2.0",
        "info": {"title": "T", "version": "1.0"},
        "paths": {},
    }
    document.update(extra)
    return document


def operation(*parameters: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """A document with one POST /things operation taking `parameters`."""
    op: dict[str, Any] = {
        "parameters": list(parameters),
        "responses": {"204": {"description": "ok"}},
    }
    op.update(extra)
    return swagger(paths={"/things": {"post": op}})


def converted_operation(document: dict[str, Any]) -> dict[str, Any]:
    result, _ = convert(document)
    op: dict[str, Any] = result["paths"]["/things"]["post"]
    return op


def losses(document: dict[str, Any]) -> list[tuple[str, str]]:
    _, diagnostics = convert(document)
    assert all(d.code == LOSS and d.level == "warning" for d in diagnostics)
    return [(d.pointer, d.message) for d in diagnostics]


# -- servers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "servers"),
    [
        (
            {"host": "api.example.com", "basePath": "/v1/", "schemes": ["https", "http"]},
            [{"url": "https://api.example.com/v1"}, {"url": "http://api.example.com/v1"}],
        ),
        ({"host": "api.example.com", "schemes": ["http"]}, [{"url": "http://api.example.com"}]),
        ({"basePath": "/api"}, [{"url": "/api"}]),
        ({}, None),
    ],
)
def test_host_base_path_and_schemes_become_servers(
    fields: dict[str, Any], servers: list[dict[str, str]] | None
) -> None:
    result, diagnostics = convert(swagger(**fields))
    assert result.get("servers") == servers
    assert diagnostics == []
    assert result["openapi"] == "3.0.3"


def test_a_host_without_schemes_assumes_https_and_says_so() -> None:
    result, _ = convert(swagger(host="h.example"))
    assert result["servers"] == [{"url": "https://h.example"}]
    assert losses(swagger(host="h.example")) == [("#/host", losses(swagger(host="h"))[0][1])]


def test_a_websocket_scheme_is_a_loss_at_its_pointer() -> None:
    document = swagger(host="h.example", schemes=["wss", "https"])
    result, _ = convert(document)
    assert result["servers"] == [{"url": "https://h.example"}]
    assert [pointer for pointer, _ in losses(document)] == ["#/schemes/0"]


def test_info_tags_external_docs_security_and_extensions_are_kept() -> None:
    kept = {
        "tags": [{"name": "a", "description": "A"}],
        "externalDocs": {"url": "https://docs.example"},
        "security": [{"key": []}],
        "x-logo": {"url": "https://logo.example"},
    }
    result, _ = convert(swagger(**kept))
    assert {key: result[key] for key in kept} == kept
    assert result["info"] == {"title": "T", "version": "1.0"}
    assert "swagger" not in result


# -- components and $refs --------------------------------------------------------------------


def test_definitions_become_schemas_and_refs_inside_schemas_follow() -> None:
    document = swagger(
        definitions={
            "Pet": {
                "type": "object",
                "properties": {
                    "owner": {"$ref": "#/definitions/Person"},
                    "friends": {"type": "array", "items": {"$ref": "#/definitions/Pet"}},
                    "tags": {
                        "additionalProperties": {"$ref": "#/definitions/Person/properties/name"}
                    },
                },
                "allOf": [{"$ref": "#/definitions/Person"}],
            },
            "Person": {"type": "object", "properties": {"name": {"type": "string"}}},
        }
    )
    result, diagnostics = convert(document)
    pet = result["components"]["schemas"]["Pet"]
    assert pet["properties"]["owner"] == {"$ref": "#/components/schemas/Person"}
    assert pet["properties"]["friends"]["items"] == {"$ref": "#/components/schemas/Pet"}
    assert pet["properties"]["tags"]["additionalProperties"] == {
        "$ref": "#/components/schemas/Person/properties/name"
    }
    assert pet["allOf"] == [{"$ref": "#/components/schemas/Person"}]
    assert diagnostics == []
    assert validate(result) == []


def test_names_3_0_refuses_are_made_component_names_and_refs_escaped() -> None:
    document = swagger(
        definitions={
            "a/b~c": {"type": "string"},
            "List«Pet»": {"type": "array", "items": {"$ref": "#/definitions/a~1b~0c"}},
            "List_Pet_": {"type": "integer"},
        }
    )
    result, _ = convert(document)
    schemas = result["components"]["schemas"]
    assert list(schemas) == ["a_b_c", "List_Pet__2", "List_Pet_"]
    assert schemas["List_Pet__2"]["items"] == {"$ref": "#/components/schemas/a_b_c"}
    assert validate(result) == []


def test_shared_parameters_and_responses_become_components() -> None:
    document = swagger(
        parameters={"limit": {"name": "limit", "in": "query", "type": "integer", "maximum": 50}},
        responses={"Missing": {"description": "gone", "schema": {"$ref": "#/definitions/E"}}},
        definitions={"E": {"type": "object"}},
        paths={
            "/things": {
                "get": {
                    "parameters": [{"$ref": "#/parameters/limit"}],
                    "responses": {"404": {"$ref": "#/responses/Missing"}},
                }
            }
        },
    )
    result, diagnostics = convert(document)
    components = result["components"]
    assert components["parameters"]["limit"] == {
        "name": "limit",
        "in": "query",
        "schema": {"type": "integer", "maximum": 50},
    }
    assert components["responses"]["Missing"] == {
        "description": "gone",
        "content": {"*/*": {"schema": {"$ref": "#/components/schemas/E"}}},
    }
    get = result["paths"]["/things"]["get"]
    assert get["parameters"] == [{"$ref": "#/components/parameters/limit"}]
    assert get["responses"]["404"] == {"$ref": "#/components/responses/Missing"}
    assert diagnostics == []
    assert validate(result) == []


def test_a_body_parameter_component_becomes_a_request_body_and_its_refs_move() -> None:
    document = swagger(
        consumes=["application/json"],
        parameters={
            "PetBody": {
                "name": "pet",
                "in": "body",
                "required": True,
                "description": "the pet",
                "x-internal": True,
                "schema": {"$ref": "#/definitions/Pet"},
            }
        },
        definitions={"Pet": {"type": "object"}},
        paths={
            "/things": {
                "post": {
                    "parameters": [{"$ref": "#/parameters/PetBody"}],
                    "responses": {"204": {"description": "ok"}},
                }
            }
        },
    )
    result, diagnostics = convert(document)
    assert result["components"]["requestBodies"]["PetBody"] == {
        "description": "the pet",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}},
        "required": True,
        "x-internal": True,
    }
    assert "parameters" not in result["components"]
    post = converted_operation(document)
    assert post["requestBody"] == {"$ref": "#/components/requestBodies/PetBody"}
    assert "parameters" not in post
    assert diagnostics == []
    assert validate(result) == []


def test_a_body_component_used_with_other_media_types_is_inlined() -> None:
    document = swagger(
        consumes=["application/json"],
        parameters={"B": {"name": "b", "in": "body", "schema": {"type": "string"}}},
        paths={
            "/things": {
                "post": {
                    "consumes": ["text/plain"],
                    "parameters": [{"$ref": "#/parameters/B"}],
                    "responses": {"204": {"description": "ok"}},
                }
            }
        },
    )
    assert converted_operation(document)["requestBody"] == {
        "content": {"text/plain": {"schema": {"type": "string"}}}
    }


# -- bodies ----------------------------------------------------------------------------------


def test_a_body_parameter_becomes_the_request_body_for_each_consumed_type() -> None:
    body = {"name": "body", "in": "body", "required": True, "description": "d",
            "schema": {"type": "object", "x-nullable": True}}  # fmt: skip
    document = operation(body, consumes=["application/json", "application/xml"])
    assert converted_operation(document)["requestBody"] == {
        "description": "d",
        "content": {
            "application/json": {"schema": {"type": "object", "nullable": True}},
            "application/xml": {"schema": {"type": "object", "nullable": True}},
        },
        "required": True,
    }


def test_a_body_without_consumes_is_json() -> None:
    document = operation({"name": "b", "in": "body", "schema": {"type": "string"}})
    assert converted_operation(document)["requestBody"] == {
        "content": {"application/json": {"schema": {"type": "string"}}}
    }


def test_form_parameters_become_one_urlencoded_schema() -> None:
    document = operation(
        {"name": "id", "in": "path", "required": True, "type": "integer"},
        {"name": "name", "in": "formData", "type": "string", "required": True,
         "description": "the name"},
        {"name": "ids", "in": "formData", "type": "array", "items": {"type": "integer"},
         "collectionFormat": "pipes"},
        {"name": "all", "in": "formData", "type": "array", "items": {"type": "string"},
         "collectionFormat": "multi"},
    )  # fmt: skip
    post = converted_operation(document)
    assert post["parameters"] == [
        {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
    ]
    assert post["requestBody"] == {
        "content": {
            "application/x-www-form-urlencoded": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "name": {"type": "string", "description": "the name"},
                        "ids": {"type": "array", "items": {"type": "integer"}},
                        "all": {"type": "array", "items": {"type": "string"}},
                    },
                    "required": ["name"],
                },
                "encoding": {"ids": {"style": "pipeDelimited", "explode": False}},
            }
        },
        "required": True,
    }


def test_allow_empty_value_is_kept_for_a_query_and_lost_for_a_form_field() -> None:
    document = operation(
        {"name": "q", "in": "query", "type": "string", "allowEmptyValue": True},
        {"name": "f", "in": "formData", "type": "string", "allowEmptyValue": True},
    )
    assert converted_operation(document)["parameters"][0]["allowEmptyValue"] is True
    assert [p for p, _ in losses(document)] == [
        "#/paths/~1things/post/parameters/1/allowEmptyValue"
    ]


def test_a_file_parameter_makes_a_multipart_binary_field() -> None:
    document = operation(
        {"name": "note", "in": "formData", "type": "string"},
        {"name": "upload", "in": "formData", "type": "file", "required": True},
        consumes=["multipart/form-data"],
    )
    body = converted_operation(document)["requestBody"]
    schema = body["content"]["multipart/form-data"]["schema"]
    assert schema["properties"]["upload"] == {"type": "string", "format": "binary"}
    assert schema["required"] == ["upload"]
    assert losses(document) == []


def test_a_file_in_a_urlencoded_form_is_sent_multipart_with_a_warning() -> None:
    document = operation(
        {"name": "upload", "in": "formData", "type": "file"},
        consumes=["application/x-www-form-urlencoded"],
    )
    assert list(converted_operation(document)["requestBody"]["content"]) == ["multipart/form-data"]
    assert [p for p, _ in losses(document)] == ["#/paths/~1things/post/parameters/0"]


def test_path_item_parameters_stay_shared_and_body_ones_reach_each_operation() -> None:
    document = swagger(
        paths={
            "/things/{id}": {
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "type": "string"},
                    {"name": "body", "in": "body", "schema": {"type": "string"}},
                ],
                "put": {"responses": {"204": {"description": "ok"}}},
                "post": {
                    "parameters": [{"name": "body", "in": "body", "schema": {"type": "integer"}}],
                    "responses": {"204": {"description": "ok"}},
                },
            }
        }
    )
    result, _ = convert(document)
    item = result["paths"]["/things/{id}"]
    assert item["parameters"] == [
        {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
    ]
    assert item["put"]["requestBody"]["content"]["application/json"]["schema"] == {"type": "string"}
    # The operation's own body parameter overrides the path item's (same name and location).
    assert item["post"]["requestBody"]["content"]["application/json"]["schema"] == {
        "type": "integer"
    }
    assert validate(result) == []


# -- parameters ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("location", "collection_format", "style"),
    [
        ("query", None, {"style": "form", "explode": False}),
        ("query", "csv", {"style": "form", "explode": False}),
        ("query", "ssv", {"style": "spaceDelimited", "explode": False}),
        ("query", "pipes", {"style": "pipeDelimited", "explode": False}),
        ("query", "multi", {"style": "form", "explode": True}),
        ("path", "csv", {}),
        ("header", None, {}),
    ],
)
def test_collection_formats_become_style_and_explode(
    location: str, collection_format: str | None, style: dict[str, Any]
) -> None:
    parameter: dict[str, Any] = {"name": "ids", "in": location, "required": True,
                                 "type": "array", "items": {"type": "string"}}  # fmt: skip
    if collection_format is not None:
        parameter["collectionFormat"] = collection_format
    document = operation(parameter)
    path = "/things" if location != "path" else None
    if path is None:
        document = swagger(paths={"/things/{ids}": {"post": document["paths"]["/things"]["post"]}})
        converted = convert(document)[0]["paths"]["/things/{ids}"]["post"]
    else:
        converted = converted_operation(document)
    assert converted["parameters"] == [
        {"name": "ids", "in": location, "required": True, **style,
         "schema": {"type": "array", "items": {"type": "string"}}}
    ]  # fmt: skip
    assert losses(document) == []


def test_tsv_has_no_3_0_form_and_is_a_loss_at_its_pointer() -> None:
    document = operation({"name": "ids", "in": "query", "type": "array", "items": {"type": "string"},
                          "collectionFormat": "tsv"})  # fmt: skip
    assert [p for p, _ in losses(document)] == [
        "#/paths/~1things/post/parameters/0/collectionFormat"
    ]
    assert "tsv" in losses(document)[0][1]


def test_ssv_in_a_header_and_nested_collection_formats_are_losses() -> None:
    document = operation(
        {"name": "X-Ids", "in": "header", "type": "array", "collectionFormat": "ssv",
         "items": {"type": "array", "collectionFormat": "pipes", "items": {"type": "string"}}},
    )  # fmt: skip
    assert [p for p, _ in losses(document)] == [
        "#/paths/~1things/post/parameters/0/items/collectionFormat",
        "#/paths/~1things/post/parameters/0/collectionFormat",
    ]


def test_a_parameter_s_value_fields_move_into_its_schema() -> None:
    document = operation(
        {"name": "q", "in": "query", "description": "d", "required": False, "type": "string",
         "format": "date", "enum": ["2020-01-01"], "default": "2020-01-01", "minLength": 1,
         "allowEmptyValue": True, "x-example": "2020-01-01", "x-nullable": True, "x-own": 1},
    )  # fmt: skip
    assert converted_operation(document)["parameters"] == [
        {"name": "q", "in": "query", "description": "d", "required": False,
         "allowEmptyValue": True, "example": "2020-01-01", "x-own": 1,
         "schema": {"type": "string", "format": "date", "enum": ["2020-01-01"],
                    "default": "2020-01-01", "minLength": 1, "nullable": True}}
    ]  # fmt: skip


# -- responses -------------------------------------------------------------------------------


def test_responses_get_content_per_produced_type_headers_and_examples() -> None:
    document = swagger(
        produces=["application/json", "text/csv"],
        paths={
            "/things": {
                "get": {
                    "responses": {
                        "200": {
                            "description": "ok",
                            "schema": {"type": "array", "items": {"type": "string"}},
                            "headers": {
                                "X-Rate": {"type": "integer", "description": "left"},
                                "X-Ids": {"type": "array", "items": {"type": "string"}},
                            },
                            "examples": {"application/json": ["a"]},
                        },
                        "default": {"description": "error"},
                    }
                }
            }
        },
    )
    result, diagnostics = convert(document)
    responses = result["paths"]["/things"]["get"]["responses"]
    schema = {"type": "array", "items": {"type": "string"}}
    assert responses["200"] == {
        "description": "ok",
        "content": {
            "application/json": {"schema": schema, "example": ["a"]},
            "text/csv": {"schema": schema},
        },
        "headers": {
            "X-Rate": {"description": "left", "schema": {"type": "integer"}},
            "X-Ids": {"schema": schema},
        },
    }
    assert responses["default"] == {"description": "error"}
    assert diagnostics == []
    assert validate(result) == []


def test_a_file_response_is_a_binary_string_and_stray_examples_are_losses() -> None:
    document = swagger(
        paths={"/f": {"get": {"produces": ["application/pdf"], "responses": {"200": {
            "description": "ok", "schema": {"type": "file"},
            "examples": {"application/json": {"a": 1}}}}}}},
    )  # fmt: skip
    result, _ = convert(document)
    assert result["paths"]["/f"]["get"]["responses"]["200"]["content"] == {
        "application/pdf": {"schema": {"type": "string", "format": "binary"}}
    }
    assert [p for p, _ in losses(document)] == [
        "#/paths/~1f/get/responses/200/examples/application~1json"
    ]


def test_discriminator_and_x_nullable_in_schemas() -> None:
    document = swagger(
        definitions={
            "Animal": {"type": "object", "discriminator": "kind", "required": ["kind"],
                       "properties": {"kind": {"type": "string"},
                                      "name": {"type": "string", "x-nullable": True},
                                      "age": {"type": "integer", "x-nullable": False}}},
        }
    )  # fmt: skip
    animal = convert(document)[0]["components"]["schemas"]["Animal"]
    assert animal["discriminator"] == {"propertyName": "kind"}
    assert animal["properties"]["name"] == {"type": "string", "nullable": True}
    assert animal["properties"]["age"] == {"type": "integer"}


def test_read_only_and_examples_in_schemas_are_kept_verbatim() -> None:
    example = {"$ref": "#/definitions/NotARef", "x-nullable": True, "type": "file"}
    document = swagger(definitions={"S": {"type": "object", "readOnly": True, "example": example,
                                          "default": example, "enum": [example]}})  # fmt: skip
    schema = convert(document)[0]["components"]["schemas"]["S"]
    assert schema == {"type": "object", "readOnly": True, "example": example,
                      "default": example, "enum": [example]}  # fmt: skip


def test_refs_inside_extensions_are_rewritten_too() -> None:
    """As swagger2openapi does (Okta's x-okta-multi-operation holds body parameters)."""
    document = operation(
        {"name": "q", "in": "query", "type": "string"},
        **{"x-multi": [{"parameters": [{"in": "body", "name": "b",
                                         "schema": {"$ref": "#/definitions/A"}}]}]},
    )  # fmt: skip
    document["definitions"] = {"A": {"type": "object", "x-see": {"$ref": "#/definitions/A"}}}
    result, diagnostics = convert(document)
    extension = result["paths"]["/things"]["post"]["x-multi"][0]["parameters"][0]
    assert extension["schema"] == {"$ref": "#/components/schemas/A"}
    assert result["components"]["schemas"]["A"]["x-see"] == {"$ref": "#/components/schemas/A"}
    assert diagnostics == []
    assert validate(result) == []


# -- security --------------------------------------------------------------------------------


def test_security_definitions_become_security_schemes() -> None:
    document = swagger(
        securityDefinitions={
            "basic": {"type": "basic", "description": "user and password"},
            "key": {"type": "apiKey", "name": "X-Key", "in": "header"},
            "implicit": {"type": "oauth2", "flow": "implicit",
                         "authorizationUrl": "https://a.example/auth", "scopes": {"r": "read"}},
            "password": {"type": "oauth2", "flow": "password",
                         "tokenUrl": "https://a.example/token", "scopes": {}},
            "application": {"type": "oauth2", "flow": "application",
                            "tokenUrl": "https://a.example/token"},
            "accessCode": {"type": "oauth2", "flow": "accessCode",
                           "authorizationUrl": "https://a.example/auth",
                           "tokenUrl": "https://a.example/token", "scopes": {"w": "write"}},
        }
    )  # fmt: skip
    result, diagnostics = convert(document)
    schemes = result["components"]["securitySchemes"]
    assert schemes["basic"] == {
        "type": "http",
        "scheme": "basic",
        "description": "user and password",
    }
    assert schemes["key"] == {"type": "apiKey", "name": "X-Key", "in": "header"}
    assert schemes["implicit"]["flows"] == {
        "implicit": {"authorizationUrl": "https://a.example/auth", "scopes": {"r": "read"}}
    }
    assert schemes["password"]["flows"] == {
        "password": {"tokenUrl": "https://a.example/token", "scopes": {}}
    }
    assert schemes["application"]["flows"] == {
        "clientCredentials": {"tokenUrl": "https://a.example/token", "scopes": {}}
    }
    assert schemes["accessCode"]["flows"] == {
        "authorizationCode": {"authorizationUrl": "https://a.example/auth",
                              "tokenUrl": "https://a.example/token", "scopes": {"w": "write"}}
    }  # fmt: skip
    assert diagnostics == []
    assert validate(result) == []


# -- losses, origins, determinism, hostile input ---------------------------------------------


def test_operation_schemes_matter_only_against_the_default_server() -> None:
    def document(**fields: Any) -> dict[str, Any]:
        get = {"schemes": ["https"], "responses": {"200": {"description": "ok"}}}
        return swagger(paths={"/things": {"get": get}}, **fields)

    assert losses(document()) == []  # no host: relative servers, no scheme to differ from
    assert losses(document(host="h.example", schemes=["https", "http"])) == []
    assert [p for p, _ in losses(document(host="h.example", schemes=["http"]))] == [
        "#/paths/~1things/get/schemes"
    ]


def test_operation_schemes_and_x_ms_paths_are_losses() -> None:
    document = swagger(
        host="h.example",
        schemes=["https"],
        paths={
            "/things": {"get": {"schemes": ["http"], "responses": {"200": {"description": "ok"}}}}
        },
        **{"x-ms-paths": {"/things?op=x": {}}},
    )
    assert [p for p, _ in losses(document)] == ["#/x-ms-paths", "#/paths/~1things/get/schemes"]


def test_origins_map_converted_pointers_back_to_the_2_0_document() -> None:
    converter = Converter(
        operation(
            {"name": "q", "in": "query", "type": "string"},
            {"name": "body", "in": "body", "schema": {"$ref": "#/definitions/Pet"}},
            responses={"200": {"description": "ok", "schema": {"type": "object"},
                               "headers": {"X-A": {"type": "string"}}}},
            consumes=["application/json"],
            produces=["application/json"],
        )
        | {"definitions": {"Pet": {"type": "object"}}, "host": "h.example", "schemes": ["https"]}
    )  # fmt: skip
    op = "#/paths/~1things/post"
    body = f"{op}/requestBody/content/application~1json/schema"
    assert converter.original(f"{body}/properties/x") == f"{op}/parameters/1/schema/properties/x"
    assert converter.original(f"{op}/parameters/0/schema/type") == f"{op}/parameters/0/type"
    assert converter.original(f"{op}/responses/200/content/application~1json/schema") == (
        f"{op}/responses/200/schema"
    )
    assert converter.original(f"{op}/responses/200/headers/X-A/schema") == (
        f"{op}/responses/200/headers/X-A"
    )
    assert converter.original("#/components/schemas/Pet/type") == "#/definitions/Pet/type"
    assert converter.original("#/servers/0/url") == "#/host"
    assert converter.original(f"{op}/summary") == f"{op}/summary"


def test_origins_follow_parameters_whose_index_moved() -> None:
    """The body parameter leaves `parameters`: the ones after it move up one place."""
    converter = Converter(
        operation(
            {"name": "b", "in": "body", "schema": {"type": "string"}},
            {"name": "q", "in": "query", "type": "integer", "minimum": "one"},
        )
    )
    op = "#/paths/~1things/post"
    assert converter.document["paths"]["/things"]["post"]["parameters"][0]["name"] == "q"
    assert converter.original(f"{op}/parameters/0/schema/minimum") == f"{op}/parameters/1/minimum"
    assert converter.original(f"{op}/parameters/0/name") == f"{op}/parameters/1/name"


def test_conversion_is_deterministic_and_leaves_its_input_alone() -> None:
    from generator.spec import load

    document = load(PETSTORE)
    before = copy.deepcopy(document)
    first = json.dumps(convert(document)[0])
    assert json.dumps(convert(copy.deepcopy(document))[0]) == first
    assert document == before
    # The converted petstore is a valid OpenAPI 3.0 document, losing nothing.
    result, diagnostics = convert(document)
    assert validate(result) == []
    assert diagnostics == []


def test_conversion_is_the_same_under_other_hash_seeds() -> None:
    script = (
        "import json, sys; from generator.spec import load; "
        "from generator.spec.swagger2 import convert; "
        f"print(json.dumps(convert(load(__import__('pathlib').Path({str(PETSTORE)!r})))[0]))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
        ).stdout
        for seed in ("0", "1", "12345")
    }  # fmt: skip
    assert len(outputs) == 1


def test_deep_and_wide_schemas_convert_without_recursion() -> None:
    """A schema nested far deeper than Python's recursion limit: the walk is a stack. (The
    reader refuses documents this deep; the converter does not depend on it.)"""
    schema: dict[str, Any] = {"$ref": "#/definitions/Leaf"}
    for _ in range(5000):
        schema = {"type": "array", "items": schema, "x-nullable": True}
    wide = {f"p{i}": {"$ref": "#/definitions/Leaf"} for i in range(20_000)}
    converter = Converter.__new__(Converter)
    converter.source = swagger(definitions={"Leaf": {"type": "string"}})
    converter.diagnostics = []
    converter.origins = {}
    converter.schema_names = {"Leaf": "Leaf"}
    converter.parameter_names = {}
    converter.response_names = {}
    deep = converter._schema(schema, "#/definitions/Deep")
    for _ in range(5000):
        assert deep["nullable"] is True
        deep = deep["items"]
    assert deep == {"$ref": "#/components/schemas/Leaf"}
    converted = converter._schema({"properties": wide}, "#/definitions/Wide")
    assert converted["properties"]["p19999"] == {"$ref": "#/components/schemas/Leaf"}


@pytest.mark.parametrize(
    "document",
    [
        swagger(paths={"/a": None}),
        swagger(paths={"/a": {"get": {"parameters": [None, 3, {"in": "body"}], "responses": []}}}),
        swagger(definitions={"A": None, "B": [1]}, parameters={"P": "x"}, responses={"R": 2}),
        swagger(securityDefinitions={"s": {"type": "oauth2", "flow": "sideways"}, "t": None}),
        swagger(
            paths={
                "/a": {
                    "get": {
                        "parameters": [{"$ref": "#/parameters/missing"}],
                        "responses": {"200": {"$ref": "#/responses/missing"}},
                    }
                }
            }
        ),
        swagger(host="h", schemes="https", consumes="application/json", basePath=3),
        {
            1: "one",
            **swagger(
                definitions={2: {"type": "string"}},
                parameters={3: {"in": "body"}},
                responses={4: {"description": "d"}},
                paths={5: {6: {}}},
            ),
        },
    ],
)
def test_malformed_documents_convert_without_raising(document: dict[str, Any]) -> None:
    """The validator of the 2.0 document reports these; converting them must not crash first
    (with --lenient the converted document is generated from)."""
    result, diagnostics = convert(document)
    assert result["openapi"] == "3.0.3"
    assert all(d.code == LOSS for d in diagnostics)


# -- through the pipeline and the CLI --------------------------------------------------------


def test_an_invalid_2_0_document_is_reported_at_its_2_0_pointers(tmp_path: Path) -> None:
    document = operation({"name": "q", "in": "query", "type": "strin"})
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(document))
    with pytest.raises(SpecError) as raised:
        build_api(spec)
    pointers = {problem.pointer for problem in raised.value.problems}
    assert any(p.startswith("#/paths/~1things/post/parameters/0") for p in pointers), pointers


def test_losses_are_warnings_of_the_generation_and_fail_strict(tmp_path: Path) -> None:
    from generator.cli import main

    document = operation(
        {"name": "ids", "in": "query", "type": "array", "items": {"type": "string"},
         "collectionFormat": "tsv"},
        operationId="make",
    )  # fmt: skip
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(document))
    result = generate(spec, Choices(package_name="tsv_sdk"))
    assert [(w.code, w.pointer) for w in result.warnings] == [
        (LOSS, "#/paths/~1things/post/parameters/0/collectionFormat")
    ]
    assert main(["generate", str(spec), "-o", str(tmp_path / "out"), "--strict"]) == 1
    assert not (tmp_path / "out" / "tsv_sdk").exists()


def test_parser_warnings_point_into_the_2_0_document(tmp_path: Path) -> None:
    """A warning the parser gives about the converted document names the 2.0 place."""
    document = swagger(
        definitions={"Thing": {"type": "object", "properties": {"size": {
            "type": "string", "enum": ["s", "m"], "x-enum-varnames": ["SMALL"]}}}},
        paths={"/things": {"get": {"operationId": "list", "responses": {"200": {
            "description": "ok", "schema": {"$ref": "#/definitions/Thing"}}}}}},
    )  # fmt: skip
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(document))
    api = build_api(spec)
    assert [w.pointer for w in api.warnings] == [
        "#/definitions/Thing/properties/size/x-enum-varnames"
    ]


def test_diff_compares_a_2_0_spec_with_its_3_0_successor(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator.cli import EXIT_BREAKING, main
    from generator.spec import load

    new, _ = convert(load(PETSTORE))
    del new["paths"]["/user/logout"]
    (tmp_path / "new.json").write_text(json.dumps(new))
    arguments = ["diff", str(PETSTORE), str(tmp_path / "new.json"), "--fail-on-breaking"]
    assert main(arguments) == EXIT_BREAKING
    report = capsys.readouterr().out
    assert "logout_user" in report
    assert report.count("\n- ") + report.count("\n* ") <= 3, report


@pytest.mark.parametrize("nullable", [True, False])
def test_a_null_default_is_valid_where_x_nullable_allows_it(tmp_path: Path, nullable: bool) -> None:
    """Docker's spec has `default: null` beside `x-nullable: true`: valid 2.0 as tools read it
    (and valid 3.0 once converted); without x-nullable it is an error at its 2.0 place."""
    managers: dict[str, Any] = {"type": "array", "items": {"type": "string"}, "default": None}
    if nullable:
        managers["x-nullable"] = True
    document = swagger(
        definitions={"Swarm": {"type": "object", "properties": {"Managers": managers}}},
        paths={"/swarm": {"get": {"operationId": "inspect", "responses": {"200": {
            "description": "ok", "schema": {"$ref": "#/definitions/Swarm"}}}}}},
    )  # fmt: skip
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(document))
    if nullable:
        assert build_api(spec).warnings == ()
        return
    with pytest.raises(SpecError) as raised:
        build_api(spec)
    assert {p.pointer for p in raised.value.problems} == {
        "#/paths/~1swarm/get/responses/200/schema/properties/Managers"
    }


def test_hostile_text_in_a_2_0_document_stays_text(
    tmp_path: Path, generated_package: Callable[..., ModuleType]
) -> None:
    """Names and text that would be code if pasted into Python reach the generator through the
    conversion unchanged, and the generator's own protections hold: nothing runs."""
    sentinel = tmp_path / "pwned"
    payload = f'x"""\nimport os; os.system("touch {sentinel}")\n"""'
    escaped = payload.replace("~", "~0").replace("/", "~1")
    document = swagger(
        host="api.example",
        schemes=["https"],
        definitions={
            payload: {"type": "object", "description": payload,
                      "properties": {payload: {"type": "string", "default": payload,
                                               "enum": [payload]}}},
        },
        paths={f"/things/{{{payload}}}": {"post": {
            "operationId": payload, "description": payload,
            "parameters": [
                {"name": payload, "in": "path", "required": True, "type": "string"},
                {"name": payload, "in": "query", "type": "array", "items": {"type": "string"}},
                {"name": "b", "in": "body", "schema": {"$ref": "#/definitions/" + escaped}},
            ],
            "responses": {"200": {"description": payload, "headers": {payload: {"type": "string"}},
                                  "schema": {"$ref": "#/definitions/" + escaped}}},
        }}},
    )  # fmt: skip
    sdk = generated_package(document)
    assert not sentinel.exists()
    (method,) = [getattr(sdk.Client, n) for n in dir(sdk.Client) if n.startswith("x_import_os")]
    # The description, then the response's (the same text) in the Responses section.
    assert inspect.cleandoc(method.__doc__).startswith(payload)
    assert " ".join(payload.split()) in inspect.cleandoc(method.__doc__).split("Responses:")[1]
    models = [getattr(sdk.models, n) for n in sdk.models.__all__]
    assert payload in [inspect.cleandoc(model.__doc__ or "") for model in models]


def test_lenient_problems_of_the_2_0_document_keep_their_2_0_pointers(tmp_path: Path) -> None:
    """Problems found in the 2.0 document are at 2.0 places already: not mapped again (the
    body parameter moved the others' 3.0 indices)."""
    document = operation(
        {"name": "b", "in": "body", "schema": {"type": "string"}},
        {"name": "q1", "in": "query", "type": "integer", "default": "one"},
        {"name": "q2", "in": "query", "type": "integer"},
        operationId="make",
    )
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(document))
    with pytest.raises(SpecError) as raised:
        build_api(spec)
    pointers = [problem.pointer for problem in raised.value.problems]
    assert pointers == ["#/paths/~1things/post/parameters/1"]
    api = build_api(spec, Choices(lenient=True))
    assert [w.pointer for w in api.warnings] == pointers


def test_mutated_documents_convert_without_raising() -> None:
    """Seeded mutations of the petstore (values replaced by other types, keys dropped): the
    converter never raises, so --lenient generation of a broken 2.0 document reports instead
    of crashing. (Found four crashes when written.)"""
    import random

    from generator.spec import load

    base = load(PETSTORE)
    base["parameters"] = {
        "B": {"in": "body", "name": "b", "schema": {"type": "string"}},
        "F": {"in": "formData", "name": "f", "type": "file"},
        "Q": {"in": "query", "name": "q", "type": "array", "items": {"type": "string"},
              "collectionFormat": "tsv"},
    }  # fmt: skip
    base["paths"]["/pet"]["parameters"] = [{"$ref": f"#/parameters/{n}"} for n in "BFQ"]
    base["x-ext"] = {"$ref": "#/definitions/Pet", "a": [{"$ref": "#/parameters/B"}]}
    values: list[Any] = [None, 1, "x", [], {}, [None], True, "file", {"type": "file"},
                         {"$ref": "#/definitions/Pet"}, {"$ref": "#/parameters/B"}, {"$ref": 1},
                         {"in": "body"}, {"in": "formData", "type": "file"}, ["a", {"b": 1}]]  # fmt: skip

    def places(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in items:
            yield (*path, key)
            if isinstance(value, (dict, list)):
                yield from places(value, (*path, key))

    where = list(places(base))
    rng = random.Random(2)
    for _ in range(400):
        document = copy.deepcopy(base)
        for _ in range(rng.randint(1, 6)):
            *parents, last = rng.choice(where)
            parent: Any = document
            try:
                for key in parents:
                    parent = parent[key]
                if isinstance(parent, dict) and rng.random() < 0.3:
                    parent.pop(last, None)
                else:
                    parent[last] = copy.deepcopy(rng.choice(values))
            except (KeyError, IndexError, TypeError):
                pass  # an earlier mutation removed the place
        result, diagnostics = convert(document)
        assert result["openapi"] == "3.0.3"
        assert all(d.code == LOSS for d in diagnostics)
