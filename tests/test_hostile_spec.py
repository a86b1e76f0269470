"""Text from a spec can never become code: a spec full of injection attempts generates an SDK
that compiles, imports, executes none of the text and writes only inside its output."""

from __future__ import annotations

import json
import keyword
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from aiosdkgen import ir
from aiosdkgen.output import write
from aiosdkgen.pipeline import Choices, default_options, generate
from ruff.__main__ import find_ruff_bin

from tests.hostile import FIELDS, payload_classes


def hostile_spec(marker: Path) -> dict[str, Any]:
    run = f"__import__('pathlib').Path({str(marker)!r}).touch()"
    payloads = [
        f'"""; {run}; """',
        f"'; {run}; '",
        f'\\"""\n{run}\n#',
        f"{{{{ {run} }}}} {{% raw %}}",
        f"\x00\x1b\r\n{run}\u2028",
        "A" * 10_000,
        "\\",
        '"',
    ]
    text = "\n".join(payloads)
    names = ["class", "__init__", "_runtime", "models", "errors", "Client", "BaseModel", "str",
             "list", "os", "sys", "typing", "self", "None", "../../etc", "/abs", "Ехо", "A" * 10_000,
             run, "pydantic", "Field", "NOT_GIVEN", "request", "close"]  # fmt: skip
    # Component names must match ^[a-zA-Z0-9._-]+$ (the validator enforces it); all else is free.
    component_names = [name for name in names if re.fullmatch(r"[a-zA-Z0-9._-]+", name)]
    schemas: dict[str, Any] = {}
    for index, name in enumerate(component_names):
        schemas[name] = {
            "type": "object",
            "title": text,
            "description": text,
            "properties": {
                other: {
                    "type": "string",
                    "description": text,
                    "default": payloads[index % len(payloads)],
                }
                for other in names
            },
        }
    schemas["Evil_Enum"] = {"type": "string", "enum": [*payloads, *names], "description": text}
    schemas["IntEnum"] = {"type": "integer", "enum": [1, -1, 10**30]}
    paths: dict[str, Any] = {}
    for index, name in enumerate(names):
        paths[f"/p{index}/{{{name[:50]}}}/'\"\\"] = {
            "post": {
                "operationId": name,
                "tags": [name],
                "summary": text,
                "description": text,
                "parameters": [
                    {
                        "name": name[:50],
                        "in": "path",
                        "required": True,
                        "description": text,
                        "schema": {"type": "string"},
                    },
                    *[
                        {
                            "name": other,
                            "in": location,
                            "description": text,
                            "schema": {"type": "string", "enum": payloads},
                        }
                        for other in names
                        for location in ("query", "header", "cookie")
                    ],
                ],
                "requestBody": {
                    "content": {
                        "application/json": {
                            "schema": {
                                "$ref": f"#/components/schemas/{component_names[index % len(component_names)]}"
                            }
                        }
                    }
                },
                "responses": {
                    "200": {
                        "description": text,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/Evil_Enum"}
                            }
                        },
                    }
                },
                "security": [{component_names[index % len(component_names)]: []}],
            }
        }
    return {
        "openapi": "3.1.0",
        "info": {"title": text, "version": text, "description": text, "license": {"name": text}},
        "servers": [{"url": f"https://example.com/'\"{run}"}],
        "tags": [{"name": name, "description": text} for name in names],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                name: {"type": "apiKey", "in": "header", "name": text[:100], "description": text}
                for name in component_names
            },
        },
    }


