"""Payloads that attack a code generator, by class, and specs that put them in one field each.

Every payload that is code would create the sentinel file if it ever ran: as Python (in any
string or comment context it could escape into), as a Jinja expression (rendered by mistake),
or through a shell.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any


def payload_classes(sentinel: Path, root: Path) -> dict[str, list[str]]:
    """Payload strings by class. `sentinel` is the file a payload creates if it runs; `root`
    the directory whose outside nothing may be written to."""
    run = f"__import__('pathlib').Path({str(sentinel)!r}).touch()"
    shell = f"touch {sentinel}"
    return {
        "quotes": ['"', "'", '"""', "'''", f'"""; {run}; """', f"'''; {run}; '''",
                   f'"; {run}; "', f"'; {run}; '", '\\"""', 'ends with a quote"'],
        "backslashes": ["\\", "\\\\", f'\\"""\n{run}\n#', "\\N{BULLET}", "\\x41\\u0042",
                        "C:\\new\\table", "\\"],
        "newlines": [f"a\n{run}\nb", f"a\r\n{run}", f"a\r{run}", f"a\u2028{run}",
                     f"a\u2029{run}", f"a\x85{run}", f"\n\n    {run}"],
        "control": ["nul\x00byte", "\x1b[31mred\x1b[0m", "\x07\x08\x0b\x0c\x7f", "\x1a\x1c\x1d",
                    "\ud800 lone surrogate"],
        "confusables": ["Ехо", "ｃｌａｓｓ", "ﬁle", "\u202eevil", "zero\u200bwidth", "ℌ𝔢𝔩𝔩𝔬",
                        "ǅ", "İ", "ß"],
        "jinja": ["{{ 7 * 7 }}", "{% raw %}", "{% endraw %}", "{# comment #}",
                  f"{{{{ lipsum.__globals__['os'].system('{shell}') }}}}",
                  f"{{% set x = cycler.__init__.__globals__.os.system('{shell}') %}}",
                  "{% for x in range(10**9) %}{% endfor %}", "{{", "}}", "{%", "%}"],
        "python": [run, f"{run} #", f"x = 1; {run}", f"\"); {run}; print(\"",
                   f"'); {run}; print('", f"]; {run}; [", f"}}; {run}; {{", f"#{run}",
                   f"lambda: {run}", f"{{{run}}}", f"f'{{{run}}}'", "__import__('os')._exit(3)"],
        "paths": ["../../escaped", "../" * 8 + "escaped", str(root / "absolute"),
                  "/etc/passwd", "..\\..\\escaped", "./.", "..", "~/x", "a/../../b"],
        "shadowing": ["str", "list", "type", "print", "object", "None", "True", "class", "def",
                      "self", "cls", "os", "sys", "typing", "json", "asyncio", "pydantic",
                      "aiohttp", "models", "errors", "resources", "_runtime", "_client", "Client",
                      "BaseModel", "Field", "Any", "TypeAlias", "__init__", "__main__",
                      "__class__", "__dict__", "model_config", "NOT_GIVEN", "request", "close"],
        "long": ["A" * 10_000, "é" * 10_000, "ab_" * 3_400, "9" * 10_000],
        "empty": ["", " ", "_", "__", "-", "$", "@", "0", "\t"],
    }  # fmt: skip


def _base() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "Hostile", "version": "1.0.0"},
        "paths": {},
        "components": {"schemas": {}},
    }


def _operation(**extra: Any) -> dict[str, Any]:
    return {"responses": {"200": {"description": "ok"}}, **extra}


def _object(properties: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"type": "object", "properties": properties, **extra}


_COMPONENT_KEY = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")


def _component_key(text: str, index: int) -> str:
    """Component keys must match ^[a-zA-Z0-9._-]+$: keep what fits, else a neutral key."""
    kept = "".join(char for char in text if char in _COMPONENT_KEY)
    return kept or f"k{index}"


def _with(build: Callable[[dict[str, Any], list[str]], None]) -> Callable[[list[str]], Any]:
    def make(payloads: list[str]) -> dict[str, Any]:
        document = _base()
        build(document, payloads)
        return document

    return make


def _schemas(document: dict[str, Any], payloads: list[str]) -> None:
    for index, payload in enumerate(payloads):
        document["components"]["schemas"][f"{_component_key(payload, index)}"] = _object(
            {"x": {"type": "string"}}
        )


def _put(where: Callable[[dict[str, Any]], dict[str, Any]], key: str) -> Callable[..., None]:
    def build(document: dict[str, Any], payloads: list[str]) -> None:
        for index, payload in enumerate(payloads):
            holder = where(document)
            holder[key if "{}" not in key else key.format(index)] = payload

    return build


