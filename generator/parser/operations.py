"""`paths` -> IR operations grouped into resources (one per first tag)."""

from __future__ import annotations

import dataclasses
import keyword
import re
from collections.abc import Iterator, Mapping
from typing import Any

from .. import ir
from ..diagnostics import Diagnostic, warning
from ..naming import NameRegistry, pascal_case, snake_case
from ..runtime_names import client_attributes, method_arguments, parameter_styles
from ..spec.pointers import child
from .pagination import Detector
from .samples import Budget, SampleError, Sampler, Untestable
from .schemas import SchemaParser
from .security import CLIENT_ARGUMENTS, requirements
from .servers import operation_server

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace", "query")
# An HTTP method is a token (RFC 9110): anything else could not be sent.
_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*")
_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]{1,32}")
# Keyword arguments every generated method takes, read from the runtime; parameters must not
# shadow them.
METHOD_ARGUMENTS = method_arguments()
RESOURCE_MEMBERS = frozenset({"with_raw_response", "with_streaming_response"})
# Headers OpenAPI says a parameter cannot describe (they come from elsewhere).
_IGNORED_HEADERS = frozenset({"accept", "content-type", "authorization"})
_BODY_KIND_ORDER: dict[ir.BodyKind, int] = {
    "json": 0, "form": 1, "multipart": 2, "text": 3, "base64": 4, "binary": 5
}  # fmt: skip
_PATH_VARIABLE = re.compile(r"\{([^{}]+)\}")


def _method_name(method: str, path: str, operation: dict[str, Any]) -> str:
    operation_id = operation.get("operationId")
    if isinstance(operation_id, str) and operation_id.strip():
        return snake_case(operation_id, prefix="call_")
    return snake_case(f"{method} {path}", prefix="call_")


def _without_resource_prefix(
    wanted: list[str], resource: str | None, names: NameRegistry
) -> list[str]:
    """Method names without the resource's name they repeat (`client.repos.list_for_org`,
    not `client.repos.repos_list_for_org`): GitHub's and many specs' operationIds start with
    their tag. A name keeps its prefix when what is left is no identifier, or is another
    method's name (its own or one left by this rule), or one the resource reserves: so no
    name gets longer than it was, and none clashes."""
    if resource is None:
        return wanted
    shortened = [_strip_prefix(name, resource + "_") for name in wanted]
    counts: dict[str, int] = {}
    for name in [*wanted, *shortened]:
        counts[name] = counts.get(name, 0) + 1
    return [
        short
        if short == name
        or (counts[short] == 1 and not names.taken(short) and not keyword.iskeyword(short))
        else name
        for name, short in zip(wanted, shortened, strict=True)
    ]


def _strip_prefix(name: str, prefix: str) -> str:
    """`name` without every leading `prefix` (`copilot_copilot_usage` -> `usage`), if an
    identifier is left."""
    while name.startswith(prefix) and _IDENTIFIER.fullmatch(name[len(prefix) :]):
        name = name[len(prefix) :]
    return name


def path_operations(path: str, item: dict[str, Any]) -> Iterator[tuple[str, Any, str] | str]:
    """(method, operation, pointer) of a Path Item's operations: the fixed fields (3.2's
    `query` among them), then 3.2's `additionalOperations` (`COPY`, `PURGE`...), whose
    methods are sent as the spec spells them; the pointer alone of an additional one that
    cannot be (not an HTTP token, or a fixed field's method: validation refuses both)."""
    for method in METHODS:
        if method in item:
            yield method, item[method], child("#/paths", path, method)
    additional = item.get("additionalOperations")
    for method, operation in additional.items() if isinstance(additional, dict) else ():
        where = child("#/paths", path, "additionalOperations", str(method))
        if isinstance(method, str) and _TOKEN.fullmatch(method) and method.lower() not in METHODS:
            yield method, operation, where
        else:
            yield where


def body_kind(media_type: str) -> ir.BodyKind:
    media = media_type.split(";")[0].strip().lower()
    if media == "application/json" or media.endswith("+json") or media.endswith("/json"):
        return "json"
    if media == "application/x-www-form-urlencoded":
        return "form"
    if media.startswith("multipart/"):
        return "multipart"
    if media.startswith("text/"):
        return "text"
    return "binary"