def test_hostile_spec_yields_inert_working_sdk(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    spec = tmp_path / "hostile.json"
    spec.write_text(json.dumps(hostile_spec(marker)))
    result = generate(spec, Choices(package_name="hostile_sdk"))
    output = tmp_path / "out" / "project"
    write(result.files, output, version="test")

    written = {p.resolve() for p in tmp_path.rglob("*") if p.is_file()}
    assert all(p.is_relative_to(tmp_path) for p in written)
    assert not any(".." in part for path in result.files for part in Path(path).parts)

    # Compile everything, then import every module and build the client, in a fresh process.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(output)], check=True)
    script = (
        "import importlib, pkgutil, sys\n"
        f"sys.path.insert(0, {str(output)!r})\n"
        "import hostile_sdk, hostile_sdk.models as models\n"
        "for info in pkgutil.walk_packages(hostile_sdk.__path__, 'hostile_sdk.'):\n"
        "    importlib.import_module(info.name)\n"
        "for name in models.__all__:\n"
        "    getattr(models, name)\n"
        "client = hostile_sdk.Client()\n"
        "print(len(models.__all__))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert int(run.stdout) >= 26
    assert not marker.exists(), "text from the spec was executed"
    lint = subprocess.run(
        [find_ruff_bin(), "check", "--no-cache", "."],
        cwd=output,
        capture_output=True,
        text=True,
        check=False,
    )
    assert lint.returncode == 0, lint.stdout[-3000:]
    # The hostile text survives intact as data (docstrings hold it verbatim).
    source = (output / "hostile_sdk" / "models" / "_class_.py").read_text()
    assert "{{" in source and '\\"\\"\\"' in source


_IMPORT_EVERYTHING = """
import importlib, pkgutil, sys
sys.path.insert(0, sys.argv[1])
import hostile_sdk, hostile_sdk.models as models
for info in pkgutil.walk_packages(hostile_sdk.__path__, "hostile_sdk."):
    importlib.import_module(info.name)
for name in models.__all__:
    getattr(models, name)
hostile_sdk.Client(base_url="http://127.0.0.1:9")
import tests.conftest  # the generated tests: importing them runs no test
for info in pkgutil.iter_modules(["tests"], "tests."):
    importlib.import_module(info.name)
"""


def _files(root: Path) -> set[Path]:
    return {path for path in root.rglob("*") if path.is_file() or path.is_symlink()}


PAYLOAD_COUNT = sum(len(v) for v in payload_classes(Path("s"), Path("r")).values())


@pytest.mark.parametrize("field", sorted(FIELDS))
def test_every_payload_in_one_field_yields_an_inert_working_sdk(tmp_path: Path, field: str) -> None:
    """One spec per attacked field, carrying every payload class there. The SDK compiles,
    imports (package and generated tests, in a fresh process), lints clean, none of the text
    ran, and nothing was written outside the output directory."""
    sentinel = tmp_path / "pwned"
    payloads = [p for group in payload_classes(sentinel, tmp_path).values() for p in group]
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(FIELDS[field](payloads)))
    before = _files(tmp_path)
    output = tmp_path / "out"
    result = generate(spec, Choices(package_name="hostile_sdk", lenient=True))
    assert all(
        ".." not in Path(path).parts and not Path(path).is_absolute() for path in result.files
    )
    write(result.files, output, version="test")
    assert not sentinel.exists(), "text from the spec ran while generating"
    assert {path for path in _files(tmp_path) - before if not path.is_relative_to(output)} == set()

    checks = [
        [sys.executable, "-m", "compileall", "-q", "."],
        [sys.executable, "-c", _IMPORT_EVERYTHING, str(output)],
        [find_ruff_bin(), "check", "--no-cache", "--quiet", "."],
    ]
    for command in checks:
        run = subprocess.run(command, cwd=output, capture_output=True, text=True, check=False)
        assert run.returncode == 0, (command[-2:], (run.stdout + run.stderr)[-3000:])
    assert not sentinel.exists(), "text from the spec ran in the generated SDK"
    assert {path for path in _files(tmp_path) - before if not path.is_relative_to(output)} == set()


def test_a_combined_hostile_sdk_passes_mypy_strict(tmp_path: Path) -> None:
    """Every payload in the fields that become Python names, types and literals, together."""
    sentinel = tmp_path / "pwned"
    payloads = [p for group in payload_classes(sentinel, tmp_path).values() for p in group]
    document = FIELDS["property names"](payloads)
    for field in ("enum values", "defaults", "parameters", "operationIds", "tags", "examples",
                  "schema names", "security schemes"):  # fmt: skip
        part = FIELDS[field](payloads)
        document["paths"].update(part["paths"])
        document["components"]["schemas"].update(part["components"]["schemas"])
        document["components"].update(
            {k: v for k, v in part["components"].items() if k != "schemas"}
        )
        document.update({k: v for k, v in part.items() if k in ("tags", "security")})
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(document))
    output = tmp_path / "out"
    result = generate(spec, Choices(package_name="hostile_sdk", lenient=True))
    write(result.files, output, version="test")
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / ".mypy"),
         "hostile_sdk"],
        cwd=output, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout[-3000:]
    assert not sentinel.exists()


@pytest.mark.parametrize(
    "tagged",
    [
        "!!python/object/apply:os.system ['touch {sentinel}']",
        "!!python/object/new:subprocess.Popen [['touch', '{sentinel}']]",
        "!!python/name:os.system",
        "!<tag:yaml.org,2002:python/object/apply:os.system> ['touch {sentinel}']",
    ],
)
def test_yaml_tags_that_construct_python_objects_are_refused(tmp_path: Path, tagged: str) -> None:
    """The loader is YAML-safe: a tag that would construct Python objects is an error (exit 1,
    with its position), and nothing runs."""
    sentinel = tmp_path / "pwned"
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths: {}\n"
        f"x-payload: {tagged.format(sentinel=sentinel)}\n"
    )
    run = subprocess.run(
        [sys.executable, "-m", "aiosdkgen", "generate", str(spec), "-o", str(tmp_path / "out")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == 1, run.stderr
    assert "is not valid YAML" in run.stderr and "line 4" in run.stderr
    assert "Traceback" not in run.stderr
    assert not sentinel.exists() and not (tmp_path / "out").exists()


def test_every_payload_as_title_and_version_names_a_valid_package(tmp_path: Path) -> None:
    """Without --package-name the package, project and version come from `info`: from any
    payload, they are a valid import name, distribution name and version."""
    payloads = [p for group in payload_classes(tmp_path / "s", tmp_path).values() for p in group]
    for payload in payloads:
        info = ir.ApiInfo(title=payload.strip() or "API", description=None, version=payload,
                          license=None)  # fmt: skip
        options = default_options(ir.Api(info=info, declarations={}))
        package = options.package_name
        assert package.isidentifier() and package.isascii() and not keyword.iskeyword(package)
        assert re.fullmatch(r"[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?", options.project_name)
        assert re.fullmatch(r"\d+(\.\d+)*", options.version)
