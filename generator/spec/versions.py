"""Which OpenAPI version a document declares (cheap: no validator is imported)."""

from __future__ import annotations

from typing import Any

from ..diagnostics import Diagnostic, error

SUPPORTED = ("3.0", "3.1", "3.2")
# Converted to OpenAPI 3.0 (spec/swagger2.py) once validated as what it is.
SWAGGER = "2.0"


def openapi_version(document: dict[str, Any]) -> str | Diagnostic:
    """Return "3.0", "3.1", "3.2" or "2.0" (Swagger), or the problem with the version field."""
    if "swagger" in document:
        if document["swagger"] == SWAGGER:
            return SWAGGER
        return error(
            "unsupported-version",
            f"Swagger {_printable_value(document['swagger'])} is not supported (only Swagger 2.0 "
            "and OpenAPI 3.x are)",
            "#/swagger",
        )
    version = document.get("openapi")
    if not isinstance(version, str):
        return error("no-version", "the document has no `openapi` version field", "#")
    minor = ".".join(version.split(".")[:2])
    if minor not in SUPPORTED:
        return error("unsupported-version", f"OpenAPI {version} is not supported", "#/openapi")
    return minor


def _printable_value(value: object) -> str:
    """A short text for a version field's value, whatever its type."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
