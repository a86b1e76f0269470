"""The tests shipped with every SDK: one per operation, with arguments synthesized from the
spec, run against a mock server of the spec (Prism). Only the templates write the source."""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from typing import Any

import jinja2

from .. import ir
from ..naming import NameRegistry, snake_case
from .annotations import Annotations, import_lines
from .literals import py_literal
from .views import GeneratedTest, WebhookTest

_PLAIN: dict[str, type | tuple[type, ...]] = {
    "str": str,
    "int": int,
    "float": (int, float),
    "bool": bool,
}
# Prism 5's matrix-style deserializer throws on valid input (`;id=5`, `;point=x,1`) and the
# whole mock server process exits (prism-http validator/deserializers/style/matrix.js).
PRISM_MATRIX = "Prism cannot serve matrix-style path parameters: its deserializer crashes"
# For a `*/*` response Prism picks text/plain and cannot serialize an object as text (HTTP 500),
# and it answers `Accept: application/json` with 406.
PRISM_WILDCARD = "Prism cannot serve a structured body declared as a wildcard media type (*/*)"
# Prism 5 reads every part of a multipart body as text, so it rejects the JSON part the SDK
# sends for an object property (OpenAPI's default for one) as "must be object" (Box's uploads).
PRISM_MULTIPART_JSON = "Prism cannot read a JSON part of a multipart body: it sees text"
# Prism 5 reads an array of a form body only as `key[]=1`, not as OpenAPI's repeated `key=1`
# (style form, explode), so it rejects what the spec says to send as "must be array" (GitLab).
PRISM_FORM_ARRAY = "Prism cannot read an array of a form body sent as a repeated key"
# Prism 5 decodes a form body by the properties its schema declares, so one the schema requires
# without declaring it is never seen (Box's token revocation requires an undeclared grant_type).
PRISM_FORM_UNDECLARED = "Prism cannot read a form body property the schema requires undeclared"
# Paths that differ only after a `#` (Box's /shared_items#folders beside /shared_items) are one
# URL on the wire: a mock server answers each of them as the one it matches first.
SHARED_URL = "the spec gives this operation's URL to another (their paths differ only after '#')"
# For a redirect that is the answer (httpbin's, GitHub's archive links) Prism sends the status
# without the Location header, which is the whole answer.
PRISM_LOCATION = "Prism answers a redirect without its Location header"
PRISM_STREAM = (
    "Prism sends a stream (events, JSON lines) only as the text `example` of its media type, "
    "and the spec gives none"
)


def _sample_expression(annotations: Annotations, type_: ir.TypeRef, sample: ir.Sample) -> str:
    """An expression of the argument's declared type holding the sample value."""
    annotation = annotations.render(type_)
    literal = py_literal(sample.value)
    expected = _PLAIN.get(annotation)
    if (
        expected is not None
        and isinstance(sample.value, expected)
        and not (isinstance(sample.value, bool) and annotation != "bool")
    ):
        return literal
    annotations.imports.add(("pydantic", "TypeAdapter"))
    return f"TypeAdapter({annotation}).validate_python({literal})"


def _body_expression(annotations: Annotations, body: ir.RequestBody) -> str | None:
    kind = body.media_types[0][1]
    if kind in ("binary", "base64"):
        return 'b"sample"'
    if kind == "text":
        return '"sample"'
    if not isinstance(body.sample, ir.Sample):
        return None
    if (
        isinstance(body.sample.value, dict)
        and isinstance(body.type, ir.Ref)
        and isinstance(annotations.api.declarations[body.type.key], ir.Model)
    ):
        return py_literal(body.sample.value)  # the method takes the model or a plain dict
    return _sample_expression(annotations, body.type, body.sample)


def _mentions_base64(api: ir.Api, type_: ir.TypeRef, seen: set[str]) -> bool:
    """Whether a value of `type_` can hold a `format: byte` string anywhere."""
    match type_:
        case ir.Primitive(name=name):
            return name == "Base64Bytes"
        case ir.ArrayOf(item=inner) | ir.MapOf(value=inner) | ir.Nullable(inner=inner):
            return _mentions_base64(api, inner, seen)
        case ir.UnionOf(variants=variants):
            return any(_mentions_base64(api, v, seen) for v in variants)
        case ir.DiscriminatedUnion(variants=variants):
            return any(_mentions_base64(api, v.type, seen) for v in variants)
        case ir.Ref(key=key) if key not in seen:
            seen.add(key)
            declaration = api.declarations[key]
            if isinstance(declaration, ir.Model):
                types = [f.type for f in declaration.fields] + list(declaration.bases)
                types += [declaration.extra] if declaration.extra is not None else []
                return any(_mentions_base64(api, t, seen) for t in types)
            if isinstance(declaration, ir.Alias):
                return _mentions_base64(api, declaration.target, seen)
    return False


