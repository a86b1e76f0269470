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

__all__ = [
    "client_arguments",
    "client_attributes",
    "error_classes",
    "method_arguments",
    "parameter_styles",
]

_RUNTIME = Path(__file__).parent / "runtime"
_CLIENT_SOURCE = _RUNTIME / "_client.py"


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


def _module(name: str) -> ast.Module:
    return ast.parse((_RUNTIME / name).read_text(encoding="utf-8"))


def _assigned(module: ast.Module, name: str) -> ast.expr:
    return next(
        node.value
        for node in module.body
        if isinstance(node, ast.Assign | ast.AnnAssign)
        and node.value is not None
        and any(
            isinstance(target, ast.Name) and target.id == name
            for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        )
    )


@functools.cache
def error_classes() -> tuple[str, ...]:
    """The exceptions the SDK's `errors` module exports: `runtime/errors.py`'s `__all__`."""
    names = ast.literal_eval(_assigned(_module("errors.py"), "__all__"))
    return tuple(names)


@functools.cache
def parameter_styles() -> dict[str, frozenset[str]]:
    """The `style`s the runtime serializes, per parameter location (`_endpoint._STYLES`,
    `{location: frozenset({style, ...})}`)."""
    table = _assigned(_module("_endpoint.py"), "_STYLES")
    assert isinstance(table, ast.Dict)
    styles: dict[str, frozenset[str]] = {}
    for key, value in zip(table.keys, table.values, strict=True):
        assert isinstance(key, ast.Constant) and isinstance(value, ast.Call)
        styles[str(key.value)] = frozenset(ast.literal_eval(value.args[0]))
    return styles
