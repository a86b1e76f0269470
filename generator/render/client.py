"""IR operations -> what the client and resource templates need: signatures, the static
request description, docstrings and imports. Only the templates write the source."""

from __future__ import annotations

import json
import math
import textwrap
from collections.abc import Mapping
from typing import Any

import jinja2

from .. import ir
from ..naming import NameRegistry, snake_case
from ..options import Options
from .annotations import MAX_LITERAL_MEMBERS, Annotations, import_lines
from .literals import py_literal
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


_MAX_LITERAL_DEFAULT = 100  # characters of a string default shown in a signature


def _default_literal(api: ir.Api, parameter: ir.Parameter) -> str | None:
    """The source of an optional parameter's default when it is a simple literal of its type
    (`limit: int | NotGiven = 20`); it is then sent unless the call passes `NOT_GIVEN`."""
    value = parameter.default
    if parameter.required or not _fits(api, parameter.type, value):
        return None
    if isinstance(value, str) and len(value) > _MAX_LITERAL_DEFAULT:
        return None
    return py_literal(value)


def _fits(api: ir.Api, type_: ir.TypeRef, value: object) -> bool:
    """Whether `value` is a simple literal the annotation of `type_` accepts as it is."""
    match type_:
        case ir.Nullable(inner=inner):
            return _fits(api, inner, value)
        case ir.Primitive(name="bool"):
            return isinstance(value, bool)
        case ir.Primitive(name="int"):
            return isinstance(value, int) and not isinstance(value, bool)
        case ir.Primitive(name="float"):
            # YAML has `.inf` and `.nan`, which no literal writes.
            return (
                isinstance(value, int | float)
                and not isinstance(value, bool)
                and math.isfinite(value)
            )
        case ir.Primitive(name="str"):
            return isinstance(value, str)
        case ir.LiteralOf(values=values):
            return value in values and not isinstance(value, bool)
        case ir.Ref(key=key):
            enum = api.declarations[key]
            # Enum arguments take their values as literals (Annotations.argument).
            return (
                isinstance(enum, ir.Enum)
                and len(enum.members) <= MAX_LITERAL_MEMBERS
                and isinstance(value, str | int)
                and not isinstance(value, bool)
                and value in {member.value for member in enum.members}
            )
    return False


def _docstring(api: ir.Api, operation: ir.Operation) -> str:
    parts = [text for text in (operation.summary, operation.description) if text]
    if not parts:
        parts.append(f"{operation.method} {operation.path}")
    if operation.deprecated:
        parts.append("Deprecated.")
    if operation.pagination is not None:
        parts.append(
            "Paginated: `await` the call for one page, or `async for` over it for the items of "
            "every page (`.pages()` for whole pages)."
        )
    if operation.stream is not None:
        items = "events" if operation.stream == "sse" else "JSON items"
        parts.append(
            f"Returns a stream of {items}, read as they arrive: iterate it with `async for`\n"
            "inside `async with await ...`, which closes it."
        )
    args = []
    for parameter in operation.parameters:
        text = " ".join((parameter.description or "").split())
        if not isinstance(parameter.default, ir._NoDefault) and not _default_literal(
            api, parameter
        ):
            # A default the signature cannot show: the server applies it when none is sent.
            shown = json.dumps(parameter.default, ensure_ascii=False)
            text = f"{text} Defaults to {shown[:200]}.".strip()
        if text:
            args.append(f"    {parameter.name}: {text}")
    if operation.body is not None and operation.body.description:
        args.append(f"    body: {' '.join(operation.body.description.split())}")
    if args:
        parts.append("Args:\n" + "\n".join(args))
    answers = [
        f"    {response.status}: {' '.join(response.description.split())}"
        for response in operation.responses
        if response.description
    ]
    if answers:
        parts.append("Responses:\n" + "\n".join(answers))
    if operation.docs_url:
        parts.append(f"See {operation.docs_url}")
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
                Argument(name=parameter.name, annotation=annotations.argument(parameter.type))
            )
        elif parameter.required:
            keyword.append(
                Argument(name=parameter.name, annotation=annotations.argument(parameter.type))
            )
        else:
            annotation = _or_not_given(annotations.argument(parameter.type))
            default = _default_literal(annotations.api, parameter) or "NOT_GIVEN"
            keyword.append(Argument(name=parameter.name, annotation=annotation, default=default))
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
    pagination = operation.pagination
    return OperationView(
        item=None if pagination is None else annotations.render(pagination.item),
        paging=None if pagination is None else _paging(pagination),
        op=operation,
        builder=f"_{operation.name}_endpoint",
        builder_imports=import_lines(endpoint.imports),
        positional=tuple(positional),
        keyword=tuple(keyword),
        args=tuple(parameter.name for parameter in operation.parameters),
        returns=returns,
        responses=tuple(responses),
        docstring=_docstring(annotations.api, operation),
        deprecation=_deprecation(f"{operation.name}()", operation.deprecation_note)
        if operation.deprecated
        else None,
        param_base64=tuple(_is_base64(parameter.type) for parameter in operation.parameters),
        param_deprecations=tuple(
            _deprecation(
                f"the `{parameter.name}` argument of {operation.name}()",
                parameter.deprecation_note,
            )
            if parameter.deprecated
            else None
            for parameter in operation.parameters
        ),
    )


