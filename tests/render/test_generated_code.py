"""One minimal reproduction per failure class found on real specs (scripts/corpus.py)."""

from __future__ import annotations

import importlib
import inspect
import json
import subprocess
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pydantic
import pytest
import tomllib
from aiosdkgen import cli, ir, render
from aiosdkgen.diagnostics import SpecError
from ruff.__main__ import find_ruff_bin

from tests.conftest import spec_document

Generate = Callable[..., ModuleType]


def test_schema_named_like_a_runtime_import(generated_package: Generate) -> None:
    """clever-cloud.com: a schema named `Body` shadowed the runtime's `Body` in resources."""
    schemas = {
        name: {"type": "object", "properties": {"x": {"type": "string"}}}
        for name in ["Body", "Endpoint", "Param", "PetsResource"]
    }
    paths = {
        "/pets": {
            "post": {
                "tags": ["pets"],
                "operationId": "make",
                "requestBody": {
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Body"}}
                    }
                },
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/PetsResource"}
                            }
                        },
                    }
                },
            }
        }
    }
    sdk = generate_ok(generated_package, spec_document(schemas, paths=paths))
    assert {"Body_", "Endpoint_", "Param_", "PetsResource"} <= set(sdk.models.__all__)
    assert sdk.resources.pets.PetsResource2.__name__ == "PetsResource2"


def generate_ok(
    generated_package: Generate, document: dict[str, Any], *, lenient: bool = False
) -> Any:
    return generated_package(document, lenient=lenient)


def test_path_template_variables_without_parameters(generated_package: Generate) -> None:
    """icons8.com: `{term}` in a path (even in a query string there) with no path parameter."""
    paths = {
        "/search?term={term}": {
            "get": {
                "operationId": "search",
                "parameters": [{"name": "term", "in": "query", "schema": {"type": "string"}}],
                "responses": {"200": {"description": "ok"}},
            }
        },
        "/items": {
            "get": {
                "operationId": "items",
                "parameters": [
                    {"name": "stray", "in": "path", "required": True, "schema": {"type": "string"}}
                ],
                "responses": {"200": {"description": "ok"}},
            }
        },
    }
    document = spec_document(paths=paths)
    with pytest.raises(SpecError):
        generated_package(document)
    sdk = generated_package(document, lenient=True)
    client = sdk.Client(base_url="http://127.0.0.1")
    assert "term" in client.search.__code__.co_varnames  # the path variable became an argument
    assert "stray" not in client.items.__code__.co_varnames


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "boolean", "default": "false"},  # beezup.com: a default of the wrong type
        {"type": "string", "default": 1},  # bhagavadgita.io
        {"type": "integer", "default": None},  # apacta.com: null for a non-nullable schema
    ],
)
def test_lenient_mode_generates_despite_schema_violations(
    generated_package: Generate, schema: dict[str, Any]
) -> None:
    document = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/a": {
                "get": {
                    "operationId": "a",
                    "parameters": [{"name": "p", "in": "query", "schema": schema}],
                    "responses": {"200": {"description": "ok"}},
                }
            }
        },
    }
    with pytest.raises(SpecError):
        generated_package(document)
    sdk = generated_package(document, lenient=True)
    assert hasattr(sdk.Client(base_url="http://127.0.0.1"), "a")


def test_ecma_regex_patterns_are_not_a_reason_to_reject(generated_package: Generate) -> None:
    """amazonaws.com/*: `\\p{L}` is valid ECMA-262 (what OpenAPI patterns are) but not Python."""
    schemas = {"TagKey": {"type": "string", "pattern": "^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$"}}
    sdk = generated_package(spec_document(schemas))
    assert "TagKey" in sdk.models.__all__


def test_all_of_a_primitive_and_a_description_stays_primitive(generated_package: Generate) -> None:
    """amazonaws.com/*: `allOf: [{$ref: ProjectName}, {description: ...}]` typed a string as an
    object, so every response carrying it failed validation."""
    schemas = {
        "ProjectName": {"type": "string", "maxLength": 50},
        "Project": {
            "type": "object",
            "properties": {
                "name": {
                    "allOf": [
                        {"$ref": "#/components/schemas/ProjectName"},
                        {"description": "Its name."},
                    ]
                },
                "tags": {
                    "allOf": [{"type": "array", "items": {"type": "string"}}, {"minItems": 1}]
                },
            },
        },
    }
    sdk = generated_package(spec_document(schemas))
    project = sdk.models.Project.model_validate_json(b'{"name": "p", "tags": ["a"]}')
    assert project.name == "p" and project.tags == ["a"]


