"""Text from a spec can never become code: a spec full of injection attempts generates an SDK
that compiles, imports, executes none of the text and writes only inside its output."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from aiosdkgen.pipeline import generate
from aiosdkgen.writer import write


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
    result = generate(spec, package_name="hostile_sdk")
    output = tmp_path / "out" / "project"
    write(result.files, output, overwrite=False, version="test")

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
    from ruff.__main__ import find_ruff_bin

    lint = subprocess.run(
        [find_ruff_bin(), "check", "--no-cache", "."],
        cwd=output,
        capture_output=True,
        text=True,
        check=False,
    )
    assert lint.returncode == 0, lint.stdout[-3000:]
    # The hostile text survives intact as data (docstrings hold it verbatim).
    source = (output / "hostile_sdk" / "models" / "class_.py").read_text()
    assert "{{" in source and '\\"\\"\\"' in source