# Media types of streams of items; `application/json-seq` is RFC 7464's.
_STREAM_MEDIA_TYPES: dict[str, ir.StreamKind] = {
    "text/event-stream": "sse",
    "application/x-ndjson": "jsonl",
    "application/ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/x-jsonlines": "jsonl",
    "application/jsonlines": "jsonl",
    "application/json-seq": "json-seq",
}


def response_kind(media_type: str) -> ir.ResponseKind:
    stream = _STREAM_MEDIA_TYPES.get(media_type.split(";")[0].strip().lower())
    if stream is not None:
        return stream
    kind = body_kind(media_type)
    if kind == "json" or kind == "text":
        return kind
    return "binary"


class OperationParser:
    def __init__(
        self,
        document: dict[str, Any],
        schemas: SchemaParser,
        diagnostics: list[Diagnostic],
        security_schemes: tuple[ir.SecurityScheme, ...],
        pagination: Mapping[str, Any] | None = None,
    ) -> None:
        self.document = document
        self.schemas = schemas
        self.diagnostics = diagnostics
        self.scheme_keys = {scheme.key for scheme in security_schemes}
        self.default_security = requirements(document.get("security"), self.scheme_keys)
        self.sampler = Sampler(document)
        self.loose = False  # set while retrying an operation whose types failed to build
        self.pagination = Detector(schemas.declarations, self.warn, pagination)

    def sample(
        self, holder: dict[str, Any], schema: Any, budget: Budget, where: str
    ) -> ir.Sample | ir.Untestable | None:
        """An example of the parameter or media type that fits `schema`, else a value
        synthesized from it, within the operation's `budget`; the first that cannot be had is
        warned about at `where`."""
        if budget.untestable is not None:
            return budget.untestable
        given = [holder["example"]] if "example" in holder else []
        examples = holder.get("examples")
        if isinstance(examples, dict):
            for example in examples.values():
                example = self.deref(example)
                if isinstance(example, dict) and "value" in example:
                    given.append(example["value"])
        try:
            for value in given:
                if self.sampler.fits(value, schema):
                    return ir.Sample(value=self.sampler.given(value, budget))
            if self.loose:
                return None
            return ir.Sample(value=self.sampler.value(schema, budget))
        except (SampleError, RecursionError):
            return None
        except Untestable as exc:
            self.warn("test-skipped", f"{exc}: the generated test is skipped", where)
            budget.untestable = ir.Untestable(reason=str(exc))
            return budget.untestable

    def warn(self, code: str, message: str, where: str) -> None:
        self.diagnostics.append(warning(code, message, where))

    def deref(self, node: Any) -> Any:
        """Follow `$ref`s (to components/parameters, responses, requestBodies...)."""
        for _ in range(32):
            if not (isinstance(node, dict) and isinstance(node.get("$ref"), str)):
                return node
            try:
                node = self.schemas.resolve(node["$ref"][1:])
            except KeyError:
                return None
        return None

    # -- resources -------------------------------------------------------------------------

    def parse(self) -> tuple[tuple[ir.Resource, ...], tuple[ir.Operation, ...]]:
        grouped: dict[str | None, list[tuple[str, str, dict[str, Any], str]]] = {}
        for declared in self._declared_tags():
            grouped.setdefault(declared, [])
        paths = self.document.get("paths")
        for path, item in paths.items() if isinstance(paths, dict) else ():
            item = self.deref(item)
            if not isinstance(item, dict):
                continue
            for found in path_operations(path, item):
                if isinstance(found, str):
                    self.warn(
                        "method-not-sendable",
                        "not an HTTP method name, or one of the fixed fields: left out",
                        found,
                    )
                    continue
                method, operation, where = found
                if isinstance(operation, dict):
                    tags = operation.get("tags")
                    tag: str | None = (
                        tags[0]
                        if isinstance(tags, list) and tags and isinstance(tags[0], str)
                        else None
                    )
                    grouped.setdefault(tag, []).append((path, method, operation, where))

        # A tag or an untagged operation becomes an attribute of the client: never one the
        # runtime's client already has (`max_response_size`, `close`...).
        attributes = NameRegistry(
            CLIENT_ARGUMENTS | client_attributes() | RESOURCE_MEMBERS, case_sensitive=True
        )
        modules = NameRegistry({"__init__"})
        classes = self.schemas.class_names  # one namespace: models are imported beside resources
        resources = []
        descriptions = self._tag_descriptions()
        for group, entries in grouped.items():
            if group is None or not entries:
                continue
            tag = group
            attribute = attributes.claim(snake_case(tag, prefix="tag_"))
            class_name = classes.claim(pascal_case(tag, prefix="Tag") + "Resource")
            for suffix in ("WithRawResponse", "WithStreamingResponse"):
                classes.reserve(class_name + suffix)
            resources.append(
                ir.Resource(
                    attribute=attribute,
                    class_name=class_name,
                    module=modules.claim(attribute),
                    description=descriptions.get(tag),
                    operations=self._operations(
                        entries, NameRegistry(RESOURCE_MEMBERS, case_sensitive=True), attribute
                    ),
                )
            )
        root = self._operations(grouped.get(None, []), attributes)
        return tuple(resources), root

    def _declared_tags(self) -> list[str]:
        tags = self.document.get("tags")
        if not isinstance(tags, list):
            return []
        return [
            tag["name"]
            for tag in tags
            if isinstance(tag, dict) and isinstance(tag.get("name"), str)
        ]

    def _tag_descriptions(self) -> dict[str, str]:
        tags = self.document.get("tags")
        return {
            tag["name"]: tag["description"]
            for tag in (tags if isinstance(tags, list) else [])
            if isinstance(tag, dict)
            and isinstance(tag.get("name"), str)
            and isinstance(tag.get("description"), str)
        }

    def _operations(
        self,
        entries: list[tuple[str, str, dict[str, Any], str]],
        names: NameRegistry,
        resource: str | None = None,
    ) -> tuple[ir.Operation, ...]:
        operations = []
        wanted_names = _without_resource_prefix(
            [_method_name(method, path, operation) for path, method, operation, _ in entries],
            resource,
            names,
        )
        for (path, method, operation, where), wanted in zip(entries, wanted_names, strict=True):
            name = names.claim(wanted)
            try:
                operations.append(self._operation(name, path, method, operation, where))
                continue
            except Exception as exc:  # one bad operation must not sink the whole SDK
                failure = type(exc).__name__
            # Keep the operation with its parameters, body and responses typed as `Any`.
            self.loose = True
            try:
                operations.append(self._operation(name, path, method, operation, where))
                self.warn(
                    "operation-loosely-typed",
                    f"operation types could not be built ({failure}); its parameters, body "
                    "and responses are typed as Any",
                    where,
                )
            except Exception as exc:
                self.warn(
                    "operation-skipped",
                    f"operation could not be generated ({type(exc).__name__}); left out",
                    where,
                )
            finally:
                self.loose = False
        return tuple(operations)

    def type_of(self, schema: Any, where: str, hint: str) -> ir.TypeRef:
        """The type of a parameter, body or response schema (`Any` for a loosely typed one)."""
        if self.loose:
            return ir.Primitive(name="Any")
        return self.schemas.type_of(schema, where, hint)

    # -- one operation ---------------------------------------------------------------------

    def _operation(
        self, name: str, path: str, method: str, operation: dict[str, Any], where: str
    ) -> ir.Operation:
        hint = pascal_case(name)
        path_item = self.deref(self.schemas.resolve(child("", "paths", path)))
        own_server = operation_server(
            (path_item, child("#/paths", path)), (operation, where), self.diagnostics
        )
        if "#" in path:
            # A URL fragment is never sent; some specs (AWS) use it to tell operations apart.
            self.warn("path-fragment", "the `#...` part of the path is not sent", where)
            path = path.split("#", 1)[0]
        budget = Budget()  # the arguments of the operation's generated test share one
        parameters = self._parameters(path, path_item, operation, where, hint, budget)
        body = self._body(operation, where, hint, budget)
        responses = self._responses(operation, where, hint)
        security = operation.get("security")
        built = ir.Operation(
            key=where,
            name=name,
            method=method.upper(),
            path=path,
            summary=_text(operation.get("summary")),
            description=_text(operation.get("description")),
            parameters=parameters,
            body=body,
            responses=responses,
            returns=_returns(responses),
            security=self.default_security
            if security is None
            else requirements(security, self.scheme_keys),
            deprecated=operation.get("deprecated") is True,
            accept=_accept(responses),
            deprecation_note=replacement_note(operation.get("description"))
            if operation.get("deprecated") is True
            else None,
            docs_url=_docs_url(operation.get("externalDocs")),
            stream=_stream_kind(responses),
            server=own_server,
        )
        if self.loose:
            return built
        pagination = self.pagination.detect(built, operation, self._success_headers(operation))
        return built if pagination is None else dataclasses.replace(built, pagination=pagination)

    def _success_headers(self, operation: dict[str, Any]) -> frozenset[str]:
        """The lower-cased names of the headers the operation's 2xx responses document."""
        responses = operation.get("responses")
        names: set[str] = set()
        for status, raw in responses.items() if isinstance(responses, dict) else ():
            response = self.deref(raw) if str(status).startswith("2") else None
            headers = response.get("headers") if isinstance(response, dict) else None
            names.update(str(name).lower() for name in headers or () if isinstance(headers, dict))
        return frozenset(names)

    def _parameters(
        self,
        path: str,
        path_item: Any,
        operation: dict[str, Any],
        where: str,
        hint: str,
        budget: Budget,
    ) -> tuple[ir.Parameter, ...]:
        merged: dict[tuple[str, str], tuple[dict[str, Any], str]] = {}
        sources = [
            (
                path_item.get("parameters") if isinstance(path_item, dict) else None,
                child("#/paths", path, "parameters"),
            ),
            (operation.get("parameters"), child(where, "parameters")),
        ]
        for parameters, base in sources:
            for index, raw in enumerate(parameters if isinstance(parameters, list) else []):
                parameter = self.deref(raw)
                if not isinstance(parameter, dict) or not isinstance(parameter.get("name"), str):
                    continue
                location = parameter.get("in")
                if location not in ("path", "query", "header", "cookie"):
                    continue
                if location == "header" and parameter["name"].lower() in _IGNORED_HEADERS:
                    continue
                merged[(parameter["name"], location)] = (parameter, child(base, index))

        order = {variable: i for i, variable in enumerate(_PATH_VARIABLE.findall(path))}
        # The path template and the path parameters must agree (the request is built from both).
        for variable in order:
            if (variable, "path") not in merged:
                self.warn(
                    "undeclared-path-variable",
                    f"path variable {{{variable}}} has no path parameter; taken as a string",
                    where,
                )
                merged[(variable, "path")] = (
                    {"name": variable, "in": "path", "schema": {"type": "string"}},
                    where,
                )
        for name, location in list(merged):
            if location == "path" and name not in order:
                self.warn(
                    "unused-path-parameter",
                    f"path parameter {name!r} is not in the path; ignored",
                    where,
                )
                del merged[(name, location)]
        in_path = sorted(
            (key for key in merged if key[1] == "path"),
            key=lambda key: order.get(key[0], len(order)),
        )
        others = [key for key in merged if key[1] != "path"]
        required_first = sorted(others, key=lambda key: merged[key][0].get("required") is not True)
        names = NameRegistry(METHOD_ARGUMENTS, case_sensitive=True)
        result = []
        for key in [*in_path, *required_first]:
            parameter, at = merged[key]
            schema = parameter.get("schema")
            if (
                schema is None
                and isinstance(parameter.get("content"), dict)
                and parameter["content"]
            ):
                media: Any = next(iter(parameter["content"].values()), {})
                schema = media.get("schema") if isinstance(media, dict) else None
                self.warn(
                    "parameter-content", "parameter `content` is sent with the default style", at
                )
            style = parameter.get("style")
            explode = parameter.get("explode")
            required = key[1] == "path" or parameter.get("required") is True
            schema_at = child(at, "schema")
            result.append(
                ir.Parameter(
                    name=names.claim(snake_case(key[0], prefix="param_")),
                    wire_name=key[0],
                    location=key[1],  # type: ignore[arg-type]
                    type=self.type_of(
                        schema if schema is not None else {},
                        schema_at,
                        hint + pascal_case(key[0]),
                    ),
                    required=required,
                    description=_text(parameter.get("description")),
                    style=style if isinstance(style, str) and _style_ok(key[1], style) else None,
                    explode=explode if isinstance(explode, bool) else None,
                    allow_reserved=parameter.get("allowReserved") is True,
                    sample=self.sample(
                        parameter, schema if schema is not None else {}, budget, schema_at
                    )
                    if required
                    else None,
                    deprecated=parameter.get("deprecated") is True,
                    deprecation_note=replacement_note(parameter.get("description"))
                    if parameter.get("deprecated") is True
                    else None,
                    default=self._default(schema),
                )
            )
        return tuple(result)

    def _default(self, schema: Any) -> ir.JsonValue | ir._NoDefault:
        """A parameter schema's `default` (through `$ref`s), if it has one."""
        schema = self.deref(schema)
        if isinstance(schema, dict) and "default" in schema:
            default: ir.JsonValue = schema["default"]
            return default
        return ir.NO_DEFAULT

    def _body(
        self, operation: dict[str, Any], where: str, hint: str, budget: Budget
    ) -> ir.RequestBody | None:
        body = self.deref(operation.get("requestBody"))
        if (
            not isinstance(body, dict)
            or not isinstance(body.get("content"), dict)
            or not body["content"]
        ):
            return None
        content = body["content"]
        media_types = sorted(
            (
                (media, self._base64_or(body_kind(media), content[media]))
                for media in content
                if isinstance(media, str)
            ),
            key=lambda pair: _BODY_KIND_ORDER[pair[1]],
        )
        first_media, first_kind = media_types[0]
        media = content[first_media] if isinstance(content[first_media], dict) else {}
        at = child(where, "requestBody", "content", first_media, "schema")
        if first_kind in ("binary", "base64"):
            body_type: ir.TypeRef = ir.Primitive(name="bytes")
        elif first_kind == "text":
            body_type = ir.Primitive(name="str")
        else:
            body_type = self.type_of(media.get("schema", {}), at, hint + "Request")
        return ir.RequestBody(
            media_types=tuple(media_types),
            deep_object=_deep_object_properties(content),
            type=body_type,
            required=body.get("required") is True,
            description=_text(body.get("description")),
            sample=self.sample(media, media.get("schema", {}), budget, at)
            if first_kind not in ("binary", "text", "base64")
            else None,
        )

    def _item_type(self, kind: str, media: dict[str, Any], where: str, hint: str) -> ir.TypeRef:
        """One item's type: an event's `data`, or one JSON text of a JSON stream.

        OpenAPI 3.2's `itemSchema` describes one item. For an event stream it describes the
        event (`data`, `event`, `id`, `retry`): `data`'s `contentSchema` is the data's JSON
        type, a `data` without one is text; an `itemSchema` without a `data` property is taken
        as the data's own schema. Without `itemSchema`, `schema` is the data's type when it
        describes JSON (an object, array, or a reference to anything but a string), else the
        data is text. For a JSON stream, `schema` is one item's type, unless it is an array:
        specs written before `itemSchema` describe the whole stream as an array of its items.
        """
        raw_item = media.get("itemSchema")
        item = self.deref(raw_item)
        if isinstance(item, dict):
            at = child(where, "itemSchema")
            if kind == "sse":
                properties = item.get("properties")
                data = self.deref(properties.get("data")) if isinstance(properties, dict) else None
                if isinstance(data, dict):
                    content = data.get("contentSchema")
                    if _structured_schema(self.deref(content)):
                        at = child(at, "properties", "data", "contentSchema")
                        return self.type_of(content, at, hint + "Event")
                    return ir.Primitive(name="str")
                if not _structured_schema(item):
                    return ir.Primitive(name="str")
            return self.type_of(raw_item, at, hint + ("Event" if kind == "sse" else "Item"))
        schema = media.get("schema")
        at = child(where, "schema")
        if kind == "sse":
            resolved = self.deref(schema)
            named = isinstance(schema, dict) and "$ref" in schema  # `{}` in Clever Cloud's
            if _structured_schema(resolved) or (
                named and isinstance(resolved, dict) and resolved.get("type") != "string"
            ):
                return self.type_of(schema, at, hint + "Event")
            return ir.Primitive(name="str")
        resolved = self.deref(schema)
        if not isinstance(resolved, dict):
            return ir.ANY
        if resolved.get("type") == "array" and "items" in resolved:
            if isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
                at = schema["$ref"]  # the array is a component: its items' own pointer
            return self.type_of(resolved["items"], child(at, "items"), hint + "Item")
        return self.type_of(schema, at, hint + "Item")

    def _base64_or(self, kind: ir.BodyKind, media: Any) -> ir.BodyKind:
        """`base64` for a raw body whose schema is `format: byte` (Spotify's JPEG upload: the
        method takes the bytes, the SDK sends their base64 text), else `kind`."""
        schema = self.deref(media.get("schema")) if isinstance(media, dict) else None
        if (
            kind in ("binary", "text")
            and isinstance(schema, dict)
            and schema.get("type") == "string"
            and schema.get("format") == "byte"
        ):
            return "base64"
        return kind

    def _responses(
        self, operation: dict[str, Any], where: str, hint: str
    ) -> tuple[ir.Response, ...]:
        responses = operation.get("responses")
        result = []
        for status, raw in responses.items() if isinstance(responses, dict) else ():
            status = str(status).upper() if str(status).lower() != "default" else "default"
            response = self.deref(raw)
            if not isinstance(response, dict):
                continue
            content = response.get("content")
            kind: ir.ResponseKind = "empty"
            type_: ir.TypeRef | None = None
            media_type: str | None = None
            text_example = False
            if isinstance(content, dict) and content:
                media_type = min(content, key=lambda media: _BODY_KIND_ORDER[body_kind(media)])
                media = content[media_type] if isinstance(content[media_type], dict) else {}
                kind = response_kind(media_type)
                if (
                    kind == "binary"
                    and "*" in media_type
                    and _structured_schema(media.get("schema"))
                ):
                    kind = "json"  # `*/*` with an object or array schema: JSON in practice
                if kind in ir.STREAM_KINDS and not status.startswith("2"):
                    kind = "text" if kind == "sse" else "binary"  # an error is read whole
                if kind == "json":
                    suffix = (
                        "Response" if status.startswith("2") else f"Response{status.capitalize()}"
                    )
                    at = child(where, "responses", status, "content", media_type, "schema")
                    type_ = self.type_of(media.get("schema", {}), at, hint + suffix)
                elif kind in ir.STREAM_KINDS:
                    at = child(where, "responses", status, "content", media_type)
                    type_ = self._item_type(kind, media, at, hint)
                    text_example = isinstance(media.get("example"), str)
                else:
                    type_ = ir.Primitive(name="str" if kind == "text" else "bytes")
            result.append(
                ir.Response(
                    status=status,
                    kind=kind,
                    type=type_,
                    description=_text(response.get("description")),
                    media_type=media_type,
                    text_example=text_example,
                )
            )
        streams = {r.kind for r in result if r.status.startswith("2") and r.kind != "empty"}
        if len(streams) > 1 and streams & ir.STREAM_KINDS:
            # A stream and something else (or two kinds of streams) for success: the call
            # cannot return both, so a stream is read whole, as text or bytes.
            result = [
                dataclasses.replace(r, kind="text", type=ir.Primitive(name="str"))
                if r.kind == "sse"
                else dataclasses.replace(r, kind="binary", type=ir.Primitive(name="bytes"))
                if r.kind in ir.STREAM_KINDS
                else r
                for r in result
            ]
            self.warn(
                "mixed-stream",
                "a success is a stream and another is not: the stream is read whole",
                where,
            )
        if not any(r.status.startswith("2") for r in result):
            # Only a redirect succeeds (GitHub's archive links): the redirect is the answer,
            # and the call returns where it points instead of downloading it.
            result = [
                dataclasses.replace(r, kind="location", type=ir.Primitive(name="str"))
                if r.status in _REDIRECT_STATUSES
                else r
                for r in result
            ]
        return tuple(result)


