"""The cache: validation results are remembered by document and validator (and large
documents are validated in a child process while the parent parses them); formatted output
is remembered by the unformatted files and ruff's version; whole generations are remembered by
the spec, the files it refers to, the options and the generator."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from aiosdkgen import output, parser, pipeline, validation
from aiosdkgen.cli import main
from aiosdkgen.diagnostics import SpecError
from aiosdkgen.spec import load
from aiosdkgen.speed import Speedups, memo
from aiosdkgen.speed import validation as validation_cache

from tests.conftest import spec_document

INVALID = spec_document(paths={"/a": {"get": {"responses": {"200": {}}}}})


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("AIOSDKGEN_CACHE_DIR", str(directory))
    return directory


def _calls(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[dict[str, Any]]:
    """The documents `module.name` is called with from now on, in this process."""
    seen: list[dict[str, Any]] = []
    real = getattr(module, name)

    def counting(document: dict[str, Any], *args: Any) -> Any:
        seen.append(document)
        return real(document, *args)

    monkeypatch.setattr(module, name, counting)
    return seen


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Every document the real validator is run on, in this process."""
    return _calls(monkeypatch, validation, "validate")


def test_a_document_is_validated_once_and_its_problems_replayed(
    cache: Path, validations: list[Any], write_spec: Callable[..., Path]
) -> None:
    spec = write_spec(INVALID)
    with pytest.raises(SpecError) as first:
        pipeline.build_api(spec, speed=Speedups())
    with pytest.raises(SpecError) as second:
        pipeline.build_api(spec, speed=Speedups())
    assert len(validations) == 1
    assert second.value.problems == first.value.problems
    assert [p.pointer for p in first.value.problems] == ["#/paths/~1a/get/responses/200"]
    assert len(list((cache / "validation").glob("*.json"))) == 1


def test_a_changed_document_or_no_cache_validates_again(
    cache: Path, validations: list[Any], write_spec: Callable[..., Path]
) -> None:
    pipeline.build_api(write_spec(spec_document()), speed=Speedups())
    pipeline.build_api(
        write_spec(spec_document(info={"title": "Other", "version": "1"})), speed=Speedups()
    )
    pipeline.build_api(write_spec(spec_document()), speed=Speedups(cache=False))
    assert len(validations) == 3


def test_a_bundled_document_is_known_by_its_content_not_its_root_file(
    cache: Path, validations: list[Any], tmp_path: Path
) -> None:
    """A single file's document is cached by the file's bytes; a document bundled from several
    by the bundled whole, so a change to a referenced file is validated again."""
    shared = tmp_path / "shared.yaml"
    shared.write_text("Thing:\n  type: object\n")
    root = tmp_path / "api.yaml"
    document = spec_document({"Thing": {"$ref": "shared.yaml#/Thing"}})
    root.write_text(json.dumps(document))
    pipeline.build_api(root, speed=Speedups())
    pipeline.build_api(root, speed=Speedups())
    assert len(validations) == 1
    shared.write_text("Thing:\n  type: strin\n")
    with pytest.raises(SpecError) as caught:
        pipeline.build_api(root, speed=Speedups())
    assert len(validations) == 2
    assert "strin" in str(caught.value)


def test_a_corrupt_cache_entry_is_ignored_and_replaced(
    cache: Path, validations: list[Any], write_spec: Callable[..., Path]
) -> None:
    spec = write_spec(INVALID)
    with pytest.raises(SpecError):
        pipeline.build_api(spec, speed=Speedups())
    (entry,) = (cache / "validation").glob("*.json")
    entry.write_text("[[1, 2", encoding="utf-8")
    with pytest.raises(SpecError):
        pipeline.build_api(spec, speed=Speedups())
    assert len(validations) == 2
    assert json.loads(entry.read_text(encoding="utf-8"))[0][0] == "error"


def test_an_unwritable_cache_costs_only_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write_spec: Callable[..., Path]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("AIOSDKGEN_CACHE_DIR", str(blocker / "cache"))
    with pytest.raises(SpecError):
        pipeline.build_api(write_spec(INVALID), speed=Speedups())


def test_the_cli_no_cache_flag(
    cache: Path, write_spec: Callable[..., Path], tmp_path: Path
) -> None:
    spec = write_spec(spec_document())
    assert main(["generate", str(spec), "-o", str(tmp_path / "a"), "--no-cache"]) == 0
    assert not (cache / "validation").exists()
    assert main(["generate", str(spec), "-o", str(tmp_path / "b")]) == 0
    assert len(list((cache / "validation").glob("*.json"))) == 1


