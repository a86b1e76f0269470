"""The generators compared: aiosdkgen and its peers, each peer pinned in its own venv.

A peer is installed by the bench into ``.cache/bench/venvs/<name>`` (git-ignored) the first time
it is needed. The generated SDKs of every generator run in one shared venv
(``.cache/bench/venvs/sdk-runtime``, pinned in ``bench/requirements-sdk.txt``) so they import the
same aiohttp and pydantic.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import venv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .common import BENCH, CACHE, ROOT, child_env

VENVS = CACHE / "venvs"
SDK_REQUIREMENTS = BENCH / "requirements-sdk.txt"


@dataclass(frozen=True)
class Generator:
    name: str
    label: str  # short column name in the tables
    requirement: str | None  # pinned pip requirement; None: aiosdkgen from a wheel we built
    command: Callable[[Generator, Path, Path, str], list[str]]  # (spec, output, package)
    python: Path | None = None  # aiosdkgen@REV: its venv's interpreter (else this interpreter)
    source: str = "this checkout"  # what is installed (reported in the results' meta)

    @property
    def venv(self) -> Path:
        return VENVS / self.name

    @property
    def kind(self) -> str:
        """The generator's family: ``aiosdkgen@REV`` is aiosdkgen at another revision."""
        return self.name.split("@", 1)[0]

    @property
    def is_aiosdkgen(self) -> bool:
        return self.kind == "aiosdkgen"

    @property
    def bin(self) -> Path:
        if self.python is not None:
            return self.python.parent
        return self.venv / "bin" if self.requirement else Path(sys.executable).parent

    def env(self, cache_dir: Path | None = None) -> dict[str, str]:
        """Child environment: the generator's venv first on PATH (its ruff, black, java...);
        aiosdkgen's caches in `cache_dir` when given ($AIOSDKGEN_CACHE_DIR)."""
        base = child_env()
        base["PATH"] = f"{self.bin}:{base.get('PATH', '')}"
        if cache_dir is not None:
            base["AIOSDKGEN_CACHE_DIR"] = str(cache_dir)
        return base


def _aiosdkgen(gen: Generator, spec: Path, out: Path, package: str) -> list[str]:
    python = gen.python or Path(sys.executable)
    return [str(python), "-m", "aiosdkgen", "generate", str(spec), "-o", str(out),
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
        Generator("aiosdkgen", "aiosdkgen", None, _aiosdkgen),  # the checkout the bench runs
        Generator("openapi-python-client", "opc", "openapi-python-client==0.29.1", _opc),
        Generator("openapi-generator", "oag", "openapi-generator-cli==7.26.0", _oag),
        Generator("openapi-python-generator", "opg", "openapi-python-generator==2.1.2", _opg),
    )
}
PEERS = [name for name in GENERATORS if name != "aiosdkgen"]


def _git(*arguments: str) -> str:
    result = subprocess.run(["git", *arguments], cwd=ROOT, capture_output=True, check=True)
    return result.stdout.decode().strip()


def baseline_generator(revision: str, log: Callable[[str], None]) -> Generator:
    """aiosdkgen as it was at git `revision`, as one more generator (``aiosdkgen@<sha>``).

    `git archive` exports the revision into a temporary directory, ``pip wheel --no-deps``
    builds its wheel, and the wheel is installed into ``.cache/bench/venvs/aiosdkgen@<sha>``
    with its dependencies pinned to the versions installed beside the bench's interpreter
    (``pip freeze``), so only aiosdkgen's own code differs. Built once per revision.
    """
    sha = _git("rev-parse", "--verify", f"{revision}^{{commit}}")
    short = _git("rev-parse", "--short=7", sha)
    freeze = subprocess.run(
        [sys.executable, "-m", "pip", "freeze", "--exclude-editable"],
        capture_output=True, text=True, check=True, env=child_env(),
    ).stdout.splitlines()  # fmt: skip
    pins = sorted(line for line in freeze if line and not line.lower().startswith("aiosdkgen"))
    venv_path = VENVS / f"aiosdkgen@{sha}"
    python = venv_path / "bin" / "python"
    gen = Generator(f"aiosdkgen@{short}", f"@{short}", None, _aiosdkgen, python, f"commit {sha}")
    wanted = "\n".join([sha, *pins])
    marker = _marker(venv_path)
    if marker.is_file() and marker.read_text() == wanted:
        return gen
    log(f"building aiosdkgen's wheel at {short} into {venv_path}")
    with tempfile.TemporaryDirectory(prefix="aiosdkgen-baseline-") as temporary:
        source, wheels = Path(temporary) / "source", Path(temporary) / "wheels"
        source.mkdir()
        archive = subprocess.run(["git", "archive", sha], cwd=ROOT, capture_output=True,
                                 check=True).stdout  # fmt: skip
        subprocess.run(["tar", "-x", "-C", str(source)], input=archive, check=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheels),
             str(source)],
            check=True, env=child_env(),
        )  # fmt: skip
        (wheel,) = wheels.glob("aiosdkgen-*.whl")
        constraints = Path(temporary) / "constraints.txt"
        constraints.write_text("\n".join(pins) + "\n")
        if venv_path.exists():
            shutil.rmtree(venv_path)
        venv.EnvBuilder(clear=True, with_pip=True).create(venv_path)
        subprocess.run(
            [str(venv_path / "bin" / "python"), "-m", "pip", "install", "--quiet",
             "-c", str(constraints), str(wheel)],
            check=True, env=child_env(),
        )  # fmt: skip
    marker.write_text(wanted)
    return gen


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
