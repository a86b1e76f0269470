"""The command line: exit codes, messages, and what it leaves on disk."""

from __future__ import annotations

import gc
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from aiosdkgen import cli, output, pipeline

from tests.conftest import SPECS, spec_document

PETSTORE = SPECS / "petstore.yaml"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "aiosdkgen", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_help_explains_every_option() -> None:
    result = run("generate", "--help")
    assert result.returncode == 0
    for option in [
        "--output",
        "--package-name",
        "--project-name",
        "--version",
        "--force",
        "--check",
    ]:
        assert option in result.stdout


def test_generates_a_complete_project(tmp_path: Path) -> None:
    result = run(
        "generate",
        PETSTORE,
        "--output",
        tmp_path / "out",
        "--package-name",
        "petstore",
        "--version",
        "2.0.1",
    )
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out"
    assert (out / "petstore" / "py.typed").is_file()
    assert (out / "README.md").is_file()
    pyproject = (out / "pyproject.toml").read_text()
    assert 'name = "swagger-petstore-client"' not in pyproject
    assert 'version = "2.0.1"' in pyproject
    assert 'license = "Apache-2.0"' in pyproject
    assert '"pydantic>=2.11,<3"' in pyproject


@pytest.mark.parametrize(
    "args",
    [
        ("generate",),
        ("generate", "spec.yaml"),
        ("generate", "spec.yaml", "-o", "x", "--package-name", "not-valid"),
        ("generate", "spec.yaml", "-o", "x", "--package-name", "class"),
        ("generate", "spec.yaml", "-o", "x", "--version", "one"),
        ("frobnicate",),
    ],
)
def test_usage_errors_exit_2(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


_SHADOWING = ["tests", "aiohttp", "pydantic", "typing", "asyncio", "json", "enum", "yarl",
              "multidict", "pytest", "pytest_asyncio", "typing_extensions", "JSON", "Typing"]  # fmt: skip


@pytest.mark.parametrize("name", _SHADOWING)
def test_package_names_that_shadow_what_the_sdk_imports_are_usage_errors(
    tmp_path: Path, name: str
) -> None:
    """`tests` merged the package into the generated tests folder; `aiohttp`, `json`... made
    the SDK import itself in their place. Refused before the spec is read."""
    out = tmp_path / "out"
    result = run("generate", PETSTORE, "-o", out, "--package-name", name)
    assert result.returncode == 2, result.stderr
    assert f"{name!r} would shadow" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()


def test_invalid_spec_exits_1_with_pointers_and_writes_nothing(
    tmp_path: Path, write_spec: Callable[..., Path]
) -> None:
    spec = write_spec(
        {
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {"/pets": {"get": {}}},
        }
    )
    result = run("generate", spec, "-o", tmp_path / "out")
    assert result.returncode == 1
    assert "#/paths/~1pets/get: 'responses' is a required property" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
    assert [p.name for p in tmp_path.iterdir()] == [spec.name]  # no temporary directory left

    # Files are staged while the spec is validated: a rejected spec never replaces an output.
    assert run("generate", PETSTORE, "-o", tmp_path / "out").returncode == 0
    before = {p: p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()}
    assert run("generate", spec, "-o", tmp_path / "out", "--force").returncode == 1
    assert {p: p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["out", spec.name])


@pytest.mark.parametrize(
    ("content", "words"),
    [("{", "not valid JSON"), ('{"swagger": "2.0"}', "#: 'info' is a required property")],
)
def test_unusable_files_exit_1(tmp_path: Path, content: str, words: str) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text(content)
    result = run("generate", spec, "-o", tmp_path / "out")
    assert result.returncode == 1
    assert words in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_spec_file_exits_1(tmp_path: Path) -> None:
    result = run("generate", tmp_path / "absent.yaml", "-o", tmp_path / "out")
    assert result.returncode == 1
    assert "cannot read" in result.stderr


def test_a_ref_outside_the_specs_directory_needs_ref_root(tmp_path: Path) -> None:
    (tmp_path / "shared.json").write_text('{"Pet": {"type": "object"}}')
    (tmp_path / "api").mkdir()
    spec = tmp_path / "api" / "spec.json"
    spec.write_text(json.dumps(spec_document({"Pet": {"$ref": "../shared.json#/Pet"}})))
    out = tmp_path / "out"
    refused = run("generate", spec, "--output", out, "--no-cache")
    assert refused.returncode == 1
    assert "#/components/schemas/Pet" in refused.stderr and "--ref-root" in refused.stderr
    assert "Traceback" not in refused.stderr and not out.exists()
    allowed = run("generate", spec, "--output", out, "--ref-root", tmp_path, "--no-cache")
    assert allowed.returncode == 0, allowed.stderr
    assert (out / "pyproject.toml").is_file()


def test_regenerating_in_place_never_touches_what_generation_did_not_write(
    tmp_path: Path,
) -> None:
    """A fresh repository is generated into without ceremony; a file of someone else's where
    generation writes stops the run (naming it) unless forced."""
    out = tmp_path / "out"
    (out / ".git").mkdir(parents=True)
    (out / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    assert run("generate", PETSTORE, "-o", out).returncode == 0
    (out / "CHANGELOG.md").write_text("mine")
    assert run("generate", PETSTORE, "-o", out).returncode == 0
    assert (out / "CHANGELOG.md").read_text() == "mine" and (out / ".git" / "HEAD").is_file()

    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "README.md").write_text("keep me")
    refused = run("generate", PETSTORE, "-o", foreign)
    assert refused.returncode == 1 and str(foreign / "README.md") in refused.stderr
    assert "--force" in refused.stderr
    assert sorted(path.name for path in foreign.iterdir()) == ["README.md"]
    assert (foreign / "README.md").read_text() == "keep me"
    assert run("generate", PETSTORE, "-o", foreign, "--force").returncode == 0
    assert (foreign / "README.md").read_text().startswith("# swagger-petstore-client")


def test_failed_run_leaves_previous_output_untouched(
    tmp_path: Path, write_spec: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    assert cli.main(["generate", str(PETSTORE), "-o", str(out)]) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def broken_format(root: Path) -> None:
        raise output.OutputError("formatter exploded")

    monkeypatch.setattr(output.formatting, "format_tree", broken_format)
    # Another package name: files not formatted before, so the (broken) formatter must run.
    argv = ["generate", str(PETSTORE), "-o", str(out), "--package-name", "other"]
    assert cli.main(argv) == 1
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_repeat_run_leaves_an_identical_output_alone(tmp_path: Path) -> None:
    out = tmp_path / "out"
    argv = ["generate", str(PETSTORE), "-o", str(out)]
    assert cli.main(argv) == 0

    def state() -> dict[Path, tuple[int, int, bytes]]:
        return {
            path: (path.stat().st_ino, path.stat().st_mtime_ns, path.read_bytes())
            for path in out.rglob("*")
            if path.is_file() and "__pycache__" not in path.parts
        }

    before = state()
    package = next(out.glob("*/__init__.py")).parent
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "_client.cpython-311.pyc").write_bytes(b"bytecode")
    result = run(*argv)
    assert result.returncode == 0 and "unchanged" in result.stdout
    assert state() == before  # not even rewritten: same files, same modification times

    readme = out / "README.md"
    original = readme.read_bytes()
    readme.write_text("edited")
    (out / "extra.txt").write_text("not generated")
    result = run(*argv)
    assert result.returncode == 1 and str(readme) in result.stderr
    assert readme.read_text() == "edited"
    result = run(*argv, "--force")
    assert result.returncode == 0 and "unchanged" not in result.stdout
    assert readme.read_bytes() == original and (out / "extra.txt").read_text() == "not generated"


def test_a_symbolic_link_is_never_followed(tmp_path: Path) -> None:
    """A link of the maintainer's is theirs; a generated file or folder replaced by a link is a
    change to it, and forcing replaces the link, never what it points to."""
    out = tmp_path / "out"
    argv = ["generate", str(PETSTORE), "-o", str(out)]
    assert cli.main(argv) == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "notes.txt").write_text("not generated")
    (out / "linked").symlink_to(elsewhere, target_is_directory=True)
    assert cli.main([*argv, "--check"]) == 0  # not generation's: not looked at
    tests = out / "tests"
    (elsewhere / "tests").mkdir()
    for path in tests.iterdir():
        (elsewhere / "tests" / path.name).write_bytes(path.read_bytes())
    shutil.rmtree(tests)
    tests.symlink_to(elsewhere / "tests", target_is_directory=True)
    assert cli.main([*argv, "--check"]) == 1
    assert cli.main(argv) == 1
    before = sorted((elsewhere / "tests").iterdir())
    assert cli.main([*argv, "--force"]) == 0
    assert not tests.is_symlink() and (tests / "conftest.py").is_file()
    assert (out / "linked").is_symlink()
    assert sorted((elsewhere / "tests").iterdir()) == before
    assert (elsewhere / "notes.txt").read_text() == "not generated"


