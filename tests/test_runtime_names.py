"""Names the generated code shares with the runtime, read from the runtime itself: a spec that
uses every one of them as a security scheme, a tag, an operationId, a parameter and a property
still gives a client that imports, constructs, calls every operation and type-checks."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer
from aiosdkgen import parser
from aiosdkgen.runtime_names import (
    client_arguments,
    client_attributes,
    error_classes,
    method_arguments,
    parameter_styles,
)

from tests.conftest import spec_document

NAMES = sorted(
    (client_arguments() | client_attributes() | method_arguments() | {"super"})
    - {"self", "__init__", "__repr__", "__aenter__", "__aexit__", "__del__"}
)


def test_the_names_come_from_the_runtime() -> None:
    assert {"max_response_size", "strict_response_validation", "credentials"} <= client_arguments()
    assert {"close", "request", "timeout", "max_response_size"} <= client_attributes()
    assert {"extra_headers", "extra_query", "timeout", "max_retries", "body"} <= method_arguments()


def hostile_document() -> dict[str, Any]:
    paths: dict[str, Any] = {}
    for index, name in enumerate(NAMES):
        parameter = {"name": name, "in": "query", "schema": {"type": "string"}}
        response = {
            "200": {
                "description": "ok",
                "content": {
                    "application/json": {
                        "schema": {"type": "object", "properties": {name: {"type": "string"}}}
                    }
                },
            }
        }
        security = [{name: []}, {}]
        paths[f"/tagged/{index}"] = {
            "get": {
                "operationId": f"tagged{index}",
                "tags": [name],
                "parameters": [parameter],
                "responses": response,
                "security": security,
            }
        }
        paths[f"/root/{index}"] = {
            "get": {
                "operationId": name,
                "parameters": [parameter],
                "responses": response,
                "security": security,
            }
        }
    schemes = {
        name: {"type": "apiKey", "in": "header", "name": f"X-Key-{index}"}
        for index, name in enumerate(NAMES)
    }
    return spec_document(paths=paths, components={"securitySchemes": schemes})


def test_error_classes_and_parameter_styles_come_from_the_runtime() -> None:
    """Read from the runtime's source (which the generator does not import): the exceptions
    every generated `errors` module and package root export, and the styles the parser accepts."""
    from aiosdkgen.runtime import _endpoint, errors

    assert error_classes() == tuple(errors.__all__)
    import aiosdkgen.runtime as runtime

    assert all(getattr(runtime, name) is getattr(errors, name) for name in error_classes())
    assert parameter_styles() == _endpoint._STYLES


def test_the_generated_package_exports_every_error_class(
    generated_package: Callable[..., ModuleType],
) -> None:
    sdk = generated_package(spec_document())
    import importlib

    package_errors = importlib.import_module(f"{sdk.__name__}.errors")
    assert tuple(package_errors.__all__) == error_classes()
    assert set(error_classes()) <= set(sdk.__all__)
    assert sdk.ClientClosedError is package_errors.ClientClosedError


async def test_a_spec_using_every_runtime_name_gives_a_working_client(
    generated_package: Callable[..., ModuleType], tmp_path: Path
) -> None:
    document = hostile_document()
    sdk = generated_package(document)
    api = parser.parse(document)  # where each name ended up, to call each operation by it

    async def answer(request: web.Request) -> web.Response:
        return web.json_response(dict.fromkeys(NAMES, "x"))

    app = web.Application()
    app.router.add_get("/{tail:.*}", answer)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    called = []
    try:
        async with sdk.Client(base_url=str(server.make_url("")).rstrip("/")) as client:
            assert isinstance(client.max_response_size, int)  # not hidden by an operation
            targets = [(getattr(client, r.attribute), r.operations) for r in api.resources]
            for owner, operations in [*targets, (client, api.root_operations)]:
                for operation in operations:
                    [parameter] = operation.parameters
                    result = await getattr(owner, operation.name)(**{parameter.name: "v"})
                    assert result is not None
                    called.append(operation.name)
    finally:
        await server.close()
    assert len(called) == 2 * len(NAMES)
    package_dir = Path(sdk.__file__).parent
    typed = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "mypy"),
         package_dir.name],
        cwd=package_dir.parent, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert typed.returncode == 0, typed.stdout[-3000:]