def test_path_fragments_are_not_part_of_the_request_path(generated_package: Generate) -> None:
    """amazonaws.com/*: `/project#projectId` pushed the query string into the URL fragment."""
    paths = {
        "/project#projectId": {
            "get": {
                "operationId": "describe",
                "parameters": [
                    {
                        "name": "projectId",
                        "in": "query",
                        "required": True,
                        "schema": {"type": "string"},
                    }
                ],
                "responses": {"200": {"description": "ok"}},
            }
        }
    }
    sdk = generated_package(spec_document(paths=paths))
    endpoint = sdk._client._describe_endpoint()
    assert endpoint.path == "/project"


def ruff_check(package: ModuleType) -> None:
    """Generated code passes `ruff check` with the generated project's own settings."""
    project = Path(package.__file__ or "").parent.parent
    lint = subprocess.run(
        [find_ruff_bin(), "check", "--no-cache", "."],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert lint.returncode == 0, lint.stdout[-3000:]


def test_names_that_read_like_digits_are_renamed(generated_package: Generate) -> None:
    """fuzz: a parameter named `l` (a schema `O`, a property `I`) failed ruff's E741-E743."""
    schemas = {
        "O": {"type": "object", "properties": {"I": {"type": "string"}, "l": {"type": "string"}}},
        "i": {"type": "string", "enum": ["l", "I", "O"]},
    }
    paths = {
        "/a": {
            "get": {
                "operationId": "l",
                "parameters": [{"name": "l", "in": "query", "schema": {"type": "string"}}],
                "responses": {"200": {"description": "ok"}},
            }
        }
    }
    sdk = generated_package(spec_document(schemas, paths=paths))
    assert {"O_", "I_"} <= set(sdk.models.__all__)
    assert sdk.models.O_.model_validate({"I": "x", "l": "y"}).l_ == "y"
    ruff_check(sdk)


@pytest.mark.parametrize("text", ['"""', '\\"""', 'a"', '""', 'say "hi"', '\\"', '"\\\\"""\n"'])
def test_quotes_in_docstrings_never_close_them(generated_package: Generate, text: str) -> None:
    """fuzz: a description `\"\"\"` became `\\"\\"\\\\"`: the escaped last quote was escaped
    again, its backslash escaped instead, and the docstring ended early."""
    schemas = {"Doc": {"type": "object", "title": text, "properties": {"x": {"type": "string"}}}}
    sdk = generated_package(spec_document(schemas, info={"title": text, "version": "1"}))
    assert inspect.cleandoc(sdk.models.Doc.__doc__ or "").strip() == text.strip()


def test_enum_member_descriptions_are_attribute_docstrings(generated_package: Generate) -> None:
    """`x-enum-descriptions` become the docstrings under each member (what IDEs show), escaped
    like every docstring; the members keep their values."""
    schemas = {
        "Color": {
            "type": "integer",
            "enum": [1, 2],
            "x-enum-varnames": ["RED", "GREEN"],
            "x-enum-descriptions": ['Ends """ here', "Green"],
        }
    }
    sdk = generated_package(spec_document(schemas))
    assert sdk.models.Color.RED == 1 and sdk.models.Color(2) is sdk.models.Color.GREEN
    source = (Path(sdk.__file__).parent / "models" / "_color.py").read_text(encoding="utf-8")
    assert '    RED = 1\n    """Ends \\"\\"\\" here"""\n    GREEN = 2\n    """Green"""' in source
    ruff_check(sdk)


def test_decimal_formats_are_decimals_with_their_wire_form(generated_package: Generate) -> None:
    """`format: decimal` is `Decimal`: a string schema keeps every digit as text on the wire; a
    number schema is a JSON number on the wire (not the string pydantic writes by default)."""
    schemas = {
        "Price": {
            "type": "object",
            "required": ["exact", "approx"],
            "properties": {
                "exact": {"type": "string", "format": "decimal"},
                "approx": {"type": "number", "format": "decimal"},
                "count": {"type": "number", "format": "decimal"},
            },
        }
    }
    sdk = generated_package(spec_document(schemas))
    price = sdk.models.Price.model_validate_json(
        '{"exact": "0.10000000000000000000001", "approx": 12.34, "count": 3}'
    )
    assert price.exact == Decimal("0.10000000000000000000001")
    assert price.approx == Decimal("12.34") and price.count == Decimal(3)
    assert json.loads(price.model_dump_json()) == {
        "exact": "0.10000000000000000000001",
        "approx": 12.34,
        "count": 3,
    }


def test_read_only_properties_are_never_sent(generated_package: Generate) -> None:
    """A model read from the API can be sent back: its `readOnly` properties (inherited ones,
    nested models' too) are left out of a JSON body, a form body and a deepObject parameter;
    a property redeclared without `readOnly` is sent. `model_dump()` keeps them all."""
    schemas = {
        "Pet": {
            "type": "object",
            "properties": {
                "id": {"type": "integer", "readOnly": True},
                "name": {"type": "string"},
                "etag": {"type": "string", "readOnly": True},
            },
        },
        "Dog": {
            "allOf": [
                {"$ref": "#/components/schemas/Pet"},
                {
                    "type": "object",
                    "properties": {
                        "born": {"type": "string", "readOnly": True},
                        "etag": {"type": "string"},
                        "owner": {"$ref": "#/components/schemas/Pet"},
                    },
                },
            ]
        },
    }
    sdk = generated_package(spec_document(schemas))
    runtime = importlib.import_module(f"{sdk.__name__}._runtime")
    body = importlib.import_module(f"{sdk.__name__}._runtime._body")
    params = importlib.import_module(f"{sdk.__name__}._runtime._params")
    dog = sdk.models.Dog.model_validate(
        {"id": 1, "name": "rex", "etag": "e", "born": "2020", "owner": {"id": 2, "name": "o"}}
    )
    assert json.loads(body.encode_json(dog)) == {
        "name": "rex",
        "etag": "e",
        "owner": {"name": "o"},
    }
    assert params.jsonable(dog) == {"name": "rex", "etag": "e", "owner": {"name": "o"}}
    form = body.encode_body(runtime.Body("application/x-www-form-urlencoded", "form"), dog.owner)
    assert form.factory() == b"name=o"
    assert dog.model_dump(mode="json")["born"] == "2020" and dog.model_dump()["id"] == 1
    assert json.loads(dog.model_dump_json())["owner"] == {"id": 2, "name": "o", "etag": None}


def test_parse_webhook_gives_each_payload_its_type(generated_package: Generate) -> None:
    """`webhooks.parse_webhook(name, body, headers=...)`: the payload validated against its
    schema; an unknown name or a non-JSON Content-Type is a ValueError naming it."""
    pet = {"$ref": "#/components/schemas/Pet"}

    def request(schema: dict[str, Any]) -> dict[str, Any]:
        content = {"application/json": {"schema": schema}}
        return {
            "post": {
                "requestBody": {"content": content},
                "responses": {"200": {"description": "ok"}},
            }
        }

    schemas = {
        "Pet": {"type": "object", "required": ["id"], "properties": {"id": {"type": "integer"}}}
    }
    webhooks = {"newPet": request(pet), "petsSold": request({"type": "array", "items": pet})}
    sdk = generated_package(spec_document(schemas, webhooks=webhooks))
    parse = importlib.import_module(f"{sdk.__name__}.webhooks").parse_webhook
    assert parse("newPet", b'{"id": 1}', headers={"content-type": "application/json"}) == (
        sdk.models.Pet(id=1)
    )
    assert parse("petsSold", '[{"id": 2}]') == [sdk.models.Pet(id=2)]
    with pytest.raises(ValueError, match="'nope' is not a webhook or callback of this API"):
        parse("nope", b"{}")
    with pytest.raises(ValueError, match="not JSON"):
        parse("newPet", b"id=1", headers={"Content-Type": "application/x-www-form-urlencoded"})
    with pytest.raises(pydantic.ValidationError):
        parse("newPet", b"{}")
    ruff_check(sdk)


def test_simple_parameter_defaults_are_in_the_signature_others_in_the_docstring(
    generated_package: Generate,
) -> None:
    """A default that is a literal of the parameter's type is the argument's default (and
    sent); any other (an array, null, a value that does not fit) is documented instead."""

    def query(name: str, schema: dict[str, Any]) -> dict[str, Any]:
        return {"name": name, "in": "query", "schema": schema}

    status = {"type": "string", "enum": ["open", "closed"], "default": "open"}
    parameters = [
        query("limit", {"type": "integer", "default": 20}),
        query("ratio", {"type": "number", "default": 0.5}),
        query("sort", {"type": "string", "default": "name"}),
        query("active", {"type": "boolean", "default": False}),
        query("status", status),
        query("tags", {"type": "array", "items": {"type": "string"}, "default": ["a"]}),
        query("maybe", {"type": ["string", "null"], "default": None}),
        query("wrong", {"type": "integer", "default": "ten"}),
    ]
    operation = {
        "operationId": "listThings",
        "parameters": parameters,
        "responses": {"204": {"description": "ok"}},
    }
    sdk = generated_package(spec_document(paths={"/things": {"get": operation}}), lenient=True)
    signature = inspect.signature(sdk.Client.list_things)
    defaults = {name: p.default for name, p in signature.parameters.items()}
    assert (defaults["limit"], defaults["ratio"], defaults["sort"], defaults["active"]) == (
        20,
        0.5,
        "name",
        False,
    )
    assert defaults["status"] == "open"
    assert all(defaults[name] is sdk.NOT_GIVEN for name in ("tags", "maybe", "wrong"))
    doc = inspect.getdoc(sdk.Client.list_things) or ""
    assert 'tags: Defaults to ["a"].' in doc and "maybe: Defaults to null." in doc
    assert 'wrong: Defaults to "ten".' in doc and "limit:" not in doc


def test_lone_surrogates_in_text_still_write_utf8(generated_package: Generate) -> None:
    """fuzz: JSON text may hold a lone surrogate (`"\\ud800"`); README.md and pyproject.toml
    carry text as written and could not be encoded as UTF-8."""
    info = {
        "title": "A \ud800 B",
        "version": "1",
        "description": "\udfff",
        "license": {"name": "\ud800"},
    }
    sdk = generated_package(
        spec_document(
            {
                "S": {"type": "string", "description": "\ud800"},
                "M": {
                    "type": "object",
                    "properties": {"\ud800": {"description": "\ud800", "enum": ["\udfff"]}},
                },
            },
            info=info,
        )
    )
    project = Path(sdk.__file__ or "").parent.parent
    assert "A \ufffd B" in (project / "README.md").read_text(encoding="utf-8")
    assert tomllib.loads((project / "pyproject.toml").read_text())["project"][
        "description"
    ].endswith("A \ufffd B")
    assert sdk.__doc__ == "Typed async client for A \ufffd B."


def test_only_wildcard_error_responses_keep_generated_tests_lint_clean(
    generated_package: Generate,
) -> None:
    """fuzz: an operation declaring only `4XX` left `pytest.raises(...) as caught` unused in
    the generated tests (ruff F841)."""
    paths = {"/a": {"get": {"operationId": "a", "responses": {"4XX": {"description": "no"}}}}}
    sdk = generated_package(spec_document(paths=paths))
    ruff_check(sdk)


def test_a_resource_without_operations_still_compiles() -> None:
    """fuzz: when every operation of a tag was left out, the resource's wrapper classes had an
    empty `__init__` and the module did not parse."""
    resource = ir.Resource(
        attribute="empty", class_name="EmptyResource", module="empty", description=None,
        operations=(),
    )  # fmt: skip
    api = ir.Api(
        info=ir.ApiInfo(title="T", description=None, version="1", license=None),
        declarations={},
        resources=(resource,),
    )
    options = render.Options(package_name="sdk", project_name="sdk", version="1.0.0")
    source = render.render(api, options)["sdk/resources/empty.py"]
    compile(source, "empty.py", "exec")


def test_percent_signs_in_paths_are_not_decoded(generated_package: Generate) -> None:
    """fuzz: a path `/a%20b/{id}` was looked up again by JSON pointer, which %-decodes: the
    lookup failed (KeyError) and the operation was silently left out."""
    paths = {
        "/a%20b/{id}": {
            "get": {
                "operationId": "get_it",
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
                ],
                "responses": {"200": {"description": "ok"}},
            }
        }
    }
    sdk = generated_package(spec_document(paths=paths))
    assert sdk._client._get_it_endpoint().path == "/a%20b/{id}"


