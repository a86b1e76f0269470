"""Operations: names, grouping, parameters, bodies, responses and security."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aiosdkgen import ir, parser, validation
from aiosdkgen.spec import load

from tests.conftest import spec_document

OK = {"200": {"description": "ok"}}


def parse_paths(write_spec: Callable[..., Path], paths: dict[str, Any], **extra: Any) -> ir.Api:
    document = load(write_spec(spec_document(paths=paths, **extra)))
    assert validation.validate(document) == []
    return parser.parse(document)


def operations(api: ir.Api) -> dict[str, ir.Operation]:
    found = {op.name: op for resource in api.resources for op in resource.operations}
    found.update({op.name: op for op in api.root_operations})
    return found


def test_names_come_from_operation_id_or_method_and_path(write_spec: Callable[..., Path]) -> None:
    api = parse_paths(
        write_spec,
        {
            "/pets/{petId}": {
                "parameters": [{"name": "petId", "in": "path", "required": True, "schema": {}}],
                "get": {"operationId": "getPetById", "responses": OK},
                "delete": {"responses": OK},
            },
            "/pets": {"get": {"operationId": "get_pet_by_id", "responses": OK}},
        },
    )
    assert list(operations(api)) == ["get_pet_by_id", "delete_pets_pet_id", "get_pet_by_id2"]


def test_grouped_by_first_tag_untagged_on_the_client(write_spec: Callable[..., Path]) -> None:
    api = parse_paths(
        write_spec,
        {
            "/a": {"get": {"tags": ["Pet Store", "other"], "operationId": "a", "responses": OK}},
            "/b": {"get": {"operationId": "b", "responses": OK}},
            "/c": {"get": {"tags": ["close"], "operationId": "c", "responses": OK}},
        },
        tags=[{"name": "Pet Store", "description": "Pets."}],
    )
    assert [(r.attribute, r.class_name, r.description) for r in api.resources] == [
        ("pet_store", "PetStoreResource", "Pets."),
        ("close2", "CloseResource", None),  # `close` is the client's own method
    ]
    assert [op.name for op in api.root_operations] == ["b"]


def test_parameters_path_first_in_template_order_then_required(
    write_spec: Callable[..., Path],
) -> None:
    api = parse_paths(
        write_spec,
        {
            "/{b}/{a}": {
                "parameters": [
                    {"name": "a", "in": "path", "required": True, "schema": {"type": "string"}},
                    {"name": "opt", "in": "query", "schema": {"type": "integer"}},
                ],
                "get": {
                    "operationId": "op",
                    "parameters": [
                        {
                            "name": "b",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "integer"},
                        },
                        {"name": "Opt", "in": "header", "schema": {"type": "string"}},
                        {
                            "name": "must",
                            "in": "query",
                            "required": True,
                            "schema": {"type": "string"},
                        },
                        {
                            "name": "opt",
                            "in": "query",
                            "description": "overrides",
                            "schema": {"type": "string"},
                        },
                        {"name": "Accept", "in": "header", "schema": {"type": "string"}},
                        {"name": "timeout", "in": "query", "schema": {"type": "string"}},
                    ],
                    "responses": OK,
                },
            }
        },
    )
    op = operations(api)["op"]
    assert [(p.name, p.wire_name, p.location, p.required) for p in op.parameters] == [
        ("b", "b", "path", True),
        ("a", "a", "path", True),
        ("must", "must", "query", True),
        ("opt", "opt", "query", False),
        ("opt2", "Opt", "header", False),
        ("timeout2", "timeout", "query", False),  # `timeout` is every method's own argument
    ]
    assert op.parameters[3].type == ir.Primitive(name="str")  # the operation's definition wins


def test_bodies_prefer_json_and_keep_alternatives(write_spec: Callable[..., Path]) -> None:
    schema = {"type": "object", "properties": {"name": {"type": "string"}}}
    api = parse_paths(
        write_spec,
        {
            "/a": {
                "post": {
                    "operationId": "make",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/x-www-form-urlencoded": {
                                "schema": schema,
                                "encoding": {
                                    "tags": {"style": "deepObject", "explode": True},
                                    "name": {"style": "form"},
                                },
                            },
                            "application/vnd.api+json": {"schema": schema},
                        },
                    },
                    "responses": OK,
                }
            },
            "/b": {
                "put": {
                    "operationId": "upload",
                    "requestBody": {
                        "content": {"image/png": {"schema": {"type": "string", "format": "binary"}}}
                    },
                    "responses": OK,
                }
            },
            "/c": {
                "put": {
                    "operationId": "cover",
                    "requestBody": {
                        "content": {"image/jpeg": {"schema": {"type": "string", "format": "byte"}}}
                    },
                    "responses": OK,
                }
            },
        },
    )
    make, upload = operations(api)["make"], operations(api)["upload"]
    cover = operations(api)["cover"]
    assert cover.body is not None and cover.body.media_types == (("image/jpeg", "base64"),)
    assert cover.body.type == ir.Primitive(name="bytes")
    assert make.body is not None and make.body.required
    assert make.body.media_types == (
        ("application/vnd.api+json", "json"),
        ("application/x-www-form-urlencoded", "form"),
    )
    assert make.body.deep_object == ("tags",)
    assert isinstance(make.body.type, ir.Ref)
    assert api.declarations[make.body.type.key].name == "MakeRequest"
    assert upload.body is not None and upload.body.type == ir.Primitive(name="bytes")
    assert not upload.body.required


def test_responses_and_return_types(write_spec: Callable[..., Path]) -> None:
    def json_of(schema: dict[str, Any]) -> dict[str, Any]:
        return {"description": "x", "content": {"application/json": {"schema": schema}}}

    api = parse_paths(
        write_spec,
        {
            "/a": {
                "get": {
                    "operationId": "union",
                    "responses": {
                        "200": json_of({"type": "string"}),
                        "201": json_of({"type": "integer"}),
                        "404": json_of({"type": "object", "properties": {"m": {"type": "string"}}}),
                    },
                }
            },
            "/b": {
                "get": {
                    "operationId": "maybe",
                    "responses": {
                        "200": json_of({"type": "string"}),
                        "204": {"description": "none"},
                    },
                }
            },
            "/c": {
                "get": {
                    "operationId": "only_default",
                    "responses": {"default": json_of({"type": "boolean"})},
                }
            },
            "/d": {
                "get": {
                    "operationId": "text",
                    "responses": {
                        "2XX": {"description": "x", "content": {"text/csv": {}}},
                        "404": json_of({"type": "object"})
                        | {"content": {"application/problem+json": {"schema": {"type": "object"}}}},
                    },
                }
            },
            "/e": {
                "get": {"operationId": "nothing", "responses": {"204": {"description": "none"}}}
            },
            "/g": {  # GitHub's archive links: only a redirect succeeds
                "get": {
                    "operationId": "archive",
                    "responses": {
                        "302": {"description": "the download"},
                        "404": json_of({"type": "object"}),
                    },
                }
            },
            "/f": {  # 484 operations of the directory declare content for a 204, which has none
                "get": {
                    "operationId": "no_content",
                    "responses": {"204": json_of({"type": "string"})},
                }
            },
        },
    )
    ops = operations(api)
    assert ops["union"].returns == ir.UnionOf(
        variants=(ir.Primitive(name="str"), ir.Primitive(name="int"))
    )
    error_type = ops["union"].responses[2].type
    assert (
        isinstance(error_type, ir.Ref)
        and api.declarations[error_type.key].name == "UnionResponse404"
    )
    assert ops["maybe"].returns == ir.Nullable(inner=ir.Primitive(name="str"))
    assert ops["only_default"].returns == ir.Primitive(name="bool")
    assert ops["text"].responses[0] == ir.Response(
        status="2XX",
        kind="text",
        type=ir.Primitive(name="str"),
        description="x",
        media_type="text/csv",
    )
    # An error's media type too: a server honouring Accept would answer the error with 406.
    assert ops["text"].accept == "text/csv, application/problem+json"
    assert ops["union"].accept == "application/json"  # once, though three responses have it
    assert ops["nothing"].returns is None
    assert ops["no_content"].returns == ir.Nullable(inner=ir.Primitive(name="str"))
    assert ops["archive"].returns == ir.Primitive(name="str")
    assert [(r.status, r.kind) for r in ops["archive"].responses] == [
        ("302", "location"),
        ("404", "json"),
    ]


def test_security_global_per_operation_and_none(write_spec: Callable[..., Path]) -> None:
    api = parse_paths(
        write_spec,
        {
            "/a": {"get": {"operationId": "inherits", "responses": OK}},
            "/b": {"get": {"operationId": "public", "security": [], "responses": OK}},
            "/c": {
                "get": {"operationId": "either", "security": [{"key": []}, {}], "responses": OK}
            },
        },
        security=[{"bearer": []}],
        components={
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "key": {"type": "apiKey", "in": "query", "name": "api_key"},
                "digest": {"type": "http", "scheme": "digest"},
            }
        },
    )
    ops = operations(api)
    assert ops["inherits"].security == (("bearer",),)
    assert ops["public"].security == ()
    assert ops["either"].security == (("key",), ())
    assert [(s.key, s.kind, s.argument, s.location) for s in api.security_schemes] == [
        ("bearer", "bearer", "bearer", None),
        ("key", "api_key", "key", "query"),
    ]
    assert [w.code for w in api.warnings] == ["unsupported-security"]


def test_base_url_from_servers(write_spec: Callable[..., Path]) -> None:
    servers = [
        {
            "url": "https://{env}.example.com/{version}/",
            "variables": {"env": {"default": "api"}, "version": {"default": "v1"}},
        }
    ]
    assert parse_paths(write_spec, {}, servers=servers).base_url == "https://api.example.com/v1"
    assert parse_paths(write_spec, {}, servers=[{"url": "/relative"}]).base_url is None


def test_an_operation_whose_types_fail_is_kept_loosely_typed(
    write_spec: Callable[..., Path], monkeypatch: Any
) -> None:
    """A schema the type builder chokes on costs precision, not the operation."""
    from aiosdkgen.parser.schemas import SchemaParser

    real = SchemaParser.type_of

    def choking(self: SchemaParser, schema: Any, where: str, hint: str) -> ir.TypeRef:
        if isinstance(schema, dict) and schema.get("x-choke"):
            raise TypeError("cannot type this")
        return real(self, schema, where, hint)

    monkeypatch.setattr(SchemaParser, "type_of", choking)
    body = {"content": {"application/json": {"schema": {"type": "object", "x-choke": True}}}}
    api = parse_paths(
        write_spec,
        {
            "/things/{id}": {
                "post": {
                    "operationId": "make",
                    "parameters": [
                        {
                            "name": "id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "integer"},
                        }
                    ],
                    "requestBody": body,
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {"application/json": {"schema": {"type": "string"}}},
                        }
                    },
                },
            },
            "/other": {"get": {"operationId": "fine", "responses": OK}},
        },
    )
    found = operations(api)
    make = found["make"]
    assert [(p.wire_name, p.type) for p in make.parameters] == [("id", ir.Primitive(name="Any"))]
    assert make.body is not None and make.body.type == ir.Primitive(name="Any")
    assert make.returns == ir.Primitive(name="Any")
    assert found["fine"].returns is None
    assert [(w.code, w.pointer) for w in api.warnings] == [
        ("operation-loosely-typed", "#/paths/~1things~1{id}/post")
    ]


def test_test_values_fit_their_schemas(write_spec: Callable[..., Path]) -> None:
    """Examples that contradict their schema are not used (Asana's list example of a string);
    a oneOf whose variants all overlap (Zoom's settings bodies) has no valid value, and says so
    instead of sending an invalid one."""
    include = {"type": "string", "enum": ["notes", "assignee"], "example": ["notes", "assignee"]}
    overlapping = {
        "oneOf": [
            {"type": "object", "properties": {"a": {"type": "boolean"}}},
            {"type": "object", "properties": {"b": {"type": "boolean"}}},
        ]
    }

    def body(schema: dict[str, Any]) -> dict[str, Any]:
        return {"content": {"application/json": {"schema": schema}}, "required": True}

    api = parse_paths(
        write_spec,
        {
            "/duplicate": {
                "post": {
                    "operationId": "duplicate",
                    "requestBody": body({"type": "object", "properties": {"include": include}}),
                    "responses": OK,
                }
            },
            "/lock": {
                "patch": {
                    "operationId": "lock",
                    "requestBody": body(overlapping),
                    "responses": OK,
                }
            },
            "/pick": {
                "patch": {
                    "operationId": "pick",
                    "requestBody": body({"oneOf": [overlapping["oneOf"][0], {"type": "string"}]}),
                    "responses": OK,
                }
            },
        },
    )
    ops = operations(api)
    duplicate, lock, pick = ops["duplicate"].body, ops["lock"].body, ops["pick"].body
    assert duplicate is not None and duplicate.sample is not None
    # The example was a list: not used; the enum gives a string.
    assert duplicate.sample == ir.Sample(value={"include": "notes"})
    assert lock is not None and isinstance(lock.sample, ir.Untestable)
    assert "matches more than one" in lock.sample.reason
    assert pick is not None and pick.sample == ir.Sample(value={"a": True})


def test_a_property_required_beside_an_allof_keeps_the_value_its_part_gives(
    write_spec: Callable[..., Path],
) -> None:
    """Box's file request copy: `required: [folder]` at the top, `folder` declared in a part."""
    folder = {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}
    schema = {
        "type": "object",
        "required": ["folder"],
        "allOf": [{"type": "object", "properties": {"folder": folder}}],
    }
    api = parse_paths(
        write_spec,
        {
            "/copy": {
                "post": {
                    "operationId": "copyFileRequest",
                    "requestBody": {"content": {"application/json": {"schema": schema}}},
                    "responses": OK,
                }
            }
        },
    )
    body = operations(api)["copy_file_request"].body
    assert body is not None and body.sample == ir.Sample(value={"folder": {"id": "sample"}})


def test_an_enum_with_no_value_of_its_type_has_no_valid_value(
    write_spec: Callable[..., Path],
) -> None:
    """Zoom's `tspId`: `type: string, enum: [1, 2]` (no string equals 1)."""
    tsp = {"name": "tspId", "in": "path", "required": True}
    api = parse_paths(
        write_spec,
        {
            "/tsp/{tspId}": {
                "get": {
                    "operationId": "tsp",
                    "parameters": [tsp | {"schema": {"type": "string", "enum": [1, 2]}}],
                    "responses": OK,
                }
            },
            "/ok/{tspId}": {
                "get": {
                    "operationId": "ok",
                    "parameters": [tsp | {"schema": {"type": "string", "enum": [1, "2"]}}],
                    "responses": OK,
                }
            },
        },
    )
    [bad], [good] = operations(api)["tsp"].parameters, operations(api)["ok"].parameters
    assert isinstance(bad.sample, ir.Untestable) and "no value of the enum" in bad.sample.reason
    assert good.sample == ir.Sample(value="2")


def test_an_annotation_beside_a_ref_in_allof_gives_no_value_of_its_own(
    write_spec: Callable[..., Path],
) -> None:
    """Box's `user: {allOf: [{$ref: User}, {description: ...}]}` was sampled as "sample"."""
    user = {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}
    schema = {
        "type": "object",
        "required": ["user"],
        "properties": {
            "user": {"allOf": [{"$ref": "#/components/schemas/User"}, {"description": "Who."}]}
        },
    }
    api = parse_paths(
        write_spec,
        {
            "/members": {
                "post": {
                    "operationId": "addMember",
                    "requestBody": {"content": {"application/json": {"schema": schema}}},
                    "responses": OK,
                }
            }
        },
        components={"schemas": {"User": user}},
    )
    body = operations(api)["add_member"].body
    assert body is not None and body.sample == ir.Sample(value={"user": {"id": "sample"}})


def test_openapi_3_2_query_and_additional_operations_are_methods(
    write_spec: Callable[..., Path],
) -> None:
    """3.2's `query` field and `additionalOperations` (a method the spec spells, sent as it
    is spelled) generate methods like any other operation."""
    body = {"content": {"application/json": {"schema": {"type": "object"}}}}
    paths = {
        "/search": {
            "query": {"operationId": "search", "requestBody": body, "responses": OK},
            "additionalOperations": {"PURGE": {"operationId": "purge", "responses": OK}},
        }
    }
    api = parse_paths(write_spec, paths, openapi="3.2.0")
    found = operations(api)
    assert (found["search"].method, found["search"].key) == ("QUERY", "#/paths/~1search/query")
    assert (found["purge"].method, found["purge"].key) == (
        "PURGE",
        "#/paths/~1search/additionalOperations/PURGE",
    )


def test_an_additional_operation_that_cannot_be_sent_is_named_in_a_warning() -> None:
    """What validation refuses (a method that is no HTTP token, or a fixed field spelled as an
    additional one) is left out with a warning when a lenient run gets that far."""
    document = spec_document(
        openapi="3.2.0",
        paths={
            "/x": {
                "additionalOperations": {
                    "BAD METHOD": {"responses": OK},
                    "get": {"responses": OK},
                    "LOCK": {"operationId": "lock", "responses": OK},
                }
            }
        },
    )
    api = parser.parse(document)
    assert list(operations(api)) == ["lock"]
    assert [(w.code, w.pointer) for w in api.warnings] == [
        ("method-not-sendable", "#/paths/~1x/additionalOperations/BAD METHOD"),
        ("method-not-sendable", "#/paths/~1x/additionalOperations/get"),
    ]


def test_stream_responses_are_typed_by_their_items(write_spec: Callable[..., Path]) -> None:
    pet = {"type": "object", "properties": {"id": {"type": "integer"}}}

    def streams(media_type: str, media: dict[str, Any]) -> dict[str, Any]:
        return {
            "get": {
                "operationId": f"op{abs(hash(json.dumps([media_type, media]))) % 10**8}",
                "responses": {
                    "200": {"description": "x", "content": {media_type: media}},
                    "404": {"description": "x", "content": {media_type: {}}},
                },
            }
        }

    cases = {
        "/sse-model": ("text/event-stream", {"schema": {"$ref": "#/components/schemas/Pet"}}),
        "/sse-text": ("text/event-stream", {"schema": {"type": "string"}}),
        "/sse-named-text": ("text/event-stream", {"schema": {"$ref": "#/components/schemas/T"}}),
        "/sse-named-any": ("text/event-stream", {"schema": {"$ref": "#/components/schemas/A"}}),
        "/sse-none": ("text/event-stream; charset=utf-8", {}),
        "/sse-item": (
            "text/event-stream",
            {
                "itemSchema": {
                    "type": "object",
                    "properties": {
                        "event": {"type": "string"},
                        "data": {
                            "type": "string",
                            "contentMediaType": "application/json",
                            "contentSchema": {"$ref": "#/components/schemas/Pet"},
                        },
                    },
                }
            },
        ),
        "/sse-item-text": (
            "text/event-stream",
            {"itemSchema": {"type": "object", "properties": {"data": {"type": "string"}}}},
        ),
        "/ndjson-array": (
            "application/x-ndjson",
            {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Pet"}}},
        ),
        "/jsonl-item": ("application/jsonl", {"itemSchema": {"$ref": "#/components/schemas/Pet"}}),
        "/seq": ("application/json-seq", {"schema": {"$ref": "#/components/schemas/Pet"}}),
        "/seq-none": ("application/json-seq", {}),
    }
    document = spec_document(
        {"Pet": pet, "T": {"type": "string"}, "A": {}},
        openapi="3.2.0",
        paths={path: streams(media_type, media) for path, (media_type, media) in cases.items()},
    )
    loaded = load(write_spec(document))
    assert validation.validate(loaded) == []
    api = parser.parse(loaded)
    by_path = {op.path: op for op in operations(api).values()}
    pet_ref = ir.Ref(key="#/components/schemas/Pet")
    text = ir.Primitive(name="str")
    expected = {
        "/sse-model": ("sse", pet_ref),
        "/sse-text": ("sse", text),
        "/sse-named-text": ("sse", text),
        "/sse-named-any": ("sse", ir.Ref(key="#/components/schemas/A")),  # Clever Cloud's `{}`
        "/sse-none": ("sse", text),
        "/sse-item": ("sse", pet_ref),
        "/sse-item-text": ("sse", text),
        "/ndjson-array": ("jsonl", pet_ref),  # an array schema describes the whole stream
        "/jsonl-item": ("jsonl", pet_ref),
        "/seq": ("json-seq", pet_ref),
        "/seq-none": ("json-seq", ir.ANY),
    }
    assert {path: (op.stream, op.returns) for path, op in by_path.items()} == expected
    # An error is read whole: as text (events) or bytes (JSON streams).
    assert by_path["/sse-model"].responses[1].kind == "text"
    assert by_path["/seq"].responses[1].kind == "binary"


def test_a_stream_beside_another_success_is_read_whole(write_spec: Callable[..., Path]) -> None:
    api = parse_paths(
        write_spec,
        {
            "/mixed": {
                "get": {
                    "operationId": "mixed",
                    "responses": {
                        "200": {"description": "x", "content": {"text/event-stream": {}}},
                        "201": {
                            "description": "x",
                            "content": {"application/json": {"schema": {"type": "integer"}}},
                        },
                    },
                }
            },
            "/maybe": {
                "get": {
                    "operationId": "maybe",
                    "responses": {
                        "200": {"description": "x", "content": {"application/x-ndjson": {}}},
                        "204": {"description": "nothing new"},
                    },
                }
            },
        },
    )
    ops = operations(api)
    assert ops["mixed"].stream is None
    assert [r.kind for r in ops["mixed"].responses] == ["text", "json"]
    assert "mixed-stream" in {w.code for w in api.warnings}
    assert ops["maybe"].stream == "jsonl"
    assert ops["maybe"].returns == ir.Nullable(inner=ir.ANY)
