"""OAuth 2.0 security schemes: a clientCredentials flow's token URL and the Client arguments it
adds, warnings for what the SDK does not honour."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from aiosdkgen import ir, parser, validation
from aiosdkgen.spec import load

from tests.conftest import spec_document

OK = {"200": {"description": "ok"}}


def schemes(write_spec: Callable[..., Path], found: dict[str, Any]) -> ir.Api:
    document = load(
        write_spec(
            spec_document(
                paths={"/a": {"get": {"operationId": "a", "responses": OK}}},
                components={"securitySchemes": found},
            )
        )
    )
    assert validation.validate(document) == []
    return parser.parse(document)


def client_credentials(token_url: str, **flow: Any) -> dict[str, Any]:
    return {
        "type": "oauth2",
        "flows": {"clientCredentials": {"tokenUrl": token_url, "scopes": {}, **flow}},
    }


def test_client_credentials_flows_get_their_token_url_and_distinct_arguments(
    write_spec: Callable[..., Path],
) -> None:
    api = schemes(
        write_spec,
        {
            "partner": client_credentials("https://auth.example.com/token"),
            "internal": client_credentials("/oauth/token"),
            "user": {
                "type": "oauth2",
                "flows": {
                    "authorizationCode": {
                        "authorizationUrl": "https://auth.example.com/authorize",
                        "tokenUrl": "https://auth.example.com/token",
                        "scopes": {},
                    }
                },
            },
        },
    )
    found = {s.key: s for s in api.security_schemes}
    assert found["partner"].kind == "bearer"
    assert found["partner"].token_url == "https://auth.example.com/token"
    assert found["partner"].client_arguments == ("client_id", "client_secret", "scopes")
    assert found["internal"].token_url == "/oauth/token"
    assert found["internal"].client_arguments == (
        "internal_client_id",
        "internal_client_secret",
        "internal_scopes",
    )
    # Other flows: the scheme takes an access token (or a provider), nothing more.
    assert found["user"].token_url is None and found["user"].client_arguments is None
    assert found["user"].oauth_flows == ("authorizationCode",)
    # The authorization code flow's URLs are not used (the token is the caller's to get).
    assert {(w.code, w.pointer.rsplit("/", 1)[1]) for w in api.warnings} == {
        ("not-honoured", "authorizationUrl"),
        ("not-honoured", "tokenUrl"),
        ("not-honoured", "scopes"),
    }


def test_unusable_token_urls_and_refresh_urls_are_reported(
    write_spec: Callable[..., Path],
) -> None:
    api = schemes(
        write_spec,
        {
            "bad": client_credentials("javascript:alert(1)"),
            "refreshing": client_credentials(
                "https://auth.example.com/token", refreshUrl="https://auth.example.com/refresh"
            ),
        },
    )
    found = {s.key: s for s in api.security_schemes}
    assert found["bad"].token_url is None and found["bad"].kind == "bearer"
    assert found["refreshing"].token_url == "https://auth.example.com/token"
    assert [(w.code, w.pointer) for w in api.warnings] == [
        ("oauth-token-url", "#/components/securitySchemes/bad/flows/clientCredentials/tokenUrl"),
        (
            "not-honoured",
            "#/components/securitySchemes/refreshing/flows/clientCredentials/refreshUrl",
        ),
    ]
