"""The classic Swagger 2.0 petstore, end to end: its SDK is generated without a warning, passes
`mypy --strict` (with a caller's code), and its calls put the right requests on the wire of a
local aiohttp server on 127.0.0.1: URL under the 2.0 basePath, multi-valued query, JSON, form
and multipart bodies, header parameters and API keys."""

from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from aiohttp import web

from generator.output import write
from generator.pipeline import Choices, generate
from tests.runtime.conftest import ServerFactory, server  # noqa: F401  (the local server fixture)

PETSTORE = Path(__file__).parent / "fixtures" / "petstore-swagger2.yaml"
PACKAGE = "petstore_swagger2_sdk"
PET = {"id": 7, "name": "Rex", "photoUrls": ["u"], "status": "available"}

# A caller of the SDK, type-checked with it: the public API a 2.0 spec gives.
CALLER = f"""
from {PACKAGE} import Client
from {PACKAGE}.models import FindPetsByStatusStatusItem, Pet


async def caller() -> list[Pet]:
    async with Client(base_url="http://127.0.0.1:1/v2", api_key="k") as client:
        await client.pet.add_pet(body=Pet(name="Rex", photo_urls=["u"]))
        await client.pet.upload_file(7, body={{"file": b"img"}})
        token: str = await client.user.login_user(username="u", password="p")
        inventory: dict[str, int] = await client.store.get_inventory()
        del token, inventory
        return await client.pet.find_pets_by_status(status=[FindPetsByStatusStatusItem.SOLD])
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    output = tmp_path_factory.mktemp("petstore2")
    result = generate(PETSTORE, Choices(package_name=PACKAGE))
    # The classic petstore converts without a loss (what no spec version gets honoured, like
    # `xml`, is still named, as for any 3.x document).
    assert [w for w in result.warnings if w.code != "not-honoured"] == []
    write(result.files, output, version="test")
    sys.path.insert(0, str(output))
    yield output
    sys.path.remove(str(output))


@pytest.fixture(scope="module")
def sdk(project: Path) -> ModuleType:
    module = importlib.import_module(PACKAGE)
    for info in pkgutil.walk_packages(module.__path__, f"{PACKAGE}."):
        importlib.import_module(info.name)
    return module


def test_the_sdk_and_a_caller_pass_mypy_strict(project: Path) -> None:
    (project / "caller.py").write_text(CALLER)
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(project / ".mypy"),
         PACKAGE, "caller.py"],
        cwd=project, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout[-3000:]


def test_the_default_server_comes_from_host_base_path_and_schemes(project: Path) -> None:
    source = (project / PACKAGE / "_client.py").read_text()
    # `schemes: [https, http]`: two servers, https first (the default base_url).
    assert (
        '_SERVERS = (\n    Server("https://petstore.swagger.io/v2", None),\n'
        '    Server("http://petstore.swagger.io/v2", None),\n)'
    ) in source


Seen = list[tuple[str, str, dict[str, str], bytes]]


@pytest.fixture
async def running(server: ServerFactory) -> tuple[str, Seen]:  # noqa: F811
    seen: Seen = []

    async def handle(request: web.Request) -> web.StreamResponse:
        body = await request.read()
        seen.append((request.method, request.path_qs, dict(request.headers), body))
        path = request.path
        if path == "/v2/pet/findByStatus":
            return web.json_response([PET])
        if path == "/v2/user/login":
            return web.json_response("token-1", headers={"X-Rate-Limit": "5"})
        if path == "/v2/store/inventory":
            return web.json_response({"available": 3})
        if path.endswith("/uploadImage"):
            return web.json_response({"code": 200, "message": f"{len(body)} bytes"})
        if path == "/v2/store/order/3":
            return web.json_response({"id": 3, "shipDate": "2020-01-02T03:04:05Z"})
        return web.Response(status=200)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handle)
    return await server(app) + "/v2", seen


async def test_calls_hit_the_right_urls_with_the_right_bodies(
    sdk: ModuleType, running: tuple[str, Seen]
) -> None:
    base, seen = running
    models = importlib.import_module(f"{PACKAGE}.models")
    async with sdk.Client(base_url=base, api_key="key-1", petstore_auth="tok-1") as client:
        await client.pet.add_pet(body=models.Pet(name="Rex", photo_urls=["u"]))
        found = await client.pet.find_pets_by_status(
            status=[models.FindPetsByStatusStatusItem.AVAILABLE, "sold"]
        )
        await client.pet.update_pet_with_form(7, body={"name": "Max", "status": "sold"})
        uploaded = await client.pet.upload_file(
            7, body={"additionalMetadata": "m", "file": b"\x89PNG"}
        )
        token = await client.user.login_user(username="ann", password="s3cret")
        inventory = await client.store.get_inventory()
        await client.pet.delete_pet(7, api_key="header-key")
        order = await client.store.get_order_by_id(3)
    assert [found[0].name, token, inventory] == ["Rex", "token-1", {"available": 3}]
    assert (order.id, order.ship_date.year) == (3, 2020)
    assert uploaded.code == 200

    requests = [(method, path) for method, path, _, _ in seen]
    assert requests == [
        ("POST", "/v2/pet"),
        ("GET", "/v2/pet/findByStatus?status=available&status=sold"),
        ("POST", "/v2/pet/7"),
        ("POST", "/v2/pet/7/uploadImage"),
        ("GET", "/v2/user/login?username=ann&password=s3cret"),
        ("GET", "/v2/store/inventory"),
        ("DELETE", "/v2/pet/7"),
        ("GET", "/v2/store/order/3"),
    ]
    add, _, form, upload, _, inventory_request, delete, _ = seen
    assert add[2]["Content-Type"] == "application/json"
    assert json.loads(add[3]) == {"name": "Rex", "photoUrls": ["u"]}
    assert add[2]["Authorization"] == "Bearer tok-1"
    assert form[2]["Content-Type"] == "application/x-www-form-urlencoded"
    assert form[3] == b"name=Max&status=sold"
    assert upload[2]["Content-Type"].startswith("multipart/form-data; boundary=")
    assert b'name="additionalMetadata"' in upload[3] and b"\r\n\r\nm\r\n" in upload[3]
    assert b'name="file"' in upload[3] and b"\x89PNG" in upload[3]
    assert inventory_request[2]["api_key"] == "key-1"
    assert delete[2]["api_key"] == "header-key"


def test_the_shipped_spec_is_the_3_0_form(project: Path) -> None:
    shipped: dict[str, Any] = json.loads((project / "openapi.json").read_text())
    assert shipped["openapi"] == "3.0.3"
    assert "swagger" not in shipped
    assert (
        "multipart/form-data"
        in (shipped["paths"]["/pet/{petId}/uploadImage"]["post"]["requestBody"]["content"])
    )
