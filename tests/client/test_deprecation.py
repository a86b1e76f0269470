"""Deprecated operations and parameters: a `DeprecationWarning` at the caller's line, naming
what to use instead when the spec's description says it; nothing for what is not deprecated."""

from __future__ import annotations

import inspect
import re
import warnings
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from aioresponses import aioresponses
from aiosdkgen.parser.operations import replacement_note

from tests.conftest import spec_document

Generate = Callable[..., ModuleType]

LEGACY = {
    "get": {
        "operationId": "getLegacy",
        "deprecated": True,
        "description": "> [!WARNING]\n> **Closing down:** this route is closing down. We "
        "recommend migrating to the [Get a team by name](https://docs.example/t#n) endpoint.",
        "parameters": [
            {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}},
            {
                "name": "per_page",
                "in": "query",
                "deprecated": True,
                "description": "Use `limit` instead.",
                "schema": {"type": "integer"},
            },
            {"name": "limit", "in": "query", "schema": {"type": "integer"}},
        ],
        "responses": {"200": {"description": "ok"}},
    }
}
CURRENT = {"get": {"operationId": "getTeam", "responses": {"200": {"description": "ok"}}}}


@pytest.fixture
def sdk(generated_package: Generate) -> ModuleType:
    paths = {"/legacy/{id}": LEGACY, "/teams": CURRENT}
    return generated_package(spec_document(paths=paths))


def _warnings_of(call: Callable[[], Any]) -> list[warnings.WarningMessage]:
    import asyncio

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        asyncio.run(call())
    return [w for w in caught if issubclass(w.category, DeprecationWarning)]


def test_a_deprecated_operation_warns_at_the_callers_line(
    sdk: ModuleType, mocked: aioresponses
) -> None:
    mocked.get(re.compile(r".*/legacy/1.*"), status=200, repeat=True)
    mocked.get(re.compile(r".*/teams$"), status=200, repeat=True)

    async def calls() -> None:
        async with sdk.Client(base_url="http://127.0.0.1:1") as client:
            await client.get_legacy(1, limit=2)  # the line the warnings must name
            await client.get_team()

    line = inspect.getsourcelines(calls)[1] + 2
    [warning] = _warnings_of(calls)
    assert str(warning.message) == (
        "get_legacy() is deprecated: We recommend migrating to the Get a team by name endpoint."
    )
    assert (Path(warning.filename).resolve(), warning.lineno) == (Path(__file__).resolve(), line)


def test_a_deprecated_parameter_warns_only_when_passed(
    sdk: ModuleType, mocked: aioresponses
) -> None:
    mocked.get(re.compile(r".*/legacy/1.*"), status=200, repeat=True)

    async def calls() -> None:
        async with sdk.Client(base_url="http://127.0.0.1:1") as client:
            await client.get_legacy(1, per_page=5)

    line = inspect.getsourcelines(calls)[1] + 2
    messages = [(str(w.message), w.lineno) for w in _warnings_of(calls)]
    assert messages == [
        (
            "get_legacy() is deprecated: We recommend migrating to the Get a team by name "
            "endpoint.",
            line,
        ),
        ("the `per_page` argument of get_legacy() is deprecated: Use limit instead.", line),
    ]


def test_the_sdk_declares_what_marks_deprecation_and_its_tests_expect_it(
    sdk: ModuleType,
) -> None:
    """`typing_extensions.deprecated` (PEP 702: type checkers flag the call too) is a declared
    dependency, and the SDK's own test of the operation expects the warning."""
    root = Path(sdk.__file__).parent.parent
    assert '"typing-extensions>=4.12"' in (root / "pyproject.toml").read_text(encoding="utf-8")
    tests = "".join(p.read_text(encoding="utf-8") for p in (root / "tests").glob("test_*.py"))
    assert re.search(r"with pytest.deprecated_call\(\):\n\s+await client.get_legacy\(", tests)
    assert not re.search(r"deprecated_call\(\):\n\s+await client.get_team\(", tests)


@pytest.mark.parametrize(
    ("description", "note"),
    [
        ("Old. Use `list_pets` instead.", "Use list_pets instead."),
        ("Replaced by [v2](https://x.example/v2). Gone soon.", "Replaced by v2."),
        ("Deprecated since 2020.", None),
        (None, None),
        ("**Superseded** by " + "x" * 500 + ".", "Superseded by " + "x" * 223 + "..."),
    ],
)
def test_the_replacement_is_the_sentence_that_names_it(
    description: str | None, note: str | None
) -> None:
    assert replacement_note(description) == note