def test_a_large_document_is_validated_in_a_child_process(
    cache: Path,
    validations: list[Any],
    monkeypatch: pytest.MonkeyPatch,
    write_spec: Callable[..., Path],
) -> None:
    """The parent only parses: the validator runs (and finds the problem) in the child."""
    monkeypatch.setattr(validation_cache, "_BACKGROUND_FROM_BYTES", 0)
    document = load(write_spec(INVALID))
    problems = validation_cache.start(document)()
    assert validations == []  # the monkeypatched counter lives in this process only
    assert [p.pointer for p in problems] == ["#/paths/~1a/get/responses/200"]
    with pytest.raises(SpecError) as raised:
        pipeline.build_api(write_spec(INVALID), speed=Speedups(cache=False))
    assert raised.value.problems == problems


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_formatting_is_done_once_per_distinct_set_of_files(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {
        "pkg/mod.py": "import os\nimport sys\nx=1\nprint( sys.argv )\n",
        "pyproject.toml": "[tool.ruff]\nline-length = 99\n",
    }
    output.write(files, tmp_path / "first", version="1", speed=Speedups())
    formatted = _tree(tmp_path / "first")
    assert formatted["pkg/mod.py"] == b"import sys\n\nx = 1\nprint(sys.argv)\n"

    def no_ruff(root: Path) -> None:
        raise AssertionError("ruff ran again for the same files")

    monkeypatch.setattr(output.formatting, "format_tree", no_ruff)
    output.write(files, tmp_path / "second", version="1", speed=Speedups())
    assert _tree(tmp_path / "second") == formatted

    changed = {**files, "pkg/mod.py": "x=2\n"}
    with pytest.raises(AssertionError, match="ruff ran again"):
        output.write(changed, tmp_path / "third", version="1", speed=Speedups())
    assert not (tmp_path / "third").exists()


def test_a_corrupt_formatted_entry_is_formatted_again(cache: Path, tmp_path: Path) -> None:
    files = {"m.py": "x=1\n"}
    output.write(files, tmp_path / "a", version="1", speed=Speedups())
    (entry,) = (cache / "formatted").glob("*.json")
    entry.write_text('{"other.py": "x=1\\n"}', encoding="utf-8")  # valid JSON, wrong files
    output.write(files, tmp_path / "b", version="1", speed=Speedups())
    assert (tmp_path / "b" / "m.py").read_text(encoding="utf-8") == "x = 1\n"
    assert not (tmp_path / "b" / "other.py").exists()


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Every document parsed in this process: a remembered generation parses nothing."""
    return _calls(monkeypatch, parser, "parse")


def _spec_with_a_warning() -> dict[str, Any]:
    # An enum of mixed value types falls back to Any with a warning.
    return spec_document({"Thing": {"type": "object", "properties": {"x": {"enum": ["a", 1]}}}})


def test_a_repeated_generation_is_remembered_whole_warnings_included(
    cache: Path, parses: list[Any], write_spec: Callable[..., Path]
) -> None:
    spec = write_spec(_spec_with_a_warning())
    first = pipeline.generate(spec, speed=Speedups())
    assert first.warnings, "the spec was meant to produce a warning"
    second = pipeline.generate(spec, speed=Speedups())
    assert len(parses) == 1
    assert second == first
    assert len(list((cache / "generated").glob("*.json"))) == 1


@pytest.mark.parametrize(
    "change",
    [
        pytest.param({"package_name": "other_sdk"}, id="package name"),
        pytest.param({"version": "9.9.9"}, id="version"),
        pytest.param({"lenient": True}, id="lenient"),
        pytest.param({"cache": False}, id="no cache"),
    ],
)
def test_other_options_or_no_cache_generate_again(
    cache: Path, parses: list[Any], write_spec: Callable[..., Path], change: dict[str, Any]
) -> None:
    spec = write_spec(spec_document())
    first = pipeline.generate(spec, speed=Speedups())
    speed = Speedups(cache=change.pop("cache", True))
    second = pipeline.generate(spec, pipeline.Choices(**change), speed)
    assert len(parses) == 2
    assert second.options != first.options or speed.cache is False or "lenient" in change


def test_a_changed_spec_or_generator_generates_again(
    cache: Path,
    parses: list[Any],
    write_spec: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spec = write_spec(spec_document())
    pipeline.generate(spec, speed=Speedups())
    write_spec(spec_document(info={"title": "Renamed", "version": "1.0.0"}))
    assert pipeline.generate(spec, speed=Speedups()).options.package_name == "renamed_client"
    monkeypatch.setattr(memo, "fingerprint", lambda: b"another generator")
    pipeline.generate(spec, speed=Speedups())
    assert len(parses) == 3


def test_a_changed_referenced_file_generates_again(
    cache: Path, parses: list[Any], tmp_path: Path, write_spec: Callable[..., Path]
) -> None:
    def common(description: str) -> None:
        schemas = {"Pet": {"type": "object", "description": description}}
        write_spec({"components": {"schemas": schemas}}, name="common.json")

    common("First words.")
    spec = write_spec(spec_document({"Pet": {"$ref": "common.json#/components/schemas/Pet"}}))
    first = pipeline.generate(spec, speed=Speedups())
    assert pipeline.generate(spec, speed=Speedups()) == first
    common("Second words.")
    second = pipeline.generate(spec, speed=Speedups())
    assert len(parses) == 2
    (pet,) = [text for path, text in second.files.items() if path.endswith("models/_pet.py")]
    assert "Second words." in pet


def test_a_corrupt_remembered_generation_is_generated_again(
    cache: Path, parses: list[Any], write_spec: Callable[..., Path]
) -> None:
    spec = write_spec(spec_document())
    first = pipeline.generate(spec, speed=Speedups())
    (entry,) = (cache / "generated").glob("*.json")
    entry.write_text('{"sources": {}, "files": 3}', encoding="utf-8")
    assert pipeline.generate(spec, speed=Speedups()) == first
    assert len(parses) == 2


def test_a_failed_generation_is_not_remembered(
    cache: Path, parses: list[Any], write_spec: Callable[..., Path]
) -> None:
    spec = write_spec(INVALID)
    for _ in range(2):
        with pytest.raises(SpecError):
            pipeline.generate(spec, speed=Speedups())
    assert not (cache / "generated").exists()


def test_each_kind_keeps_its_most_recently_used_entries(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from aiosdkgen.speed import store

    monkeypatch.setattr(store, "MAX_ENTRIES", 3)
    entries = [store.entry("kind", f"key{index}") for index in range(5)]
    for age, entry in enumerate(entries[:3]):
        store.store(entry, age)
        os.utime(entry, (1000 + age, 1000 + age))
    assert store.read(entries[0]) == 0  # used: now the most recent
    store.store(entries[3], 3)
    store.store(entries[4], 4)
    assert sorted(p.name for p in (cache / "kind").glob("*.json")) == [
        "key0.json",
        "key3.json",
        "key4.json",
    ]
