"""The generated project is ready to publish: licence (an SPDX expression, with the licence's
text), authors and links from the spec, classifiers, an API reference, and a warning for what
had to be replaced or left out."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from aiosdkgen import pipeline

from tests.conftest import spec_document

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def _generate(write_spec: Any, info: dict[str, Any], **extra: Any) -> pipeline.Result:
    document = spec_document(info={"title": "Zoo", "version": "1.0.0", **info}, **extra)
    return pipeline.generate(write_spec(document))


def _codes(result: pipeline.Result) -> set[str]:
    return {warning.code for warning in result.warnings}


def test_contact_links_and_licence_become_package_metadata(write_spec: Any) -> None:
    result = _generate(
        write_spec,
        {
            "contact": {
                "name": "Zoo Team",
                "email": "api@zoo.example",
                "url": "https://zoo.example",
            },
            "license": {"name": "MIT License"},
        },
    )
    project = tomllib.loads(result.files["pyproject.toml"])["project"]
    assert project["license"] == "MIT"
    assert project["authors"] == [{"name": "Zoo Team", "email": "api@zoo.example"}]
    assert project["urls"] == {"Homepage": "https://zoo.example"}
    assert "Programming Language :: Python :: 3.10" in project["classifiers"]
    assert result.files["LICENSE"].startswith("MIT License\n\nCopyright (c) Zoo Team\n")
    assert "https://zoo.example" in result.files["README.md"]
    assert not _codes(result) & {"license-not-recognised", "license-text-missing"}


def test_external_docs_are_the_documentation_link(write_spec: Any) -> None:
    document = spec_document(info={"title": "Zoo", "version": "1"})
    document["externalDocs"] = {"url": "https://docs.zoo.example/api"}
    result = pipeline.generate(write_spec(document))
    urls = tomllib.loads(result.files["pyproject.toml"])["project"]["urls"]
    assert urls == {"Documentation": "https://docs.zoo.example/api"}


@pytest.mark.parametrize(
    ("license_", "claim", "warning"),
    [
        ({"name": "Apache License, Version 2.0"}, "Apache-2.0", None),
        ({"name": "x", "identifier": "BSD-3-Clause"}, "BSD-3-Clause", None),
        ({"name": "GPL-3.0"}, "GPL-3.0-only", "license-text-missing"),
        ({"name": "Proprietary; all rights reserved"}, None, "license-not-recognised"),
    ],
)
def test_a_licence_is_claimed_only_when_recognised(
    write_spec: Any, license_: dict[str, str], claim: str | None, warning: str | None
) -> None:
    result = _generate(write_spec, {"license": license_})
    project = tomllib.loads(result.files["pyproject.toml"])["project"]
    assert project.get("license") == claim
    assert ("LICENSE" in result.files) == (claim is not None and warning is None)
    assert (
        (warning in _codes(result))
        if warning
        else not _codes(result)
        & {
            "license-not-recognised",
            "license-text-missing",
        }
    )


def test_contact_parts_that_are_not_safe_metadata_are_left_out(write_spec: Any) -> None:
    contact = {"name": 'Evil"\n[tool.x]', "email": "not an email", "url": "javascript:alert(1)"}
    result = _generate(write_spec, {"contact": contact})
    project = tomllib.loads(result.files["pyproject.toml"])["project"]
    assert "authors" not in project and "urls" not in project


def test_the_api_reference_lists_every_method_with_a_signature_and_an_example(
    write_spec: Any,
) -> None:
    parameter = {"name": "petId", "in": "path", "required": True, "schema": {"type": "integer"}}
    operation = {
        "operationId": "getPet",
        "tags": ["pets"],
        "summary": "Fetch one pet. More words follow.",
        "parameters": [parameter],
        "responses": {"200": {"description": "ok"}},
    }
    result = _generate(write_spec, {}, paths={"/pets/{petId}": {"get": operation}})
    reference = result.files["api.md"]
    assert "### `pets.get_pet`" in reference
    assert "Fetch one pet\n" in reference
    assert "async def get_pet(pet_id: int) -> None" in reference
    assert "result = await client.pets.get_pet(" in reference
    assert "(api.md)" in result.files["README.md"]


def test_the_api_reference_reads_a_stream_inside_async_with(write_spec: Any) -> None:
    content = {"text/event-stream": {"schema": {"type": "string"}, "example": "data: x\n\n"}}
    operation = {
        "operationId": "watch",
        "tags": ["feed"],
        "responses": {"200": {"description": "ok", "content": content}},
    }
    result = _generate(write_spec, {}, paths={"/feed": {"get": operation}})
    reference = result.files["api.md"]
    assert "async def watch() -> AsyncEventStream[str]" in reference
    assert (
        "async with await client.feed.watch() as stream:\n"
        "    async for event in stream:\n"
        "        print(event)\n"
    ) in reference


def test_install_names_the_project(write_spec: Any, tmp_path: Path) -> None:
    result = _generate(write_spec, {})
    assert "pip install zoo-client" in result.files["README.md"]