@pytest.mark.parametrize("enabled_before", [True, False])
def test_generation_runs_with_the_collector_paused_and_restores_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, enabled_before: bool
) -> None:
    seen: list[bool] = []
    real_start = pipeline.Generation.start

    def start(generation: pipeline.Generation) -> None:
        seen.append(gc.isenabled())
        real_start(generation)

    monkeypatch.setattr(pipeline.Generation, "start", start)
    was_enabled = gc.isenabled()
    (gc.enable if enabled_before else gc.disable)()
    try:
        assert cli.main(["generate", str(PETSTORE), "-o", str(tmp_path / "out")]) == 0
        assert seen == [False]
        assert gc.isenabled() is enabled_before
        # A failed run restores it too.
        assert cli.main(["generate", str(tmp_path / "missing.yaml"), "-o", str(tmp_path)]) == 1
        assert gc.isenabled() is enabled_before
    finally:
        (gc.enable if was_enabled else gc.disable)()


def test_check_reports_stale_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("generate", PETSTORE, "-o", out).returncode == 0
    assert run("generate", PETSTORE, "-o", out, "--check").returncode == 0
    (out / "README.md").write_text("edited")
    result = run("generate", PETSTORE, "-o", out, "--check")
    assert result.returncode == 1 and "README.md" in result.stderr


