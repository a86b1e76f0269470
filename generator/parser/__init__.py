"""Stage 3, parsing: the validated document -> IR. The only package that reads raw spec dicts."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .. import ir
from ..diagnostics import Diagnostic, warning
from .coverage import not_honoured
from .licenses import TEXTS, spdx_expression
from .operations import OperationParser
from .schemas import SchemaParser
from .security import CLIENT_ARGUMENTS, parse_security_schemes
from .servers import parse_servers
from .webhooks import parse_webhooks


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


# What package metadata can carry as is: one line, no markup that would reshape it.
_NAME = re.compile(r"[^\x00-\x1f\x7f<>\"\\]{1,100}")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+")
_URL = re.compile(r"https?://[A-Za-z0-9._~:/?#\[\]@!$&'()*+,;=%-]{1,500}")


def _safe(value: Any, pattern: re.Pattern[str]) -> str | None:
    text = _text(value)
    return text if text is not None and pattern.fullmatch(text) else None


def _object(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def parse_info(document: dict[str, Any], diagnostics: list[Diagnostic]) -> ir.ApiInfo:
    info = _object(document.get("info"))
    license_ = _object(info.get("license"))
    name = _text(license_.get("name"))
    spdx = spdx_expression(_text(license_.get("identifier")), name)
    if spdx is None and (name or license_.get("identifier")):
        diagnostics.append(
            warning(
                "license-not-recognised",
                f"info.license {name or license_.get('identifier')!r} is not a licence aiosdkgen "
                "recognises (give its SPDX identifier): the SDK claims no licence",
                "#/info/license",
            )
        )
    elif spdx is not None and spdx not in TEXTS:
        diagnostics.append(
            warning(
                "license-text-missing",
                f"the SDK claims licence {spdx} but aiosdkgen has no text of it to write: add "
                "the licence's text to the project as LICENSE (it is yours to keep)",
                "#/info/license",
            )
        )
    contact = _object(info.get("contact"))
    parts = {
        "name": _safe(contact.get("name"), _NAME),
        "email": _safe(contact.get("email"), _EMAIL),
        "url": _safe(contact.get("url"), _URL),
    }
    return ir.ApiInfo(
        title=_text(info.get("title")) or "API",
        description=_text(info.get("description")),
        version=_text(str(info.get("version", ""))) or "0.0.0",
        license=spdx,
        contact=ir.Contact(**parts) if any(parts.values()) else None,
        docs_url=_safe(_object(document.get("externalDocs")).get("url"), _URL),
    )


def parse(document: dict[str, Any], pagination: Mapping[str, Any] | None = None) -> ir.Api:
    """Build the IR of a validated, bundled document; problems become warnings, not errors.

    `pagination`: per-operation overrides of pagination detection (operationId or method name
    -> an `x-pagination` value), from the recorded options."""
    diagnostics: list[Diagnostic] = []
    schemas = SchemaParser(document, diagnostics)
    schemas.parse_components()
    security_schemes = parse_security_schemes(document, diagnostics)
    operations = OperationParser(document, schemas, diagnostics, security_schemes, pagination)
    resources, root_operations = operations.parse()
    webhooks = parse_webhooks(document, schemas, operations.deref, operations.sample, diagnostics)
    taken = {s.argument for s in security_schemes} | {
        argument for s in security_schemes for argument in s.client_arguments or ()
    }
    servers, server_variables = parse_servers(document, taken | CLIENT_ARGUMENTS, diagnostics)
    diagnostics.extend(not_honoured(document))
    return ir.Api(
        info=parse_info(document, diagnostics),
        declarations=dict(schemas.declarations),
        resources=resources,
        root_operations=root_operations,
        security_schemes=security_schemes,
        base_url=parse_base_url(document),
        warnings=tuple(diagnostics),
        webhooks=webhooks,
        servers=servers,
        server_variables=server_variables,
    )


def parse_base_url(document: dict[str, Any]) -> str | None:
    """`servers[0].url` with its variables at their defaults, if it is an absolute URL."""
    servers = document.get("servers")
    if not isinstance(servers, list) or not servers or not isinstance(servers[0], dict):
        return None
    url = servers[0].get("url")
    if not isinstance(url, str):
        return None
    variables = servers[0].get("variables")
    for name, variable in variables.items() if isinstance(variables, dict) else ():
        if isinstance(variable, dict) and isinstance(variable.get("default"), str):
            url = url.replace("{" + name + "}", variable["default"])
    if not url.startswith(("http://", "https://")) or "{" in url:
        return None
    return url.rstrip("/")
