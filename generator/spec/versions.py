"""Which OpenAPI version a document declares (cheap: no validator is imported)."""

from __future__ import annotations

from typing import Any

from ..diagnostics import Diagnostic, error

SUPPORTED = ("3.0", "3.1", "3.2")


def openapi_version(document: dict[str, Any]) -> str | Diagnostic:
    """Return "3.0", "3.1" or "3.2", or the problem with the version field."""
    if "swagger" in document:
        return error(
            "swagger-2",
            "Swagger 2.0 documents are not supported yet; convert the document to OpenAPI 3 "
            "first (for example with swagger2openapi)",
            "#/swagger",
        )
    version = document.get("openapi")
    if not isinstance(version, str):
        return error("no-version", "the document has no `openapi` version field", "#")
    minor = ".".join(version.split(".")[:2])
    if minor not in SUPPORTED:
        return error("unsupported-version", f"OpenAPI {version} is not supported", "#/openapi")
    return minor
