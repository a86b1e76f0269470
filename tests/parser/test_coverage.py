"""Every keyword of every OpenAPI object is honoured or named in a `not-honoured` warning at
its pointer: no third state (issue 22, item 1)."""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiosdkgen import parser
from aiosdkgen.parser.coverage import REGISTRY, not_honoured, walk
from aiosdkgen.spec import load
from aiosdkgen.spec.pointers import child
from jsonschema.validators import Draft202012Validator
from jsonschema_specifications import REGISTRY as JSON_SCHEMA_REGISTRY  # type: ignore[import-untyped]
from openapi_spec_validator.schemas import schema_v30, schema_v31, schema_v32

ROOT = Path(__file__).resolve().parents[2]
GITHUB = Path("/work/main/.cache/corpus/github/generated/api.github.com.json")

# -- the meta-schema walk --------------------------------------------------------------------

# Definitions of each meta-schema that are OpenAPI objects (the rest are maps keyed by paths,
# status codes, names or expressions, `X or Reference` choices, and mixins reached by $ref).
V30_TYPES = {
    "Reference": "Reference",
    "Info": "Info",
    "Contact": "Contact",
    "License": "License",
    "Server": "Server",
    "ServerVariable": "ServerVariable",
    "Components": "Components",
    "Schema": "Schema",
    "Discriminator": "Discriminator",
    "XML": "XML",
    "Response": "Response",
    "MediaType": "MediaType",
    "Example": "Example",
    "Header": "Header",
    "PathItem": "PathItem",
    "Operation": "Operation",
    "Tag": "Tag",
    "ExternalDocumentation": "ExternalDocumentation",
    "Parameter": "Parameter",
    "RequestBody": "RequestBody",
    "SecurityScheme": "SecurityScheme",
    "APIKeySecurityScheme": "SecurityScheme",
    "HTTPSecurityScheme": "SecurityScheme",
    "OAuth2SecurityScheme": "SecurityScheme",
    "OpenIdConnectSecurityScheme": "SecurityScheme",
    "OAuthFlows": "OAuthFlows",
    "ImplicitOAuthFlow": "OAuthFlow",
    "PasswordOAuthFlow": "OAuthFlow",
    "ClientCredentialsFlow": "ClientCredentialsFlow",
    "AuthorizationCodeOAuthFlow": "OAuthFlow",
    "Link": "Link",
    "Encoding": "Encoding",
}
V30_MAPS = {
    "Paths", "Responses", "SecurityRequirement", "Callback", "ExampleXORExamples",
    "SchemaXORContent", "ParameterLocation",
}  # fmt: skip
V3X_TYPES = {
    "info": "Info",
    "contact": "Contact",
    "license": "License",
    "server": "Server",
    "server-variable": "ServerVariable",
    "components": "Components",
    "path-item": "PathItem",
    "operation": "Operation",
    "external-documentation": "ExternalDocumentation",
    "parameter": "Parameter",
    "request-body": "RequestBody",
    "media-type": "MediaType",
    "encoding": "Encoding",
    "response": "Response",
    "example": "Example",
    "link": "Link",
    "header": "Header",
    "tag": "Tag",
    "reference": "Reference",
    "security-scheme": "SecurityScheme",
    "oauth-flows": "OAuthFlows",
}
# `schema` is JSON Schema 2020-12 with OpenAPI's vocabulary: checked below, keyword by keyword.
V3X_MAPS = {
    "paths", "path-item-or-reference", "parameter-or-reference", "parameters",
    "request-body-or-reference", "content", "media-type-or-reference", "responses",
    "response-or-reference", "callbacks", "callbacks-or-reference", "example-or-reference",
    "link-or-reference", "header-or-reference", "security-scheme-or-reference",
    "security-requirement", "specification-extensions", "examples", "map-of-strings",
    "schema", "styles-for-form", "explode-for-form",
}  # fmt: skip
_APPLICATORS = ("allOf", "anyOf", "oneOf", "if", "then", "else", "not")


