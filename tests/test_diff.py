"""`aiosdkgen diff`: each rule on a constructed pair of specs, and a real pair of versions of
the same API from the APIs.guru directory (GitHub Enterprise Server 3.5 and 3.6)."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from aiosdkgen import diff, pipeline

from tests.conftest import spec_document

Edit = Callable[[dict[str, Any]], None]


def _base() -> dict[str, Any]:
    pet = {
        "type": "object",
        "required": ["id", "name"],
        "properties": {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "tag": {"type": "string"},
            "status": {"$ref": "#/components/schemas/Status"},
        },
    }
    status = {"type": "string", "enum": ["available", "sold"]}
    get_pet = {
        "operationId": "getPet",
        "tags": ["pets"],
        "parameters": [
            {"name": "owner", "in": "path", "required": True, "schema": {"type": "string"}},
            {"name": "petId", "in": "path", "required": True, "schema": {"type": "integer"}},
            {"name": "fields", "in": "query", "schema": {"type": "string"}},
        ],
        "responses": {
            "200": {
                "description": "ok",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}},
            }
        },
    }
    list_pets = {
        "operationId": "listPets",
        "tags": ["pets"],
        "responses": {"204": {"description": "none"}},
    }
    owner = {"type": "object", "properties": {"name": {"type": "string"}}}
    return spec_document(
        {"Pet": pet, "Status": status, "Owner": owner},
        paths={"/{owner}/pets/{petId}": {"get": get_pet}, "/pets": {"get": list_pets}},
    )


def _get_pet(document: dict[str, Any]) -> dict[str, Any]:
    operation: dict[str, Any] = document["paths"]["/{owner}/pets/{petId}"]["get"]
    return operation


def _pet(document: dict[str, Any]) -> dict[str, Any]:
    schema: dict[str, Any] = document["components"]["schemas"]["Pet"]
    return schema


def _changes(write_spec: Callable[..., Path], edit: Edit) -> list[diff.Change]:
    old = _base()
    new = copy.deepcopy(old)
    edit(new)
    apis = [
        pipeline.build_api(write_spec(document, name=name))
        for document, name in ((old, "old.json"), (new, "new.json"))
    ]
    return diff.compare(apis[0], apis[1])


def _query(required: bool = False, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"name": "limit", "in": "query", "required": required,
            "schema": schema or {"type": "integer"}}  # fmt: skip


RULES: list[tuple[str, Edit, str, str]] = [
    ("method removed", lambda d: d["paths"].pop("/pets"), "client.pets.list_pets", "removed"),
    (
        "method added",
        lambda d: d["paths"]["/pets"].update(
            post={**d["paths"]["/pets"]["get"], "operationId": "addPet"}
        ),
        "client.pets.add_pet",
        "added",
    ),
    (
        "optional parameter added",
        lambda d: _get_pet(d)["parameters"].append(_query()),
        "client.pets.get_pet",
        "added",
    ),
    (
        "required parameter added",
        lambda d: _get_pet(d)["parameters"].append(_query(True)),
        "client.pets.get_pet",
        "breaking",
    ),
    (
        "parameter made required",
        lambda d: _get_pet(d)["parameters"][2].update(required=True),
        "client.pets.get_pet",
        "breaking",
    ),
    (
        "parameter removed",
        lambda d: _get_pet(d)["parameters"].pop(2),
        "client.pets.get_pet",
        "removed",
    ),
    (
        "path parameters reordered",
        lambda d: d["paths"].update(
            {"/pets/{petId}/of/{owner}": d["paths"].pop("/{owner}/pets/{petId}")}
        ),
        "client.pets.get_pet",
        "breaking",
    ),
    (
        "argument narrowed",
        lambda d: _get_pet(d)["parameters"][2].update(
            schema={"type": "string", "enum": ["a", "b"]}
        ),
        "client.pets.get_pet",
        "breaking",
    ),
    (
        "argument widened",
        lambda d: _get_pet(d)["parameters"][2].update(
            schema={"anyOf": [{"type": "string"}, {"type": "integer"}]}
        ),
        "client.pets.get_pet",
        "changed",
    ),
    (
        "return type widened",
        lambda d: _get_pet(d)["responses"]["200"]["content"]["application/json"].update(
            schema={"anyOf": [{"$ref": "#/components/schemas/Pet"}, {"type": "string"}]}
        ),
        "client.pets.get_pet",
        "breaking",
    ),
    (
        "model removed",
        lambda d: d["components"]["schemas"].pop("Owner"),
        "Owner",
        "removed",
    ),
    ("field removed", lambda d: _pet(d)["properties"].pop("tag"), "Pet.tag", "removed"),
    (
        "optional field added",
        lambda d: _pet(d)["properties"].update(age={"type": "integer"}),
        "Pet.age",
        "added",
    ),
    (
        "required field added",
        lambda d: (
            _pet(d)["properties"].update(age={"type": "integer"}),
            _pet(d)["required"].append("age"),
        ),
        "Pet.age",
        "breaking",
    ),
    (
        "field made optional",
        lambda d: _pet(d)["required"].remove("name"),
        "Pet.name",
        "breaking",
    ),
    (
        "field retyped",
        lambda d: _pet(d)["properties"]["tag"].update(type="integer"),
        "Pet.tag",
        "breaking",
    ),
    (
        "enum value removed",
        lambda d: d["components"]["schemas"]["Status"]["enum"].remove("sold"),
        "Status",
        "removed",
    ),
    (
        "enum value added",
        lambda d: d["components"]["schemas"]["Status"]["enum"].append("held"),
        "Status",
        "added",
    ),
]


@pytest.mark.parametrize(("rule", "edit", "subject", "kind"), RULES, ids=[r[0] for r in RULES])
def test_each_rule(
    write_spec: Callable[..., Path], rule: str, edit: Edit, subject: str, kind: str
) -> None:
    changes = _changes(write_spec, edit)
    assert (subject, kind) in [(c.subject, c.kind) for c in changes], changes
    # What else changes is what the edit implies (a new enum's model, say), never breaking.
    others = [c for c in changes if (c.subject, c.kind) != (subject, kind)]
    assert all(c.kind == "added" or c.subject.startswith(subject) for c in others), others
    expected_bump = (
        "major" if kind in ("breaking", "removed") else "minor" if kind == "added" else "patch"
    )
    assert diff.bump(changes) == expected_bump


def test_no_change_is_no_release(write_spec: Callable[..., Path]) -> None:
    assert _changes(write_spec, lambda d: None) == []
    assert diff.bump([]) == "none"


@pytest.mark.parametrize(
    ("version", "part", "expected"),
    [("1.4.2", "major", "2.0.0"), ("1.4.2", "minor", "1.5.0"), ("1.4.2", "patch", "1.4.3"),
     ("0.3.1", "major", "0.4.0"), ("0.3.1", "minor", "0.3.2"), ("2", "minor", "2.1.0")],
)  # fmt: skip
def test_next_version(version: str, part: diff.Bump, expected: str) -> None:
    assert diff.next_version(version, part) == expected


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "aiosdkgen", "diff", *map(str, args)],
                          capture_output=True, text=True, check=False)  # fmt: skip


def test_the_command_prints_a_changelog_and_fails_on_breaking_changes_when_asked(
    write_spec: Callable[..., Path],
) -> None:
    old = _base()
    new = copy.deepcopy(old)
    _pet(new)["properties"].pop("tag")
    _pet(new)["properties"]["age"] = {"type": "integer"}
    old_path, new_path = write_spec(old, name="old.json"), write_spec(new, name="new.json")
    text = _run(old_path, new_path, "--version", "1.2.0")
    assert text.returncode == 0 and "a major release (1.2.0 -> 2.0.0)" in text.stdout
    assert "BREAKING  Pet.tag: field removed" in text.stdout
    markdown = _run(old_path, new_path, "--version", "1.2.0", "--format", "markdown")
    assert markdown.stdout.startswith("## 2.0.0\n\n### Breaking changes\n\n- `Pet.tag`")
    assert "### Added\n\n- `Pet.age`: new optional field: `int`" in markdown.stdout
    as_json = json.loads(_run(old_path, new_path, "--format", "json").stdout)
    assert {c["subject"] for c in as_json} == {"Pet.tag", "Pet.age"}
    assert _run(old_path, new_path, "--fail-on-breaking").returncode == 3
    assert _run(old_path, old_path, "--fail-on-breaking").returncode == 0
    broken = write_spec({"openapi": "3.1.0"}, name="broken.json")
    failed = _run(old_path, broken)
    assert failed.returncode == 1 and "is not a usable OpenAPI document" in failed.stderr


@pytest.mark.slow
def test_a_real_pair_of_versions(corpus_cache: Path) -> None:
    """GitHub Enterprise Server 3.5 -> 3.6: checked by hand against the two specs."""
    directory = corpus_cache / "directory" / "api" / "github.com"
    result = _run(directory / "ghes-3.5.json", directory / "ghes-3.6.json", "--format", "json")
    assert result.returncode == 0, result.stderr
    changes = {(c["subject"], c["kind"]): c["text"] for c in json.loads(result.stdout)}
    # 3.6 adds a `revoked` flag that every GPG key carries, and `path` to workflow runs.
    assert changes[("GpgKey.revoked", "breaking")] == "new required field: `bool`"
    assert changes[("WorkflowRun.path", "breaking")] == "new required field: `str`"
    assert ("client.dependency_graph", "added") in changes
    argument = "new optional argument `visible_to_repository: str`"
    assert changes[("client.actions.list_self_hosted_runner_groups_for_org", "added")] == (argument)
    assert not any(kind == "removed" for _, kind in changes)
