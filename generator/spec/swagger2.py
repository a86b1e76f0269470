"""Swagger 2.0 -> OpenAPI 3.0: the document a 2.0 spec would have been, had it been written for 3.0.

Follows the semantics of swagger2openapi (the converter APIs.guru publishes its 3.0 documents
with): `host`/`basePath`/`schemes` become `servers`; `definitions`, `parameters`, `responses` and
`securityDefinitions` become `components` (body parameters become `requestBodies`), with every
`$ref` rewritten; `consumes`/`produces` give request and response bodies their media types; form
parameters become one form-encoded or multipart schema; `collectionFormat` becomes
`style`/`explode`; a non-body parameter's type becomes its `schema`.

What 3.0 cannot say (`collectionFormat: tsv`, nested collection formats, per-operation schemes...)
is a `swagger2-loss` warning at its JSON pointer in the 2.0 document. Conversion is pure and
deterministic (the input is not changed; output follows input order), and never recurses: a
schema is walked with an explicit stack. The input is a loaded document, already bounded in
depth and size by the reader.

`origins` records where each converted node came from, so problems found later in the 3.0
document (by the validator or the parser) are reported where the user can find them.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from typing import Any

from ..diagnostics import Diagnostic, warning
from .pointers import Link, child, containers, escape_token, pointer_of, unescape_token

OPENAPI_VERSION = "3.0.3"
LOSS = "swagger2-loss"

_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
# A parameter's own fields that describe its value, and so move into its 3.0 `schema`.
_VALUE_FIELDS = (
    "type", "format", "items", "default", "maximum", "exclusiveMaximum", "minimum",
    "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems", "minItems",
    "uniqueItems", "enum", "multipleOf",
)  # fmt: skip
# Schema keywords whose values are schemas (one, a list, or a map of names to schemas).
_SCHEMA_VALUED = ("items", "additionalProperties", "not")
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf")
_SCHEMA_MAPS = ("properties",)
_SECTION_PREFIXES = ("#/definitions/", "#/parameters/", "#/responses/")
_OPERATIONS = ("get", "put", "post", "delete", "options", "head", "patch")
# The names 3.0 allows for components.
_COMPONENT_NAME = re.compile(r"[A-Za-z0-9._-]+")
_NOT_COMPONENT_CHARACTERS = re.compile(r"[^A-Za-z0-9._-]+")
_OAUTH_FLOWS = {
    "implicit": ("implicit", ("authorizationUrl",)),
    "password": ("password", ("tokenUrl",)),
    "application": ("clientCredentials", ("tokenUrl",)),
    "accessCode": ("authorizationCode", ("authorizationUrl", "tokenUrl")),
}
# `collectionFormat` of a query parameter (or a form field) as 3.0 `style` and `explode`.
_QUERY_STYLES = {
    "csv": ("form", False),
    "ssv": ("spaceDelimited", False),
    "pipes": ("pipeDelimited", False),
    "multi": ("form", True),
}


def convert(document: dict[str, Any]) -> tuple[dict[str, Any], list[Diagnostic]]:
    """The OpenAPI 3.0 form of the Swagger 2.0 `document`, and what the conversion lost."""
    converter = Converter(document)
    return converter.document, converter.diagnostics


class Converter:
    """One conversion: `document` (3.0), `diagnostics` (the losses, at their 2.0 pointers) and
    `origins` (3.0 pointer -> the 2.0 pointer it came from)."""

    def __init__(self, source: dict[str, Any]) -> None:
        self.source = source
        self.diagnostics: list[Diagnostic] = []
        self.origins: dict[str, str] = {}
        self.consumes = _media_types(source.get("consumes"))
        self.produces = _media_types(source.get("produces"))
        self.schema_names = self._component_names("definitions")
        self.parameter_names = self._component_names("parameters")
        self.response_names = self._component_names("responses")
        self.server_schemes: list[str] = []  # of the document's servers, in order
        self.document = self._convert()

    # -- where things came from ------------------------------------------------------------

    def original(self, pointer: str) -> str:
        """The 2.0 pointer of the node at `pointer` in the converted document (its nearest
        converted ancestor's origin, extended by the rest of the path)."""
        tokens = pointer.split("/")
        for end in range(len(tokens), 0, -1):
            origin = self.origins.get("/".join(tokens[:end]))
            if origin is not None:
                return "/".join([origin, *tokens[end:]])
        return pointer

    def _from(self, converted: str, original: str) -> None:
        if converted != original:
            self.origins[converted] = original

    def _loss(self, message: str, pointer: str) -> None:
        self.diagnostics.append(warning(LOSS, message, pointer))

    # -- the document ------------------------------------------------------------------------

    def _convert(self) -> dict[str, Any]:
        source = self.source
        result: dict[str, Any] = {"openapi": OPENAPI_VERSION}
        for key, value in source.items():
            if key in ("info", "tags", "externalDocs", "security") or str(key).startswith("x-"):
                result[key] = copy.deepcopy(value)
        if "x-ms-paths" in source:
            self._loss(
                "x-ms-paths (AutoRest's paths with query strings) has no OpenAPI 3 form: its "
                "operations are not generated",
                "#/x-ms-paths",
            )
        servers = self._servers()
        if servers:
            result["servers"] = servers
            origin = "#/host" if "host" in source else "#/basePath"
            self._from("#/servers", origin)
            for index in range(len(servers)):
                self._from(f"#/servers/{index}", origin)
                self._from(f"#/servers/{index}/url", origin)
        paths = source.get("paths")
        if isinstance(paths, dict):
            result["paths"] = {
                path: self._path_item(item, child("#/paths", path)) for path, item in paths.items()
            }
        else:
            result["paths"] = {}
        components = self._components()
        if components:
            result["components"] = components
        self._rewrite_remaining_refs(result)
        # Keep the document's own key order for what it shares with 3.0 (info first...).
        order = ["openapi", "info", "servers", "tags", "paths", "components"]
        ordered = {key: result[key] for key in order if key in result}
        ordered.update((key, value) for key, value in result.items() if key not in ordered)
        return ordered

    def _servers(self) -> list[dict[str, Any]]:
        host = self.source.get("host")
        base = self.source.get("basePath")
        base = base.rstrip("/") if isinstance(base, str) else ""
        if not isinstance(host, str) or not host:
            return [{"url": base}] if base else []
        schemes = self.source.get("schemes")
        if not isinstance(schemes, list) or not schemes:
            self._loss(
                "no `schemes`: a 2.0 document means the scheme it was fetched with; https is "
                "assumed",
                "#/host",
            )
            schemes = ["https"]
        chosen = [s for s in schemes if isinstance(s, str) and s.lower() in ("http", "https")]
        for index, scheme in enumerate(schemes):
            if scheme not in chosen:
                self._loss(f"scheme {scheme!r} is not HTTP: no server for it", f"#/schemes/{index}")
        self.server_schemes = list(dict.fromkeys(scheme.lower() for scheme in chosen))
        return [{"url": f"{scheme}://{host}{base}"} for scheme in self.server_schemes]

    def _component_names(self, section: str) -> dict[str, str]:
        """The 3.0 component name of each entry of the 2.0 `section` (the same name, unless it
        has characters 3.0 component names may not hold)."""
        entries = self.source.get(section)
        if not isinstance(entries, dict):
            return {}
        taken = {str(name) for name in entries if _COMPONENT_NAME.fullmatch(str(name))}
        names: dict[str, str] = {}
        for name in entries:
            if _COMPONENT_NAME.fullmatch(str(name)):
                names[name] = str(name)
                continue
            base = _NOT_COMPONENT_CHARACTERS.sub("_", str(name)) or "_"
            candidate, number = base, 1
            while candidate in taken:
                number += 1
                candidate = f"{base}_{number}"
            taken.add(candidate)
            names[name] = candidate
        return names

    def _components(self) -> dict[str, Any]:
        source = self.source
        components: dict[str, Any] = {}
        definitions = source.get("definitions")
        if isinstance(definitions, dict):
            schemas = components.setdefault("schemas", {})
            for name, schema in definitions.items():
                new = self.schema_names[name]
                schemas[new] = self._schema(schema, child("#/definitions", name))
                self._from(child("#/components/schemas", new), child("#/definitions", name))
        parameters = source.get("parameters")
        if isinstance(parameters, dict):
            for name, parameter in parameters.items():
                where = child("#/parameters", name)
                new = self.parameter_names[name]
                if not isinstance(parameter, dict):
                    continue
                if parameter.get("in") == "body":
                    body = self._request_body(parameter, where, self.consumes)
                    components.setdefault("requestBodies", {})[new] = body
                    self._from(child("#/components/requestBodies", new), where)
                    self._from_body(child("#/components/requestBodies", new), body, where)
                elif parameter.get("in") == "formData":
                    continue  # merged into the request body of each operation using it
                else:
                    there = child("#/components/parameters", new)
                    components.setdefault("parameters", {})[new] = self._parameter_use(
                        parameter, where, there
                    )
        responses = source.get("responses")
        if isinstance(responses, dict):
            converted_responses = components.setdefault("responses", {})
            for name, response in responses.items():
                new = self.response_names[name]
                where = child("#/responses", name)
                there = child("#/components/responses", new)
                converted_responses[new] = self._response(response, where, self.produces, there)
                self._from(there, where)
        security = source.get("securityDefinitions")
        if isinstance(security, dict):
            schemes = components.setdefault("securitySchemes", {})
            for name, scheme in security.items():
                where = child("#/securityDefinitions", name)
                schemes[name] = self._security_scheme(scheme, where)
                self._from(child("#/components/securitySchemes", name), where)
        return components

    # -- paths and operations ----------------------------------------------------------------

    def _path_item(self, item: Any, where: str) -> Any:
        if not isinstance(item, dict):
            return copy.deepcopy(item)
        result: dict[str, Any] = {}
        shared = _list(item.get("parameters"))
        for key, value in item.items():
            if key == "$ref":
                self._loss("a path item `$ref` is kept as is: its target is not converted", where)
                result[key] = copy.deepcopy(value)
            elif key == "parameters":
                kept = [
                    (index, parameter)
                    for index, parameter in enumerate(shared)
                    if self._location(parameter) not in ("body", "formData")
                ]
                if kept:
                    result[key] = [
                        self._parameter_use(
                            parameter, child(where, key, index), child(where, key, new_index)
                        )
                        for new_index, (index, parameter) in enumerate(kept)
                    ]
            elif key in _OPERATIONS and isinstance(value, dict):
                result[key] = self._operation(
                    value, child(where, key), shared, child(where, "parameters")
                )
            else:
                result[key] = copy.deepcopy(value)
        return result

    def _operation(
        self, operation: dict[str, Any], where: str, shared: list[Any], shared_where: str
    ) -> dict[str, Any]:
        consumes = _media_types(operation.get("consumes")) or self.consumes
        produces = _media_types(operation.get("produces")) or self.produces
        own = _list(operation.get("parameters"))
        overridden = {self._identity(parameter) for parameter in own}
        # Body and form parameters of the path item apply to each of its operations.
        inherited = [
            (parameter, child(shared_where, index))
            for index, parameter in enumerate(shared)
            if self._location(parameter) in ("body", "formData")
            and self._identity(parameter) not in overridden
        ]
        ours = [
            (parameter, child(where, "parameters", index)) for index, parameter in enumerate(own)
        ]
        result: dict[str, Any] = {}
        for key, value in operation.items():
            if key in ("consumes", "produces"):
                continue
            if key == "parameters":
                kept = [
                    (parameter, at)
                    for parameter, at in ours
                    if self._location(parameter) not in ("body", "formData")
                ]
                if kept:
                    result["parameters"] = []
                    for index, (parameter, at) in enumerate(kept):
                        there = child(where, "parameters", index)
                        result["parameters"].append(self._parameter_use(parameter, at, there))
                body = self._operation_body(inherited + ours, consumes, where)
                if body is not None:
                    result["requestBody"] = body
            elif key == "responses" and isinstance(value, dict):
                result[key] = {
                    code: self._response_use(response, child(where, key, code), produces)
                    for code, response in value.items()
                }
            elif key == "schemes":
                # Lost only when the operation cannot be reached at the default server's scheme
                # (without a host, servers are relative: no scheme to differ from).
                schemes = [scheme.lower() for scheme in _media_types(value)]
                if self.server_schemes and self.server_schemes[0] not in schemes:
                    self._loss(
                        "an operation's own `schemes` have no OpenAPI 3 form: the document's "
                        "servers are used",
                        child(where, key),
                    )
            else:
                result[key] = copy.deepcopy(value)
        if "parameters" not in operation and inherited:
            body = self._operation_body(inherited, consumes, where)
            if body is not None:
                result["requestBody"] = body
        return result

    def _resolved_parameter(self, parameter: Any) -> tuple[Any, str | None]:
        """The parameter itself, or the one its `#/parameters/` `$ref` names (and that name)."""
        if isinstance(parameter, dict) and isinstance(parameter.get("$ref"), str):
            name = _section_name(parameter["$ref"], "parameters")
            section = self.source.get("parameters")
            if name is not None and isinstance(section, dict) and name in section:
                return section[name], name
        return parameter, None

    def _location(self, parameter: Any) -> Any:
        target, _ = self._resolved_parameter(parameter)
        return target.get("in") if isinstance(target, dict) else None

    def _identity(self, parameter: Any) -> tuple[str | None, str | int]:
        target, _ = self._resolved_parameter(parameter)
        name, location = (
            (target.get("name"), target.get("in")) if isinstance(target, dict) else (0, 0)
        )
        if not isinstance(name, str) or not isinstance(location, str):
            return (None, id(parameter))  # not a parameter: overrides nothing
        return (name, location)

    def _parameter_use(self, parameter: Any, where: str, there: str) -> Any:
        """The parameter at `where` (2.0), converted to go at `there` (3.0)."""
        self._from(there, where)
        if isinstance(parameter, dict) and isinstance(parameter.get("$ref"), str):
            return {"$ref": self._ref(parameter["$ref"], child(where, "$ref"))}
        self._from(child(there, "schema"), where)  # the value's fields moved into `schema`
        return self._parameter(parameter, where)

    def _operation_body(
        self, parameters: Iterable[tuple[Any, str]], consumes: list[str], where: str
    ) -> dict[str, Any] | None:
        """The operation's request body, from its body parameter or its form parameters."""
        bodies: list[tuple[Any, str, str | None]] = []
        forms: list[tuple[dict[str, Any], str]] = []
        for parameter, at in parameters:
            target, name = self._resolved_parameter(parameter)
            if not isinstance(target, dict):
                continue
            origin = child("#/parameters", name) if name is not None else at
            if target.get("in") == "body":
                bodies.append((target, origin, name))
            elif target.get("in") == "formData":
                forms.append((target, origin))
        if bodies:
            target, origin, name = bodies[0]
            for _, extra, _ in bodies[1:]:
                self._loss("a second body parameter: only the first is the request body", extra)
            if forms:
                self._loss("form parameters beside a body parameter are dropped", forms[0][1])
            there = child(where, "requestBody")
            if name is not None and consumes == self.consumes:
                new = self.parameter_names[name]
                return {"$ref": child("#/components/requestBodies", new)}
            self._from(there, origin)
            body = self._request_body(target, origin, consumes)
            self._from_body(there, body, origin)
            return body
        if forms:
            return self._form_body(forms, consumes, child(where, "requestBody"))
        return None

    def _from_body(self, there: str, body: dict[str, Any], origin: str) -> None:
        for media_type in body.get("content", {}):
            self._from(child(there, "content", media_type, "schema"), child(origin, "schema"))

    # -- parameters and bodies ------------------------------------------------------------------

    def _parameter(self, parameter: Any, where: str) -> Any:
        """A non-body parameter: its value's description moves into `schema`."""
        if not isinstance(parameter, dict):
            return copy.deepcopy(parameter)
        result: dict[str, Any] = {}
        location = parameter.get("in")
        for key, value in parameter.items():
            if key in _VALUE_FIELDS or key == "collectionFormat":
                continue
            if key == "x-example":
                result["example"] = copy.deepcopy(value)
            elif key == "x-nullable":
                continue  # into the schema below
            elif key == "allowEmptyValue" and location != "query":
                continue  # 2.0 allowed it on form fields; a 3.0 validator refuses it elsewhere
            else:
                result[key] = copy.deepcopy(value)
        schema = self._value_schema(parameter, where)
        if parameter.get("type") == "file":
            self._loss("a file outside form data has no OpenAPI 3 form: sent as a string", where)
        style = self._style(parameter, where, location)
        if style is not None and style != ("simple", False):  # simple: 3.0's default there
            result["style"], result["explode"] = style
        result["schema"] = schema
        return result

    def _style(
        self, parameter: dict[str, Any], where: str, location: Any
    ) -> tuple[str, bool] | None:
        """`style` and `explode` for an array parameter's `collectionFormat` (None: 3.0's
        defaults say the same, or the value is not an array)."""
        if parameter.get("type") != "array":
            if "collectionFormat" in parameter:
                self._loss(
                    "collectionFormat on a value that is not an array is ignored",
                    child(where, "collectionFormat"),
                )
            return None
        fmt = parameter.get("collectionFormat", "csv")
        fmt = fmt if isinstance(fmt, str) else repr(fmt)
        at = child(where, "collectionFormat")
        if location in ("query", "formData", "cookie"):
            if fmt in _QUERY_STYLES:
                return _QUERY_STYLES[fmt]
            self._loss(f"collectionFormat {fmt!r} has no OpenAPI 3 form: sent comma-separated", at)
            return ("form", False)
        if fmt == "multi":
            self._loss("collectionFormat 'multi' only applies to query and form parameters", at)
        elif fmt != "csv":
            self._loss(
                f"collectionFormat {fmt!r} has no OpenAPI 3 form here: sent comma-separated", at
            )
        return ("simple", False)

    def _value_schema(self, holder: dict[str, Any], where: str) -> dict[str, Any]:
        """The schema a parameter's, header's or items object's value fields make."""
        schema: dict[str, Any] = {}
        for key, value in holder.items():
            if key not in _VALUE_FIELDS:
                continue
            if key == "items" and isinstance(value, dict):
                if "collectionFormat" in value:
                    self._loss(
                        "a nested array's collectionFormat has no OpenAPI 3 form",
                        child(where, "items", "collectionFormat"),
                    )
                schema["items"] = self._value_schema(value, child(where, "items"))
            elif key == "type" and value == "file":
                schema["type"], schema["format"] = "string", "binary"
            elif key == "format" and holder.get("type") == "file":
                continue
            else:
                schema[key] = copy.deepcopy(value)
        if holder.get("x-nullable") is True:
            schema["nullable"] = True
        if schema.get("type") == "array" and "items" not in schema:
            schema["items"] = {}
        if isinstance(holder.get("$ref"), str) and not schema:
            return {"$ref": self._ref(holder["$ref"], child(where, "$ref"))}
        return schema

    def _request_body(
        self, parameter: dict[str, Any], where: str, consumes: list[str]
    ) -> dict[str, Any]:
        schema = self._schema(parameter.get("schema", {}), child(where, "schema"))
        body: dict[str, Any] = {}
        if isinstance(parameter.get("description"), str):
            body["description"] = parameter["description"]
        body["content"] = {
            media_type: {"schema": copy.deepcopy(schema)}
            for media_type in consumes or ["application/json"]
        }
        if parameter.get("required") is True:
            body["required"] = True
        for key, value in parameter.items():
            if isinstance(key, str) and key.startswith("x-"):
                body[key] = copy.deepcopy(value)
        return body

    def _form_body(
        self, fields: list[tuple[dict[str, Any], str]], consumes: list[str], there: str
    ) -> dict[str, Any]:
        # Multipart when consumes lists it, as swagger2openapi has it; and for a file, which
        # form-urlencoding cannot carry.
        files = [origin for field, origin in fields if field.get("type") == "file"]
        media_type = "application/x-www-form-urlencoded"
        if "multipart/form-data" in consumes or files:
            media_type = "multipart/form-data"
        if files and "multipart/form-data" not in consumes and _FORM_TYPES[0] in consumes:
            message = "a file in a form-urlencoded body: sent as multipart/form-data instead"
            self._loss(message, files[0])
        properties: dict[str, Any] = {}
        required: list[str] = []
        encoding: dict[str, Any] = {}
        schema_at = child(there, "content", media_type, "schema")
        for field, origin in fields:
            name = field.get("name")
            if not isinstance(name, str):
                continue
            value = self._value_schema(field, origin)
            for key in ("description", "x-example"):
                if key in field:
                    value["example" if key == "x-example" else key] = copy.deepcopy(field[key])
            for key, extension in field.items():
                if isinstance(key, str) and key.startswith("x-") and key != "x-example":
                    value[key] = copy.deepcopy(extension)
            properties[name] = value
            self._from(child(schema_at, "properties", name), origin)
            if field.get("allowEmptyValue") is True:
                where = child(origin, "allowEmptyValue")
                self._loss("allowEmptyValue has no OpenAPI 3 form for a form field", where)
            if field.get("required") is True:
                required.append(name)
            if field.get("type") == "array":
                style = self._style(field, origin, "formData")
                if style is not None and style != ("form", True):
                    encoding[name] = {"style": style[0], "explode": style[1]}
        schema: dict[str, Any] = {"type": "object", "properties": properties}
        if required:
            schema["required"] = required
        content: dict[str, Any] = {"schema": schema}
        if encoding:
            content["encoding"] = encoding
        body: dict[str, Any] = {"content": {media_type: content}}
        if required:
            body["required"] = True
        return body

    # -- responses -----------------------------------------------------------------------------

    def _response_use(self, response: Any, where: str, produces: list[str]) -> Any:
        if isinstance(response, dict) and isinstance(response.get("$ref"), str):
            name = _section_name(response["$ref"], "responses")
            section = self.source.get("responses")
            if (
                name is not None
                and isinstance(section, dict)
                and isinstance(section.get(name), dict)
            ):
                target = section[name]
                if "schema" in target and produces != self.produces:
                    # The component's media types are the document's; this operation's differ.
                    return self._response(target, child("#/responses", name), produces, where)
            return {"$ref": self._ref(response["$ref"], child(where, "$ref"))}
        return self._response(response, where, produces, where)

    def _response(self, response: Any, where: str, produces: list[str], there: str) -> Any:
        if not isinstance(response, dict):
            return copy.deepcopy(response)
        result: dict[str, Any] = {"description": response.get("description", "")}
        examples = _dict(response.get("examples"))
        if "schema" in response:
            schema = self._schema(response["schema"], child(where, "schema"))
            content: dict[str, Any] = {}
            for media_type in produces or ["*/*"]:
                content[media_type] = {"schema": copy.deepcopy(schema)}
                self._from(child(there, "content", media_type, "schema"), child(where, "schema"))
                if media_type in examples:
                    content[media_type]["example"] = copy.deepcopy(examples[media_type])
            result["content"] = content
        for media_type in examples:
            if media_type not in result.get("content", {}):
                self._loss(
                    f"an example for {media_type}, which the response does not produce, is dropped",
                    child(where, "examples", media_type),
                )
        headers = response.get("headers")
        if isinstance(headers, dict):
            result["headers"] = {
                name: self._header(header, child(where, "headers", name))
                for name, header in headers.items()
            }
            for name in headers:
                self._from(child(there, "headers", name, "schema"), child(where, "headers", name))
        for key, value in response.items():
            if isinstance(key, str) and key.startswith("x-"):
                result[key] = copy.deepcopy(value)
        return result

    def _header(self, header: Any, where: str) -> Any:
        if not isinstance(header, dict):
            return copy.deepcopy(header)
        result: dict[str, Any] = {}
        for key, value in header.items():
            if key == "description" or (isinstance(key, str) and key.startswith("x-")):
                result[key] = copy.deepcopy(value)
        if header.get("type") == "array":
            fmt = header.get("collectionFormat", "csv")
            if fmt != "csv":
                self._loss(
                    f"a header's collectionFormat {fmt!r} has no OpenAPI 3 form: read "
                    "comma-separated",
                    child(where, "collectionFormat"),
                )
        result["schema"] = self._value_schema(header, where)
        return result

    # -- security ------------------------------------------------------------------------------

    def _security_scheme(self, scheme: Any, where: str) -> Any:
        if not isinstance(scheme, dict):
            return copy.deepcopy(scheme)
        kind = scheme.get("type")
        result: dict[str, Any] = {}
        if kind == "basic":
            result = {"type": "http", "scheme": "basic"}
        elif kind == "apiKey":
            result = {key: scheme[key] for key in ("type", "name", "in") if key in scheme}
        elif kind == "oauth2":
            flow = scheme.get("flow")
            if not isinstance(flow, str) or flow not in _OAUTH_FLOWS:
                self._loss(f"unknown oauth2 flow {flow!r}: taken as implicit", child(where, "flow"))
            flow_name, urls = _OAUTH_FLOWS.get(
                flow if isinstance(flow, str) else "", _OAUTH_FLOWS["implicit"]
            )
            converted: dict[str, Any] = {url: scheme.get(url, "") for url in urls}
            converted["scopes"] = copy.deepcopy(scheme.get("scopes") or {})
            result = {"type": "oauth2", "flows": {flow_name: converted}}
        else:
            result = copy.deepcopy(scheme)
        for key, value in scheme.items():
            if key == "description" or (isinstance(key, str) and key.startswith("x-")):
                result[key] = copy.deepcopy(value)
        return result

    # -- schemas and references ------------------------------------------------------------------

    def _schema(self, schema: Any, where: str) -> Any:
        """A 2.0 schema as a 3.0 one: refs rewritten, x-nullable, discriminator and file types
        converted. Iterative: an explicit stack of (2.0 node, its pointer, where to put it)."""
        root: list[Any] = [None]
        stack: list[tuple[Any, str, Any, Any]] = [(schema, where, root, 0)]
        while stack:
            node, at, parent, key = stack.pop()
            if not isinstance(node, dict):
                parent[key] = copy.deepcopy(node)
                continue
            converted: dict[str, Any] = {}
            parent[key] = converted
            for name, value in node.items():
                if name == "$ref" and isinstance(value, str):
                    converted[name] = self._ref(value, child(at, name))
                elif name == "x-nullable":
                    if value is True:
                        converted["nullable"] = True
                elif name == "discriminator" and isinstance(value, str):
                    converted[name] = {"propertyName": value}
                elif name == "type" and value == "file":
                    converted["type"], converted["format"] = "string", "binary"
                elif name == "format" and node.get("type") == "file":
                    continue
                elif name == "items" and isinstance(value, list):
                    self._loss(
                        "a tuple (`items` list) is typed by its first element", child(at, name)
                    )
                    first = value[0] if value else {}
                    stack.append((first, child(at, name, 0), converted, name))
                elif name in _SCHEMA_VALUED and isinstance(value, dict):
                    stack.append((value, child(at, name), converted, name))
                elif name in _SCHEMA_LISTS and isinstance(value, list):
                    items: list[Any] = [None] * len(value)
                    converted[name] = items
                    stack.extend(
                        (item, child(at, name, index), items, index)
                        for index, item in enumerate(value)
                    )
                elif name in _SCHEMA_MAPS and isinstance(value, dict):
                    members: dict[str, Any] = {}
                    converted[name] = members
                    for member, member_schema in value.items():
                        members[member] = None
                        stack.append((member_schema, child(at, name, member), members, member))
                else:
                    converted[name] = copy.deepcopy(value)
        return root[0]

    def _rewrite_remaining_refs(self, result: dict[str, Any]) -> None:
        """Rewrite the refs to 2.0 sections inside `x-` extensions (copied verbatim), as
        swagger2openapi does: they would point to nothing in 3.0. Examples are values, and
        keep theirs."""
        for node, _, link in containers(result):
            ref = node.get("$ref") if isinstance(node, dict) else None
            if isinstance(ref, str) and ref.startswith(_SECTION_PREFIXES) and _in_extension(link):
                node["$ref"] = self._ref(ref, self.original(pointer_of(link)))

    def _ref(self, ref: str, where: str) -> str:
        """`ref` in the converted document (a 2.0 section's pointer -> its component's)."""
        for section, kind, names in (
            ("definitions", "schemas", self.schema_names),
            ("parameters", "parameters", self.parameter_names),
            ("responses", "responses", self.response_names),
        ):
            prefix = f"#/{section}/"
            if ref.startswith(prefix):
                tokens = ref[len(prefix) :].split("/")
                name = unescape_token(tokens[0])
                if name in names:
                    if section == "parameters":
                        target = self.source["parameters"][name]
                        if isinstance(target, dict) and target.get("in") in ("body", "formData"):
                            message = "a $ref to a body or form parameter is kept as is here"
                            self._loss(message, where)
                            return ref
                    tokens[0] = escape_token(names[name])
                    return "/".join([f"#/components/{kind}", *tokens])
                return ref  # a broken ref: the validator of the 2.0 document names it
        if ref.startswith("#"):
            self._loss(f"$ref {ref!r} points into a place OpenAPI 3 moves: kept as is", where)
        return ref


def _in_extension(link: Link) -> bool:
    """Whether the node `link` leads to sits in an `x-` extension (not in an example)."""
    keys = []
    while link is not None:
        link, key = link
        keys.append(key)
    extension = any(isinstance(key, str) and key.startswith("x-") for key in keys)
    return extension and not any(key in ("example", "examples", "x-example") for key in keys)


def _section_name(ref: str, section: str) -> str | None:
    """The entry name of a `#/<section>/<name>` ref, or None."""
    prefix = f"#/{section}/"
    if not ref.startswith(prefix) or "/" in ref[len(prefix) :]:
        return None
    return unescape_token(ref[len(prefix) :])


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _media_types(value: Any) -> list[str]:
    """A `consumes`/`produces`/`schemes` list's strings, in order, once each."""
    if not isinstance(value, list):
        return []
    return list(dict.fromkeys(item for item in value if isinstance(item, str)))
