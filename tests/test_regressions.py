"""One minimal reproduction per failure class found on real specs (scripts/corpus.py)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
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
    endpoint = sdk._client._DESCRIBE
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
