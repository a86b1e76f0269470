"""The copy of a spec `verify` gives Prism when Prism cannot load the spec (Stripe's shape)."""

from __future__ import annotations

import copy
import json
import os
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from aiosdkgen import verify
from aiosdkgen.verify import prism_served

_REF = "#/components/schemas/"


def expandable_spec(count: int = 9) -> dict[str, Any]:
    """Stripe's shape, small: every object names each other one by id or expanded
    (`anyOf: [string, $ref]`, with `x-expansionResources`), so the schemas form one cycle through
    which Prism's $ref inlining walks every path: 2.6 KB that Prism never finishes loading.
    A request body's schema recurses the same way, and must reach Prism as it is."""
    names = [f"thing{i}" for i in range(count)]
    schemas: dict[str, Any] = {
        name: {
            "type": "object",
            "required": ["id"],
            "properties": {
                "id": {"type": "string"},
                **{
                    other: {
                        "anyOf": [{"type": "string"}, {"$ref": _REF + other}],
                        "x-expansionResources": {"oneOf": [{"$ref": _REF + other}]},
                    }
                    for other in names
                    if other != name
                },
            },
        }
        for name in names
    }
    schemas["new_thing"] = {
        "type": "object",
        "properties": {
            "parent": {"anyOf": [{"type": "string"}, {"$ref": _REF + "new_thing"}]},
            "x-link": {"$ref": _REF + "new_thing"},
        },
    }
    paths: dict[str, Any] = {
        f"/things{i}/{{id}}": {
            "get": {
                "operationId": f"get_thing{i}",
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
                ],
                "responses": {"200": _json_response(name)},
            }
        }
        for i, name in enumerate(names)
    }
    paths["/things"] = {
        "post": {
            "operationId": "create_thing",
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": _REF + "new_thing"}}},
            },
            "responses": {"200": _json_response("thing0")},
        }
    }
    return {
        "openapi": "3.0.3",
        "info": {"title": "expandable", "version": "1"},
        "paths": paths,
        "components": {"schemas": schemas},
    }


def _json_response(name: str) -> dict[str, Any]:
    return {
        "description": "ok",
        "content": {"application/json": {"schema": {"$ref": _REF + name}}},
    }


def test_an_exploding_spec_is_served_without_its_recursive_alternatives() -> None:
    spec = expandable_spec()
    original = copy.deepcopy(spec)
    assert prism_served.expansion(spec) == prism_served.BUDGET

    served = prism_served.served(spec)

    assert spec == original  # the spec itself is not touched
    assert served.notes and "72 anyOf alternatives" in served.notes[0]
    assert prism_served.expansion(served.document) < 100
    thing = served.document["components"]["schemas"]["thing3"]
    assert thing["properties"]["thing0"] == {"anyOf": [{"type": "string"}]}
    # What a request may carry is the spec's: its schema keeps every alternative and extension.
    assert (
        served.document["components"]["schemas"]["new_thing"]
        == spec["components"]["schemas"]["new_thing"]
    )
    assert served.document["paths"] == spec["paths"]


def test_a_spec_prism_loads_is_served_as_it_is() -> None:
    spec = expandable_spec(count=3)
    served = prism_served.served(spec)
    assert served.document is spec
    assert served.notes == []


@pytest.mark.skipif("AIOSDKGEN_PRISM" not in os.environ, reason="Prism is not installed")
def test_prism_loads_the_copy_and_answers_from_it(tmp_path: Path) -> None:
    """The spec itself keeps Prism loading for minutes (more than this test's limit)."""
    copy_path = tmp_path / "served.json"
    copy_path.write_text(json.dumps(prism_served.served(expandable_spec()).document))
    server = verify.MockServer(os.environ["AIOSDKGEN_PRISM"], copy_path, tmp_path / "prism.log")
    try:
        server.wait_ready()
        with urllib.request.urlopen(f"{server.url}/things4/abc") as response:
            body = json.load(response)
        assert isinstance(body["thing0"], str)
    finally:
        server.stop()


