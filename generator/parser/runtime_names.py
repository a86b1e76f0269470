"""The names generated code shares with the runtime, read from the runtime's own source.

A spec's scheme, tag, operation or parameter must never take one of them: a security scheme
named `maxResponseSize` made `Client.__init__` take two `max_response_size` arguments, and an
operation `max_response_size` was hidden by the client's attribute. Reading them from
`runtime/_client.py` (with `ast`: the runtime imports aiohttp, which the generator does not
need) means a name the runtime gains is reserved the moment it is written.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

__all__ = ["client_arguments", "client_attributes", "method_arguments"]

_CLIENT_SOURCE = Path(__file__).parent.parent / "runtime" / "_client.py"


@functools.cache
def _base_client() -> ast.ClassDef:
    tree = ast.parse(_CLIENT_SOURCE.read_text(encoding="utf-8"))
    return next(
        node for node in tree.body if isinstance(node, ast.ClassDef) and node.name == "BaseClient"
    )


def _method(name: str) -> ast.FunctionDef | ast.AsyncFunctionDef:
    return next(
        node
        for node in _base_client().body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == name
    )


@functools.cache
def client_arguments() -> frozenset[str]:
    """Every parameter of `BaseClient.__init__`: the generated `Client` passes them on."""
    arguments = _method("__init__").args
    return frozenset(a.arg for a in [*arguments.args, *arguments.kwonlyargs])


@functools.cache
def client_attributes() -> frozenset[str]:
    """Every name a client has besides its resources: the methods, properties and class
    attributes of `BaseClient`, and what its methods assign to `self`."""
    names: set[str] = set()
    for node in _base_client().body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(t.id for t in targets if isinstance(t, ast.Name))
    for target in ast.walk(_base_client()):
        if (
            isinstance(target, ast.Attribute)
            and isinstance(target.ctx, ast.Store)
            and isinstance(target.value, ast.Name)
            and target.value.id == "self"
        ):
            names.add(target.attr)
    return frozenset(names)


@functools.cache
def method_arguments() -> frozenset[str]:
    """What every generated method takes besides the operation's parameters: its body and
    the keyword-only options of `BaseClient.request` it passes on."""
    options = _method("request").args.kwonlyargs
    return frozenset({"self", "body", *(a.arg for a in options)})