def _resolve(root: dict[str, Any], ref: str) -> Any:
    node: Any = root
    for token in ref.removeprefix("#/").split("/"):
        node = node[token.replace("~1", "/").replace("~0", "~")]
    return node


def _keywords(
    root: dict[str, Any], definition: Any, objects: dict[str, str], kind: str = ""
) -> set[str]:
    """Every property name an object of `definition` can have: its `properties` and those of
    its subschemas (applicators, dependent schemas, mixins reached by $ref), but not those of
    another object type's definition."""
    found: set[str] = set()
    stack = [definition]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if not isinstance(node, dict) or id(node) in seen:
            continue
        seen.add(id(node))
        found.update(node.get("properties", {}))
        # 3.0's Reference Object names its one field by a pattern: `^\\$ref$`.
        # 3.0's PathItem and 3.1's Components name theirs by alternations: `^(get|put...)$`.
        for pattern in node.get("patternProperties", {}):
            literal = re.fullmatch(r"\^(?:\(\??:?)?([\\$\w|]+)\)?\$", pattern)
            if literal:
                found.update(literal.group(1).replace("\\", "").split("|"))
        for keyword in _APPLICATORS:
            value = node.get(keyword)
            stack.extend(value if isinstance(value, list) else [value])
        stack.extend(node.get("dependentSchemas", {}).values())
        stack.extend(node.get("dependencies", {}).values())
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/") and objects.get(ref, kind) == kind:
            stack.append(_resolve(root, ref))
    return found


def _classified(root: dict[str, Any], kind: str, definition: Any, objects: dict[str, str]) -> None:
    keywords = _keywords(root, definition, objects, kind)
    assert keywords, kind  # the walk found the definition's keywords at all
    unclassified = sorted(keywords - set(REGISTRY[kind]))
    assert unclassified == [], f"{kind}: {unclassified} neither honoured nor warned"


def test_every_openapi_30_keyword_is_classified() -> None:
    definitions = schema_v30["definitions"]
    assert set(definitions) == set(V30_TYPES) | V30_MAPS  # a new definition needs a decision
    objects = {f"#/definitions/{name}": kind for name, kind in V30_TYPES.items()}
    for name, kind in V30_TYPES.items():
        _classified(schema_v30, kind, definitions[name], objects)
    _classified(schema_v30, "OpenAPI", schema_v30, objects)


@pytest.mark.parametrize("meta", [schema_v31, schema_v32], ids=["3.1", "3.2"])
def test_every_openapi_31_and_32_keyword_is_classified(meta: dict[str, Any]) -> None:
    definitions = meta["$defs"]
    assert set(definitions) == set(V3X_TYPES) | (V3X_MAPS & set(definitions))
    objects = {f"#/$defs/{name}": kind for name, kind in V3X_TYPES.items()}
    flows = definitions["oauth-flows"]["$defs"]
    flow_types = {
        name: "ClientCredentialsFlow" if "client" in name else "OAuthFlow" for name in flows
    }
    objects |= {f"#/$defs/oauth-flows/$defs/{name}": kind for name, kind in flow_types.items()}
    for name, kind in V3X_TYPES.items():
        _classified(meta, kind, definitions[name], objects)
    for name, flow in flows.items():
        _classified(meta, flow_types[name], flow, objects)
    _classified(meta, "OpenAPI", meta, objects)


def _json_schema_keywords() -> set[str]:
    """The keywords of JSON Schema 2020-12: its meta-schema's and its vocabularies'."""
    meta = Draft202012Validator.META_SCHEMA
    keywords = set(meta["properties"])
    for vocabulary in meta["$vocabulary"]:
        uri = vocabulary.replace("/vocab/", "/meta/")
        keywords |= set(JSON_SCHEMA_REGISTRY.contents(uri).get("properties", {}))
    return keywords


