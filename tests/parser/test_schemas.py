"""The schema parser, one construct at a time, on tiny inline specs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from aiosdkgen import ir

from tests.conftest import spec_document

Parse = Callable[..., ir.Api]
S = "#/components/schemas/"


def model(api: ir.Api, name: str) -> ir.Model:
    declaration = api.declarations[S + name]
    assert isinstance(declaration, ir.Model)
    return declaration


def field(api: ir.Api, model_name: str, wire_name: str) -> ir.Field:
    return next(f for f in model(api, model_name).fields if f.wire_name == wire_name)


def prop_type(parse_schemas: Parse, schema: dict[str, Any]) -> ir.TypeRef:
    api = parse_schemas({"M": {"type": "object", "properties": {"p": schema}}})
    return field(api, "M", "p").type


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        ({"type": "integer"}, "int"),
        ({"type": "number"}, "float"),
        ({"type": "boolean"}, "bool"),
        ({"type": "string"}, "str"),
        ({"type": "string", "format": "date-time"}, "datetime"),
        ({"type": "string", "format": "date"}, "date"),
        ({"type": "string", "format": "time"}, "time"),
        ({"type": "string", "format": "uuid"}, "UUID"),
        ({"type": "string", "format": "binary"}, "bytes"),
        ({"type": "string", "format": "byte"}, "Base64Bytes"),
        ({"type": "string", "format": "email"}, "str"),
        ({"type": "string", "format": "uri"}, "str"),
        ({"type": "string", "format": "made-up"}, "str"),
        ({}, "Any"),
    ],
)
def test_primitive_types_and_formats(
    parse_schemas: Parse, schema: dict[str, Any], expected: str
) -> None:
    assert prop_type(parse_schemas, schema) == ir.Primitive(name=expected)  # type: ignore[arg-type]


def test_required_and_optional(parse_schemas: Parse) -> None:
    api = parse_schemas(
        {
            "M": {
                "type": "object",
                "required": ["a"],
                "properties": {"a": {"type": "string"}, "b": {"type": "string"}},
            }
        }
    )
    assert field(api, "M", "a").required
    assert not field(api, "M", "b").required


def test_nullable_30_and_31(parse_schemas: Parse) -> None:
    nullable_int = ir.Nullable(inner=ir.Primitive(name="int"))
    assert prop_type(parse_schemas, {"type": ["integer", "null"]}) == nullable_int
    assert (
        prop_type(parse_schemas, {"anyOf": [{"type": "integer"}, {"type": "null"}]}) == nullable_int
    )


def test_nullable_30_keyword(write_spec: Callable[..., Any]) -> None:
    from aiosdkgen import parser, validation
    from aiosdkgen.spec import load

    document = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {},
        "components": {
            "schemas": {
                "M": {"type": "object", "properties": {"p": {"type": "string", "nullable": True}}}
            }
        },
    }
    loaded = load(write_spec(document))
    assert validation.validate(loaded) == []
    api = parser.parse(loaded)
    assert field(api, "M", "p").type == ir.Nullable(inner=ir.Primitive(name="str"))


def test_defaults_that_fit_are_kept_others_warned() -> None:
    from aiosdkgen import parser

    # Parsed without validation: the validator would reject the bad default first.
    api = parser.parse(
        spec_document(
            {
                "M": {
                    "type": "object",
                    "properties": {
                        "n": {"type": "integer", "default": 3},
                        "bad": {"type": "integer", "default": "three"},
                        "items": {"type": "array", "default": []},
                    },
                }
            }
        )
    )
    assert field(api, "M", "n").default == 3
    assert field(api, "M", "bad").default is ir.NO_DEFAULT
    assert field(api, "M", "items").default is ir.NO_DEFAULT
    assert [w.code for w in api.warnings] == ["default-ignored"]
    assert api.warnings[0].pointer == "#/components/schemas/M/properties/bad/default"


def test_read_only_and_write_only_are_never_required(parse_schemas: Parse) -> None:
    api = parse_schemas(
        {
            "M": {
                "type": "object",
                "required": ["id", "secret"],
                "properties": {
                    "id": {"type": "string", "readOnly": True},
                    "secret": {"type": "string", "writeOnly": True},
                },
            }
        }
    )
    assert field(api, "M", "id").read_only and not field(api, "M", "id").required
    assert field(api, "M", "secret").write_only and not field(api, "M", "secret").required


def test_string_and_integer_enums_with_sanitized_members(parse_schemas: Parse) -> None:
    api = parse_schemas(
        {
            "Kind": {"type": "string", "enum": ["a-b", "class", "", "2x", "a_b", "a-b"]},
            "Level": {"type": "integer", "enum": [1, -2]},
        }
    )
    kind = api.declarations[S + "Kind"]
    assert isinstance(kind, ir.Enum) and kind.value_type == "str"
    assert [(m.name, m.value) for m in kind.members] == [
        ("A_B", "a-b"),
        ("CLASS", "class"),
        ("EMPTY", ""),
        ("VALUE_2X", "2x"),
        ("A_B2", "a_b"),
    ]
    level = api.declarations[S + "Level"]
    assert isinstance(level, ir.Enum) and level.value_type == "int"
    assert [m.name for m in level.members] == ["VALUE_1", "VALUE_MINUS_2"]


def test_enum_members_are_named_and_described_by_the_extensions(parse_schemas: Parse) -> None:
    """`x-enum-varnames` (or NSwag's `x-enumNames`) names members, sanitized like values;
    `x-enum-descriptions` documents them. A list that does not align with `enum` is ignored
    with a warning at it, never applied by position."""
    api = parse_schemas(
        {
            "Color": {
                "type": "integer",
                "enum": [1, 2, 3],
                "x-enum-varnames": ["RED", "green", "class"],
                "x-enum-descriptions": ["The red one", "", "Blue"],
            },
            "Size": {"type": "string", "enum": ["s", "m"], "x-enumNames": ["Small", "Medium"]},
            "Short": {"type": "string", "enum": ["a", "b"], "x-enum-varnames": ["ONLY_A"]},
        }
    )
    color = api.declarations[S + "Color"]
    assert isinstance(color, ir.Enum)
    assert [(m.name, m.value) for m in color.members] == [("RED", 1), ("GREEN", 2), ("CLASS", 3)]
    # One empty description makes the list unusable: ignored, with a warning.
    assert [m.description for m in color.members] == [None, None, None]
    size = api.declarations[S + "Size"]
    assert isinstance(size, ir.Enum) and [m.name for m in size.members] == ["SMALL", "MEDIUM"]
    short = api.declarations[S + "Short"]
    assert isinstance(short, ir.Enum) and [m.name for m in short.members] == ["A", "B"]
    assert sorted((w.code, w.pointer) for w in api.warnings) == [
        ("enum-extension-ignored", S + "Color/x-enum-descriptions"),
        ("enum-extension-ignored", S + "Short/x-enum-varnames"),
    ]
    described = parse_schemas(
        {"D": {"type": "string", "enum": ["x"], "x-enum-descriptions": ['Ends """ here']}}
    ).declarations[S + "D"]
    assert isinstance(described, ir.Enum)
    assert described.members[0].description == 'Ends """ here'