def _fields() -> dict[str, Callable[[list[str]], dict[str, Any]]]:
    """Spec builders by attacked field: each puts every payload into that field."""

    def schema(document: dict[str, Any]) -> dict[str, Any]:
        schemas = document["components"]["schemas"]
        schemas[f"S{len(schemas)}"] = _object({"x": {"type": "string"}})
        return schemas[f"S{len(schemas) - 1}"]

    def prop(document: dict[str, Any]) -> dict[str, Any]:
        holder = schema(document)["properties"]["x"]
        return holder

    def operation(document: dict[str, Any]) -> dict[str, Any]:
        paths = document["paths"]
        paths[f"/p{len(paths)}"] = {"get": _operation()}
        return paths[f"/p{len(paths) - 1}"]["get"]

    def build_property_names(document: dict[str, Any], payloads: list[str]) -> None:
        document["components"]["schemas"]["Holder"] = _object(
            {payload: {"type": "string"} for payload in payloads},
            required=payloads[:3],
        )

    def build_enum(document: dict[str, Any], payloads: list[str]) -> None:
        document["components"]["schemas"]["Choice"] = {"type": "string", "enum": payloads}
        document["components"]["schemas"]["Holder"] = _object(
            {"choice": {"$ref": "#/components/schemas/Choice", "default": payloads[0]}}
        )

    def build_defaults(document: dict[str, Any], payloads: list[str]) -> None:
        document["components"]["schemas"]["Holder"] = _object(
            {f"p{i}": {"type": "string", "default": p} for i, p in enumerate(payloads)}
        )

    def build_examples(document: dict[str, Any], payloads: list[str]) -> None:
        # Examples become arguments in the generated tests/: make every one required.
        parameters = [
            {"name": f"q{i}", "in": "query", "required": True, "schema": {"type": "string"},
             "example": payload}
            for i, payload in enumerate(payloads)
        ]  # fmt: skip
        body = {"content": {"application/json": {"schema": _object({"x": {"type": "string"}}),
                                                  "example": {"x": payloads[0], payloads[-1]: 1}}},
                "required": True}  # fmt: skip
        document["paths"]["/examples"] = {
            "post": _operation(operationId="examples", parameters=parameters, requestBody=body)
        }
        document["components"]["schemas"]["Holder"] = _object(
            {"x": {"type": "string", "examples": payloads}}, example={"x": payloads[0]}
        )

    def build_paths(document: dict[str, Any], payloads: list[str]) -> None:
        for index, payload in enumerate(payloads):
            document["paths"][f"/{index}/{payload}"] = {"get": _operation()}

    def build_path_parameters(document: dict[str, Any], payloads: list[str]) -> None:
        for index, payload in enumerate(payloads):
            name = payload.replace("{", "(").replace("}", ")").replace("/", "|") or f"v{index}"
            document["paths"][f"/v{index}/{{{name}}}"] = {
                "get": _operation(
                    parameters=[
                        {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
                    ]
                )
            }

    def build_parameters(document: dict[str, Any], payloads: list[str]) -> None:
        parameters = [
            {"name": payload, "in": location, "schema": {"type": "string"},
             "description": payload}
            for payload in payloads
            for location in ("query", "header", "cookie")
        ]  # fmt: skip
        document["paths"]["/params"] = {"get": _operation(parameters=parameters)}

    def build_servers(document: dict[str, Any], payloads: list[str]) -> None:
        document["servers"] = [{"url": f"https://example.com/{p}", "description": p}
                               for p in payloads]  # fmt: skip
        document["servers"].insert(0, {"url": payloads[0]})

    def build_tags(document: dict[str, Any], payloads: list[str]) -> None:
        document["tags"] = [{"name": p, "description": p} for p in payloads]
        for index, payload in enumerate(payloads):
            document["paths"][f"/t{index}"] = {"get": _operation(tags=[payload])}

    def build_operation_ids(document: dict[str, Any], payloads: list[str]) -> None:
        for index, payload in enumerate(payloads):
            document["paths"][f"/o{index}"] = {"get": _operation(operationId=payload)}

    def build_media_types(document: dict[str, Any], payloads: list[str]) -> None:
        for index, payload in enumerate(payloads):
            content = {payload: {"schema": _object({"x": {"type": "string"}})}}
            document["paths"][f"/m{index}"] = {
                "post": _operation(
                    requestBody={"content": content},
                    responses={"200": {"description": "ok", "content": copy.deepcopy(content)}},
                )
            }

    def build_extensions(document: dict[str, Any], payloads: list[str]) -> None:
        for index, payload in enumerate(payloads):
            document[f"x-{index}-{payload}"] = payload
            document["info"][f"x-{payload}"] = {payload: [payload]}
        document["components"]["schemas"]["Holder"] = _object(
            {"x": {"type": "string", **{f"x-{p}": p for p in payloads}}},
            **{f"x-{p}": p for p in payloads},
        )

    def build_info(document: dict[str, Any], payloads: list[str]) -> None:
        text = "\n".join(payloads)
        document["info"] = {"title": text, "version": text, "description": text,
                            "license": {"name": text}, "contact": {"name": text}}  # fmt: skip

    def build_security(document: dict[str, Any], payloads: list[str]) -> None:
        schemes = document["components"]["securitySchemes"] = {}
        for index, payload in enumerate(payloads):
            key = _component_key(payload, index)
            schemes[key] = {"type": "apiKey", "in": ("header", "query", "cookie")[index % 3],
                            "name": payload, "description": payload}  # fmt: skip
        document["security"] = [{key: []} for key in schemes]
        document["paths"]["/secure"] = {"get": _operation()}

    return {
        "schema names": _with(_schemas),
        "schema titles": _with(_put(schema, "title")),
        "schema descriptions": _with(_put(schema, "description")),
        "property names": _with(build_property_names),
        "property descriptions": _with(_put(prop, "description")),
        "enum values": _with(build_enum),
        "defaults": _with(build_defaults),
        "examples": _with(build_examples),
        "paths": _with(build_paths),
        "path parameters": _with(build_path_parameters),
        "parameters": _with(build_parameters),
        "operation summaries": _with(_put(operation, "summary")),
        "operation descriptions": _with(_put(operation, "description")),
        "operationIds": _with(build_operation_ids),
        "tags": _with(build_tags),
        "server URLs": _with(build_servers),
        "media types": _with(build_media_types),
        "extension fields": _with(build_extensions),
        "info": _with(build_info),
        "security schemes": _with(build_security),
    }


FIELDS = _fields()