# The OpenAPI base vocabulary (3.1 and 3.2, section "Schema Object": fixed fields beside
# JSON Schema's) and 3.0's own schema keywords.
OPENAPI_SCHEMA_KEYWORDS = {"discriminator", "xml", "externalDocs", "example"}


def test_every_json_schema_2020_12_and_openapi_schema_keyword_is_classified() -> None:
    keywords = _json_schema_keywords()
    assert {"prefixItems", "$dynamicRef", "unevaluatedProperties", "contentSchema"} <= keywords
    keywords |= OPENAPI_SCHEMA_KEYWORDS
    keywords |= _keywords(schema_v30, schema_v30["definitions"]["Schema"], {})
    unclassified = sorted(keywords - set(REGISTRY["Schema"]))
    assert unclassified == [], f"Schema: {unclassified} neither honoured nor warned"


# -- each keyword not honoured warns, at its pointer; each honoured one does not -------------


def _base() -> dict[str, Any]:
    return {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}}


def _operation() -> dict[str, Any]:
    return {"responses": {"200": {"description": "ok"}}}


def _webhook() -> dict[str, Any]:
    body = {"content": {"application/json": {"schema": {"type": "string"}}}}
    return {"post": {"requestBody": body}}


# Where an object of each type stands in a minimal document: (the document, its pointer).
PLACES: dict[str, tuple[dict[str, Any], str]] = {
    "OpenAPI": ({}, "#"),
    "Info": ({}, "#/info"),
    "Contact": ({"info": {"title": "t", "version": "1", "contact": {}}}, "#/info/contact"),
    "License": ({"info": {"title": "t", "version": "1", "license": {}}}, "#/info/license"),
    "Server": ({"servers": [{"url": "https://example.test"}]}, "#/servers/0"),
    "ServerVariable": (
        {"servers": [{"url": "https://{v}.test", "variables": {"v": {"default": "a"}}}]},
        "#/servers/0/variables/v",
    ),
    "Components": ({"components": {}}, "#/components"),
    "PathItem": ({"paths": {"/p": {}}}, "#/paths/~1p"),
    "Operation": ({"paths": {"/p": {"get": _operation()}}}, "#/paths/~1p/get"),
    "WebhookPathItem": ({"webhooks": {"w": _webhook()}}, "#/webhooks/w"),
    "WebhookOperation": ({"webhooks": {"w": _webhook()}}, "#/webhooks/w/post"),
    "ExternalDocumentation": ({"externalDocs": {"url": "https://d.test"}}, "#/externalDocs"),
    "Parameter": (
        {"paths": {"/p": {"get": {**_operation(), "parameters": [{"name": "q", "in": "query"}]}}}},
        "#/paths/~1p/get/parameters/0",
    ),
    "RequestBody": (
        {"paths": {"/p": {"post": {**_operation(), "requestBody": {"content": {}}}}}},
        "#/paths/~1p/post/requestBody",
    ),
    "MediaType": (
        {"paths": {"/p": {"post": {**_operation(), "requestBody": {"content": {"a/b": {}}}}}}},
        "#/paths/~1p/post/requestBody/content/a~1b",
    ),
    "Encoding": (
        {"components": {"requestBodies": {"b": {"content": {"a/b": {"encoding": {"e": {}}}}}}}},
        "#/components/requestBodies/b/content/a~1b/encoding/e",
    ),
    "Response": ({"components": {"responses": {"r": {}}}}, "#/components/responses/r"),
    "Example": ({"components": {"examples": {"e": {}}}}, "#/components/examples/e"),
    "Link": ({"components": {"responses": {"r": {"links": {"l": {}}}}}}, "#/components/responses/r/links/l"),
    "Header": ({"components": {"responses": {"r": {"headers": {"h": {}}}}}}, "#/components/responses/r/headers/h"),
    "Tag": ({"tags": [{"name": "t"}]}, "#/tags/0"),
    "Reference": (
        {"components": {"parameters": {"p": {"$ref": "#/components/parameters/q"}, "q": {"name": "q", "in": "query"}}}},
        "#/components/parameters/p",
    ),
    "Schema": ({"components": {"schemas": {"S": {}}}}, "#/components/schemas/S"),
    "Discriminator": (
        {"components": {"schemas": {"S": {"discriminator": {"propertyName": "k"}}}}},
        "#/components/schemas/S/discriminator",
    ),
    "XML": ({"components": {"schemas": {"S": {"xml": {}}}}}, "#/components/schemas/S/xml"),
    "SecurityScheme": (
        {"components": {"securitySchemes": {"s": {"type": "http", "scheme": "bearer"}}}},
        "#/components/securitySchemes/s",
    ),
    "OAuthFlows": (
        {"components": {"securitySchemes": {"s": {"type": "oauth2", "flows": {}}}}},
        "#/components/securitySchemes/s/flows",
    ),
    "OAuthFlow": (
        {"components": {"securitySchemes": {"s": {"type": "oauth2", "flows": {"password": {}}}}}},
        "#/components/securitySchemes/s/flows/password",
    ),
    "ClientCredentialsFlow": (
        {"components": {"securitySchemes": {"s": {"type": "oauth2", "flows": {"clientCredentials": {}}}}}},
        "#/components/securitySchemes/s/flows/clientCredentials",
    ),
    "Callback": (
        {"paths": {"/p": {"post": {**_operation(), "callbacks": {"c": {}}}}}},
        "#/paths/~1p/post/callbacks/c",
    ),
}  # fmt: skip
# Objects read only through a keyword that is not honoured: the warning is that keyword's.
BEHIND = {
    "Link": "#/components/responses/r/links",
    "Header": "#/components/responses/r/headers",
    "XML": "#/components/schemas/S/xml",
}
PSEUDO = {("Server", "(not the first)"), ("Callback", "(expression)"),
          ("Callback", "(not the first expression)")}  # fmt: skip


