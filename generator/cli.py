"""The `aiosdkgen` command (generate, verify, diff): arguments, progress, warnings, exit codes.

Exit codes: 0 success, 1 the spec (or the output directory) is at fault, 2 usage error,
3 a breaking change (`diff --fail-on-breaking`), 70 internal error: a bug of aiosdkgen's, never
the spec's (EX_SOFTWARE of BSD's sysexits.h), so a script that counts rejected specs does not
count our bugs among them.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from . import __version__, config, output
from .diagnostics import Diagnostic, SpecError
from .options import package_name_problem, project_name_problem, version_problem
from .pipeline import Choices, Generation, build_api, default_options
from .speed import Speedups

EXIT_OK = 0
EXIT_SPEC_ERROR = 1
EXIT_USAGE = 2
EXIT_BREAKING = 3  # `diff --fail-on-breaking`
EXIT_INTERNAL_ERROR = 70

_MAX_WARNINGS_SHOWN = 25


def _checked(problem_of: Callable[[str], str | None]) -> Callable[[str], str]:
    """An argparse `type` that rejects what `problem_of` finds a problem with."""

    def check(value: str) -> str:
        problem = problem_of(value)
        if problem is not None:
            raise argparse.ArgumentTypeError(problem)
        return value

    return check


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aiosdkgen",
        description="Generate a typed, async Python SDK (aiohttp + pydantic v2) from an "
        "OpenAPI 3.0/3.1 document.",
    )
    parser.add_argument("--version", action="version", version=f"aiosdkgen {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    generate_parser = commands.add_parser(
        "generate",
        help="generate an SDK project from a spec, or regenerate one in place",
        description="Generate a complete, installable SDK project from an OpenAPI document, or "
        "regenerate one in place. The options are recorded in DIR/aiosdkgen.toml and reused by "
        "the next run; one given here wins and is recorded. Only files aiosdkgen wrote are "
        "replaced or deleted; nothing changes unless the whole run succeeds.",
    )
    generate_parser.add_argument(
        "spec", type=Path, nargs="?", metavar="SPEC",
        help="OpenAPI document (JSON or YAML); default: the one recorded in DIR/aiosdkgen.toml",
    )  # fmt: skip
    generate_parser.add_argument(
        "-o", "--output", type=Path, required=True, metavar="DIR",
        help="directory of the generated project: created, or updated in place (hand-written "
        "files, .git and the like are never touched)",
    )  # fmt: skip
    generate_parser.add_argument(
        "--package-name", type=_checked(package_name_problem), metavar="NAME",
        help="import name of the generated package (default: the recorded one, else from the "
        "spec title, e.g. petstore_client)",
    )  # fmt: skip
    generate_parser.add_argument(
        "--project-name", type=_checked(project_name_problem), metavar="NAME",
        help="distribution name in the generated pyproject.toml (default: the recorded one, "
        "else the package name with dashes)",
    )  # fmt: skip
    generate_parser.add_argument(
        "--version", dest="package_version", type=_checked(version_problem), metavar="X.Y.Z",
        help="version of the generated package (default: the recorded one, else info.version "
        "when it is a PEP 440 version, else 0.1.0 with a warning)",
    )  # fmt: skip
    generate_parser.add_argument(
        "--force", action="store_true",
        help="replace generated files edited since they were generated, and files of others "
        "that stand where generation writes (listed, and left alone, without it)",
    )  # fmt: skip
    # Before manifests, replacing an earlier output needed this flag; it is accepted so that
    # scripts keep working, and changes nothing.
    generate_parser.add_argument("--overwrite", action="store_true", help=argparse.SUPPRESS)
    generate_parser.add_argument(
        "--lenient", action=argparse.BooleanOptionalAction, default=None,
        help="generate even when the document breaks the OpenAPI schema in ways that are still "
        "unambiguous (examples that don't fit, stray fields...): the problems become warnings",
    )  # fmt: skip
    generate_parser.add_argument(
        "--strict", action=argparse.BooleanOptionalAction, default=None,
        help="treat warnings (places typed more loosely than the spec says, what converting "
        "from Swagger 2.0 lost) as errors: exit 1 and write nothing",
    )  # fmt: skip
    generate_parser.add_argument(
        "--ref-root", type=Path, metavar="DIR",
        help="directory whose files a $ref may read (default: the spec's own directory; "
        "a $ref to a file elsewhere is an error)",
    )  # fmt: skip
    generate_parser.add_argument(
        "--no-cache", dest="use_cache", action="store_false",
        help="read and write no cache: by default, earlier generations, validations, "
        "formatting and compiled templates are reused from $AIOSDKGEN_CACHE_DIR (default "
        "~/.cache/aiosdkgen) when every input and this version of aiosdkgen are the same",
    )  # fmt: skip
    generate_parser.add_argument(
        "--check", action="store_true",
        help="write nothing; exit 1 if the files generation owns in DIR differ from what it "
        "would write now (other files are not looked at)",
    )  # fmt: skip
    verify_parser = commands.add_parser(
        "verify",
        help="prove an SDK on the wire against the Prism mock server",
        description="Generate the SDK for SPEC into a temporary directory, install it into a "
        "temporary virtual environment, start Prism on 127.0.0.1, run the SDK's tests (one per "
        "operation) and print one line per operation. Exits 1 if any operation failed.",
    )
    verify_parser.add_argument(
        "spec", type=Path, metavar="SPEC", help="OpenAPI document (JSON or YAML)"
    )
    verify_parser.add_argument(
        "--prism", metavar="PATH",
        help="the prism executable (default: $AIOSDKGEN_PRISM, else `prism` on PATH)",
    )  # fmt: skip
    verify_parser.add_argument(
        "--venv", type=Path, metavar="DIR",
        help="virtual environment to install the SDK into, created if missing and reused by "
        "later runs (default: a temporary one each run)",
    )  # fmt: skip
    verify_parser.add_argument("--lenient", action="store_true", help="as for generate")
    verify_parser.add_argument("--ref-root", type=Path, metavar="DIR", help="as for generate")

    diff_parser = commands.add_parser(
        "diff",
        help="what a new version of a spec changes for the SDK's users",
        description="Compare the SDKs two versions of a spec give, as their Python callers see "
        "them: methods, arguments, return types, models, fields and enum values added, removed "
        "or changed, each classified as breaking or not, and the semantic-version release it "
        f"implies. Exit {EXIT_BREAKING} with --fail-on-breaking when a change is breaking.",
    )
    diff_parser.add_argument("old", type=Path, metavar="OLD_SPEC", help="the spec released")
    diff_parser.add_argument("new", type=Path, metavar="NEW_SPEC", help="the spec to release")
    diff_parser.add_argument(
        "--format", choices=["text", "markdown", "json"], default="text",
        help="text (default), a markdown changelog section, or JSON",
    )  # fmt: skip
    diff_parser.add_argument(
        "--fail-on-breaking", action="store_true",
        help=f"exit {EXIT_BREAKING} when a change is breaking (for CI)",
    )  # fmt: skip
    diff_parser.add_argument("--lenient", action="store_true", help="as for generate")
    diff_parser.add_argument(
        "--version", dest="released_version", type=_checked(version_problem), metavar="X.Y.Z",
        help="the version released with OLD_SPEC (default: as generate derives it from OLD_SPEC)",
    )  # fmt: skip
    return parser


def run_diff(args: argparse.Namespace) -> int:
    from . import diff  # the renderer's annotations: only this command needs them

    choices = Choices(lenient=args.lenient)
    apis = []
    for spec in (args.old, args.new):
        try:
            apis.append(build_api(spec, choices, Speedups()))
        except SpecError as exc:
            _report_spec_error(spec, exc)
            return EXIT_SPEC_ERROR
    changes = diff.compare(apis[0], apis[1])
    released = args.released_version or default_options(apis[0]).version
    if args.format == "markdown":
        print(diff.markdown_report(changes, released), end="")
    elif args.format == "json":
        print(diff.as_json(changes), end="")
    else:
        print(diff.text_report(changes, released), end="")
    breaking = any(change.breaking for change in changes)
    return EXIT_BREAKING if breaking and args.fail_on_breaking else EXIT_OK


def run_verify(args: argparse.Namespace) -> int:
    from . import verify  # venv, sockets and subprocesses: only this command needs them

    try:
        results = verify.verify(
            args.spec,
            lenient=args.lenient,
            prism=args.prism,
            ref_root=args.ref_root,
            environment=args.venv,
            speed=Speedups(),
        )
    except SpecError as exc:
        _report_spec_error(args.spec, exc)
        return EXIT_SPEC_ERROR
    except verify.VerifyError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_SPEC_ERROR
    return verify.report(results)


def _report(problems: Sequence[Diagnostic], prefix: str, limit: int | None = None) -> None:
    shown = problems if limit is None else problems[:limit]
    for problem in shown:
        print(f"{prefix}: {problem.pointer}: {problem.message}", file=sys.stderr)
    if len(shown) < len(problems):
        print(f"{prefix}: ... and {len(problems) - len(shown)} more", file=sys.stderr)


def _report_spec_error(spec: Path, error: SpecError) -> None:
    print(f"error: {spec} is not a usable OpenAPI document:", file=sys.stderr)
    _report(error.problems, "  error")


class _UsageError(Exception):
    """The command line asks for something impossible; the message says what."""


def _settings(args: argparse.Namespace) -> tuple[Path, Choices, config.Recorded]:
    """The spec, the choices and what to record, from the command line over the recorded
    options."""
    recorded = config.read(args.output) or config.Recorded()
    project = args.output
    if args.spec is not None:
        spec = args.spec
    elif recorded.spec is not None:
        spec = config.resolve(recorded.spec, project)
    else:
        raise _UsageError(f"SPEC is required: {project / config.CONFIG_FILE} records none")
    ref_root = args.ref_root
    if ref_root is None and recorded.ref_root is not None:
        ref_root = config.resolve(recorded.ref_root, project)
    choices = Choices(
        package_name=args.package_name or recorded.package_name,
        project_name=args.project_name or recorded.project_name,
        version=args.package_version or recorded.version,
        lenient=recorded.lenient if args.lenient is None else args.lenient,
        ref_root=ref_root,
        pagination=recorded.pagination,
    )
    strict = recorded.strict if args.strict is None else args.strict
    record = config.Recorded(
        spec=config.relative(spec, project),
        version=choices.version,
        lenient=choices.lenient,
        strict=strict,
        ref_root=config.relative(ref_root, project) if ref_root is not None else None,
        pagination=recorded.pagination,
    )
    return spec, choices, record


def run_generate(args: argparse.Namespace) -> int:
    try:
        spec, choices, record = _settings(args)
    except config.ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_SPEC_ERROR
    except _UsageError as exc:
        print(f"aiosdkgen generate: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    speed = Speedups(cache=args.use_cache)
    generation = Generation(spec, choices, speed)
    try:
        with speed.running():
            generation.start()
            if args.check:
                files = generation.files()
                generation.finish()
                stale = output.stale_files(files, args.output, version=__version__, speed=speed)
                for path in stale:
                    print(f"stale: {args.output / path}", file=sys.stderr)
                return EXIT_SPEC_ERROR if stale else EXIT_OK
            staging = output.Staging(
                args.output, version=__version__, speed=speed, force=args.force
            )
            with staging:
                # Written and formatted while a large spec may still be being validated; they
                # replace the output only once everything has succeeded.
                files = generation.files()
                options = generation.options
                recorded = dataclasses.replace(
                    record, package_name=options.package_name, project_name=options.project_name
                )
                staging.write(files, unowned={config.CONFIG_FILE: config.render(recorded)})
                result = generation.finish()
                if record.strict and result.warnings:
                    count = len(result.warnings)
                    print(f"error: {count} warning(s) with --strict:", file=sys.stderr)
                    _report(result.warnings, "  warning", _MAX_WARNINGS_SHOWN)
                    return EXIT_SPEC_ERROR
                staging.commit()
    except SpecError as exc:
        _report_spec_error(spec, exc)
        return EXIT_SPEC_ERROR
    except (output.OutputError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_SPEC_ERROR
    if result.warnings:
        print(
            f"{len(result.warnings)} warning(s): spec problems tolerated, places typed more "
            "loosely than the spec says, or what converting from Swagger 2.0 lost:",
            file=sys.stderr,
        )
        _report(result.warnings, "  warning", _MAX_WARNINGS_SHOWN)
    state = ", unchanged" if staging.unchanged else ""
    package = result.options.package_name
    print(f"generated {package} ({len(result.files)} files{state}) in {args.output}")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "generate":
            return run_generate(args)
        if args.command == "verify":
            return run_verify(args)
        if args.command == "diff":
            return run_diff(args)
    except RecursionError:
        print("error: the document is nested too deeply to generate from", file=sys.stderr)
        return 1
    except Exception as exc:
        if os.environ.get("AIOSDKGEN_DEBUG"):
            raise
        print(
            f"error: internal error ({type(exc).__name__}: {exc}); nothing was written. "
            "Set AIOSDKGEN_DEBUG=1 for a traceback and please report it.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL_ERROR
    return EXIT_USAGE  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())
