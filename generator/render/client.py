"""IR operations -> what the client and resource templates need: signatures, the static
request description, docstrings and imports. Only the templates write the source."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import jinja2

from .. import ir
from ..naming import NameRegistry, snake_case
from ..options import Options
from .annotations import Annotations, import_lines
from .views import Argument, ErrorLoader, OperationView, ResponseView

_BINARY_BODY = "bytes | IO[bytes] | AsyncIterable[bytes]"


def _body_annotation(annotations: Annotations, body: ir.RequestBody) -> str:
    kind = body.media_types[0][1]
    if kind == "base64":
        return "bytes"
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
    if operation.stream is not None:
        items = "events" if operation.stream == "sse" else "JSON items"
        parts.append(
            f"Returns a stream of {items}, read as they arrive: iterate it with `async for`\n"
            "inside `async with await ...`, which closes it."
        )
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


class ErrorTypes:
    """The types of one module's error responses, each imported by a function of its own when
    first needed: an error model can refer to much of the API (Stripe's `Error` reaches hundreds
    of models), which an operation's first call should not import unless that error happens."""

    def __init__(self, annotations: Annotations) -> None:
        self._annotations = annotations
        self._names = NameRegistry(case_sensitive=True)
        self.loaders: dict[str, ErrorLoader] = {}  # by the type's expression

    def loader(self, tp: ir.TypeRef) -> str | None:
        """The name of the function returning `tp`; None when `tp` loads no models (it is
        then written in the endpoint itself)."""
        recorder = self._annotations.sibling()
        expression = recorder.render(tp)
        if not any(recorder.loads_pydantic(name) for name in recorder.imports):
            return None
        known = self.loaders.get(expression)
        if known is None:
            name = self._names.claim(f"_{snake_case(expression, prefix='')}_type")
            known = self.loaders[expression] = ErrorLoader(
                name=name, expression=expression, imports=import_lines(recorder.imports)
            )
        return known.name


def operation_view(
    annotations: Annotations, operation: ir.Operation, error_types: ErrorTypes
) -> OperationView:
    """Everything one method and its `Endpoint` constant are rendered from."""
    positional = []
    keyword = []
    for parameter in operation.parameters:
        if parameter.location == "path":
            positional.append(
                Argument(name=parameter.name, annotation=annotations.render(parameter.type))
            )
        elif parameter.required:
            keyword.append(
                Argument(name=parameter.name, annotation=annotations.render(parameter.type))
            )
        else:
            annotation = _or_not_given(annotations.render(parameter.type))
            keyword.append(
                Argument(name=parameter.name, annotation=annotation, default="NOT_GIVEN")
            )
    body = operation.body
    if body is not None:
        annotation = _body_annotation(annotations, body)
        if body.required:
            keyword.insert(0, Argument(name="body", annotation=annotation))
        else:
            keyword.append(
                Argument(name="body", annotation=_or_not_given(annotation), default="NOT_GIVEN")
            )
        if len(body.media_types) > 1:
            annotations.imports.add(("typing", "Literal"))
            choices = ", ".join(repr(media) for media, _ in body.media_types)
            keyword.append(
                Argument(
                    name="content_type", annotation=f"Literal[{choices}] | None", default="None"
                )
            )
    # Required keyword arguments come before those with defaults, in the signature only.
    keyword.sort(key=lambda argument: argument.default is not None)
    returns = "None" if operation.returns is None else annotations.render(operation.returns)
    if operation.stream is not None and operation.returns is not None:
        returns = _stream_annotation(annotations, operation.stream, operation.returns)
    # Response types are needed at run time, by the Endpoint: it is built on first use and
    # imports them then, so importing the client or a resource loads no models.
    endpoint = annotations.sibling()
    responses = []
    for response in operation.responses:
        load = type_ = None
        if response.type is not None and not response.status.startswith("2"):
            load = error_types.loader(response.type)
        if response.type is not None and load is None:
            type_ = endpoint.render(response.type)
        responses.append(
            ResponseView(status=response.status, kind=response.kind, type=type_, load=load)
        )
    if not any(
        r.status.startswith("2") or r.status == "default" or r.kind == "location"
        for r in operation.responses
    ):
        # No success declared: whatever a 2xx carries, the typed result is None.
        responses.append(ResponseView(status="2XX", kind="empty", type=None, load=None))
    return OperationView(
        op=operation,
        builder=f"_{operation.name}_endpoint",
        builder_imports=import_lines(endpoint.imports),
        positional=tuple(positional),
        keyword=tuple(keyword),
        args=tuple(parameter.name for parameter in operation.parameters),
        returns=returns,
        responses=tuple(responses),
        docstring=_docstring(operation),
    )


def _stream_annotation(annotations: Annotations, kind: ir.StreamKind, item: ir.TypeRef) -> str:
    """What a streaming operation returns: a stream of `item` (None too if a success can
    have no content)."""
    nullable = isinstance(item, ir.Nullable)
    inner = annotations.render(item.inner if isinstance(item, ir.Nullable) else item)
    stream = f"{_STREAM_CLASSES[kind]}[{inner}]"
    return f"{stream} | None" if nullable else stream


