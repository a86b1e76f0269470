"""Spec document -> IR. The only package that reads raw spec dicts."""

from __future__ import annotations

from typing import Any

from .. import ir
from ..diagnostics import Diagnostic
from .schemas import SchemaParser


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def parse_info(document: dict[str, Any]) -> ir.ApiInfo:
    info = document.get("info") if isinstance(document.get("info"), dict) else {}
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
    return ir.Api(
        info=parse_info(document),
        declarations=dict(schemas.declarations),
        warnings=tuple(diagnostics),
    )