def _node(document: dict[str, Any], pointer: str) -> dict[str, Any]:
    node: Any = document
    for token in pointer.removeprefix("#").split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        node = node[int(token)] if isinstance(node, list) else node[token]
    assert isinstance(node, dict)
    return node


def _with(kind: str, keyword: str) -> tuple[dict[str, Any], str]:
    """A minimal document with `keyword` on an object of type `kind`, and its pointer."""
    extra, where = PLACES[kind]
    document = {**_base(), **copy.deepcopy(extra)}
    rule = REGISTRY[kind][keyword]
    value: Any = "x" if rule.only is None else rule.only[0]
    if rule.walk is not None:
        value = [] if rule.walk[0] == "list" else {}
    _node(document, where)[keyword] = value
    return document, child(where, keyword)


def _cases() -> Iterator[tuple[str, str]]:
    for kind, rules in REGISTRY.items():
        for keyword in rules:
            if (kind, keyword) not in PSEUDO:
                yield kind, keyword


def _warned(document: dict[str, Any]) -> list[str]:
    return [w.pointer for w in parser.parse(document).warnings if w.code == "not-honoured"]


@pytest.mark.parametrize(("kind", "keyword"), list(_cases()))
def test_a_keyword_warns_at_its_pointer_exactly_when_it_is_not_honoured(
    kind: str, keyword: str
) -> None:
    document, where = _with(kind, keyword)
    warned = _warned(document)
    if kind in BEHIND:
        assert BEHIND[kind] in warned  # the whole object is named where it stands
        assert where not in warned
    elif REGISTRY[kind][keyword].honoured:
        assert where not in warned
    else:
        assert where in warned
        assert REGISTRY[kind][keyword].note in next(
            w.message for w in parser.parse(document).warnings if w.pointer == where
        )


def test_every_object_type_has_a_place_to_test_it() -> None:
    assert set(PLACES) == set(REGISTRY)


def test_the_documents_used_above_warn_nothing_of_their_own() -> None:
    for kind, (extra, _) in PLACES.items():
        document = {**_base(), **copy.deepcopy(extra)}
        warned = set(_warned(document))
        assert warned <= set(BEHIND.values()), kind