def test_inline_enum_and_object_are_named_from_where_they_sit(parse_schemas: Parse) -> None:
    api = parse_schemas(
        {
            "Pet": {
                "type": "object",
                "properties": {
                    "status": {"type": "string", "enum": ["ok"]},
                    "owner": {"type": "object", "properties": {"name": {"type": "string"}}},
                },
            }
        }
    )
    names = {d.name for d in api.declarations.values()}
    assert {"Pet", "PetStatus", "PetOwner"} <= names


def test_arrays_maps_and_free_form(parse_schemas: Parse) -> None:
    assert prop_type(parse_schemas, {"type": "array", "items": {"type": "string"}}) == ir.ArrayOf(
        item=ir.Primitive(name="str")
    )
    assert prop_type(
        parse_schemas, {"type": "object", "additionalProperties": {"type": "integer"}}
    ) == ir.MapOf(value=ir.Primitive(name="int"))
    assert prop_type(parse_schemas, {"type": "object"}) == ir.MapOf(value=ir.ANY)


def test_all_of_with_one_ref_inherits(parse_schemas: Parse) -> None:
    api = parse_schemas(
        {
            "Base": {
                "type": "object",
                "required": ["id"],
                "properties": {"id": {"type": "integer"}},
            },
            "Child": {
                "allOf": [
                    {"$ref": S + "Base"},
                    {"type": "object", "properties": {"extra": {"type": "string"}}},
                ]
            },
        }
    )
    child = model(api, "Child")
    assert child.bases == (ir.Ref(key=S + "Base"),)
    assert [f.wire_name for f in child.fields] == ["extra"]


