"""api.md: every resource and method of the client with its signature, a one-line description
and a call example, so that people can read the SDK before they install it (the layout of the
Stainless SDKs' api.md)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import jinja2

from .. import ir
from .views import Argument, GeneratedTest, OperationView, ReferenceEntry, ReferenceSection

_LINE = 88  # wider signatures and calls put one argument per line
_SUMMARY = 200  # characters of a description's first sentence kept as the summary


def render_reference(
    env: jinja2.Environment,
    api: ir.Api,
    context: dict[str, Any],
    views: Mapping[str, OperationView],
    tests: Mapping[str, GeneratedTest],
) -> str:
    """The reference, from the views the client's modules and the tests were rendered from
    (by operation key): the signatures and calls it shows are those."""
    groups = [(f"client.{r.attribute}", r.description, r.attribute + ".", r.operations)
              for r in api.resources]  # fmt: skip
    if api.root_operations:
        groups.insert(0, ("client", None, "", api.root_operations))
    sections = []
    for title, description, prefix, operations in groups:
        entries = []
        for operation in operations:
            entries.append(
                ReferenceEntry(
                    target=prefix + operation.name,
                    summary=_summary(operation),
                    signature=_signature(views[operation.key]),
                    example=_example(tests[operation.key]),
                )
            )
        sections.append(
            ReferenceSection(title=title, description=description, entries=tuple(entries))
        )
    return env.get_template("project/api.md.jinja").render(context, sections=sections)


def _summary(operation: ir.Operation) -> str:
    text = operation.summary or operation.description or f"{operation.method} {operation.path}"
    line = " ".join(text.split())
    sentence = line.split(". ", 1)[0]
    if len(sentence) > _SUMMARY:
        sentence = sentence[: _SUMMARY - 3].rstrip() + "..."
    return sentence + (" (deprecated)" if operation.deprecated else "")


def _argument(argument: Argument) -> str:
    default = f" = {argument.default}" if argument.default is not None else ""
    return f"{argument.name}: {argument.annotation}{default}"


def _signature(view: OperationView) -> str:
    parts = [_argument(a) for a in view.positional]
    if view.keyword:
        parts += ["*", *(_argument(a) for a in view.keyword)]
    if view.paging is None:
        head = f"async def {view.op.name}("
        tail = f") -> {view.returns}"
    else:  # awaited: `view.returns`; iterated: the items
        head = f"def {view.op.name}("
        tail = f") -> AsyncPager[{view.returns}, {view.item}]"
    one_line = head + ", ".join(parts) + tail
    if len(one_line) <= _LINE:
        return one_line
    return head + "\n" + "".join(f"    {part},\n" for part in parts) + tail


def _example(test: GeneratedTest) -> str | None:
    if test.kind not in ("returns", "raises"):
        return None
    # The generated tests ask the mock server for data built from the schema: not for users.
    arguments = [*test.positional, *(f"{name}={value}" for name, value in test.keyword
                                     if name != "extra_headers")]  # fmt: skip
    head = f"result = await client.{test.target}("
    tail = ""
    if test.stream is not None:  # a stream is read inside `async with`, which closes it
        head = f"async with await client.{test.target}("
        item = "event" if test.stream == "events" else "item"
        tail = f" as stream:\n    async for {item} in stream:\n        print({item})"
    one_line = head + ", ".join(arguments) + ")"
    if len(one_line) <= _LINE and "\n" not in one_line:
        call = one_line + tail
    else:
        call = head + "\n" + "".join(f"    {argument},\n" for argument in arguments) + ")" + tail
    if test.items is None:
        return call
    # Paginated: the same call iterated, for every item of every page.
    iterated = call.replace("result = await client.", "async for item in client.", 1)
    return f"{call}\n{iterated}:\n    ..."
