"""Small models and endpoints shared by the runtime tests."""

from __future__ import annotations

import re
import sys
from typing import Any

import pydantic
import pytest
from aioresponses import aioresponses
from aiosdkgen.runtime import Endpoint, Param, ResponseSpec

from tests.conftest import GENERATED

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


def run_readme_example(heading: str, monkeypatch: pytest.MonkeyPatch, then: str = "") -> None:
    """Run the first Python example after `heading` in the showcase SDK's README, as written
    (followed by `then`), importing its own `showcase_client` from generated/."""
    project = GENERATED / "showcase"
    readme = (project / "README.md").read_text(encoding="utf-8")
    section = readme.split(heading, 1)[1]
    example = re.search(r"^```python\n(.*?)^```$", section, re.M | re.S)
    assert example is not None
    monkeypatch.syspath_prepend(str(project))
    for name in [m for m in sys.modules if m.split(".")[0] == "showcase_client"]:
        monkeypatch.delitem(sys.modules, name)
    try:
        exec(compile(example.group(1) + then, "README.md", "exec"), {"__name__": "__main__"})
    finally:  # the next test importing a `showcase_client` gets its own
        for name in [m for m in sys.modules if m.split(".")[0] == "showcase_client"]:
            del sys.modules[name]
