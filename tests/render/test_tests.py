"""The tests generated into every SDK: which operations they skip, and why."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from aiosdkgen.pipeline import Choices, generate
from aiosdkgen.render.tests import (
    PRISM_FORM_ARRAY,
    PRISM_FORM_UNDECLARED,
    PRISM_LOCATION,
    PRISM_MULTIPART_JSON,
    PRISM_STREAM,
    SHARED_URL,
)

from tests.conftest import spec_document


def generated_tests(write_spec: Callable[..., Path], paths: dict[str, Any]) -> str:
    result = generate(write_spec(spec_document(paths=paths)), Choices(package_name="sdk"))
    return "".join(text for path, text in result.files.items() if path.startswith("tests/test_"))


def multipart(properties: dict[str, Any]) -> dict[str, Any]:
    schema = {"type": "object", "required": sorted(properties), "properties": properties}
    return {
        "post": {
            "operationId": "upload",
            "requestBody": {"content": {"multipart/form-data": {"schema": schema}}},
            "responses": {"201": {"description": "stored"}},
        }
    }


def test_a_multipart_body_with_a_json_part_is_skipped_saying_prism_cannot_read_it(
    write_spec: Callable[..., Path],
) -> None:
    """Box's uploads send `attributes` as an application/json part; Prism reads it as text."""
    attributes = {
        "type": "object",
        "required": ["name"],
        "properties": {"name": {"type": "string"}},
    }
    file = {"type": "string", "format": "binary"}
    with_json = generated_tests(
        write_spec, {"/files": multipart({"attributes": attributes, "file": file})}
    )
    assert PRISM_MULTIPART_JSON in with_json
    plain = generated_tests(write_spec, {"/files": multipart({"file": file})})
    assert PRISM_MULTIPART_JSON not in plain and "await client.upload(" in plain


def test_a_form_body_with_an_array_is_skipped_saying_prism_cannot_read_it(
    write_spec: Callable[..., Path],
) -> None:
    """GitLab's form bodies: Prism reads `skip_groups[]=1`, not OpenAPI's `skip_groups=1`."""
    schema = {
        "type": "object",
        "required": ["skip_groups"],
        "properties": {"skip_groups": {"type": "array", "items": {"type": "integer"}}},
    }
    operation = {
        "operationId": "groups",
        "requestBody": {"content": {"application/x-www-form-urlencoded": {"schema": schema}}},
        "responses": {"204": {"description": "done"}},
    }
    tests = generated_tests(write_spec, {"/groups": {"post": operation}})
    assert PRISM_FORM_ARRAY in tests
    deep = {
        "application/x-www-form-urlencoded": {
            "schema": schema,
            "encoding": {"skip_groups": {"style": "deepObject"}},
        }
    }
    indexed = generated_tests(
        write_spec, {"/groups": {"post": operation | {"requestBody": {"content": deep}}}}
    )
    assert PRISM_FORM_ARRAY not in indexed


def test_a_redirect_that_is_the_answer_is_skipped_saying_prism_sends_no_location(
    write_spec: Callable[..., Path],
) -> None:
    operation = {"operationId": "archive", "responses": {"302": {"description": "download"}}}
    assert PRISM_LOCATION in generated_tests(write_spec, {"/archive": {"get": operation}})


def test_a_form_body_requiring_an_undeclared_property_is_skipped_saying_prism_cannot_read_it(
    write_spec: Callable[..., Path],
) -> None:
    """Box's token revocation requires `grant_type` without declaring it."""
    schema = {
        "type": "object",
        "required": ["grant_type"],
        "properties": {"token": {"type": "string"}},
    }
    operation = {
        "operationId": "revoke",
        "requestBody": {"content": {"application/x-www-form-urlencoded": {"schema": schema}}},
        "responses": {"200": {"description": "revoked"}},
    }
    assert PRISM_FORM_UNDECLARED in generated_tests(write_spec, {"/revoke": {"post": operation}})


def test_a_path_differing_only_after_a_fragment_is_skipped_saying_the_url_is_shared(
    write_spec: Callable[..., Path],
) -> None:
    """Box's /shared_items#folders and /shared_items are one URL: Prism answers the first."""
    get = {"responses": {"200": {"description": "an item"}}}
    paths = {
        "/shared_items": {"get": get | {"operationId": "file"}},
        "/shared_items#folders": {"get": get | {"operationId": "folder"}},
    }
    tests = generated_tests(write_spec, paths)
    assert tests.count(SHARED_URL) == 1 and "await client.file(" in tests


def test_a_stream_is_read_whole_by_its_test_or_skipped_without_a_text_example(
    write_spec: Callable[..., Path],
) -> None:
    def streaming(media_type: str, media: dict[str, Any]) -> dict[str, Any]:
        content = {media_type: {"schema": {"type": "object"}} | media}
        return {"get": {"responses": {"200": {"description": "x", "content": content}}}}

    code = generated_tests(
        write_spec,
        {
            "/events": streaming("text/event-stream", {"example": "data: {}\n\n"}),
            "/lines": streaming("application/x-ndjson", {"example": "{}\n"}),
            "/bare": streaming("text/event-stream", {}),
        },
    )
    assert "async with await client.get_events(" in code  # (formatted later, by ruff)
    assert "async with await client.get_lines(" in code
    assert "        received = [event.data async for event in stream]\n" in code
    assert "        received = [item async for item in stream]\n" in code
    assert code.count('assert received, "the stream sent no item"') == 2
    assert "TypeAdapter(list[dict[str, Any]]).validate_python(received)" in code
    assert code.count(PRISM_STREAM) == 1
