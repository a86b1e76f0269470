"""The recorded options (`aiosdkgen.toml`): a regeneration with no options uses them, one given
on the command line wins and is recorded, and a bad file is a clear error."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from aiosdkgen import config

from tests.conftest import ROOT

SHOWCASE = ROOT / "specs" / "showcase.yaml"


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "aiosdkgen", *map(str, args)],
        capture_output=True, text=True, check=False, cwd=cwd,
    )  # fmt: skip


def test_a_regeneration_with_no_options_uses_the_recorded_ones(tmp_path: Path) -> None:
    out = tmp_path / "sdk"
    first = run("generate", SHOWCASE, "-o", out, "--package-name", "zoo", "--version", "2.0.0")
    assert first.returncode == 0, first.stderr
    recorded = config.read(out)
    assert recorded is not None
    assert recorded.package_name == "zoo" and recorded.project_name == "zoo"
    assert recorded.version == "2.0.0"
    assert config.resolve(recorded.spec or "", out).resolve() == SHOWCASE.resolve()
    again = run("generate", "-o", out)
    assert again.returncode == 0 and "unchanged" in again.stdout, again.stderr
    assert not (out / "showcase_client").exists()
    # From elsewhere, by a relative path: the spec's path is relative to the project.
    assert run("generate", "-o", "sdk", cwd=tmp_path).returncode == 0


def test_an_option_on_the_command_line_wins_and_is_recorded(tmp_path: Path) -> None:
    out = tmp_path / "sdk"
    assert run("generate", SHOWCASE, "-o", out, "--package-name", "zoo").returncode == 0
    (out / "zoo" / "lib").mkdir()
    (out / "zoo" / "lib" / "__init__.py").write_text("")
    result = run("generate", "-o", out, "--package-name", "zoo2", "--lenient")
    assert result.returncode == 0, result.stderr
    recorded = config.read(out)
    assert recorded is not None and recorded.package_name == "zoo2" and recorded.lenient
    assert (out / "zoo2" / "__init__.py").is_file()
    # The old package's generated files went; the hand-written ones stay where they were.
    assert sorted(p.relative_to(out / "zoo").as_posix() for p in (out / "zoo").rglob("*")) == [
        "lib",
        "lib/__init__.py",
    ]
    assert run("generate", "-o", out, "--no-lenient").returncode == 0
    assert config.read(out) == config.Recorded(
        spec=recorded.spec, package_name="zoo2", project_name="zoo"
    )


def test_an_edited_recorded_option_is_used(tmp_path: Path) -> None:
    out = tmp_path / "sdk"
    assert run("generate", SHOWCASE, "-o", out).returncode == 0
    text = (out / config.CONFIG_FILE).read_text()
    (out / config.CONFIG_FILE).write_text(text + 'version = "3.1.4"\n')
    assert run("generate", "-o", out).returncode == 0
    assert 'version = "3.1.4"' in (out / "pyproject.toml").read_text()


def test_bad_recorded_options_are_clear_errors(tmp_path: Path) -> None:
    out = tmp_path / "sdk"
    out.mkdir()
    cases = {
        "pakage-name = 'x'\n": "unknown option 'pakage-name'",
        "package-name = 'json'\n": "would shadow a module of the standard library",
        "lenient = 'yes'\n": "lenient must be a bool",
        "spec = [\n": "is not valid TOML",
    }
    for text, words in cases.items():
        (out / config.CONFIG_FILE).write_text(text)
        result = run("generate", SHOWCASE, "-o", out)
        assert result.returncode == 1 and words in result.stderr, (text, result.stderr)
        assert "Traceback" not in result.stderr
    (out / config.CONFIG_FILE).write_text("# nothing recorded\n")
    result = run("generate", "-o", out)
    assert result.returncode == 2 and "SPEC is required" in result.stderr


def test_recorded_pagination_overrides_detection_and_survives_regeneration(
    tmp_path: Path,
) -> None:
    out = tmp_path / "sdk"
    assert run("generate", SHOWCASE, "-o", out).returncode == 0
    keepers = out / "showcase_client" / "resources" / "keepers.py"
    assert "    def list_keepers(" in keepers.read_text()  # detected: returns an AsyncPager
    path = out / config.CONFIG_FILE
    path.write_text(path.read_text() + "\n[pagination]\nlistKeepers = false\n")
    assert run("generate", "-o", out).returncode == 0
    assert "    async def list_keepers(" in keepers.read_text()  # a plain coroutine again
    assert '"listKeepers" = false' in path.read_text()  # kept when the file is rewritten
    path.write_text(
        path.read_text().replace(
            '"listKeepers" = false',
            'list_keepers = {style = "cursor", items = "keepers", param = "cursor", '
            'next_cursor = "next_cursor", size_param = "limit"}',
        )
    )
    assert run("generate", "-o", out).returncode == 0
    assert 'size_param="limit"' in keepers.read_text()
    recorded = config.read(out)
    assert recorded is not None and recorded.pagination is not None


def test_a_bad_recorded_pagination_is_a_warning_or_a_clear_error(tmp_path: Path) -> None:
    out = tmp_path / "sdk"
    assert run("generate", SHOWCASE, "-o", out).returncode == 0
    path = out / config.CONFIG_FILE
    text = path.read_text()
    path.write_text(text + '\n[pagination]\nlistKeepers = {style = "pages"}\n')
    result = run("generate", "-o", out)
    assert result.returncode == 0
    assert "aiosdkgen.toml#/pagination/listKeepers/style" in result.stderr + result.stdout
    strict = run("generate", "-o", out, "--strict")
    assert strict.returncode == 1 and "Traceback" not in strict.stderr
    assert "#/pagination/listKeepers/style" in strict.stderr
    path.write_text(text + "\n[pagination]\nlistKeepers = 3\n")
    result = run("generate", "-o", out)
    assert result.returncode == 1 and "pagination.listKeepers must be false" in result.stderr