def _is_base64(type_: ir.TypeRef) -> bool:
    """`format: byte`, or an array of it (possibly nullable)."""
    match type_:
        case ir.Primitive(name="Base64Bytes"):
            return True
        case ir.ArrayOf(item=inner) | ir.Nullable(inner=inner):
            return _is_base64(inner)
    return False


def _deprecation(subject: str, note: str | None) -> str:
    return f"{subject} is deprecated" + (f": {note}" if note else "")


def _paging(pagination: ir.Pagination) -> str:
    """The runtime's `Paging(...)` for `pagination`: its style, then the names it has."""
    names = ("items", "param", "size_param", "next_cursor", "has_more", "total_pages", "item_id")
    parts = [repr(pagination.style)]
    for name in names:
        value = getattr(pagination, name)
        if value is not None:
            parts.append(f"{name}={py_literal(value)}")
    return f"Paging({', '.join(parts)})"


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
    if any(view.paging is not None for view in views):
        names.update({"AsyncPager", "Paging"})
    names.update(_STREAM_CLASSES[view.op.stream] for view in views if view.op.stream)
    if any(view.op.parameters for view in views):
        names.add("Param")
    if any(view.op.body is not None for view in views):
        names.add("Body")
    imports = {(runtime_package, name) for name in names}
    if any(view.deprecation for view in views):
        imports.add(("typing_extensions", "deprecated"))
    return imports


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


def _methods(api: ir.Api) -> list[tuple[str, ir.Operation]]:
    """Every operation with the attribute path its method is reached by ("pets.", or "")."""
    methods = [(r.attribute + ".", op) for r in api.resources for op in r.operations]
    return methods + [("", op) for op in api.root_operations]


def _needs_arguments(operation: ir.Operation) -> bool:
    return any(p.required for p in operation.parameters) or (
        operation.body is not None and operation.body.required
    )


def example_call(api: ir.Api) -> str | None:
    """A call for the README: the first operation that needs no arguments, if any."""
    candidates = _methods(api)
    for prefix, operation in candidates:
        needs_arguments = _needs_arguments(operation)
        if not needs_arguments and operation.method == "GET":
            return f"{prefix}{operation.name}()"
    return None


def oauth_example_call(api: ir.Api) -> str | None:
    """A call for the README's client credentials example: the first GET that needs no
    arguments and accepts the first client credentials scheme, if any."""
    oauth = next((s.key for s in api.security_schemes if s.client_arguments), None)
    if oauth is None:
        return None
    candidates = _methods(api)
    for prefix, operation in candidates:
        needs_arguments = _needs_arguments(operation)
        accepts = any(alternative == (oauth,) for alternative in operation.security)
        if accepts and not needs_arguments and operation.method == "GET":
            return f"{prefix}{operation.name}()"
    return None