_URL = re.compile(r"https?://[A-Za-z0-9._~:/?#\[\]@!$&'()*+,;=%-]{1,500}")


def _docs_url(docs: Any) -> str | None:
    """`externalDocs.url` if it is a plain http(s) URL (it goes into a docstring as it is)."""
    url = docs.get("url") if isinstance(docs, dict) else None
    return url if isinstance(url, str) and _URL.fullmatch(url) else None


def _stream_kind(responses: tuple[ir.Response, ...]) -> ir.StreamKind | None:
    """The kind of stream every success with content is, if they are one."""
    kinds = {r.kind for r in responses if r.status.startswith("2") and r.kind != "empty"}
    for kind in _STREAM_MEDIA_TYPES.values():
        if kinds == {kind}:
            return kind
    return None


def _deep_object_properties(content: dict[str, Any]) -> tuple[str, ...]:
    """The form body's properties its `encoding` gives `style: deepObject`, sorted."""
    form = content.get("application/x-www-form-urlencoded")
    encoding = form.get("encoding") if isinstance(form, dict) else None
    if not isinstance(encoding, dict):
        return ()
    return tuple(
        sorted(
            name
            for name, rule in encoding.items()
            if isinstance(name, str)
            and isinstance(rule, dict)
            and rule.get("style") == "deepObject"
        )
    )