def test_servers_after_the_first_and_callback_expressions_after_the_first_are_named() -> None:
    """The document's servers are all offered (`Client(server=...)`); an operation's or path's
    first server only is used, and a callback's first expression only is parsed."""
    callback = {"{$request.body#/a}": _webhook(), "{$request.body#/b}": _webhook()}
    servers = [{"url": "https://a.test"}, {"url": "https://b.test"}]
    document = {
        **_base(),
        "servers": servers,
        "paths": {
            "/p": {"post": {**_operation(), "callbacks": {"c": callback}}, "servers": servers},
            "/q": {"get": {**_operation(), "servers": servers}},
        },
    }
    assert sorted(_warned(document)) == [
        "#/paths/~1p/post/callbacks/c/{$request.body#~1b}",
        "#/paths/~1p/servers/1",
        "#/paths/~1q/get/servers/1",
    ]


def test_extensions_are_never_warned_and_unknown_keywords_are() -> None:
    document = {
        **_base(),
        "x-anything": {"xml": {}},
        "components": {"schemas": {"S": {"x-mine": 1, "x-enum-varnames": [], "colour": "red"}}},
    }
    warnings = [w for w in parser.parse(document).warnings if w.code == "not-honoured"]
    assert [(w.pointer, w.message) for w in warnings] == [
        (
            "#/components/schemas/S/colour",
            "'colour' (Schema) is not honoured: not a keyword of this object in any OpenAPI "
            "version: ignored",
        )
    ]


def test_subschemas_are_walked_through_every_keyword_that_holds_them() -> None:
    xml: dict[str, Any] = {"xml": {"name": "n"}}
    schema = {
        "properties": {"a": xml},
        "additionalProperties": xml | {},
        "items": dict(xml),
        "allOf": [dict(xml)],
        "oneOf": [dict(xml)],
        "anyOf": [dict(xml)],
        "$defs": {"d": dict(xml)},
    }
    document = {**_base(), "components": {"schemas": {"S": schema}}}
    at = "#/components/schemas/S"
    assert sorted(found[2] for found in walk(document)) == sorted(
        f"{at}/{inner}/xml"
        for inner in (
            "properties/a", "additionalProperties", "items", "allOf/0", "oneOf/0",
            "anyOf/0", "$defs/d",
        )
    )  # fmt: skip


def test_warnings_past_the_first_five_of_a_keyword_are_counted_in_one() -> None:
    schemas: dict[str, Any] = {f"S{index}": {"xml": {}} for index in range(8)}
    warnings = [
        w
        for w in parser.parse({**_base(), "components": {"schemas": schemas}}).warnings
        if w.code == "not-honoured"
    ]
    assert [w.pointer for w in warnings] == [
        f"#/components/schemas/S{index}/xml" for index in range(6)
    ]
    assert warnings[-1].message == (
        "'xml' (Schema) is not honoured either at 3 more place(s) like this one"
    )


def test_a_shared_node_is_walked_once_and_a_deep_one_without_recursion() -> None:
    shared: dict[str, Any] = {"xml": {}}
    deep: dict[str, Any] = {"type": "object"}
    node = deep
    for _ in range(5000):
        inner: dict[str, Any] = {"type": "object"}
        node["properties"] = {"p": inner}
        node = inner
    node["xml"] = {}
    document = {**_base(), "components": {"schemas": {"A": shared, "B": shared, "D": deep}}}
    warned = [w.pointer for w in not_honoured(document)]
    assert warned[0] == "#/components/schemas/A/xml"
    assert len(warned) == 2 and warned[1].endswith("/p/xml")


# -- the bundled specs and a real one --------------------------------------------------------


def _warned_keywords(spec: Path) -> list[str]:
    api = parser.parse(load(spec))
    return [w.pointer for w in api.warnings if w.code == "not-honoured"]