_STREAM_CLASSES: dict[ir.StreamKind, str] = {
    "sse": "AsyncEventStream",
    "jsonl": "AsyncJsonStream",
    "json-seq": "AsyncJsonStream",
}


def runtime_imports(views: list[OperationView], runtime_package: str) -> set[tuple[str, str]]:
    """Runtime names the rendered operations use."""
    names = {"Endpoint", "ResponseSpec", "Headers", "Query", "Timeout", "NotGiven", "NOT_GIVEN"}
    names.update(_STREAM_CLASSES[view.op.stream] for view in views if view.op.stream)
    if any(view.op.parameters for view in views):
        names.add("Param")
    if any(view.op.body is not None for view in views):
        names.add("Body")
    return {(runtime_package, name) for name in names}


def resource_views(
    api: ir.Api, module_of: Mapping[str, str], operations: tuple[ir.Operation, ...], *, inside: str
) -> tuple[list[OperationView], list[ErrorLoader], set[tuple[str, str]], set[tuple[str, str]]]:
    """Views of `operations` for a module in `inside` ("resources" or the package root), the
    loaders of their error types (see `ErrorTypes`), the module's imports, and those it needs
    for type checking only (see `loads_pydantic`)."""
    if inside == "resources":
        annotations = Annotations(
            api, module_of, None, models_package="..models.", runtime_package=".._runtime"
        )
    else:
        annotations = Annotations(
            api, module_of, None, models_package=".models.", runtime_package="._runtime"
        )
    error_types = ErrorTypes(annotations)
    views = [operation_view(annotations, operation, error_types) for operation in operations]
    typing_only = {name for name in annotations.imports if annotations.loads_pydantic(name)}
    imports = (annotations.imports - typing_only) | runtime_imports(
        views, annotations.runtime_package
    )
    loaders = list(error_types.loaders.values())
    if loaders:
        imports.add(("typing", "Any"))
    return views, loaders, imports, typing_only


def example_call(api: ir.Api) -> str | None:
    """A call for the README: the first operation that needs no arguments, if any."""
    candidates = [
        (resource.attribute + ".", op) for resource in api.resources for op in resource.operations
    ]
    candidates += [("", op) for op in api.root_operations]
    for prefix, operation in candidates:
        needs_arguments = any(p.required for p in operation.parameters) or (
            operation.body is not None and operation.body.required
        )
        if not needs_arguments and operation.method == "GET":
            return f"{prefix}{operation.name}()"
    return None


def stream_example(api: ir.Api) -> tuple[str, ir.StreamKind] | None:
    """A call for the README's streaming section: the first operation that returns a stream
    and needs no arguments, and its kind of stream, if any."""
    candidates = [
        (resource.attribute + ".", op) for resource in api.resources for op in resource.operations
    ]
    candidates += [("", op) for op in api.root_operations]
    for prefix, operation in candidates:
        needs_arguments = any(p.required for p in operation.parameters) or (
            operation.body is not None and operation.body.required
        )
        if operation.stream is not None and not needs_arguments:
            return f"{prefix}{operation.name}()", operation.stream
    return None


def _client_doc(api: ir.Api) -> str:
    lines = [f"Async client for {api.info.title} (API version {api.info.version}).", ""]
    lines.append("Use it as `async with Client(...) as client:`, or call `await client.close()`.")
    if api.base_url is None:
        lines.append("`base_url` is required: the API's server URL is relative or templated.")
    credentials = [
        f"`{scheme.argument}`: {scheme.description or scheme.kind.replace('_', ' ')}"
        for scheme in api.security_schemes
    ]
    if credentials:
        lines += ["", "Credentials (each applied to the operations that accept it):", *credentials]
    return "\n".join(lines)


def render_client(
    env: jinja2.Environment,
    api: ir.Api,
    options: Options,
    module_of: Mapping[str, str],
    context: dict[str, Any],
) -> tuple[dict[str, str], dict[str, OperationView]]:
    """The client's and resources' modules, and the view of every operation (by its key)."""
    package = options.package_name
    files = {}
    every_view: dict[str, OperationView] = {}
    module_template = env.get_template("package/resources/module.py.jinja")
    for resource in api.resources:
        views, loaders, imports, typing_imports = resource_views(
            api, module_of, resource.operations, inside="resources"
        )
        every_view.update((view.op.key, view) for view in views)
        files[f"{package}/resources/{resource.module}.py"] = module_template.render(
            resource=resource,
            views=views,
            loaders=loaders,
            imports=import_lines(imports),
            typing_imports=import_lines(typing_imports),
        )
    files[f"{package}/resources/__init__.py"] = env.get_template(
        "package/resources/__init__.py.jinja"
    ).render(context)
    files[f"{package}/errors.py"] = env.get_template("package/errors.py.jinja").render(context)
    views, loaders, imports, typing_imports = resource_views(
        api, module_of, api.root_operations, inside="package"
    )
    every_view.update((view.op.key, view) for view in views)
    imports.discard(("._runtime", "Timeout"))  # the template imports it for type checking only
    files[f"{package}/_client.py"] = env.get_template("package/_client.py.jinja").render(
        context,
        views=views,
        loaders=loaders,
        imports=import_lines(imports),
        typing_imports=import_lines(typing_imports),
        client_doc=_client_doc(api),
    )
    return files, every_view