def _sent_fields(body: ir.RequestBody | None, kind: ir.BodyKind) -> dict[str, Any]:
    """The fields the test sends in a body of `kind` (none for a body of another kind)."""
    if body is None or body.media_types[0][1] != kind or not isinstance(body.sample, ir.Sample):
        return {}
    return body.sample.value if isinstance(body.sample.value, dict) else {}


def _sends_multipart_json(body: ir.RequestBody | None) -> bool:
    return any(isinstance(part, dict) for part in _sent_fields(body, "multipart").values())


def _sends_undeclared_form_property(api: ir.Api, body: ir.RequestBody | None) -> bool:
    fields = _sent_fields(body, "form")
    model = api.declarations.get(body.type.key) if body and isinstance(body.type, ir.Ref) else None
    if not fields or not isinstance(model, ir.Model):
        return False
    return not set(fields) <= {field.wire_name for field in model.fields}


def _sends_form_array(body: ir.RequestBody | None) -> bool:
    fields = _sent_fields(body, "form")
    deep = body.deep_object if body is not None else ()
    return any(isinstance(item, list) and name not in deep for name, item in fields.items())


def _prism_cannot_serve(api: ir.Api, operation: ir.Operation) -> str | None:
    """Why the mock server cannot answer the test of `operation`, if it cannot."""
    if any(parameter.style == "matrix" for parameter in operation.parameters):
        return PRISM_MATRIX
    if any(r.kind == "json" and "*" in (r.media_type or "") for r in operation.responses):
        return PRISM_WILDCARD
    if "#" in operation.key[1:]:  # the pointer holds the path as the spec spells it
        return SHARED_URL
    if any(r.kind == "location" for r in operation.responses):
        return PRISM_LOCATION
    if operation.stream is not None and not all(
        r.text_example for r in operation.responses if r.kind == operation.stream
    ):
        return PRISM_STREAM
    samples = [p.sample for p in operation.parameters if p.required]
    samples.append(operation.body.sample if operation.body is not None else None)
    untestable = next((s for s in samples if isinstance(s, ir.Untestable)), None)
    if untestable is not None:
        return untestable.reason
    if _sends_multipart_json(operation.body):
        return PRISM_MULTIPART_JSON
    if _sends_undeclared_form_property(api, operation.body):
        return PRISM_FORM_UNDECLARED
    if _sends_form_array(operation.body):
        return PRISM_FORM_ARRAY
    return None


def test_view(annotations: Annotations, operation: ir.Operation, target: str) -> GeneratedTest:
    """One generated test: call `target` with valid arguments, check the declared type."""
    skip = _prism_cannot_serve(annotations.api, operation)
    if skip is not None:
        return GeneratedTest(name=operation.name, target=target, kind="skip", reason=skip)
    positional: list[str] = []
    keyword: list[tuple[str, str]] = []
    missing = []
    for parameter in operation.parameters:
        if not parameter.required:
            continue
        try:
            expression = (
                None
                if not isinstance(parameter.sample, ir.Sample)
                else _sample_expression(annotations, parameter.type, parameter.sample)
            )
        except (TypeError, ValueError):
            expression = None
        if expression is None:
            missing.append(parameter.wire_name)
        elif parameter.location == "path":
            positional.append(expression)
        else:
            keyword.append((parameter.name, expression))
    if operation.body is not None:
        try:
            body = _body_expression(annotations, operation.body)
        except (TypeError, ValueError):
            body = None
        if body is None:
            missing.append("body")
        else:
            keyword.append(("body", body))
    success = [r for r in operation.responses if r.status.startswith("2")]
    typed = [r.type for r in success if r.kind == "json" and r.type not in (None, ir.ANY)]
    if typed and not any(_mentions_base64(annotations.api, t, set()) for t in typed):
        # Ask a mock server for data built from the schema (RFC 7240 preference, understood by
        # Prism): examples in specs often contradict their own schemas. Not for `format: byte`,
        # which Prism fakes as text that is not base64 ('d+LeO85Ke').
        keyword.append(("extra_headers", '{"Prefer": "dynamic=true"}'))
    if missing:
        reason = f"no valid value could be synthesized for: {', '.join(missing)}"
        return GeneratedTest(name=operation.name, target=target, kind="fail", reason=reason)
    # What every test that calls the method has.
    calling = functools.partial(
        GeneratedTest,
        name=operation.name,
        target=target,
        positional=tuple(positional),
        keyword=tuple(keyword),
        deprecated=operation.deprecated,
    )
    declared = [r.status for r in operation.responses]
    if not any(status.startswith("2") or status == "default" for status in declared):
        # Only error responses are declared: the mock answers with one of them, typed.
        errors = tuple(sorted(int(s) for s in declared if s.isdigit()))
        return calling(kind="raises", errors=errors)
    check = None  # the method is typed `-> None`: succeeding is the whole check
    if operation.stream is not None and operation.returns is not None:
        annotations.imports.add(("pydantic", "TypeAdapter"))
        item = operation.returns
        item = item.inner if isinstance(item, ir.Nullable) else item
        return calling(
            kind="returns",
            check=f"TypeAdapter(list[{annotations.render(item)}]).validate_python(received)",
            stream="events" if operation.stream == "sse" else "items",
        )
    if operation.returns is not None:
        annotations.imports.add(("pydantic", "TypeAdapter"))
        check = f"TypeAdapter({annotations.render(operation.returns)}).validate_python(result)"
    items = None
    if operation.pagination is not None:
        annotations.imports.add(("pydantic", "TypeAdapter"))
        item_type = annotations.render(operation.pagination.item)
        items = f"TypeAdapter(list[{item_type}]).validate_python(page.items)"
    return calling(
        kind="returns",
        check=check,
        items=items,
    )


