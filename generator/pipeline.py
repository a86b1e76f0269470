"""The whole flow: load -> validate -> parse -> render -> write."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from . import ir, parser, render, validation
from .diagnostics import Diagnostic, SpecError, warning
from .loader import load
from .naming import snake_case


@dataclass(frozen=True, slots=True, kw_only=True)
class Result:
    options: render.Options
    files: dict[str, str]
    warnings: tuple[Diagnostic, ...]


def build_api(spec: Path, *, lenient: bool = False) -> ir.Api:
    """Load, validate and parse `spec`; raise SpecError listing every problem.

    `lenient` downgrades the validator's findings to warnings (real specs often break the
    letter of the standard in unambiguous ways); a document that is not OpenAPI 3 at all is
    still an error."""
    document = load(spec)
    problems = validation.validate(document)
    fatal = [p for p in problems if p.code in validation.FATAL_CODES]
    errors = [p for p in problems if p.level == "error"]
    if fatal or (errors and not lenient):
        raise SpecError(fatal or errors)
    api = parser.parse(document)
    if not problems:
        return api
    downgraded = tuple(warning(p.code, p.message, p.pointer) for p in problems)
    return dataclasses.replace(api, warnings=downgraded + api.warnings)


def default_options(
    api: ir.Api,
    *,
    package_name: str | None = None,
    project_name: str | None = None,
    version: str | None = None,
) -> render.Options:
    title = snake_case(api.info.title, prefix="api_")
    package = package_name or f"{title}_client"
    project = project_name or package.replace("_", "-")
    return render.Options(
        package_name=package,
        project_name=project,
        version=version or _package_version(api.info.version),
    )


def _package_version(api_version: str) -> str:
    parts = api_version.lstrip("v").split(".")
    if 1 <= len(parts) <= 4 and all(
        part.isascii() and 0 < len(part) < 20 and part.isdigit() for part in parts
    ):
        return ".".join(str(int(part)) for part in parts)
    return "0.1.0"


def generate(
    spec: Path,
    *,
    package_name: str | None = None,
    project_name: str | None = None,
    version: str | None = None,
    lenient: bool = False,
) -> Result:
    """Render the SDK for `spec` in memory (nothing is written)."""
    api = build_api(spec, lenient=lenient)
    options = default_options(
        api, package_name=package_name, project_name=project_name, version=version
    )
    return Result(options=options, files=render.render(api, options), warnings=api.warnings)