def test_problems_are_reported_on_one_line_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """fuzz: a name holding a newline or a terminal escape sequence broke (or recoloured) the
    report of problems; they are printed escaped."""
    name = "x\ny\x1b[31m\u202e"
    schemas = {"S": {"type": "object", "properties": {name: {"type": "integer", "default": "x"}}}}
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(spec_document(schemas)))
    assert cli.main(["generate", str(spec), "-o", str(tmp_path / "out")]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) >= 2
    assert all(line.isprintable() for line in lines)
    assert "x\\ny\\x1b[31m\\u202e" in lines[1]


def test_none_comes_last_in_unions_of_nullable_members(generated_package: Generate) -> None:
    """fuzz: `anyOf: [nullable string, integer]` was typed `str | None | int` (ruff RUF036)."""
    member = {"anyOf": [{"type": "string", "nullable": True}, {"type": "integer"}]}
    schemas = {
        "Map": {"type": "object", "additionalProperties": member},
        "Union": {"oneOf": [{"$ref": "#/components/schemas/Nullable"}, {"type": "boolean"}]},
        "Nullable": {"type": ["string", "null"]},
        "Holder": {
            "type": "object",
            "properties": {"u": member, "v": {"$ref": "#/components/schemas/Union"}},
        },
    }
    document = spec_document(schemas)
    document["openapi"] = "3.0.3"
    schemas["Nullable"] = {"type": "string", "nullable": True}
    sdk = generated_package(document)
    ruff_check(sdk)
    assert sdk.models.Holder.model_validate({"u": None, "v": None}).u is None