def test_all_of_inline_parts_are_merged(parse_schemas: Parse) -> None:
    api = parse_schemas(
        {
            "M": {
                "allOf": [
                    {"type": "object", "properties": {"a": {"type": "string"}}},
                    {"type": "object", "required": ["b"], "properties": {"b": {"type": "integer"}}},
                ]
            }
        }
    )
    merged = model(api, "M")
    assert merged.bases == ()
    assert [(f.wire_name, f.required) for f in merged.fields] == [("a", False), ("b", True)]


def test_one_of_without_discriminator_is_a_union(parse_schemas: Parse) -> None:
    api = parse_schemas({"U": {"oneOf": [{"type": "string"}, {"type": "integer"}]}})
    alias = api.declarations[S + "U"]
    assert isinstance(alias, ir.Alias)
    assert alias.target == ir.UnionOf(variants=(ir.Primitive(name="str"), ir.Primitive(name="int")))


def _animals(discriminator: dict[str, Any]) -> dict[str, Any]:
    base = {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string"}}}
    return {
        "Base": base,
        "Cat": {
            "allOf": [
                {"$ref": S + "Base"},
                {"type": "object", "properties": {"lives": {"type": "integer"}}},
            ]
        },
        "Dog": {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string"}}},
        "Animal": {
            "oneOf": [{"$ref": S + "Cat"}, {"$ref": S + "Dog"}],
            "discriminator": discriminator,
        },
    }


def test_discriminator_with_mapping(parse_schemas: Parse) -> None:
    api = parse_schemas(
        _animals(
            {
                "propertyName": "kind",
                "mapping": {"cat": S + "Cat", "kitty": S + "Cat", "dog": "Dog"},
            }
        )
    )
    alias = api.declarations[S + "Animal"]
    assert isinstance(alias, ir.Alias)
    assert alias.target == ir.DiscriminatedUnion(
        property="kind",
        variants=(
            ir.Variant(type=ir.Ref(key=S + "Cat"), tags=("cat", "kitty")),
            ir.Variant(type=ir.Ref(key=S + "Dog"), tags=("dog",)),
        ),
    )


def test_discriminator_without_mapping_uses_schema_names(parse_schemas: Parse) -> None:
    api = parse_schemas(_animals({"propertyName": "kind"}))
    alias = api.declarations[S + "Animal"]
    assert isinstance(alias, ir.Alias) and isinstance(alias.target, ir.DiscriminatedUnion)
    assert [v.tags for v in alias.target.variants] == [("Cat",), ("Dog",)]


def test_recursive_and_mutually_recursive(parse_schemas: Parse) -> None:
    api = parse_schemas(
        {
            "Node": {
                "type": "object",
                "properties": {"children": {"type": "array", "items": {"$ref": S + "Node"}}},
            },
            "A": {"type": "object", "properties": {"b": {"$ref": S + "B"}}},
            "B": {"type": "object", "properties": {"a": {"$ref": S + "A"}}},
        }
    )
    assert field(api, "Node", "children").type == ir.ArrayOf(item=ir.Ref(key=S + "Node"))
    assert field(api, "A", "b").type == ir.Ref(key=S + "B")
    assert field(api, "B", "a").type == ir.Ref(key=S + "A")


def test_awkward_property_names_get_aliases_and_unique_names(parse_schemas: Parse) -> None:
    props = {
        name: {"type": "string"}
        for name in ["class", "from", "@type", "user-name", "user_name", "2fa"]
    }
    api = parse_schemas({"M": {"type": "object", "properties": props}})
    assert [(f.name, f.wire_name) for f in model(api, "M").fields] == [
        ("class_", "class"),
        ("from_", "from"),
        ("type_", "@type"),
        ("user_name2", "user-name"),
        ("user_name", "user_name"),
        ("field_2fa", "2fa"),
    ]


def test_colliding_class_names_are_suffixed_deterministically(parse_schemas: Parse) -> None:
    api = parse_schemas(
        {"Pet": {"type": "object"}, "pet": {"type": "object"}, "PET": {"type": "string"}}
    )
    assert [d.name for d in api.declarations.values()] == ["Pet", "Pet2", "PET3"]


def test_alias_that_only_refers_to_itself_falls_back_to_any(parse_schemas: Parse) -> None:
    api = parse_schemas({"Loop": {"type": "array", "items": {"$ref": S + "Loop"}}})
    alias = api.declarations[S + "Loop"]
    assert isinstance(alias, ir.Alias) and alias.target == ir.ANY
    assert [w.code for w in api.warnings] == ["alias-cycle"]


def test_unknown_type_degrades_to_any_with_a_warning(parse_schemas: Parse) -> None:
    # A 3.1 schema may use any vocabulary; an unknown keyword value is typed loosely.
    api = parse_schemas(
        {
            "M": {
                "type": "object",
                "properties": {"p": {"oneOf": [{"type": "string"}], "properties": {"x": {}}}},
            }
        }
    )
    # Properties beside a union apply to its object variants only: nothing is lost here.
    assert field(api, "M", "p").type == ir.Primitive(name="str")
    assert api.warnings == ()


def test_allof_branches_redeclaring_base_properties(parse_schemas: Callable[..., ir.Api]) -> None:
    """Box's and NPR's subclasses: a property the base requires stays required when a branch
    declares it again; a branch fixing it to one value makes a required literal defaulting to
    that value; a branch retyping it to a model that is no subclass is flagged for checkers."""
    api = parse_schemas(
        {
            "Animal": {
                "type": "object",
                "required": ["kind", "name", "age"],
                "properties": {
                    "kind": {"type": "string"},
                    "name": {"type": "string"},
                    "age": {"type": "integer"},
                    "owner": {"$ref": "#/components/schemas/Person"},
                },
            },
            "Person": {"type": "object", "properties": {"id": {"type": "string"}}},
            "Employee": {"type": "object", "properties": {"badge": {"type": "string"}}},
            "Lion": {
                "allOf": [
                    {"$ref": "#/components/schemas/Animal"},
                    {
                        "type": "object",
                        "properties": {
                            "kind": {"const": "lion"},
                            "name": {"type": "string", "description": "Its name."},
                            "owner": {"$ref": "#/components/schemas/Employee"},
                        },
                    },
                ]
            },
            "Tiger": {
                "allOf": [
                    {"$ref": "#/components/schemas/Animal"},
                    {"properties": {"kind": {"type": "string", "enum": ["tiger"]}}},
                ]
            },
        }
    )
    lion = {f.wire_name: f for f in model(api, "Lion").fields}
    assert lion["kind"].type == ir.LiteralOf(values=("lion",))
    assert lion["kind"].required and lion["kind"].constant and lion["kind"].default == "lion"
    assert not lion["kind"].retyped  # Literal["lion"] narrows str
    assert lion["name"].required and not lion["name"].retyped
    assert lion["owner"].retyped and not lion["owner"].required
    tiger = {f.wire_name: f for f in model(api, "Tiger").fields}
    assert tiger["kind"].type == ir.LiteralOf(values=("tiger",)) and tiger["kind"].constant
    assert "TigerKind" not in {d.name for d in api.declarations.values()}


def test_properties_beside_a_union_are_typed_with_its_variants(parse_schemas: Parse) -> None:
    """GitHub's check-run update (anyOf only says which properties are required) is one class;
    a gist-like body whose variants add properties of their own types each variant with the
    common properties. Both used to be untyped with a `union-properties` warning."""
    api = parse_schemas(
        {
            "CheckRunUpdate": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "status": {"type": "string"}},
                "anyOf": [{"required": ["status"]}, {"required": ["name"]}],
            },
            "Update": {
                "type": "object",
                "properties": {"description": {"type": "string"}},
                "oneOf": [
                    {"type": "object", "properties": {"files": {"type": "object"}}},
                    {"$ref": S + "Rename"},
                ],
            },
            "Rename": {"type": "object", "properties": {"title": {"type": "string"}}},
        }
    )
    assert {f.wire_name for f in model(api, "CheckRunUpdate").fields} == {"name", "status"}
    update = api.declarations[S + "Update"]
    assert isinstance(update, ir.Alias) and isinstance(update.target, ir.UnionOf)
    first, second = (
        api.declarations[v.key] for v in update.target.variants if isinstance(v, ir.Ref)
    )
    assert isinstance(first, ir.Model) and isinstance(second, ir.Model)
    assert {f.wire_name for f in first.fields} == {"description", "files"}
    assert second.bases == (ir.Ref(key=S + "Rename"),)
    assert {f.wire_name for f in second.fields} == {"description"}
    assert api.warnings == ()
