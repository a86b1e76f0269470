"""The whole flow: load -> validate -> parse -> render -> write."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from . import memo, regular_files
from .diagnostics import Diagnostic, SpecError, warning
from .memo import Result as Result  # re-exported: callers know it as pipeline.Result
from .naming import snake_case
from .options import Options

if TYPE_CHECKING:
    from . import ir

T = TypeVar("T")

# The spec as the generated project ships it (beside the package, not in its wheel): one file
# with every `$ref`d file bundled in, so the SDK's tests run against a mock server of it.
SHIPPED_SPEC = "openapi.json"


def build_api(
    spec: Path, *, lenient: bool = False, use_cache: bool = True, ref_root: Path | None = None
) -> ir.Api:
    """Load, validate and parse `spec`; raise SpecError listing every problem.

    `lenient` downgrades the validator's findings to warnings (real specs often break the
    letter of the standard in unambiguous ways); a document that is not OpenAPI 3 at all is
    still an error. `use_cache` reuses an earlier validation of the same document. A `$ref`
    may read files under `ref_root` only (default: the spec's directory)."""
    content = _content(spec)
    return _build(
        spec,
        content,
        lenient=lenient,
        use_cache=use_cache,
        ref_root=ref_root,
        then=lambda api, document: api,
    )[0]


def _content(spec: Path) -> bytes | None:
    """The spec's bytes, read once for the memo key, the loader and the validation cache (a
    file changed between two reads would mix two versions); None when unreadable, not a regular
    file or too large (the loader then says why)."""
    try:
        return regular_files.read(spec, regular_files.MAX_SPEC_BYTES)
    except OSError:
        return None


def _build(
    spec: Path,
    content: bytes | None,
    *,
    lenient: bool,
    use_cache: bool,
    ref_root: Path | None,
    then: Callable[[ir.Api, Any], T],
    sources: list[Path] | None = None,
) -> tuple[ir.Api, T]:
    """Load and validate `spec` (`content` is its bytes, if readable), and meanwhile parse it
    and run `then` on the result and the bundled document. The other files the spec refers to
    are added to `sources`."""
    # Imported here, not at the top: a remembered generation needs none of them. The parser
    # (and Jinja) load after a large document's validating child has been started.
    from . import validation_cache
    from .loader import load_with_sources
    from .openapi_versions import openapi_version

    document, referenced = load_with_sources(spec, content, ref_root)
    if sources is not None:
        sources.extend(referenced)
    version = openapi_version(document)
    if isinstance(version, Diagnostic):
        raise SpecError([version])
    # A document read from one file alone is known by that file's bytes.
    source = None if referenced else content
    problems_of = validation_cache.start(document, use_cache=use_cache, source=source)
    from . import parser

    # A large document is still being validated in a child process here. The parser copes
    # with invalid documents, and what it builds is used only once validation has passed.
    try:
        api = parser.parse(document)
        outcome = then(api, document)
        failure: Exception | None = None
    except Exception as exc:
        failure = exc
    problems = problems_of()
    errors = [p for p in problems if p.level == "error"]
    if errors and not lenient:
        raise SpecError(errors)
    if failure is not None:
        raise failure
    if problems:
        downgraded = tuple(warning(p.code, p.message, p.pointer) for p in problems)
        api = dataclasses.replace(api, warnings=downgraded + api.warnings)
    return api, outcome


def _shipped_spec(document: Any) -> str:
    """The bundled document as JSON text: ASCII only (a lone surrogate a spec escaped stays an
    escape) and values YAML gives other types (dates) as their text."""
    return json.dumps(document, indent=2, default=str) + "\n"


def default_options(
    api: ir.Api,
    *,
    package_name: str | None = None,
    project_name: str | None = None,
    version: str | None = None,
) -> Options:
    title = snake_case(api.info.title, prefix="api_")
    package = package_name or f"{title}_client"
    project = project_name or package.replace("_", "-")
    return Options(
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
    use_cache: bool = True,
    ref_root: Path | None = None,
    stage: Callable[[dict[str, str]], None] | None = None,
) -> Result:
    """Render the SDK for `spec` in memory.

    With `use_cache`, an earlier generation from the same inputs is reused (see `memo`).
    `stage` is called with the files as soon as they are rendered, while a large spec may
    still be being validated: it may write them somewhere temporary (`writer.Staging`), to be
    kept only if this returns."""
    choices = {
        "package_name": package_name,
        "project_name": project_name,
        "version": version,
        "lenient": lenient,
        # Whether a `$ref` may read a file: a generation allowed under one root is not under all.
        "ref_root": str(ref_root.resolve()) if ref_root is not None else None,
    }
    content = _content(spec)
    memo_key = memo.key(spec, content, choices) if use_cache and content is not None else None
    remembered = memo.recall(memo_key) if memo_key is not None else None
    if remembered is not None:
        if stage is not None:
            stage(remembered.files)
        return remembered

    def render_files(api: ir.Api, document: Any) -> tuple[Options, dict[str, str]]:
        from . import render  # Jinja and the templates: only once there is something to render

        options = default_options(
            api, package_name=package_name, project_name=project_name, version=version
        )
        files = render.render(api, options)
        files[SHIPPED_SPEC] = _shipped_spec(document)
        if stage is not None:
            stage(files)
        return options, files

    sources: list[Path] = []
    api, (options, files) = _build(
        spec,
        content,
        lenient=lenient,
        use_cache=use_cache,
        ref_root=ref_root,
        then=render_files,
        sources=sources,
    )
    result = Result(options=options, files=files, warnings=api.warnings)
    if memo_key is not None:
        memo.remember(memo_key, result, sources)
    return result
