"""The servers a generated client can be pointed at (`Client(server=..., region=...)`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ._record import Record

__all__ = ["Server", "server_url"]


class Server(Record):
    """One of the API's servers: its URL template, its name, its variables' defaults."""

    __slots__ = ("defaults", "name", "url")
    url: str
    name: str | None
    defaults: tuple[tuple[str, str], ...]

    def __init__(
        self, url: str, name: str | None = None, defaults: Mapping[str, str] | None = None
    ) -> None:
        self._set(url=url, name=name, defaults=tuple((defaults or {}).items()))


def server_url(
    servers: tuple[Server, ...],
    choice: int | str,
    values: Mapping[str, str | None],
    allowed: Mapping[str, Sequence[str]],
) -> str:
    """The URL of the server `choice` (its index, or its name) with `values` for its variables
    (None: the server's default). Raises `ValueError` for a server the API does not have, or a
    value a variable does not allow (`allowed`: its values, when it lists them)."""
    if isinstance(choice, int) and not isinstance(choice, bool):
        if not 0 <= choice < len(servers):
            raise ValueError(f"server={choice} is not one of the API's {len(servers)} servers")
        server = servers[choice]
    else:
        named = [s for s in servers if s.name is not None and s.name == choice]
        if not named:
            names = ", ".join(repr(s.name) for s in servers if s.name is not None)
            raise ValueError(f"server={str(choice)[:100]!r} is not one of the API's: {names}")
        server = named[0]
    url = server.url
    for name, default in server.defaults:
        value = values.get(name)
        if value is None:
            value = default
        elif allowed.get(name) and value not in allowed[name]:
            raise ValueError(f"{name}={value[:100]!r} is not one of {list(allowed[name])}")
        url = url.replace("{" + name + "}", value)
    return url