def _structured_schema(schema: Any) -> bool:
    return isinstance(schema, dict) and (
        schema.get("type") in ("object", "array") or "properties" in schema or "$ref" in schema
    )


def _style_ok(location: str, style: str) -> bool:
    return style in parameter_styles()[location]


def _accept(responses: tuple[ir.Response, ...]) -> str | None:
    """The Accept header: every media type the responses declare, those of success first.

    An error's media type is listed too (Vimeo's `application/vnd.vimeo.error+json`): a server
    that honours Accept would otherwise answer its errors with 406 instead."""
    success = [r for r in responses if r.status.startswith("2")] or [
        r for r in responses if r.status == "default"
    ]
    ordered = success + [r for r in responses if r not in success]
    media_types = list(dict.fromkeys(r.media_type for r in ordered if r.media_type))
    return ", ".join(media_types) or None


_NO_BODY_STATUSES = frozenset({"204", "205"})


_REDIRECT_STATUSES = frozenset({"301", "302", "303", "307", "308", "3XX"})


def _returns(responses: tuple[ir.Response, ...]) -> ir.TypeRef | None:
    """What a successful call returns: the 2xx types, else the URL a redirect that is the
    answer points to, else `default`'s type."""
    success = [r for r in responses if r.status.startswith("2")]
    if not success:
        success = [r for r in responses if r.kind == "location"]
    if not success:
        success = [r for r in responses if r.status == "default"]
    types = list(dict.fromkeys(r.type for r in success if r.type is not None))
    # A 204 or 205 has no body whatever content the spec declares for it.
    empty = any(r.type is None or r.status in _NO_BODY_STATUSES for r in success)
    if not types:
        return None
    result = types[0] if len(types) == 1 else ir.UnionOf(variants=tuple(types))
    return ir.Nullable(inner=result) if empty else result


# Bounded quantifiers over a bounded prefix of the text: linear enough for any description.
_MAX_SCANNED = 4000
_MARKDOWN_LINK = re.compile(r"\[([^\[\]]{0,200})\]\([^()\s]{0,500}\)")
_MARKUP = re.compile(r"^\s*>\s?|\[![A-Z]+\]|\*\*|__|`", re.M)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_POINTS_ELSEWHERE = re.compile(r"\b(instead|replaced|superseded|recommend|migrat|use the)", re.I)
_MAX_NOTE = 240


def replacement_note(description: Any) -> str | None:
    """The sentence of a deprecated item's description that says what to use instead
    ("We recommend migrating your existing code to use the Get a team by name endpoint."), as
    plain text, or None. OpenAPI has no field for the replacement: specs say it in prose."""
    if not isinstance(description, str):
        return None
    text = _MARKUP.sub("", _MARKDOWN_LINK.sub(r"\1", description[:_MAX_SCANNED]))
    for sentence in _SENTENCE_END.split(" ".join(text.split())):
        if _POINTS_ELSEWHERE.search(sentence):
            return sentence if len(sentence) <= _MAX_NOTE else sentence[: _MAX_NOTE - 3] + "..."
    return None


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