def _form_spec() -> dict[str, Any]:
    """Stripe's form bodies: deepObject properties holding optional objects with required
    properties, and a response that recurses through a nullable anyOf."""
    feature = {"type": "object", "properties": {"enabled": {"type": "boolean"}}}
    features = {
        "type": "object",
        "properties": {
            "history": {**feature, "required": ["enabled"]},
            "update": {**feature, "required": ["enabled"]},
        },
        "required": ["update"],
    }
    return {
        "openapi": "3.0.3",
        "info": {"title": "forms", "version": "1"},
        "paths": {
            "/configurations": {
                "post": {
                    "operationId": "create_configuration",
                    "requestBody": {
                        "content": {
                            "application/x-www-form-urlencoded": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "features": features,
                                        "name": {"type": "string"},
                                    },
                                },
                                "encoding": {"features": {"style": "deepObject", "explode": True}},
                            }
                        }
                    },
                    "responses": {"200": {"description": "ok"}},
                }
            }
        },
    }


def test_optional_objects_of_a_deep_object_may_be_unsent_in_the_copy() -> None:
    """Prism builds `history` and `update` although only `features[update][enabled]` was sent,
    and reports `history` without `enabled`; the copy lets an unsent optional object be."""
    spec = _form_spec()
    served = prism_served.served(spec)
    assert served.notes and "2 optional objects" in served.notes[0]
    body = served.document["paths"]["/configurations"]["post"]["requestBody"]["content"]
    features = body["application/x-www-form-urlencoded"]["schema"]["properties"]["features"]
    history = features["properties"]["history"]
    # Prism still builds it (type and properties stay); `required` holds once a property is sent.
    assert history["type"] == "object" and "required" not in history
    assert history["anyOf"] == [
        {"properties": {"enabled": {"not": {}}}},
        {"required": ["enabled"]},
    ]
    # An object its parent requires is built with it: its own required properties are checked
    # once the parent is sent.
    assert features["anyOf"][1] == {
        "required": ["update"],
        "properties": {"update": {"required": ["enabled"]}},
    }
    assert "anyOf" not in features["properties"]["update"]
    assert spec == _form_spec()


def test_a_nullable_recursion_is_served_as_null() -> None:
    spec = expandable_spec()
    schemas = spec["components"]["schemas"]
    schemas["error"] = {
        "type": "object",
        "properties": {"thing": {"$ref": _REF + "thing0"}},
    }
    schemas["thing0"]["properties"]["last_error"] = {
        "anyOf": [{"$ref": _REF + "error"}],
        "nullable": True,
        "description": "the last error",
    }
    served = prism_served.served(spec)
    last_error = served.document["components"]["schemas"]["thing0"]["properties"]["last_error"]
    assert last_error == {"nullable": True, "description": "the last error", "enum": [None]}


def test_a_failure_that_is_prisms_form_array_limit_is_a_skip(tmp_path: Path) -> None:
    violation = {
        "location": ["request"],
        "severity": "Error",
        "code": 415,
        "message": "Cannot deserialize JSON object array in form data request body. Make sure "
        "the array is in JSON",
    }
    other = {"location": ["request", "body"], "code": "required", "message": "must have 'a'"}
    junit = tmp_path / "junit.xml"
    cases = [
        ("test_post_items", [violation]),
        ("test_post_orders", [violation, other]),
    ]
    junit.write_text(
        "<testsuite>"
        + "".join(
            f'<testcase classname="tests.test_client" name="{name}"><failure message='
            f'"{_attribute(f"Failed: the mock server found: {json.dumps(found)}; 415 Unsupported")}"'
            "/></testcase>"
            for name, found in cases
        )
        + "</testsuite>"
    )
    items, orders = verify._results(junit)
    assert (items.outcome, items.reason) == ("skipped", verify.PRISM_FORM_OBJECT_ARRAY)
    assert orders.outcome == "failed"  # one violation is the SDK's


def _attribute(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


@pytest.mark.skipif("AIOSDKGEN_PRISM" not in os.environ, reason="Prism is not installed")
@pytest.mark.parametrize(("copied", "status"), [(False, 422), (True, 200)])
def test_prism_reads_a_deep_object_with_an_unsent_optional_object(
    tmp_path: Path, copied: bool, status: int
) -> None:
    spec = _form_spec()
    document = prism_served.served(spec).document if copied else spec
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(document))
    server = verify.MockServer(os.environ["AIOSDKGEN_PRISM"], path, tmp_path / "prism.log")

    def post(body: str) -> int:
        request = urllib.request.Request(
            f"{server.url}/configurations",
            data=body.encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        try:
            with urllib.request.urlopen(request) as response:
                return int(response.status)
        except urllib.error.HTTPError as error:
            return error.code

    try:
        server.wait_ready()
        assert post("name=x&features[update][enabled]=true") == status
        # What the spec does not allow is rejected either way.
        assert post("name=x&features[history][enabled]=true") == 422
    finally:
        server.stop()
