"""Redirects followed by the runtime: which origins keep credentials, and the unit pieces
(`CredentialFilter`, `Redactor.text(cut=True)`). The generated-SDK side, against real servers,
is in tests/faults."""

from __future__ import annotations

import pytest
from aioresponses import aioresponses
from aiosdkgen.runtime import (
    APIConnectionError,
    BaseClient,
    Endpoint,
    Param,
    ResponseSpec,
    ResponseValidationError,
    SecurityScheme,
)
from aiosdkgen.runtime._redact import Redactor
from aiosdkgen.runtime._redirect import MAX_REDIRECTS, CredentialFilter
from multidict import CIMultiDict
from yarl import URL

from .helpers import BASE, GET_PET, Pet, requests_made

SCHEMES = {
    "bearerAuth": SecurityScheme("bearer"),
    "headerKey": SecurityScheme("api_key", name="X-API-Key", location="header"),
}
TOKEN = "tok-0123456789abcdef"
KEY = "key-0123456789abcdef"
PET = {"id": 1, "name": "Rex"}


def client() -> BaseClient:
    return BaseClient(
        base_url=BASE,
        security_schemes=SCHEMES,
        credentials={"bearerAuth": TOKEN, "headerKey": KEY},
    )


AUTH_GET: Endpoint[Pet] = Endpoint(
    method="GET",
    path="/pets/{petId}",
    params=(Param("petId", "path"),),
    responses={"200": ResponseSpec("json", Pet)},
    security=(("bearerAuth", "headerKey"),),
)


@pytest.mark.parametrize(
    ("target", "kept"),
    [
        (f"{BASE}/pets/2", True),  # same origin
        ("/v1/pets/2", True),  # relative
        ("http://api.example.test/v1/pets/2", False),  # https -> http downgrade
        ("https://api.example.test:8443/v1/pets/2", False),  # another port
        ("https://cdn.example.test/pets/2", False),  # another host
    ],
)
async def test_credentials_follow_only_within_the_origin(
    mocked: aioresponses, target: str, kept: bool
) -> None:
    mocked.get(f"{BASE}/pets/1", status=302, headers={"Location": target})
    final = URL(BASE).join(URL(target))
    mocked.get(str(final), payload=PET)
    async with client() as c:
        await c.request(AUTH_GET, (1,))
    first, second = requests_made(mocked)
    assert first[2]["headers"]["Authorization"] == f"Bearer {TOKEN}"
    headers = second[2]["headers"]
    assert ("Authorization" in headers) is kept
    assert ("X-API-Key" in headers) is kept


async def test_a_redirect_loop_ends_after_max_redirects_and_is_not_retried(
    mocked: aioresponses, recorded_sleeps: list[float]
) -> None:
    mocked.get(f"{BASE}/pets/1", status=302, headers={"Location": "/v1/pets/1"}, repeat=True)
    async with BaseClient(base_url=BASE) as c:
        with pytest.raises(APIConnectionError, match="TooManyRedirects"):
            await c.request(GET_PET, (1,))
    assert len(requests_made(mocked)) == MAX_REDIRECTS
    assert recorded_sleeps == []


def test_credential_filter_headers() -> None:
    strip = CredentialFilter(["X-API-Key"], [TOKEN])
    headers = CIMultiDict(
        {
            "Authorization": "Bearer x",
            "x-api-key": "k",
            "Cookie": "a=b",
            "Proxy-Authorization": "p",
            "X-Forwarded": f"via {TOKEN}",
            "Accept": "application/json",
        }
    )
    assert dict(strip.headers(headers)) == {"Accept": "application/json"}


def test_credential_filter_query() -> None:
    strip = CredentialFilter([], [TOKEN, "a/b+c="])
    url = URL(
        f"https://x.test/p?a=1&key={TOKEN}&k2=a%2Fb%2Bc%3D&next=%3Fkey%3D{TOKEN}#frag", encoded=True
    )
    assert str(strip.url(url)) == "https://x.test/p?a=1#frag"
    plain = URL("https://x.test/p?a=1")
    assert strip.url(plain) is plain


def test_redactor_cut_redacts_a_trailing_prefix_of_a_secret() -> None:
    redactor = Redactor([TOKEN])
    assert redactor.text(f"echo: {TOKEN[:9]}", cut=True) == "echo: ***"
    assert redactor.text(f"echo: {TOKEN[:9]}") == f"echo: {TOKEN[:9]}"  # not cut: left alone
    assert redactor.text("echo: tok", cut=True) == "echo: tok"  # below MIN_SCRUB_LENGTH
    assert redactor.text(f"{TOKEN} and {TOKEN[:5]}", cut=True) == "*** and ***"


async def test_a_redirect_that_is_the_answer_is_returned_not_followed(
    mocked: aioresponses,
) -> None:
    """GitHub's archive links answer only 302: the call returns where it points."""
    archive = Endpoint(
        method="GET",
        path="/repos/o/r/tarball/main",
        responses={"302": ResponseSpec("location", str)},
    )
    relative = Endpoint(
        method="GET", path="/download", responses={"303": ResponseSpec("location", str)}
    )
    missing = Endpoint(method="GET", path="/nowhere", responses={"302": ResponseSpec("location")})
    target = "https://codeload.example.test/o/r/tar.gz/main?token=abc"
    mocked.get(f"{BASE}/repos/o/r/tarball/main", status=302, headers={"Location": target})
    mocked.get(f"{BASE}/download", status=303, headers={"Location": "/v1/files/7"})
    mocked.get(f"{BASE}/nowhere", status=302)
    async with BaseClient(base_url=BASE) as client:
        assert await client.request(archive, ()) == target
        assert await client.request(relative, ()) == "https://api.example.test/v1/files/7"
        with pytest.raises(ResponseValidationError, match="no Location"):
            await client.request(missing, ())
    assert len(requests_made(mocked)) == 3  # nothing followed