@pytest.mark.parametrize("name", ["", None, 5])
def test_api_key_schemes_without_a_usable_name_are_left_out(
    generated_package: Generate, name: Any
) -> None:
    """hostile specs: an apiKey scheme named "" (or, leniently, unnamed) generated an SDK that
    raised at import (the runtime needs a name); it is left out with a warning instead."""
    scheme: dict[str, Any] = {"type": "apiKey", "in": "header"}
    if name is not None:
        scheme["name"] = name
    document = spec_document(
        securitySchemes=None,
        paths={"/a": {"get": {"operationId": "a", "responses": {"200": {"description": "ok"}}}}},
        security=[{"key": []}],
    )
    document["components"]["securitySchemes"] = {"key": scheme}
    del document["securitySchemes"]
    sdk = generated_package(document, lenient=True)
    assert sdk.Client(base_url="http://127.0.0.1").a


def _validate(document: dict[str, Any]) -> list[Any]:
    from aiosdkgen import validation

    return [problem for problem in validation.validate(document) if problem.level == "error"]


def test_a_recursive_union_used_in_all_of_is_valid() -> None:
    """fuzz: a recursive union (a JSON-value-like schema) used as an allOf member makes the
    validator recurse until Python's limit: a valid spec fails with `nested too deeply`."""
    ref = {"$ref": "#/components/schemas/Value"}
    schemas = {
        "Value": {"oneOf": [{"type": "string"}, {"type": "array", "items": ref}]},
        "Holder": {"allOf": [ref, {"description": "a value"}]},
    }
    assert _validate(spec_document(schemas)) == []


