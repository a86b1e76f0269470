"""The committed SDKs in generated/: up to date, deterministic, type-checked, lint-clean,
and buildable into a wheel and sdist that install in a fresh virtual environment."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.conftest import GENERATED, SPECS

SPEC_FILES = sorted(SPECS.glob("*.yaml"))
PROJECTS = [GENERATED / spec.stem for spec in SPEC_FILES]


def package_of(project: Path) -> str:
    [package] = [p.parent.name for p in project.glob("*/py.typed")]
    return package


def test_every_spec_has_a_generated_sdk() -> None:
    assert SPEC_FILES, "specs/ holds no spec"
    assert sorted(p.name for p in GENERATED.iterdir() if p.is_dir()) == [s.stem for s in SPEC_FILES]


@pytest.mark.parametrize("seed", ["0", "12345"])
@pytest.mark.parametrize("spec", SPEC_FILES, ids=lambda s: s.stem)
def test_generated_is_up_to_date_and_deterministic(spec: Path, seed: str) -> None:
    """Regenerating under different hash seeds gives exactly the committed bytes."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "aiosdkgen",
            "generate",
            str(spec),
            "-o",
            str(GENERATED / spec.stem),
            "--check",
        ],
        env={**os.environ, "PYTHONHASHSEED": seed},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, (
        f"generated/{spec.stem} is stale; run `make regenerate`:\n{result.stderr}"
    )


@pytest.mark.parametrize("project", PROJECTS, ids=lambda p: p.name)
def test_generated_passes_mypy_strict(project: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--cache-dir",
            str(tmp_path),
            package_of(project),
        ],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize("project", PROJECTS, ids=lambda p: p.name)
def test_generated_passes_ruff(project: Path) -> None:
    from ruff.__main__ import find_ruff_bin

    for command in (["check", "--no-cache", "."], ["format", "--check", "--no-cache", "."]):
        result = subprocess.run(
            [find_ruff_bin(), *command], cwd=project, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_generated_project_builds_and_installs_in_a_fresh_venv(tmp_path: Path) -> None:
    project = GENERATED / "petstore"
    package = package_of(project)
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(dist), str(project)],
        check=True,
        capture_output=True,
    )
    wheel, sdist = sorted(dist.glob("*.whl")), sorted(dist.glob("*.tar.gz"))
    assert len(wheel) == 1 and len(sdist) == 1
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    payload = '{"name": "x", "photoUrls": []}'
    check = f"import {package}.models as m; print(m.Pet.model_validate_json({payload!r}).name)"
    for artifact in (wheel[0], sdist[0]):
        subprocess.run(
            [python, "-m", "pip", "install", "-q", "--force-reinstall", str(artifact)],
            check=True,
            capture_output=True,
        )
        out = subprocess.run(
            [python, "-c", check], cwd=tmp_path, check=True, capture_output=True, text=True
        )
        assert out.stdout.strip() == "x"


@pytest.mark.parametrize(
    "project",
    # showcase has operations without a tag: they live on the client itself.
    [GENERATED / "petstore", GENERATED / "showcase"],
    ids=lambda project: project.name,
)
def test_import_and_construction_load_neither_aiohttp_nor_pydantic(project: Path) -> None:
    """`import sdk; sdk.Client(...)` stays cheap: the heavy libraries (and asyncio, multidict
    and yarl, which only requests need) load with the first call."""
    package = package_of(project)
    script = (
        f"import sys, {package}\n"
        f"client = {package}.Client(base_url='http://127.0.0.1:9', timeout=5)\n"
        "names = ('aiohttp', 'pydantic', 'pydantic_core', 'asyncio', 'multidict', 'yarl')\n"
        "heavy = sorted(m for m in names if m in sys.modules)\n"
        "print(','.join(heavy) or 'none')\n"
        "print(client.timeout.total, client.timeout.connect)\n"
        "print(','.join(m for m in ('aiohttp', 'pydantic') if m in sys.modules))\n"
        f"print(','.join(m for m in sys.modules if m.endswith(('_streaming', '_pagination'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=project, capture_output=True, text=True, check=True
    )
    # Streams and pagers load with the first method returning one.
    assert result.stdout.splitlines() == ["none", "5.0 None", "aiohttp", ""]


def test_an_operation_loads_only_its_own_models() -> None:
    """A resource module imports no models; an operation's first use imports just its own."""
    script = (
        "import sys\n"
        "from swagger_petstore_client.resources import store\n"
        "def models():\n"
        "    prefix = 'swagger_petstore_client.models.'\n"
        "    return sorted(m.removeprefix(prefix) for m in sys.modules if m.startswith(prefix))\n"
        "print(models(), 'pydantic' in sys.modules)\n"
        "endpoint = store._get_order_by_id_endpoint()\n"
        "assert store._get_order_by_id_endpoint() is endpoint\n"
        "print(models(), endpoint.responses['200'].type.__name__)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=GENERATED / "petstore",
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.splitlines() == ["[] False", "['_order'] Order"]


def test_an_error_model_loads_only_when_its_error_is_decoded() -> None:
    """An error response's model (which can reach much of an API) is not imported by the first
    call; it loads when that error's body is decoded."""
    script = (
        "import sys\n"
        "from showcase_client.resources import animals\n"
        "def loaded(name):\n"
        "    return f'showcase_client.models._{name}' in sys.modules\n"
        "endpoint = animals._get_animal_endpoint()\n"
        "print(loaded('animal_page'), loaded('error'))\n"
        "print(endpoint.responses['404'].type.__name__, loaded('error'))\n"
        "print(animals._list_animals_endpoint().responses['default'].type is "
        "endpoint.responses['404'].type)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=GENERATED / "showcase",
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.splitlines() == ["True False", "Error True", "True"]
