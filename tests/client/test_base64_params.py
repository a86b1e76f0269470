"""`format: byte` parameters: `bytes` in Python, standard base64 text on the wire."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from types import ModuleType
from urllib.parse import parse_qsl, urlsplit

from aioresponses import aioresponses

from tests.conftest import spec_document
from tests.runtime.helpers import requests_made


def test_format_byte_parameters_send_their_bytes_as_base64(
    generated_package: Callable[..., ModuleType], mocked: aioresponses
) -> None:
    """Path, query and arrays of it are base64 text; a `format: binary` one is its text."""
    byte = {"type": "string", "format": "byte"}
    parameters = [
        {"name": "key", "in": "path", "required": True, "schema": byte},
        {"name": "sig", "in": "query", "schema": byte},
        {"name": "sigs", "in": "query", "schema": {"type": "array", "items": byte}},
        {"name": "raw", "in": "query", "schema": {"type": "string", "format": "binary"}},
    ]
    operation = {
        "operationId": "check",
        "parameters": parameters,
        "responses": {"204": {"description": "ok"}},
    }
    sdk = generated_package(spec_document(paths={"/keys/{key}": {"get": operation}}))
    mocked.get(re.compile(r".*"), status=204)

    async def call() -> None:
        async with sdk.Client(base_url="http://127.0.0.1:1") as client:
            await client.check(b"\xff\x00", sig=b"hi?", sigs=[b"a", b"b"], raw=b"text")

    asyncio.run(call())
    [(_, url, _)] = requests_made(mocked)
    assert urlsplit(url).path == "/keys/%2FwA%3D"  # "/wA=", escaped in a path
    assert sorted(parse_qsl(urlsplit(url).query)) == [
        ("raw", "text"),
        ("sig", "aGk/"),
        ("sigs", "YQ=="),
        ("sigs", "Yg=="),
    ]
