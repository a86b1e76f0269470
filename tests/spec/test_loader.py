"""Loading JSON/YAML, bundling `$ref`s across files, and problems reported with pointers."""

from __future__ import annotations

from pathlib import Path

import pytest
from aiosdkgen import validation
from aiosdkgen.diagnostics import SpecError
from aiosdkgen.spec import load
from aiosdkgen.spec.reader import parse_document
from aiosdkgen.spec.surrogates import json_lone_surrogate

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
    assert json_lone_surrogate(text.encode()) is lone


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