def test_the_bundled_specs_name_what_they_use_and_is_not_honoured() -> None:
    assert _warned_keywords(ROOT / "specs" / "petstore.yaml") == [
        "#/info/termsOfService",
        "#/info/license/url",
        "#/paths/~1user~1login/get/responses/200/headers",
        "#/components/securitySchemes/petstore_auth/flows/implicit/authorizationUrl",
        "#/components/securitySchemes/petstore_auth/flows/implicit/scopes",
    ]
    assert _warned_keywords(ROOT / "specs" / "showcase.yaml") == [
        "#/info/summary",
    ]


@pytest.mark.slow
def test_generating_githubs_spec_reports_a_bounded_number_of_lines(tmp_path: Path) -> None:
    if not GITHUB.is_file():
        pytest.skip(f"GitHub's spec is not at {GITHUB} (fetch the corpus: scripts/corpus.py)")
    done = subprocess.run(
        [sys.executable, "-m", "aiosdkgen", "generate", str(GITHUB), "-o", str(tmp_path / "gh")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    # Over 1,700 places, aggregated per (object type, keyword): a few dozen warnings in all.
    count = re.search(r"^(\d+) warning\(s\)", done.stderr, re.M)
    assert count is not None, done.stderr[-2000:]
    assert 0 < int(count.group(1)) < 100
    assert "is not honoured" in done.stderr


def test_an_operations_external_docs_url_ends_its_docstring_when_it_is_a_plain_url() -> None:
    from aiosdkgen.render.client import _docstring

    def operation(url: str) -> dict[str, Any]:
        return {**_operation(), "summary": "Get it.", "externalDocs": {"url": url}}

    document = {
        **_base(),
        "paths": {
            "/a": {"get": operation("https://docs.example.test/a#get")},
            "/b": {"get": operation('javascript:alert("x")')},
        },
    }
    api = parser.parse(document)
    docs = {op.path: op for resource in api.resources for op in resource.operations}
    docs |= {op.path: op for op in api.root_operations}
    assert docs["/a"].docs_url == "https://docs.example.test/a#get"
    assert _docstring(api, docs["/a"]).endswith("\n\nSee https://docs.example.test/a#get")
    assert docs["/b"].docs_url is None
    assert "See" not in _docstring(api, docs["/b"])


def test_strict_refuses_a_spec_with_a_keyword_not_honoured_naming_its_pointer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from aiosdkgen import cli

    spec = tmp_path / "spec.json"
    schema = {"type": "object", "properties": {"id": {"type": "integer"}}, "xml": {"name": "p"}}
    document = {**_base(), "components": {"schemas": {"Pet": schema}}}
    spec.write_text(json.dumps(document), encoding="utf-8")
    code = cli.main(["generate", str(spec), "-o", str(tmp_path / "strict"), "--strict"])
    err = capsys.readouterr().err
    assert code == cli.EXIT_SPEC_ERROR
    assert "#/components/schemas/Pet/xml: 'xml' (Schema) is not honoured" in err
    assert not (tmp_path / "strict").exists()
    assert cli.main(["generate", str(spec), "-o", str(tmp_path / "out")]) == cli.EXIT_OK
    assert "#/components/schemas/Pet/xml" in capsys.readouterr().err


def test_a_keyword_honoured_for_some_values_warns_for_the_others() -> None:
    def form(encoding: dict[str, Any]) -> dict[str, Any]:
        media = {"application/x-www-form-urlencoded": {"encoding": {"tags": encoding}}}
        return {**_base(), "components": {"requestBodies": {"b": {"content": media}}}}

    at = "#/components/requestBodies/b/content/application~1x-www-form-urlencoded/encoding/tags"
    assert _warned(form({"style": "deepObject", "explode": True})) == []
    assert _warned(form({"style": "form"})) == []
    assert _warned(form({"style": "pipeDelimited", "explode": False})) == [
        f"{at}/style",
        f"{at}/explode",
    ]