@pytest.mark.parametrize("formatting_cached", [True, False])
def test_check_writes_nothing_beside_the_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, formatting_cached: bool
) -> None:
    out = tmp_path / "project" / "out"
    monkeypatch.setenv("AIOSDKGEN_CACHE_DIR", str(tmp_path / "cache"))
    assert cli.main(["generate", str(PETSTORE), "-o", str(out)]) == 0
    if not formatting_cached:
        monkeypatch.setenv("AIOSDKGEN_CACHE_DIR", str(tmp_path / "empty-cache"))
    made: list[Path] = []
    real_mkdtemp = output.check.tempfile.mkdtemp

    def mkdtemp(*args: object, **kwargs: object) -> str:
        made.append(Path(real_mkdtemp(*args, **kwargs)))  # type: ignore[call-overload]
        return str(made[-1])

    monkeypatch.setattr(output.check.tempfile, "mkdtemp", mkdtemp)
    (out / "README.md").write_text("edited")
    assert cli.main(["generate", str(PETSTORE), "-o", str(out), "--check"]) == 1
    assert sorted(path.name for path in (tmp_path / "project").iterdir()) == ["out"]
    assert not any(path.is_relative_to(tmp_path / "project") for path in made)
    assert len(made) == (0 if formatting_cached else 1)  # formatted in the system's temp dir


def test_warnings_are_summarised(tmp_path: Path, write_spec: Callable[..., Path]) -> None:
    spec = write_spec(
        spec_document({"Loop": {"type": "array", "items": {"$ref": "#/components/schemas/Loop"}}})
    )
    result = run("generate", spec, "-o", tmp_path / "out")
    assert result.returncode == 0
    assert "1 warning(s)" in result.stderr
    assert "#/components/schemas/Loop" in result.stderr


def test_an_internal_error_has_its_own_exit_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bug of ours is not a spec error: scripts that count rejected specs must tell them apart."""

    def broken(*args: object, **kwargs: object) -> None:
        raise ImportError("cannot import name 'parser' from 'aiosdkgen'")

    monkeypatch.setattr(pipeline.Generation, "start", broken)
    monkeypatch.delenv("AIOSDKGEN_DEBUG", raising=False)
    code = cli.main(["generate", str(PETSTORE), "-o", str(tmp_path / "out")])
    assert code == cli.EXIT_INTERNAL_ERROR == 70
    assert code not in {cli.EXIT_SPEC_ERROR, cli.EXIT_USAGE}
    assert "internal error (ImportError" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_lenient_types_a_3_0_null_alternative_as_none(tmp_path: Path) -> None:
    """`--lenient` accepts 3.0's invalid `type: 'null'` (with a warning naming it) and types the
    alternative as `None`, as 3.1 would."""
    spec = tmp_path / "null.yaml"
    spec.write_text(
        "openapi: 3.0.3\ninfo: {title: N, version: '1'}\npaths:\n  /a:\n    get:\n"
        "      operationId: getA\n      responses:\n        '200':\n          description: ok\n"
        "          content:\n            application/json:\n              schema:\n"
        "                type: object\n                properties:\n"
        "                  x: {anyOf: [{type: string}, {type: 'null'}]}\n",
        encoding="utf-8",
    )
    refused = run("generate", str(spec), "-o", str(tmp_path / "strict"))
    assert refused.returncode == 1 and "nullable: true" in refused.stderr
    assert not (tmp_path / "strict").exists()
    accepted = run("generate", str(spec), "-o", str(tmp_path / "out"), "--lenient")
    assert accepted.returncode == 0 and "no 'null' type" in accepted.stderr
    model = next((tmp_path / "out" / "n_client" / "models").glob("_get_a_response.py"))
    assert "x: str | None = None" in model.read_text(encoding="utf-8")
