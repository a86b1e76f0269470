"""Method names without the resource name they repeat (`client.repos.list_for_org`), never
clashing and never longer than the operationId's own."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from aiosdkgen import ir, parser
from aiosdkgen.parser import operations
from aiosdkgen.spec import load

from tests.conftest import ROOT, spec_document

OK = {"200": {"description": "ok"}}


def _names(api: ir.Api) -> dict[str, list[str]]:
    return {r.attribute: [op.name for op in r.operations] for r in api.resources}


def _operation(operation_id: str, tag: str) -> dict[str, Any]:
    return {"operationId": operation_id, "tags": [tag], "responses": OK}


def test_a_name_drops_the_resource_name_it_starts_with() -> None:
    paths = {
        "/a": {"get": _operation("repos/list-for-org", "repos")},
        "/b": {"get": _operation("copilot/copilot-usage", "copilot")},
        "/c": {"get": _operation("listRepos", "repos")},  # ends with it: kept
        "/d": {"get": _operation("repos", "repos")},  # nothing would be left: kept
        "/e": {"get": _operation("repos_2fa", "repos")},  # no identifier left: kept
    }
    api = parser.parse(spec_document(paths=paths))
    assert _names(api) == {
        "repos": ["list_for_org", "list_repos", "repos", "repos_2fa"],
        "copilot": ["usage"],
    }


def test_a_shortened_name_that_would_clash_keeps_its_prefix() -> None:
    """`issues/get` would become `get`, which another operation of the resource is already
    called, and two `import`s are no names: the full names stay, nothing gets a number."""
    paths = {
        "/a": {"get": _operation("issues/get", "issues")},
        "/b": {"get": _operation("get", "issues")},
        "/c": {"get": _operation("issues/import", "issues")},
        "/d": {"get": _operation("issues/with_raw_response", "issues")},
        "/e": {"get": _operation("issues/list", "issues"), "put": _operation("list", "other")},
    }
    api = parser.parse(spec_document(paths=paths))
    assert _names(api)["issues"] == [
        "issues_get",
        "get",
        "issues_import",
        "issues_with_raw_response",
        "list",  # another resource's `list` is no clash
    ]


def test_untagged_operations_keep_their_names() -> None:
    paths = {"/a": {"get": {"operationId": "client_ping", "responses": OK}}}
    api = parser.parse(spec_document(paths=paths))
    assert [op.name for op in api.root_operations] == ["client_ping"]


def _corpus_specs() -> list[Path]:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import corpus
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    github = corpus.CACHE / "github" / "generated" / "api.github.com.json"
    stripe = corpus.CACHE / "directory" / "api" / "stripe.com.json"
    return [github, stripe, *corpus.sample(corpus.directory_specs(), 150)]


@pytest.mark.slow
def test_no_method_clashes_or_grows_on_github_stripe_and_the_corpus_sample(
    corpus_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GitHub's, Stripe's and the directory sample's SDKs: within a resource every method name
    is distinct, none is longer than it was before names dropped their resource's (today's
    names, parsed with that step undone), and no GitHub method stutters."""
    checked = shortened = 0
    for spec in _corpus_specs():
        try:
            document = load(spec)
            api = parser.parse(document)
        except Exception:  # a spec the generator rejects has no SDK to name
            continue
        with monkeypatch.context() as undone:
            undone.setattr(operations, "_without_resource_prefix", lambda wanted, *_: wanted)
            today = {op.key: op.name for op in _all_operations(parser.parse(document))}
        for resource in api.resources:
            names = [op.name for op in resource.operations]
            assert len(set(names)) == len(names), (spec.name, resource.attribute)
            for op in resource.operations:
                checked += 1
                shortened += op.name != today[op.key]
                assert len(op.name) <= len(today[op.key]), (spec.name, op.name, today[op.key])
                if spec.name == "api.github.com.json":
                    assert not op.name.startswith(resource.attribute + "_"), op.name
    assert checked > 3000 and shortened > 1000


def _all_operations(api: ir.Api) -> list[ir.Operation]:
    return [*api.root_operations, *(op for r in api.resources for op in r.operations)]
