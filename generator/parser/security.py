"""`components/securitySchemes` -> IR security schemes, and per-operation requirements."""

from __future__ import annotations

from typing import Any

from .. import ir
from ..diagnostics import Diagnostic, warning
from ..naming import NameRegistry, snake_case
from ..runtime_names import client_arguments
from ..spec.pointers import child

# Keyword arguments the generated Client already takes, read from the runtime; credentials
# must not shadow them, nor `super`, which the generated `__init__` calls.
CLIENT_ARGUMENTS = client_arguments() | {"super"}


def parse_security_schemes(
    document: dict[str, Any], diagnostics: list[Diagnostic]
) -> tuple[ir.SecurityScheme, ...]:
    components = document.get("components")
    schemes = components.get("securitySchemes") if isinstance(components, dict) else None
    if not isinstance(schemes, dict):
        return ()
    arguments = NameRegistry(CLIENT_ARGUMENTS, case_sensitive=True)
    parsed = []
    for key, scheme in schemes.items():
        where = child("#/components/securitySchemes", key)
        if not isinstance(scheme, dict):
            continue
        kind = _kind(scheme)
        if kind is None:
            diagnostics.append(
                warning(
                    "unsupported-security",
                    f"security scheme type {scheme.get('type')!r} "
                    f"({scheme.get('scheme', '')}) is not supported; pass credentials in headers",
                    where,
                )
            )
            continue
        description = scheme.get("description")
        parsed.append(
            ir.SecurityScheme(
                key=key,
                kind=kind,
                argument=arguments.claim(snake_case(key, prefix="auth_")),
                description=description if isinstance(description, str) else None,
                name=scheme.get("name") if kind == "api_key" else None,
                location=scheme.get("in") if kind == "api_key" else None,
            )
        )
    return tuple(parsed)


def _kind(scheme: dict[str, Any]) -> Any:
    kind = scheme.get("type")
    if kind == "http":
        http_scheme = str(scheme.get("scheme", "")).lower()
        return {"bearer": "bearer", "basic": "basic"}.get(http_scheme)
    name = scheme.get("name")
    if kind == "apiKey" and scheme.get("in") in ("header", "query", "cookie"):
        # Without a name there is nothing to send the key as (the SDK could not even import).
        return "api_key" if isinstance(name, str) and name else None
    if kind in ("oauth2", "openIdConnect"):
        return "bearer"  # an access token obtained elsewhere, sent as a bearer token
    return None


def requirements(value: Any, known: set[str]) -> tuple[tuple[str, ...], ...]:
    """Security requirement alternatives, keeping those whose schemes are all supported.

    `[{}]` (or an empty alternative among others) means "no auth is an option"."""
    if not isinstance(value, list):
        return ()
    alternatives = []
    for requirement in value:
        if isinstance(requirement, dict) and all(name in known for name in requirement):
            alternatives.append(tuple(requirement))
    return tuple(alternatives)
