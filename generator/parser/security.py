"""`components/securitySchemes` -> IR security schemes, and per-operation requirements."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

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
        argument = arguments.claim(snake_case(key, prefix="auth_"))
        flows, token_url = _oauth_flows(scheme, where, diagnostics)
        client_arguments = None
        if token_url is not None:
            client_arguments = (
                _claim_oauth(arguments, "client_id", argument),
                _claim_oauth(arguments, "client_secret", argument),
                _claim_oauth(arguments, "scopes", argument),
            )
        parsed.append(
            ir.SecurityScheme(
                key=key,
                kind=kind,
                argument=argument,
                description=description if isinstance(description, str) else None,
                name=scheme.get("name") if kind == "api_key" else None,
                location=scheme.get("in") if kind == "api_key" else None,
                oauth_flows=flows,
                token_url=token_url,
                client_arguments=client_arguments,
            )
        )
    return tuple(parsed)


_MAX_TOKEN_URL = 2048


def _oauth_flows(
    scheme: dict[str, Any], where: str, diagnostics: list[Diagnostic]
) -> tuple[tuple[str, ...], str | None]:
    """An oauth2 scheme's flow names, and its clientCredentials flow's token URL when usable."""
    flows = scheme.get("flows")
    if scheme.get("type") != "oauth2" or not isinstance(flows, dict):
        return (), None
    names = tuple(sorted(name for name in flows if isinstance(name, str)))
    flow = flows.get("clientCredentials")
    if not isinstance(flow, dict):
        return names, None
    token_url = flow.get("tokenUrl")
    if _usable_token_url(token_url):
        return names, token_url
    diagnostics.append(
        warning(
            "oauth-token-url",
            f"tokenUrl {str(token_url)[:100]!r} is not an http(s) URL or a relative one: the "
            "client credentials flow is not supported; the scheme takes an access token",
            child(child(child(where, "flows"), "clientCredentials"), "tokenUrl"),
        )
    )
    return names, None


def _usable_token_url(value: object) -> bool:
    if not isinstance(value, str) or not value or len(value) > _MAX_TOKEN_URL:
        return False
    if not value.isprintable() or any(c.isspace() for c in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    if parts.scheme:
        return parts.scheme in ("http", "https") and bool(parts.hostname)
    return not value.startswith("//")


def _claim_oauth(arguments: NameRegistry, wanted: str, argument: str) -> str:
    """`client_id` (...) for the first client credentials scheme, then `<argument>_client_id`."""
    return arguments.claim(wanted if not arguments.taken(wanted) else f"{argument}_{wanted}")


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
