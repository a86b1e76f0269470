"""`servers` -> the servers a client offers, their variables as its arguments, and an
operation's or path's own server."""

from __future__ import annotations

from aiosdkgen import parser

from tests.conftest import spec_document

OK = {"200": {"description": "ok"}}


def test_servers_and_their_variables_become_the_clients_choices() -> None:
    """Variables are arguments named so as not to shadow the client's own (`timeout`); an
    argument takes the values of every server using it, or any when one lists none; a
    relative server is not offered, with a warning."""
    servers = [
        {"url": "https://{region}.a.test/{timeout}", "description": "Main",
         "variables": {"region": {"default": "eu", "enum": ["eu"]}, "timeout": {"default": "v1"}}},
        {"url": "https://{region}.b.test", "variables": {"region": {"default": "us", "enum": ["us"]}}},
        {"url": "/relative"},
    ]  # fmt: skip
    api = parser.parse(spec_document(servers=servers))
    assert [(s.url, s.name, s.defaults) for s in api.servers] == [
        ("https://{region}.a.test/{timeout}", "Main", (("region", "eu"), ("timeout", "v1"))),
        ("https://{region}.b.test", None, (("region", "us"),)),
    ]
    assert [(v.name, v.argument, v.enum) for v in api.server_variables] == [
        ("region", "region", ("eu", "us")),
        ("timeout", "timeout2", ()),
    ]
    assert [(w.code, w.pointer) for w in api.warnings if w.code != "not-honoured"] == [
        ("server-not-offered", "#/servers/2")
    ]


def test_a_relative_first_server_offers_none() -> None:
    api = parser.parse(spec_document(servers=[{"url": "/v3"}, {"url": "https://a.test"}]))
    assert api.servers == () and api.base_url is None


def test_an_operation_or_path_with_its_own_absolute_server_is_sent_there() -> None:
    paths = {
        "/up": {
            "servers": [{"url": "https://uploads.test/{v}", "variables": {"v": {"default": "v1"}}}],
            "post": {"operationId": "upload", "responses": OK},
            "get": {"operationId": "peek", "servers": [{"url": "https://peek.test"}], "responses": OK},
        },
        "/rel": {"get": {"operationId": "rel", "servers": [{"url": "/x"}], "responses": OK}},
        "/plain": {"get": {"operationId": "plain", "responses": OK}},
    }  # fmt: skip
    api = parser.parse(spec_document(paths=paths))
    found = {op.name: op.server for op in api.root_operations}
    assert found == {
        "upload": "https://uploads.test/v1",
        "peek": "https://peek.test",
        "rel": None,
        "plain": None,
    }
    assert [(w.code, w.pointer) for w in api.warnings if w.code == "server-not-used"] == [
        ("server-not-used", "#/paths/~1rel/get/servers/0")
    ]
