"""The whole flow, in two phases: start (read the spec, begin validating it) -> files (parse
and render) -> finish (the validation's verdict).

Between `files` and `finish` the caller may write the files somewhere temporary; they are kept
only if `finish` returns. Validating a large document is the slowest step, and nothing it
decides changes the files, so the two can overlap (see `speed`).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from .diagnostics import Diagnostic, SpecError, warning
from .naming import snake_case
from .options import Options, version_problem
from .spec import files as spec_files

if TYPE_CHECKING:
    import jinja2

    from . import ir

T = TypeVar("T")

# The spec as the generated project ships it (beside the package, not in its wheel): one file
# with every `$ref`d file bundled in, so the SDK's tests run against a mock server of it.
SHIPPED_SPEC = "openapi.json"


@dataclass(frozen=True, slots=True, kw_only=True)
class Result:
    """One generation: the package's names and version, its files by path, the warnings."""

    options: Options
    files: dict[str, str]
    warnings: tuple[Diagnostic, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Choices:
    """What the user chose for one generation (None: the default)."""

    package_name: str | None = None
    project_name: str | None = None
    version: str | None = None
    lenient: bool = False
    ref_root: Path | None = None
    pagination: str | None = None  # the recorded `[pagination]` overrides, as JSON


class Speed(Protocol):
    """What speed-ups may change: where and when work runs, and what is remembered. The output
    is the same with any implementation; `Plain` is the one without speed-ups."""

    def recall(self, spec: Path, content: bytes, choices: Choices) -> Result | None:
        """A generation remembered for these inputs."""

    def remember(
        self, spec: Path, content: bytes, choices: Choices, result: Result, sources: list[Path]
    ) -> None:
        """Keep `result`; `sources` are the other files the spec read."""

    def validation(
        self, document: dict[str, Any], source: bytes | None
    ) -> Callable[[], list[Diagnostic]]:
        """Begin validating `document` (read from the bytes `source` alone, when given); the
        returned function gives its problems."""

    def start(self, function: Callable[..., T], *args: Any) -> Callable[[], T]:
        """Begin `function(*args)`; the returned function gives its result."""

    def templates_cache(self) -> jinja2.BytecodeCache | None:
        """Where compiled templates are kept between runs."""

    def formatted(self, files: Mapping[str, str]) -> dict[str, str] | None:
        """`files` as formatting left them, if known."""

    def keep_formatted(self, files: Mapping[str, str], formatted: dict[str, str]) -> None:
        """Remember that formatting `files` gives `formatted`."""

    def running(self) -> AbstractContextManager[None]:
        """Around a whole generation."""


class Plain:
    """No speed-ups: everything runs here, now, and nothing is remembered."""

    def recall(self, spec: Path, content: bytes, choices: Choices) -> Result | None:
        return None

    def remember(
        self, spec: Path, content: bytes, choices: Choices, result: Result, sources: list[Path]
    ) -> None:
        pass

    def validation(
        self, document: dict[str, Any], source: bytes | None
    ) -> Callable[[], list[Diagnostic]]:
        from . import validation

        return lambda: validation.validate(document)

    def start(self, function: Callable[..., T], *args: Any) -> Callable[[], T]:
        return lambda: function(*args)

    def templates_cache(self) -> jinja2.BytecodeCache | None:
        return None

    def formatted(self, files: Mapping[str, str]) -> dict[str, str] | None:
        return None

    def keep_formatted(self, files: Mapping[str, str], formatted: dict[str, str]) -> None:
        pass

    def running(self) -> AbstractContextManager[None]:
        return nullcontext()


class Generation:
    """One generation from `spec`: `start`, then `files`, then `finish`."""

    def __init__(self, spec: Path, choices: Choices, speed: Speed) -> None:
        self.spec = spec
        self.choices = choices
        self.speed = speed
        self._content = _content(spec)
        self._remembered: Result | None = None
        self._problems: Callable[[], list[Diagnostic]] = list
        self._api: ir.Api | None = None
        self._document: dict[str, Any] = {}
        self._sources: list[Path] = []
        self._options: Options | None = None
        self._files: dict[str, str] | None = None
        # A Swagger 2.0 document: what converting it lost, and a 3.0 pointer's 2.0 place.
        self._conversion: tuple[Diagnostic, ...] = ()
        self._original: Callable[[str], str] | None = None

    def start(self) -> None:
        """Read the spec and every file it refers to, and begin validating the document;
        raise SpecError if it cannot be read or is not OpenAPI 3 at all."""
        if self._content is not None:
            self._remembered = self.speed.recall(self.spec, self._content, self.choices)
            if self._remembered is not None:
                return
        # Imported here: a remembered generation needs none of them.
        from .spec import load_with_sources
        from .spec.versions import SWAGGER, openapi_version

        document, self._sources = load_with_sources(self.spec, self._content, self.choices.ref_root)
        version = openapi_version(document)
        if isinstance(version, Diagnostic):
            raise SpecError([version])
        self._document = document
        # A document read from one file alone is known by that file's bytes.
        source = None if self._sources else self._content
        self._problems = self.speed.validation(document, source)
        if version == SWAGGER:
            self._convert_swagger2()

    def _convert_swagger2(self) -> None:
        """Go on with the Swagger 2.0 document's OpenAPI 3.0 form. The 2.0 document is
        validated as what it is, so its problems are at places the user can find; the
        conversion's losses, and any problem of the 3.0 form, are reported at their places in
        the 2.0 document too."""
        from .spec.swagger2 import Converter

        as_swagger2 = self._problems
        with self._validation_first():  # a document too broken to convert: say why
            converter = Converter(self._document)
        self._document = converter.document
        self._conversion = tuple(converter.diagnostics)
        self._original = converter.original
        as_openapi3 = self.speed.validation(converter.document, None)

        def problems() -> list[Diagnostic]:
            found = as_swagger2()
            if any(p.level == "error" for p in found):
                return found  # the 3.0 form's problems would mostly repeat them
            placed = (
                dataclasses.replace(p, pointer=converter.original(p.pointer)) for p in as_openapi3()
            )
            return found + list(placed)

        self._problems = problems

    def api(self) -> ir.Api:
        """The parsed document (the document may still be being validated)."""
        if self._api is None:
            from . import parser

            with self._validation_first():
                overrides = self.choices.pagination
                self._api = parser.parse(
                    self._document, None if overrides is None else json.loads(overrides)
                )
        return self._api

    @property
    def options(self) -> Options:
        """The package's names and version (known once `files` has run)."""
        options = self._remembered.options if self._remembered is not None else self._options
        assert options is not None, "files() first"
        return options

    def files(self) -> dict[str, str]:
        """Every file of the SDK project, by relative path (not formatted)."""
        if self._remembered is not None:
            return self._remembered.files
        if self._files is None:
            from . import render  # Jinja and the templates: only once there is something to render

            api = self.api()
            with self._validation_first():
                self._options = default_options(
                    api,
                    package_name=self.choices.package_name,
                    project_name=self.choices.project_name,
                    version=self.choices.version,
                )
                self._files = render.render(api, self._options, self.speed)
                self._files[SHIPPED_SPEC] = _shipped_spec(self._document)
        return self._files

    def finish(self) -> Result:
        """The generation, once the document is known to be valid; raise SpecError if not.

        With `lenient`, the validator's findings are warnings instead."""
        if self._remembered is not None:
            return self._remembered
        files = self.files()
        api = self.checked_api()
        assert self._options is not None  # set by files()
        warnings = api.warnings + _version_warnings(api, self.choices)
        result = Result(options=self._options, files=files, warnings=warnings)
        if self._content is not None:
            self.speed.remember(self.spec, self._content, self.choices, result, self._sources)
        return result

    def checked_api(self) -> ir.Api:
        """The parsed document, once it is known to be valid (its problems as warnings when
        lenient); raise SpecError if not."""
        api = self.api()
        problems = self._verdict()
        if self._original is not None:  # the parser's pointers are into the 3.0 form
            original = self._original
            placed = tuple(
                dataclasses.replace(w, pointer=original(w.pointer)) for w in api.warnings
            )
            api = dataclasses.replace(api, warnings=self._conversion + placed)
        if problems:
            downgraded = tuple(warning(p.code, p.message, p.pointer) for p in problems)
            api = dataclasses.replace(api, warnings=downgraded + api.warnings)
        return api

    def _verdict(self) -> list[Diagnostic]:
        """The validation's problems (waited for once); raise SpecError on errors unless
        lenient."""
        problems = self._problems()
        self._problems = lambda: problems
        errors = [p for p in problems if p.level == "error"]
        if errors and not self.choices.lenient:
            raise SpecError(errors)
        return problems

    @contextmanager
    def _validation_first(self) -> Iterator[None]:
        """A failure while parsing or rendering an invalid document is reported as the
        document's problems: the parser copes with invalid documents, but not with all."""
        try:
            yield
        except Exception:
            self._verdict()
            raise


def generate(spec: Path, choices: Choices | None = None, speed: Speed | None = None) -> Result:
    """Render the SDK for `spec` in memory (the phases of `Generation` in a row)."""
    generation = Generation(spec, choices or Choices(), speed or Plain())
    generation.start()
    generation.files()
    return generation.finish()


def build_api(spec: Path, choices: Choices | None = None, speed: Speed | None = None) -> ir.Api:
    """Load, validate and parse `spec`; raise SpecError listing every problem."""
    generation = Generation(spec, choices or Choices(), speed or Plain())
    generation.start()
    return generation.checked_api()


def _content(spec: Path) -> bytes | None:
    """The spec's bytes, read once for the memo key, the loader and the validation cache (a
    file changed between two reads would mix two versions); None when unreadable, not a regular
    file or too large (the loader then says why)."""
    try:
        return spec_files.read(spec, spec_files.MAX_SPEC_BYTES)
    except OSError:
        return None


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
        version=version or _package_version(api.info.version) or _FALLBACK_VERSION,
    )


def _version_warnings(api: ir.Api, choices: Choices) -> tuple[Diagnostic, ...]:
    if choices.version is not None or _package_version(api.info.version) is not None:
        return ()
    message = (
        f"info.version {api.info.version!r} is not a PEP 440 version: the package is "
        f"{_FALLBACK_VERSION} (pass --version, which is then recorded)"
    )
    return (warning("version-not-pep440", message, "#/info/version"),)


_FALLBACK_VERSION = "0.1.0"


def _package_version(api_version: str) -> str | None:
    """`info.version` as a package version (`v1.2` is 1.2); None when it is not one."""
    parts = api_version.lstrip("v").split(".")
    if 1 <= len(parts) <= 4 and all(
        part.isascii() and 0 < len(part) < 20 and part.isdigit() for part in parts
    ):
        return ".".join(str(int(part)) for part in parts)
    candidate = api_version.lstrip("v")
    return candidate if len(candidate) < 50 and version_problem(candidate) is None else None
