"""Small models and endpoints shared by the runtime tests."""

from __future__ import annotations

from typing import Any

import pydantic
from aioresponses import aioresponses
from aiosdkgen.runtime import Endpoint, Param, ResponseSpec

BASE = "https://api.example.test/v1"


class Pet(pydantic.BaseModel):
    id: int
    name: str
    tag: str | None = None


class Error(pydantic.BaseModel):
    code: int
    message: str


GET_PET: Endpoint[Pet] = Endpoint(
    method="GET",
    path="/pets/{petId}",
    params=(Param("petId", "path"),),
    responses={"200": ResponseSpec("json", Pet), "default": ResponseSpec("json", Error)},
)


def requests_made(m: aioresponses) -> list[tuple[str, str, dict[str, Any]]]:
    """(method, url, kwargs) of every request aioresponses intercepted."""
    return [
        (method, str(url), call.kwargs)
        for (method, url), recorded in m.requests.items()
        for call in recorded
    ]


def only_request(m: aioresponses) -> tuple[str, str, dict[str, Any]]:
    made = requests_made(m)
    assert len(made) == 1, made
    return made[0]
