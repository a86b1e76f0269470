"""Spec document -> IR. The only package that reads raw spec dicts."""

from __future__ import annotations

from typing import Any

from .. import ir
from ..diagnostics import Diagnostic
from .operations import OperationParser
from .schemas import SchemaParser
from .security import parse_security_schemes


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def parse_info(document: dict[str, Any]) -> ir.ApiInfo:
    raw_info = document.get("info")
    info: dict[str, Any] = raw_info if isinstance(raw_info, dict) else {}
    license_ = info.get("license")
    license_name = None
    if isinstance(license_, dict):
        license_name = _text(license_.get("identifier")) or _text(license_.get("name"))
    return ir.ApiInfo(
        title=_text(info.get("title")) or "API",
        description=_text(info.get("description")),
        version=_text(str(info.get("version", ""))) or "0.0.0",
        license=license_name,
    )


def parse(document: dict[str, Any]) -> ir.Api:
    """Build the IR of a validated, bundled document; problems become warnings, not errors."""
    diagnostics: list[Diagnostic] = []
    schemas = SchemaParser(document, diagnostics)
    schemas.parse_components()
    security_schemes = parse_security_schemes(document, diagnostics)
    resources, root_operations = OperationParser(
        document, schemas, diagnostics, security_schemes
    ).parse()
    return ir.Api(
        info=parse_info(document),
        declarations=dict(schemas.declarations),
        resources=resources,
        root_operations=root_operations,
        security_schemes=security_schemes,
        base_url=parse_base_url(document),
        warnings=tuple(diagnostics),
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
