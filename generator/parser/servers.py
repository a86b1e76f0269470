"""`servers`: the ones a client can choose (`Client(server=...)`), their variables (arguments of
the client), and the server of an operation or path that has its own."""

from __future__ import annotations

import re
from typing import Any

from .. import ir
from ..diagnostics import Diagnostic, warning
from ..naming import NameRegistry, snake_case
from ..spec.pointers import child

_ABSOLUTE = re.compile(r"https?://[^\s{}]+")
_VARIABLE = re.compile(r"\{([^{}]{1,100})\}")
_MAX_NAME = 100  # characters of a server's name (3.2 `name`, else its description)


def parse_servers(
    document: dict[str, Any], taken: set[str], diagnostics: list[Diagnostic]
) -> tuple[tuple[ir.Server, ...], tuple[ir.ServerVariable, ...]]:
    """The document's servers a client can choose, in order, and every variable they use.

    Offered only when the first server is absolute once its variables are substituted (else
    `base_url` is required, as before); a relative one among the rest is left out with a
    warning. `taken`: the client's other argument names, which variables must not shadow."""
    servers = document.get("servers")
    if not isinstance(servers, list) or not servers or _url(servers[0]) is None:
        return (), ()
    arguments = NameRegistry(taken | {"server", "base_url"}, case_sensitive=True)
    variables: dict[str, ir.ServerVariable] = {}
    offered = []
    for index, server in enumerate(servers):
        where = child("#/servers", str(index))
        if _url(server) is None:
            diagnostics.append(
                warning(
                    "server-not-offered", "a relative server is not offered: pass base_url=", where
                )
            )
            continue
        for name, variable in _variables(server):
            known = variables.get(name)
            enum = tuple(v for v in variable.get("enum", ()) if isinstance(v, str))
            if known is None:
                variables[name] = ir.ServerVariable(
                    name=name,
                    argument=arguments.claim(snake_case(name, prefix="server_")),
                    enum=enum,
                    description=_text(variable.get("description")),
                )
            elif known.enum and enum:
                merged = tuple(dict.fromkeys((*known.enum, *enum)))
                variables[name] = ir.ServerVariable(
                    name=name, argument=known.argument, enum=merged, description=known.description
                )
            else:  # one server takes any value: so does the argument
                variables[name] = ir.ServerVariable(
                    name=name, argument=known.argument, enum=(), description=known.description
                )
        name = server.get("name") or server.get("description")
        offered.append(
            ir.Server(
                url=server["url"],
                name=" ".join(name.split())[:_MAX_NAME] if isinstance(name, str) else None,
                defaults=tuple((n, v["default"]) for n, v in _variables(server)),
            )
        )
    return tuple(offered), tuple(variables.values())


def operation_server(
    path_item: tuple[Any, str], operation: tuple[Any, str], diagnostics: list[Diagnostic]
) -> str | None:
    """The URL of the server an operation (or else its path) declares, its variables at their
    defaults; None when it declares none, or one that is not absolute (warned). Each is given
    with its pointer."""
    for owner, at in (operation, path_item):
        servers = owner.get("servers") if isinstance(owner, dict) else None
        if isinstance(servers, list) and servers:
            url = _url(servers[0])
            if url is None:
                diagnostics.append(
                    warning(
                        "server-not-used",
                        "a relative server is not used: the operation is sent to base_url",
                        child(at, "servers", "0"),
                    )
                )
            return url
    return None


def _variables(server: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    variables = server.get("variables")
    return [
        (name, variable)
        for name, variable in (variables.items() if isinstance(variables, dict) else ())
        if isinstance(name, str)
        and isinstance(variable, dict)
        and isinstance(variable.get("default"), str)
    ]


def _url(server: Any) -> str | None:
    """`server`'s URL with its variables at their defaults, if that is an absolute URL."""
    if not isinstance(server, dict) or not isinstance(server.get("url"), str):
        return None
    url: str = server["url"]
    for name, variable in _variables(server):
        url = url.replace("{" + name + "}", variable["default"])
    return url.rstrip("/") if _ABSOLUTE.fullmatch(url) else None


def _text(value: Any) -> str | None:
    return " ".join(value.split()) or None if isinstance(value, str) else None
