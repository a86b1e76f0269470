"""The generators compared: aiosdkgen and its peers, each peer pinned in its own venv.

A peer is installed by the bench into ``.cache/bench/venvs/<name>`` (git-ignored) the first time
it is needed. The generated SDKs of every generator run in one shared venv
(``.cache/bench/venvs/sdk-runtime``, pinned in ``bench/requirements-sdk.txt``) so they import the
same aiohttp and pydantic.
"""

from __future__ import annotations

import subprocess
import sys
import venv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .common import BENCH, CACHE, child_env

VENVS = CACHE / "venvs"
SDK_REQUIREMENTS = BENCH / "requirements-sdk.txt"


@dataclass(frozen=True)
class Generator:
    name: str
    label: str  # short column name in the tables
    requirement: str | None  # pinned pip requirement; None: aiosdkgen from this checkout
    command: Callable[[Generator, Path, Path, str], list[str]]  # (spec, output, package)

    @property
    def venv(self) -> Path:
        return VENVS / self.name

    @property
    def bin(self) -> Path:
        return self.venv / "bin" if self.requirement else Path(sys.executable).parent

    def env(self) -> dict[str, str]:
        """Child environment: the generator's venv first on PATH (its ruff, black, java...)."""
        base = child_env()
        base["PATH"] = f"{self.bin}:{base.get('PATH', '')}"
        return base


def _aiosdkgen(gen: Generator, spec: Path, out: Path, package: str) -> list[str]:
    return [sys.executable, "-m", "aiosdkgen", "generate", str(spec), "-o", str(out),
            "--package-name", package]  # fmt: skip


def _opc(gen: Generator, spec: Path, out: Path, package: str) -> list[str]:
    out.mkdir(parents=True, exist_ok=True)
    config = out.parent / f"{out.name}.opc.yaml"
    config.write_text(f"package_name_override: {package}\nproject_name_override: {package}\n")
    return [str(gen.bin / "openapi-python-client"), "generate", "--path", str(spec),
            "--output-path", str(out / package), "--meta", "none", "--config", str(config),
            "--overwrite"]  # fmt: skip


def _oag(gen: Generator, spec: Path, out: Path, package: str) -> list[str]:
    return [str(gen.bin / "openapi-generator-cli"), "generate", "-i", str(spec), "-g", "python",
            "-o", str(out), "--library", "asyncio", "--additional-properties",
            f"packageName={package},projectName={package}"]  # fmt: skip


def _opg(gen: Generator, spec: Path, out: Path, package: str) -> list[str]:
    return [str(gen.bin / "openapi-python-generator"), str(spec), str(out / package),
            "--library", "aiohttp"]  # fmt: skip


# Every generator writes the importable package to OUTPUT/PACKAGE.
GENERATORS: dict[str, Generator] = {
    gen.name: gen
    for gen in (
        Generator("aiosdkgen", "aiosdkgen", None, _aiosdkgen),
        Generator("openapi-python-client", "opc", "openapi-python-client==0.29.1", _opc),
        Generator("openapi-generator", "oag", "openapi-generator-cli==7.26.0", _oag),
        Generator("openapi-python-generator", "opg", "openapi-python-generator==2.1.2", _opg),
    )
}
PEERS = [name for name in GENERATORS if name != "aiosdkgen"]


def _marker(path: Path) -> Path:
    return path / ".bench-installed"


def _ensure_venv(path: Path, requirements: list[str], log: Callable[[str], None]) -> None:
    """Create `path` with exactly `requirements` installed, unless an earlier run did."""
    wanted = "\n".join(requirements)
    marker = _marker(path)
    if marker.is_file() and marker.read_text() == wanted:
        return
    log(f"installing {', '.join(requirements)} into {path}")
    venv.EnvBuilder(clear=True, with_pip=True).create(path)
    subprocess.run(
        [str(path / "bin" / "python"), "-m", "pip", "install", "--quiet", *requirements],
        check=True,
        env=child_env(),
    )
    marker.write_text(wanted)


def ensure_generator(gen: Generator, log: Callable[[str], None]) -> None:
    if gen.requirement is not None:
        _ensure_venv(gen.venv, [gen.requirement], log)


def sdk_requirements() -> list[str]:
    lines = SDK_REQUIREMENTS.read_text().splitlines()
    return [line.split("#")[0].strip() for line in lines if line.split("#")[0].strip()]


def sdk_python(with_peers: bool, log: Callable[[str], None]) -> Path:
    """The interpreter that imports and drives generated SDKs.

    With peers: the shared pinned venv (every SDK's dependencies). Without (the CI smoke run):
    this interpreter, which has aiosdkgen's runtime dependencies.
    """
    if not with_peers:
        return Path(sys.executable)
    path = VENVS / "sdk-runtime"
    _ensure_venv(path, sdk_requirements(), log)
    return path / "bin" / "python"
