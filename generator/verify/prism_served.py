"""The copy of a spec that `verify` gives Prism, where Prism cannot load or read the spec.

Prism inlines every `$ref` before it listens (its ref parser re-walks every shared schema
once per path that reaches it, and `decycle` then copies every shared schema into a tree), so
its start-up grows with the number of *paths* through the schema graph, not with its size.
Schemas that recurse through many alternatives (Stripe's 246 "expandable" fields, each
`anyOf: [string id, $ref to the object]`, tie 65 schemas into one cycle) never finish loading.

When the estimated expansion is over `BUDGET`, Prism is served a copy in which, in schemas
that only responses reach:

* `x-` extension members holding a `$ref` are removed (Prism resolves them, nothing reads them);
* an `anyOf` alternative that is a `$ref` into a recursive schema is removed when another
  alternative remains.

(an `anyOf` of recursive alternatives only, under `nullable: true`, becomes null). What a
request may carry is not changed by this: a schema any parameter or request body reaches is
left as it is. Removing an alternative only narrows what Prism *generates*: all of it is still
valid for the real spec, which the SDK (built from the real spec) validates strictly.

Independently, Prism 5 builds every object a deepObject schema declares, sent or not, and then
reports the unsent ones as missing their required properties (Stripe's form bodies): in the
copy, an optional object of a deepObject value may come with none of its properties, which on
the wire is the same as not sent; sent, it is checked as the spec says.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..graph import strongly_connected_components

# Nodes of the expansion (one per `$ref` instantiated) above which the copy is made: Stripe's
# spec is far beyond it (Prism never finishes loading it); its copy is well below.
BUDGET = 100_000

_PREFIXES = ("#/components/schemas/", "#/definitions/")


@dataclass
class Served:
    document: Any
    notes: list[str] = field(default_factory=list)


def _refs(node: Any) -> Iterator[str]:
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            target = current.get("$ref")
            if isinstance(target, str):
                yield target
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)


def _name(ref: str) -> str | None:
    for prefix in _PREFIXES:
        if ref.startswith(prefix):
            name = ref[len(prefix) :]
            return name if "/" not in name else None
    return None


def _schemas(document: Any) -> dict[str, Any]:
    components = document.get("components") if isinstance(document, dict) else None
    schemas = components.get("schemas") if isinstance(components, dict) else None
    if not isinstance(schemas, dict) and isinstance(document, dict):
        schemas = document.get("definitions")
    return schemas if isinstance(schemas, dict) else {}


def _graph(schemas: dict[str, Any]) -> dict[str, list[str]]:
    graph: dict[str, list[str]] = {}
    for name, schema in schemas.items():
        targets = (_name(ref) for ref in _refs(schema))
        graph[name] = [target for target in targets if target in schemas]
    return graph


def expansion(document: Any, limit: int = BUDGET) -> int:
    """How many `$ref`s Prism instantiates for the named schemas when it turns them into a
    tree (a cycle is cut where it closes), counted up to `limit` (more is `limit`)."""
    graph = _graph(_schemas(document))
    count = 0
    for root in graph:
        # Depth-first over paths, the ancestors of each node on the stack.
        stack: list[tuple[str, int]] = [(root, 0)]
        ancestors: list[str] = []
        while stack:
            node, depth = stack.pop()
            del ancestors[depth:]
            ancestors.append(node)
            count += 1
            if count >= limit:
                return limit
            for target in graph[node]:
                if target not in ancestors:
                    stack.append((target, depth + 1))
    return count


def _recursive(graph: dict[str, list[str]]) -> set[str]:
    """The schemas on a cycle."""
    return {
        member
        for component in strongly_connected_components(list(graph), graph)
        if len(component) > 1 or component[0] in graph[component[0]]
        for member in component
    }


def _request_schemas(document: Any, schemas: dict[str, Any]) -> set[str]:
    """The named schemas a parameter or a request body reaches (through any `$ref`)."""
    roots: list[Any] = []
    paths = document.get("paths") if isinstance(document, dict) else None
    for item in (paths or {}).values():
        if not isinstance(item, dict):
            continue
        for key, value in item.items():
            if isinstance(value, dict) and key not in ("parameters",):
                roots.extend(part for name, part in value.items() if name != "responses")
            else:
                roots.append(value)
    reached: set[str] = set()
    pending = [ref for root in roots for ref in _refs(root)]
    while pending:
        ref = pending.pop()
        name = _name(ref)
        if name is not None:
            if name in reached or name not in schemas:
                continue
            reached.add(name)
            pending.extend(_refs(schemas[name]))
        elif ref.startswith("#/"):
            target: Any = document
            for token in ref[2:].split("/"):
                token = token.replace("~1", "/").replace("~0", "~")
                if isinstance(target, dict) and token in target:
                    target = target[token]
                elif isinstance(target, list) and token.isdigit() and int(token) < len(target):
                    target = target[int(token)]
                else:
                    target = None
                    break
            pending.extend(_refs(target))
    return reached


def _drop_extension_refs(node: Any) -> int:
    dropped = 0
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            for key in [k for k in current if k.startswith("x-") and any(_refs(current[k]))]:
                del current[key]
                dropped += 1
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)
    return dropped


def _narrow_alternatives(node: Any, recursive: set[str]) -> int:
    narrowed = 0
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            alternatives = current.get("anyOf")
            if isinstance(alternatives, list) and alternatives:
                kept = [
                    alternative
                    for alternative in alternatives
                    if not (
                        isinstance(alternative, dict)
                        and isinstance(alternative.get("$ref"), str)
                        and _name(alternative["$ref"]) in recursive
                    )
                ]
                if kept and len(kept) < len(alternatives):
                    current["anyOf"] = kept
                    narrowed += len(alternatives) - len(kept)
                elif not kept and current.get("nullable") is True:
                    # null is the alternative that remains (Prism made up `{"nullable": true,
                    # ...}` as the value where it stopped recursing: Stripe's last_payment_error).
                    del current["anyOf"]
                    current["enum"] = [None]
                    narrowed += len(alternatives)
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)
    return narrowed


def _is_object(schema: Any) -> bool:
    return (
        isinstance(schema, dict)
        and schema.get("type") == "object"
        and isinstance(schema.get("properties"), dict)
    )


def _unsent(schema: Any) -> Any:
    """What every value Prism builds for an object none of whose properties were sent is
    valid against: its objects are such objects again (`{}` when they declare no properties),
    its arrays empty, nothing else given."""
    properties = {}
    for name, sub in schema["properties"].items():
        if _is_object(sub):
            properties[name] = _unsent(sub)
        elif isinstance(sub, dict) and sub.get("type") == "object":
            properties[name] = {"maxProperties": 0}
        elif isinstance(sub, dict) and sub.get("type") == "array":
            properties[name] = {"maxItems": 0}
        else:
            properties[name] = {"not": {}}
    return {"properties": properties}


def _take_required(schema: Any) -> dict[str, Any]:
    """Remove the `required` of an object and of the objects it requires (which Prism builds
    whenever it builds the object), and return them as one schema that checks the same."""
    needed = schema.get("required")
    if not isinstance(needed, list) or not needed:
        return {}
    checks: dict[str, Any] = {"required": needed}
    inner = {}
    for name in needed:
        sub = schema["properties"].get(name)
        if _is_object(sub):
            taken = _take_required(sub)
            if taken:
                inner[name] = taken
    if inner:
        checks["properties"] = inner
    del schema["required"]
    return checks


def _allow_unsent(schema: Any, required: bool) -> int:
    """Let each optional object under a deepObject value be one Prism built with nothing sent:
    the `required` of it and of the objects it requires then hold only if something was (an
    `anyOf` beside its own keywords, which Prism's deserializer reads to know what to build)."""
    if not _is_object(schema):
        return 0
    needed = schema.get("required")
    changed = 0
    for name, sub in schema["properties"].items():
        changed += _allow_unsent(sub, isinstance(needed, list) and name in needed)
    if not required:
        checks = _take_required(schema)
        if checks:
            schema["anyOf"] = [_unsent(schema), checks]
            changed += 1
    return changed


def _deep_objects(document: Any) -> int:
    """Prism 5 reads a deepObject value (`a[b][c]=1`) by building every object its schema
    declares, sent or not (prism-http validator/deserializers/style/deepObject.js), so it finds
    an optional object the request never sent missing its required properties. On the wire an
    object none of whose properties is sent is the object not sent: the copy accepts that."""
    changed = 0
    paths = document.get("paths") if isinstance(document, dict) else None
    for item in (paths or {}).values():
        if not isinstance(item, dict):
            continue
        shared: list[Any] = item["parameters"] if isinstance(item.get("parameters"), list) else []
        for method, operation in item.items():
            if method == "parameters" or not isinstance(operation, dict):
                continue
            own = operation.get("parameters")
            for parameter in [*shared, *(own if isinstance(own, list) else [])]:
                if isinstance(parameter, dict) and parameter.get("style") == "deepObject":
                    changed += _allow_unsent(
                        parameter.get("schema"), parameter.get("required") is True
                    )
            body = operation.get("requestBody")
            content = body.get("content") if isinstance(body, dict) else None
            for media_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
                form = (content or {}).get(media_type)
                if not isinstance(form, dict) or not _is_object(form.get("schema")):
                    continue
                schema, encoding = form["schema"], form.get("encoding")
                needed = schema.get("required")
                for name, sub in schema["properties"].items():
                    rule = encoding.get(name) if isinstance(encoding, dict) else None
                    if isinstance(rule, dict) and rule.get("style") == "deepObject":
                        changed += _allow_unsent(sub, isinstance(needed, list) and name in needed)
    return changed


def served(document: Any) -> Served:
    """The document to give Prism: `document` itself when Prism can load it and read what the
    SDK sends as the spec says; else a copy (the notes say what differs)."""
    copied = copy.deepcopy(document)
    notes = []
    unsent = _deep_objects(copied)
    if unsent:
        notes.append(
            f"Prism is served a copy of the spec in which {unsent} optional objects of "
            f"deepObject values may come with none of their properties (Prism builds every "
            f"object a deepObject schema declares, sent or not)"
        )
    if expansion(copied) >= BUDGET:
        notes.append(_cut(copied))
    return Served(copied, notes) if notes else Served(document)


def _cut(copied: Any) -> str:
    schemas = _schemas(copied)
    protected = _request_schemas(copied, schemas)
    dropped = sum(
        _drop_extension_refs(schema) for name, schema in schemas.items() if name not in protected
    )
    recursive = _recursive(_graph(schemas))
    narrowed = sum(
        _narrow_alternatives(schema, recursive)
        for name, schema in schemas.items()
        if name not in protected
    )
    after = expansion(copied)
    note = (
        f"Prism is served a copy of the spec: its schemas expand to over {BUDGET:,} nodes when "
        f"Prism inlines every $ref, which it cannot load; in schemas only responses reach, "
        f"{narrowed} anyOf alternatives that recurse and {dropped} x- extensions holding a $ref "
        f"were removed (requests are validated against the spec as it is; Prism's responses "
        f"never use the removed alternatives)"
    )
    if after >= BUDGET:
        return note + f"; the copy still expands to over {BUDGET:,} nodes: Prism may not load it"
    return note + f"; the copy expands to {after:,}"
