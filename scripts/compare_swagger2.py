"""Compare aiosdkgen's conversion of a Swagger 2.0 document with another converter's OpenAPI 3
form of the same API (APIs.guru publishes swagger2openapi's): per operation both have, the
parameters (name, location, schema), the request body's media types and schema, the responses'
status codes and media types; per schema both have, the schema. `$ref`s are compared by the name
they end in, since converters may rename components.

Usage (from the checkout):
    PYTHONPATH=. .venv/bin/python scripts/compare_swagger2.py ORIGINAL_2_0_SPEC THEIR_3_0_SPEC
Prints a summary, then at most --show differences of each kind.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

from generator.spec import load
from generator.spec.swagger2 import convert

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# Keys that only document, or that converters are free to spell differently.
IGNORED = {"description", "summary", "example", "examples", "x-ms-summary", "title", "xml"}


def normal(node: Any, document: dict[str, Any], depth: int = 0) -> Any:
    """`node` with refs as their last name (parameters and bodies resolved), documentation
    dropped, and `style`/`explode` at 3.0's defaults removed."""
    if depth > 40:
        return "..."
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            return {"$ref": ref.rsplit("/", 1)[-1]}
        return {
            key: normal(value, document, depth + 1)
            for key, value in sorted(node.items())
            if key not in IGNORED and not key.startswith("x-")
        }
    if isinstance(node, list):
        return [normal(item, document, depth + 1) for item in node]
    return node


def resolve(node: Any, document: dict[str, Any]) -> Any:
    for _ in range(10):
        if not (isinstance(node, dict) and isinstance(node.get("$ref"), str)):
            return node
        target: Any = document
        for token in node["$ref"].lstrip("#/").split("/"):
            token = token.replace("~1", "/").replace("~0", "~")
            target = target.get(token) if isinstance(target, dict) else None
        node = target
    return node


def parameter_view(parameter: Any, document: dict[str, Any]) -> tuple[tuple[str, str], Any]:
    parameter = resolve(parameter, document) or {}
    style = {}
    location = parameter.get("in")
    default_style = {"query": "form", "cookie": "form"}.get(location, "simple")
    if parameter.get("style", default_style) != default_style:
        style["style"] = parameter["style"]
    explode = parameter.get("explode", parameter.get("style", default_style) == "form")
    if explode != (parameter.get("style", default_style) == "form"):
        style["explode"] = explode
    view = {
        "required": bool(parameter.get("required")),
        "schema": normal(parameter.get("schema"), document),
        **style,
    }
    return (str(parameter.get("name")), str(location)), view


def operation_view(item: dict[str, Any], method: str, document: dict[str, Any]) -> dict[str, Any]:
    operation = item[method]
    parameters = dict(
        parameter_view(p, document)
        for p in [*item.get("parameters", []), *operation.get("parameters", [])]
    )
    body = resolve(operation.get("requestBody"), document) or {}
    content = body.get("content", {})
    responses = {
        str(code): sorted((resolve(response, document) or {}).get("content", {}))
        for code, response in operation.get("responses", {}).items()
    }
    return {
        "parameters": parameters,
        "body_types": sorted(content),
        "body_schemas": {t: normal(c.get("schema"), document) for t, c in content.items()},
        "responses": responses,
    }


def both(ours: Any, theirs: Any) -> str:
    return f"ours {json.dumps(ours)[:300]} theirs {json.dumps(theirs)[:300]}"


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    arguments.add_argument("original", type=Path)
    arguments.add_argument("theirs", type=Path)
    arguments.add_argument("--show", type=int, default=5)
    args = arguments.parse_args()
    ours, losses = convert(load(args.original))
    theirs = load(args.theirs)
    kinds: Counter[str] = Counter()
    shown: dict[str, list[str]] = {}

    def differ(kind: str, text: str) -> None:
        kinds[kind] += 1
        shown.setdefault(kind, [])
        if len(shown[kind]) < args.show:
            shown[kind].append(text)

    our_ops = {(p, m) for p, item in ours["paths"].items() for m in item if m in METHODS}
    their_ops = {(p, m) for p, item in theirs["paths"].items() for m in item if m in METHODS}
    common = sorted(our_ops & their_ops)
    for path, method in common:
        a = operation_view(ours["paths"][path], method, ours)
        b = operation_view(theirs["paths"][path], method, theirs)
        where = f"{method.upper()} {path}"
        if set(a["parameters"]) != set(b["parameters"]):
            names = sorted(set(a["parameters"]) ^ set(b["parameters"]))
            differ("parameter names/locations", f"{where}: {names}")
        for key in set(a["parameters"]) & set(b["parameters"]):
            if a["parameters"][key] != b["parameters"][key]:
                pair = both(a["parameters"][key], b["parameters"][key])
                differ("parameter schema/style", f"{where} {key}: {pair}")
        if a["body_types"] != b["body_types"]:
            differ("request body media types", f"{where}: {both(a['body_types'], b['body_types'])}")
        else:
            for media_type in a["body_types"]:
                ours_body, theirs_body = (
                    a["body_schemas"][media_type],
                    b["body_schemas"][media_type],
                )
                if ours_body != theirs_body:
                    differ(
                        "request body schema",
                        f"{where} {media_type}: {both(ours_body, theirs_body)}",
                    )
        if a["responses"] != b["responses"]:
            differ(
                "responses (codes, media types)", f"{where}: {both(a['responses'], b['responses'])}"
            )
    our_schemas = ours.get("components", {}).get("schemas", {})
    their_schemas = theirs.get("components", {}).get("schemas", {})
    common_schemas = sorted(set(our_schemas) & set(their_schemas))
    for name in common_schemas:
        our_schema, their_schema = (
            normal(our_schemas[name], ours),
            normal(their_schemas[name], theirs),
        )
        if our_schema != their_schema:
            differ("schemas", f"{name}: {both(our_schema, their_schema)}")
    print(f"operations: ours {len(our_ops)}, theirs {len(their_ops)}, common {len(common)}")
    counts = f"ours {len(our_schemas)}, theirs {len(their_schemas)}, common {len(common_schemas)}"
    print(f"schemas: {counts}")
    kinds_of_loss = Counter(d.message.split(":")[0] for d in losses).most_common(5)
    print(f"conversion losses (warnings): {len(losses)}: {kinds_of_loss}")
    for kind, count in sorted(kinds.items()):
        print(f"\n{kind}: {count}")
        for text in shown[kind]:
            print(f"  {text}")


if __name__ == "__main__":
    main()