def render_tests(
    env: jinja2.Environment, api: ir.Api, module_of: Mapping[str, str], context: dict[str, Any]
) -> tuple[dict[str, str], dict[str, GeneratedTest]]:
    """tests/: one test per operation, run against a mock server of the spec; and every
    operation's test (by its key)."""
    package = context["package"]
    template = env.get_template("project/tests/test_module.py.jinja")
    groups = [
        (f"test_{r.module}.py", f"`client.{r.attribute}`", r.attribute + ".", r.operations)
        for r in api.resources
    ]
    if api.root_operations:
        groups.append(("test_client.py", "the client itself", "", api.root_operations))
    files = {
        "tests/__init__.py": "",
        "tests/conftest.py": env.get_template("project/tests/conftest.py.jinja").render(context),
    }
    every_test: dict[str, GeneratedTest] = {}
    # Tests import models from their public path, as users do: `<package>.models`.
    public = dict.fromkeys(module_of, "")
    for filename, owner, prefix, operations in groups:
        annotations = Annotations(
            api,
            public,
            None,
            models_package=f"{package}.models",
            runtime_package=f"{package}._runtime",
        )
        tests = [test_view(annotations, op, prefix + op.name) for op in operations]
        every_test.update((op.key, test) for op, test in zip(operations, tests, strict=True))
        files[f"tests/{filename}"] = template.render(
            context, owner=owner, tests=tests, imports=import_lines(annotations.imports)
        )
    if api.webhooks:
        files["tests/test_webhooks.py"] = _webhook_tests(env, api, public, context)
    return files, every_test


def _instance_of(annotations: Annotations, type_: ir.TypeRef) -> str | None:
    """The class every value of `type_` is an instance of, if there is one to check."""
    match type_:
        case ir.Ref(key=key) if isinstance(annotations.api.declarations[key], ir.Model | ir.Enum):
            return annotations.render(type_)
        case ir.ArrayOf():
            return "list"
        case ir.MapOf():
            return "dict"
        case ir.Primitive(name="str" | "int" | "bool" | "float" as name):
            return name
    return None


def _webhook_tests(
    env: jinja2.Environment, api: ir.Api, public: Mapping[str, str], context: dict[str, Any]
) -> str:
    """One test per webhook or callback with a sample payload: `parse_webhook` returns it as
    its type (a model: an instance of it)."""
    package = context["package"]
    annotations = Annotations(
        api, public, None, models_package=f"{package}.models", runtime_package=f"{package}._runtime"
    )
    names = NameRegistry(case_sensitive=True)
    tests = []
    for webhook in api.webhooks:
        if not isinstance(webhook.sample, ir.Sample):
            continue
        tests.append(
            WebhookTest(
                name=names.claim(snake_case(webhook.name, prefix="webhook_")),
                webhook=webhook.name,
                body=json.dumps(webhook.sample.value, ensure_ascii=False),
                annotation=annotations.render(webhook.type),
                instance_of=_instance_of(annotations, webhook.type),
            )
        )
    return env.get_template("project/tests/test_webhooks.py.jinja").render(
        context, tests=tests, imports=import_lines(annotations.imports)
    )
