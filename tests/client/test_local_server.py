"""The generated SDKs against a real aiohttp server on 127.0.0.1: exact bytes on the wire,
streaming, connection reuse and clean shutdown."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable

import aiohttp
import pytest
from aiohttp import web
from showcase_client import Client as ZooClient
from showcase_client import ClientCredentials, Token, TokenRequestError
from showcase_client.models import ParameterStylesFilter, ParameterStylesMatrix
from swagger_petstore_client import Client as PetstoreClient
from swagger_petstore_client import NotFoundError
from swagger_petstore_client.models import Pet, User

Start = Callable[[web.Application], Awaitable[str]]
PET = {"id": 7, "name": "Rex", "photoUrls": ["u"], "status": "available"}


def recording_app(seen: list[web.Request], bodies: list[bytes]) -> web.Application:
    async def record(request: web.Request) -> None:
        seen.append(request)
        bodies.append(await request.read())

    async def pet_by_id(request: web.Request) -> web.Response:
        await record(request)
        if request.match_info["pet_id"] == "404":
            return web.json_response({"message": "gone"}, status=404)
        return web.json_response(PET)

    async def add_pet(request: web.Request) -> web.Response:
        await record(request)
        return web.json_response({**json.loads(bodies[-1]), "id": 8})

    async def find_by_tags(request: web.Request) -> web.Response:
        await record(request)
        return web.json_response([PET])

    async def login(request: web.Request) -> web.Response:
        await record(request)
        return web.json_response("session-token")

    async def create_users(request: web.Request) -> web.Response:
        await record(request)
        return web.json_response(json.loads(bodies[-1])[0])

    async def upload(request: web.Request) -> web.Response:
        await record(request)
        return web.json_response({"code": 200, "message": f"{len(bodies[-1])} bytes"})

    async def styles(request: web.Request) -> web.Response:
        await record(request)
        return web.Response(status=204)

    async def photo(request: web.Request) -> web.StreamResponse:
        await record(request)
        response = web.StreamResponse(headers={"Content-Type": "image/jpeg"})
        await response.prepare(request)
        for _ in range(64):
            await response.write(b"\x00" * 65536)
        await response.write_eof()
        return response

    app = web.Application()
    app.router.add_get("/api/v3/pet/{pet_id}", pet_by_id)
    app.router.add_post("/api/v3/pet", add_pet)
    app.router.add_get("/api/v3/pet/findByTags", find_by_tags)
    app.router.add_get("/api/v3/user/login", login)
    app.router.add_post("/api/v3/user/createWithList", create_users)
    app.router.add_post("/api/v3/pet/{pet_id}/uploadImage", upload)
    app.router.add_get("/v2/styles/{label}/{matrix}", styles)
    app.router.add_get("/v2/animals/{animal_id}/photo", photo)
    return app


@pytest.fixture
async def running(server: Start) -> tuple[str, list[web.Request], list[bytes]]:
    seen: list[web.Request] = []
    bodies: list[bytes] = []
    base = await server(recording_app(seen, bodies))
    return base, seen, bodies


async def test_petstore_operations_end_to_end(
    running: tuple[str, list[web.Request], list[bytes]],
) -> None:
    base, seen, bodies = running
    async with PetstoreClient(
        base_url=f"{base}/api/v3", api_key="k-1", petstore_auth="tok-1"
    ) as client:
        pet = await client.pet.get_pet_by_id(7)
        assert pet == Pet.model_validate(PET)
        added = await client.pet.add_pet(body=Pet(name="Tom", photo_urls=[]))
        assert added.id == 8 and added.name == "Tom"
        assert await client.pet.find_pets_by_tags(tags=["a b", "c"]) == [pet]
        assert await client.user.login_user(username="ann", password="p&w") == "session-token"
        users = await client.user.create_users_with_list_input(body=[User(username="u1")])
        assert users == User(username="u1")
        response = await client.pet.upload_file(7, body=b"\x89PNG" * 1000, additional_metadata="m")
        assert response.message == "4000 bytes"
        with pytest.raises(NotFoundError) as caught:
            await client.pet.get_pet_by_id(404)
        assert caught.value.body == {"message": "gone"}  # no schema declared for 404: decoded JSON

    get_pet, add, tags, login, _create, upload, _ = seen
    assert get_pet.headers["api_key"] == "k-1"  # first satisfiable alternative: api_key
    assert "Authorization" not in get_pet.headers
    assert add.headers["Authorization"] == "Bearer tok-1"
    assert json.loads(bodies[1]) == {"name": "Tom", "photoUrls": []}
    assert tags.path_qs == "/api/v3/pet/findByTags?tags=a%20b&tags=c"
    assert login.path_qs == "/api/v3/user/login?username=ann&password=p%26w"
    assert json.loads(bodies[4]) == [{"username": "u1"}]
    assert upload.headers["Content-Type"] == "application/octet-stream"
    assert upload.path_qs == "/api/v3/pet/7/uploadImage?additionalMetadata=m"


async def test_parameter_styles_exact_wire_format(
    running: tuple[str, list[web.Request], list[bytes]],
) -> None:
    base, seen, _ = running
    async with ZooClient(base_url=f"{base}/v2", bearer_auth="tok") as client:
        await client.parameter_styles(
            [1, 2],
            ParameterStylesMatrix(x=1, y=2),
            cursor="c/1",
            filter=ParameterStylesFilter(kind="cat"),
            ids=[3, 4],
            words=["big", "cat"],
            session="s1",
        )
    [request] = seen
    assert request.raw_path == (
        "/v2/styles/.1.2/;matrix=x,1,y,2?cursor=c%2F1&filter[kind]=cat&ids=3%7C4&words=big%20cat"
    )
    assert request.cookies["session"] == "s1"


async def test_streaming_a_large_body_and_reusing_connections(
    running: tuple[str, list[web.Request], list[bytes]],
) -> None:
    base, seen, _ = running
    client = ZooClient(base_url=f"{base}/v2", bearer_auth="tok", connector_limit=4)
    try:
        total = 0
        for _ in range(3):
            async with client.media.with_streaming_response.download_photo("1") as streamed:
                assert streamed.status_code == 200
                async for chunk in streamed.iter_bytes(65536):
                    assert len(chunk) <= 65536
                    total += len(chunk)
        assert total == 3 * 64 * 65536
        peers = {
            request.transport.get_extra_info("peername") for request in seen if request.transport
        }
        assert len(peers) == 1  # one pooled connection served all three downloads
    finally:
        await client.close()


async def test_user_session_is_used_and_left_open(
    running: tuple[str, list[web.Request], list[bytes]],
) -> None:
    base, seen, _ = running
    async with aiohttp.ClientSession() as session:
        async with PetstoreClient(
            base_url=f"{base}/api/v3", api_key="k-1", session=session
        ) as client:
            await client.pet.get_pet_by_id(1)
        assert not session.closed
    assert len(seen) == 1


async def test_the_showcase_client_credentials_flow(server: Start) -> None:
    """`Client(client_id=..., client_secret=..., scopes=...)`: the generated client fetches a
    token from the spec's relative tokenUrl (against the host of base_url), reuses it, and
    the token request goes to the same server on 127.0.0.1."""
    token_forms: list[str] = []
    authorizations: list[str] = []

    async def token(request: web.Request) -> web.Response:
        token_forms.append((await request.read()).decode())
        if request.headers.get("Authorization") != "Basic aWQ6c2VjcmV0LTAxMjM0NTY3ODk=":
            return web.json_response({"error": "invalid_client"}, status=401)
        return web.json_response({"access_token": "keeper-token-0123", "expires_in": 600})

    async def keeper(request: web.Request) -> web.Response:
        authorizations.append(request.headers.get("Authorization", ""))
        return web.json_response({"name": "Ada"})

    app = web.Application()
    app.router.add_post("/oauth/token", token)
    app.router.add_get("/v2/keeper", keeper)
    base = await server(app) + "/v2"
    async with ZooClient(
        base_url=base, client_id="id", client_secret="secret-0123456789", scopes=["keepers:read"]
    ) as client:
        assert (await client.animals.get_keeper()).name == "Ada"
        assert (await client.animals.get_keeper()).name == "Ada"
        assert "secret-0123456789" not in repr(client)
    assert token_forms == ["grant_type=client_credentials&scope=keepers%3Aread"]
    assert authorizations == ["Bearer keeper-token-0123"] * 2

    async with ZooClient(base_url=base, client_id="id", client_secret="wrong-secret") as client:
        with pytest.raises(TokenRequestError, match="HTTP 401 invalid_client") as info:
            await client.animals.get_keeper()
    assert info.value.error == "invalid_client"
    assert len(authorizations) == 2  # the call was never sent

    def provider() -> Token:  # a provider with an expiry: called once for both calls
        calls.append(1)
        return Token("provided-token-0123", expires_in=300)

    calls: list[int] = []
    async with ZooClient(base_url=base, oauth_client=provider) as client:
        await client.animals.get_keeper()
        await client.animals.get_keeper()
    assert calls == [1] and authorizations[2:] == ["Bearer provided-token-0123"] * 2

    # A ClientCredentials given as the scheme's argument: client_secret_post.
    token_forms.clear()
    credentials = ClientCredentials("id", "secret-0123456789", auth_method="post")
    async with ZooClient(base_url=base, oauth_client=credentials) as client:
        with pytest.raises(TokenRequestError):  # this token endpoint only takes HTTP Basic
            await client.animals.get_keeper()
    assert token_forms == [
        "grant_type=client_credentials&client_id=id&client_secret=secret-0123456789"
    ]

    with pytest.raises(ValueError, match="not both"):
        ZooClient(oauth_client="t", client_id="id", client_secret="s")
