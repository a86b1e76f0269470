"""Every form in which a configured secret can come back is redacted (issue 18, item 9): raw,
JSON-escaped (``\\/``, ``\\u002f``, any ``\\uXXXX``), URL-encoded, base64 of ``user:password``,
and credentials in the base URL's user-info; in messages, reprs and logs."""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import pytest
from aiohttp import web
from aiosdkgen.runtime import APIStatusError, BaseClient, Endpoint, ResponseSpec, SecurityScheme

from .conftest import ServerFactory

SECRET = "sk_live/9fJ2xQ7pL0Zq"
TAIL = "9fJ2xQ7pL0Zq"  # the part of the secret no form may show, raw or escaped

ECHO: Endpoint[Any] = Endpoint(
    method="GET",
    path="/echo",
    responses={"200": ResponseSpec("json"), "default": ResponseSpec("json")},
    security=(("bearerAuth",),),
)
SCHEMES = {"bearerAuth": SecurityScheme("bearer")}


def _every_char_escaped(text: str) -> str:
    return "".join(f"\\u{ord(c):04x}" for c in text)


FORMS: dict[str, Callable[[str], str]] = {
    "raw": lambda s: s,
    "json slash": lambda s: s.replace("/", "\\/"),
    "json u002f": lambda s: s.replace("/", "\\u002f"),
    "json upper U002F": lambda s: s.replace("/", "\\u002F"),
    "json every char": _every_char_escaped,
    "json some chars": lambda s: s.replace("f", "\\u0066").replace("Q", "\\u0051"),
    "url-encoded": lambda s: quote(s, safe=""),
    "url-encoded every char": lambda s: "".join(f"%{b:02X}" for b in s.encode()),
    "json twice": lambda s: s.replace("/", "\\\\u002f"),
    "json then url": lambda s: quote(s.replace("/", "\\/"), safe=""),
}


async def _echoing(server: ServerFactory, body: str) -> str:
    async def handler(request: web.Request) -> web.Response:
        text = body.replace("{auth}", request.headers.get("Authorization", ""))
        return web.Response(status=400, text=text, content_type="application/json")

    app = web.Application()
    app.router.add_get("/echo", handler)
    return await server(app)


@pytest.mark.parametrize("form", list(FORMS))
async def test_an_echoed_secret_is_redacted_in_every_form(
    server: ServerFactory, form: str, caplog: pytest.LogCaptureFixture
) -> None:
    echoed = FORMS[form](SECRET)
    base = await _echoing(server, '{"error": "bad key", "key": "' + echoed + '"}')
    async with BaseClient(
        base_url=base,
        security_schemes=SCHEMES,
        credentials={"bearerAuth": SECRET},
        max_retries=0,
    ) as client:
        with caplog.at_level(logging.DEBUG), pytest.raises(APIStatusError) as info:
            await client.request(ECHO)
    message = str(info.value)
    assert "bad key" in message
    assert TAIL not in message and echoed not in message, message
    assert _every_char_escaped(TAIL)[:30] not in message
    for record in caplog.records:
        assert echoed not in record.getMessage()


async def test_user_info_in_the_base_url_is_redacted_everywhere(
    server: ServerFactory, caplog: pytest.LogCaptureFixture
) -> None:
    user, password = "alice", "pw-s3cret/xyz"
    base = await _echoing(server, '{"error": "denied", "auth": "{auth}", "pw": "pw-s3cret\\/xyz"}')
    with_user = base.replace("http://", f"http://{user}:{quote(password, safe='')}@")
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    async with BaseClient(base_url=with_user, max_retries=0) as client:
        assert "s3cret" not in repr(client)
        with caplog.at_level(logging.DEBUG), pytest.raises(APIStatusError) as info:
            await client.request(ECHO)
    message = str(info.value)
    assert "denied" in message
    assert token not in message, message  # the Basic header aiohttp built from the user-info
    assert "s3cret" not in message, message
    assert "Basic ***" in message
    for record in caplog.records:
        assert "s3cret" not in record.getMessage() and token not in record.getMessage()