def test_a_parameter_referring_to_an_ecma_pattern_with_a_default_is_valid() -> None:
    """fuzz: `pattern: \\p{L}+` is valid ECMA-262; a parameter whose schema is a `$ref` to
    such a component with a default crashes the validator (`bad escape \\p`)."""
    schemas = {"S": {"type": "string", "pattern": "\\p{L}+", "default": "abc"}}
    parameter = {"name": "q", "in": "query", "schema": {"$ref": "#/components/schemas/S"}}
    operation = {"parameters": [parameter], "responses": {"200": {"description": "ok"}}}
    from aiosdkgen import validation
    from aiosdkgen.speed.validator import TUNING

    document = spec_document(schemas, paths={"/a": {"get": operation}})
    assert _validate(document) == []
    assert {p.code for p in validation.validate(document, TUNING)} == set()
    # The plain validator (no speed-ups) compiles patterns with Python's `re`: a warning only.
    assert {p.code for p in validation.validate(document)} == {"pattern-not-python-regex"}


@pytest.mark.parametrize("version", ["9" * 10_000, "²", "1.²", "v1..2"])
def test_odd_info_versions_give_the_default_package_version(
    tmp_path: Path, version: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """hostile specs: `info.version` of 10,000 digits passed isdigit() and int() refused it
    (ValueError, an internal error); "²" is a digit to isdigit() and not to int()."""
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(spec_document(info={"title": version, "version": version})))
    assert cli.main(["generate", str(spec), "-o", str(tmp_path / "out")]) == 0
    pyproject = tomllib.loads((tmp_path / "out" / "pyproject.toml").read_text())
    assert pyproject["project"]["version"] == "0.1.0"
    assert "#/info/version: info.version" in capsys.readouterr().err  # said, not silent
