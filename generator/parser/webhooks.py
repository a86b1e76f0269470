"""`webhooks` (3.1) and operations' `callbacks` -> the payloads the API sends to its users.

Each is a request the API makes, described like an operation; what an SDK user needs is its
body as a model, found by the name the spec gives it. Only JSON bodies can be parsed that way:
anything else is named in a warning.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from .. import ir
from ..diagnostics import Diagnostic, warning
from ..naming import pascal_case
from ..spec.pointers import child
from .operations import METHODS, body_kind
from .samples import Budget
from .schemas import SchemaParser

# A payload is one request: a webhook or callback with more is parsed by its first one.
_Found = tuple[str, str, str, Any]  # (name, kind, where the path item is, the path item)


Sampler = Callable[[dict[str, Any], Any, Budget, str], "ir.Sample | ir.Untestable | None"]


def parse_webhooks(
    document: dict[str, Any],
    schemas: SchemaParser,
    deref: Callable[[Any], Any],
    sample: Sampler,
    diagnostics: list[Diagnostic],
) -> tuple[ir.Webhook, ...]:
    """The payload of every webhook and callback, by name; a callback's name is qualified by
    its operation's (`createSubscription.onEvent`) when two operations use the same one."""
    found = list(_webhooks(document)) + _callbacks(document, deref)
    parsed: dict[str, ir.Webhook] = {}
    for name, kind, where, item in found:
        webhook = _payload(name, kind, where, deref(item), schemas, deref, sample, diagnostics)
        if webhook is None:
            continue
        if webhook.name in parsed:
            diagnostics.append(
                warning(
                    "webhook-name-taken",
                    f"{kind} {name!r}: another webhook or callback has that name; left out",
                    where,
                )
            )
            continue
        parsed[webhook.name] = webhook
    return tuple(parsed.values())


def _webhooks(document: dict[str, Any]) -> Iterator[_Found]:
    webhooks = document.get("webhooks")
    for name, item in webhooks.items() if isinstance(webhooks, dict) else ():
        yield name, "webhook", child("#/webhooks", name), item


def _callbacks(document: dict[str, Any], deref: Callable[[Any], Any]) -> list[_Found]:
    found: list[tuple[str, str, str, Any]] = []  # (operation name, callback name, where, item)
    paths = document.get("paths")
    for path, path_item in paths.items() if isinstance(paths, dict) else ():
        path_item = deref(path_item)
        for method in METHODS if isinstance(path_item, dict) else ():
            operation = path_item.get(method)
            callbacks = operation.get("callbacks") if isinstance(operation, dict) else None
            if not isinstance(callbacks, dict):
                continue
            operation_id = operation.get("operationId")
            owner = operation_id if isinstance(operation_id, str) else f"{method} {path}"
            for name, callback in callbacks.items():
                at = child("#/paths", path, method, "callbacks", name)
                callback = deref(callback)
                for expression, item in callback.items() if isinstance(callback, dict) else ():
                    found.append((owner, name, child(at, expression), item))
                    break  # one request per callback: its first expression
    counts: dict[str, int] = {}
    for _, name, _, _ in found:
        counts[name] = counts.get(name, 0) + 1
    return [
        (name if counts[name] == 1 else f"{owner}.{name}", "callback", where, item)
        for owner, name, where, item in found
    ]


def _payload(
    name: str,
    kind: str,
    where: str,
    item: Any,
    schemas: SchemaParser,
    deref: Callable[[Any], Any],
    sample: Sampler,
    diagnostics: list[Diagnostic],
) -> ir.Webhook | None:
    def left_out(why: str, at: str) -> None:
        diagnostics.append(warning("webhook-not-parsed", f"{kind} {name!r}: {why}", at))

    methods = [m for m in METHODS if isinstance(item, dict) and isinstance(item.get(m), dict)]
    if not methods:
        left_out("no operation describes its request; left out", where)
        return None
    method = methods[0]
    for other in methods[1:]:
        left_out(f"only the first request ({method}) is parsed", child(where, other))
    operation = item[method]
    body = deref(operation.get("requestBody"))
    content = body.get("content") if isinstance(body, dict) else None
    if not isinstance(content, dict) or not content:
        left_out("its request has no body to parse; left out", child(where, method))
        return None
    media = next((m for m in content if isinstance(m, str) and body_kind(m) == "json"), None)
    if media is None:
        left_out("only JSON bodies are parsed; left out", child(where, method, "requestBody"))
        return None
    at = child(where, method, "requestBody", "content", media, "schema")
    media_object = content[media] if isinstance(content[media], dict) else {}
    summary = operation.get("summary") or operation.get("description")
    schema = media_object.get("schema", {})
    return ir.Webhook(
        name=name,
        kind="webhook" if kind == "webhook" else "callback",
        type=schemas.type_of(schema, at, pascal_case(name) + "Payload"),
        description=summary.strip() or None if isinstance(summary, str) else None,
        sample=sample(media_object, schema, Budget(), at),
    )