def paginated_calls(api: ir.Api) -> list[str]:
    """The paginated methods that need no arguments ("keepers.list_keepers"), for the README."""
    candidates = _methods(api)
    return [
        prefix + operation.name
        for prefix, operation in candidates
        if operation.pagination is not None and not any(p.required for p in operation.parameters)
    ]


def stream_example(api: ir.Api) -> tuple[str, ir.StreamKind] | None:
    """A call for the README's streaming section: the first operation that returns a stream
    and needs no arguments, and its kind of stream, if any."""
    for prefix, operation in _methods(api):
        needs_arguments = _needs_arguments(operation)
        if operation.stream is not None and not needs_arguments:
            return f"{prefix}{operation.name}()", operation.stream
    return None


def _server_choice(api: ir.Api) -> str:
    """The annotation of `Client(server=...)`: an index, or a server's name."""
    names = [py_literal(s.name) for s in api.servers if s.name is not None]
    return "int" + (f" | Literal[{', '.join(dict.fromkeys(names))}]" if names else "")


def _client_doc(api: ir.Api) -> str:
    lines = [f"Async client for {api.info.title} (API version {api.info.version}).", ""]
    lines.append("Use it as `async with Client(...) as client:`, or call `await client.close()`.")
    if api.base_url is None:
        lines.append("`base_url` is required: the API's server URL is relative or templated.")
    elif api.servers:
        lines += ["", "Servers (`server=`, by index or name; `base_url=` overrides them all):"]
        for index, server in enumerate(api.servers):
            lines.append(f"{index}. {server.url}" + (f" ({server.name})" if server.name else ""))
        for variable in api.server_variables:
            allowed = f": one of {', '.join(variable.enum)}" if variable.enum else ""
            about = f" ({variable.description})" if variable.description else ""
            lines.append(f"`{variable.argument}`: the server's `{variable.name}`{about}{allowed}")
    credentials = [line for scheme in api.security_schemes for line in _credential_doc(scheme)]
    if credentials:
        lines += ["", "Credentials (each applied to the operations that accept it):", *credentials]
    return "\n".join(lines)


def _credential_doc(scheme: ir.SecurityScheme) -> list[str]:
    """One scheme's lines in the client's docstring."""
    line = f"`{scheme.argument}`: {scheme.description or scheme.kind.replace('_', ' ')}"
    more = ""
    if scheme.client_arguments is not None:
        client_id, client_secret, scopes = scheme.client_arguments
        more = (
            f"Or give `{client_id}` and `{client_secret}` (and optionally `{scopes}`; none "
            "means the server's default scopes): the client then fetches the access token "
            f"itself (OAuth 2.0 client credentials flow, from {scheme.token_url}), keeps it "
            "until shortly before it expires, and gets a new one once when a call is "
            f"answered 401. `{scheme.argument}` also takes `ClientCredentials(...)` itself, "
            'e.g. with `auth_method="post"` for a token endpoint that wants the secret in '
            "the form body instead of HTTP Basic."
        )
    elif scheme.oauth_flows:
        more = (
            f"An OAuth 2.0 access token: the SDK does not run the {', '.join(scheme.oauth_flows)} "
            "flow; obtain the token elsewhere and pass it, or a provider of it."
        )
    if not more:
        return [line]
    return [line, *textwrap.wrap(more, width=88, initial_indent="  ", subsequent_indent="  ")]


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
    if api.servers:
        imports.update(
            {("._runtime", "Server"), ("._runtime", "server_url"), ("typing", "Literal")}
        )
    files[f"{package}/_client.py"] = env.get_template("package/_client.py.jinja").render(
        context,
        server_choice=_server_choice(api),
        views=views,
        loaders=loaders,
        imports=import_lines(imports),
        typing_imports=import_lines(typing_imports),
        client_doc=_client_doc(api),
    )
    return files, every_view
