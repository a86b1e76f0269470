"""IR operations -> what the client and resource templates need: signatures, the static
request description, docstrings and imports. Only the templates write the source."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import ir
from .annotations import Annotations
from .literals import py_literal

_BINARY_BODY = "bytes | IO[bytes] | AsyncIterable[bytes]"


def _body_annotation(annotations: Annotations, body: ir.RequestBody) -> str:
    kind = body.media_types[0][1]
    if kind == "binary":
        annotations.imports.update({("typing", "IO"), ("collections.abc", "AsyncIterable")})
        return _BINARY_BODY
    rendered = annotations.render(body.type)
    if (
        kind in ("json", "form", "multipart")
        and isinstance(body.type, ir.Ref)
        and isinstance(annotations.api.declarations[body.type.key], ir.Model)
    ):
        # The model, or the same object as a plain dict.
        annotations.imports.add(("typing", "Any"))
        return f"{rendered} | dict[str, Any]"
    return rendered


def _or_not_given(annotation: str) -> str:
    """`T | NotGiven`, keeping `None` last as PEP 604 style asks."""
    if annotation.endswith(" | None"):
        return annotation[: -len(" | None")] + " | NotGiven | None"
    return f"{annotation} | NotGiven"


def _docstring(operation: ir.Operation) -> str:
    parts = [text for text in (operation.summary, operation.description) if text]
    if not parts:
        parts.append(f"{operation.method} {operation.path}")
    if operation.deprecated:
        parts.append("Deprecated.")
    args = [
        f"    {parameter.name}: {' '.join(parameter.description.split())}"
        for parameter in operation.parameters
        if parameter.description
    ]
    if operation.body is not None and operation.body.description:
        args.append(f"    body: {' '.join(operation.body.description.split())}")
    if args:
        parts.append("Args:\n" + "\n".join(args))
    return "\n\n".join(parts)


def operation_view(annotations: Annotations, operation: ir.Operation) -> dict[str, Any]:
    """Everything one method and its `Endpoint` constant are rendered from."""
    positional = []
    keyword = []
    for parameter in operation.parameters:
        if parameter.location == "path":
            positional.append(
                {"name": parameter.name, "annotation": annotations.render(parameter.type)}
            )
        elif parameter.required:
            keyword.append(
                {
                    "name": parameter.name,
                    "annotation": annotations.render(parameter.type),
                    "default": None,
                }
            )
        else:
            annotation = _or_not_given(annotations.render(parameter.type))
            keyword.append(
                {"name": parameter.name, "annotation": annotation, "default": "NOT_GIVEN"}
            )
    body = operation.body
    if body is not None:
        annotation = _body_annotation(annotations, body)
        if body.required:
            keyword.insert(0, {"name": "body", "annotation": annotation, "default": None})
        else:
            keyword.append(
                {"name": "body", "annotation": _or_not_given(annotation), "default": "NOT_GIVEN"}
            )
        if len(body.media_types) > 1:
            annotations.imports.add(("typing", "Literal"))
            choices = ", ".join(repr(media) for media, _ in body.media_types)
            keyword.append(
                {
                    "name": "content_type",
                    "annotation": f"Literal[{choices}] | None",
                    "default": "None",
                }
            )
    # Required keyword arguments come before those with defaults, in the signature only.
    keyword.sort(key=lambda argument: argument["default"] is not None)
    returns = "None" if operation.returns is None else annotations.render(operation.returns)
    responses = [
        {
            "status": r.status,
            "kind": r.kind,
            "type": None if r.type is None else annotations.render(r.type),
        }
        for r in operation.responses
    ]
    if not any(r.status.startswith("2") or r.status == "default" for r in operation.responses):
        # No success declared: whatever a 2xx carries, the typed result is None.
        responses.append({"status": "2XX", "kind": "empty", "type": None})
    return {
        "op": operation,
        "constant": "_" + operation.name.upper(),
        "positional": positional,
        "keyword": keyword,
        "args": [parameter.name for parameter in operation.parameters],
        "returns": returns,
        "responses": responses,
        "docstring": _docstring(operation),
    }


def runtime_imports(views: list[dict[str, Any]], runtime_package: str) -> set[tuple[str, str]]:
    """Runtime names the rendered operations use."""
    names = {"Endpoint", "ResponseSpec", "Headers", "Query", "Timeout", "NotGiven", "NOT_GIVEN"}
    if any(view["op"].parameters for view in views):
        names.add("Param")
    if any(view["op"].body is not None for view in views):
        names.add("Body")
    return {(runtime_package, name) for name in names}


def resource_views(
    api: ir.Api, module_of: Mapping[str, str], operations: tuple[ir.Operation, ...], *, inside: str
) -> tuple[list[dict[str, Any]], set[tuple[str, str]]]:
    """Views of `operations` for a module in `inside` ("resources" or the package root)."""
    if inside == "resources":
        annotations = Annotations(
            api, module_of, None, models_package="..models.", runtime_package=".._runtime"
        )
    else:
        annotations = Annotations(
            api, module_of, None, models_package=".models.", runtime_package="._runtime"
        )
    views = [operation_view(annotations, operation) for operation in operations]
    imports = annotations.imports | runtime_imports(views, annotations.runtime_package)
    return views, imports


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
    if kind == "binary":
        return 'b"sample"'
    if kind == "text":
        return '"sample"'
    if body.sample is None:
        return None
    if (
        isinstance(body.sample.value, dict)
        and isinstance(body.type, ir.Ref)
        and isinstance(annotations.api.declarations[body.type.key], ir.Model)
    ):
        return py_literal(body.sample.value)  # the method takes the model or a plain dict
    return _sample_expression(annotations, body.type, body.sample)


def test_view(annotations: Annotations, operation: ir.Operation, target: str) -> dict[str, Any]:
    """One generated test: call `target` with valid arguments, check the declared type."""
    view: dict[str, Any] = {"name": operation.name, "target": target, "skip": None, "fail": None}
    if any(parameter.style == "matrix" for parameter in operation.parameters):
        view["skip"] = PRISM_MATRIX
        return view
    if any(r.kind == "json" and "*" in (r.media_type or "") for r in operation.responses):
        view["skip"] = PRISM_WILDCARD
        return view
    positional, keyword = [], []
    missing = []
    for parameter in operation.parameters:
        if not parameter.required:
            continue
        try:
            expression = (
                None
                if parameter.sample is None
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
    if any(r.kind == "json" and r.type not in (None, ir.ANY) for r in success):
        # Ask a mock server for data built from the schema (RFC 7240 preference, understood by
        # Prism): examples in specs often contradict their own schemas.
        keyword.append(("extra_headers", '{"Prefer": "dynamic=true"}'))
    if missing:
        view["fail"] = f"no valid value could be synthesized for: {', '.join(missing)}"
        return view
    declared = [r.status for r in operation.responses]
    if not any(status.startswith("2") or status == "default" for status in declared):
        # Only error responses are declared: the mock answers with one of them, typed.
        view["errors"] = sorted(int(s) for s in declared if s.isdigit()) or None
    elif operation.returns is None:
        view["check"] = None  # the method is typed `-> None`: succeeding is the whole check
    else:
        annotations.imports.add(("pydantic", "TypeAdapter"))
        view["check"] = (
            f"TypeAdapter({annotations.render(operation.returns)}).validate_python(result)"
        )
    view.update(positional=positional, keyword=keyword)
    return view
