"""What type checkers see of a paginated method of the generated showcase SDK: awaiting gives
the page model, iterating the item model, `pages()` typed pages, a task of the page model."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import GENERATED

USE = """
import asyncio

from showcase_client import Client


async def main() -> None:
    async with Client(bearer_auth="x") as client:
        page = await client.keepers.list_keepers(limit=2)
        reveal_type(page)
        async for keeper in client.keepers.list_keepers(limit=2):
            reveal_type(keeper)
        async for whole in client.keepers.list_keepers().pages():
            reveal_type(whole.items)
            reveal_type(whole.body)
        reveal_type(asyncio.create_task(client.keepers.list_keepers()))
        reveal_type(await client.keepers.with_raw_response.list_keepers(limit=1))
"""


def test_mypy_strict_reveals_the_item_and_page_models(tmp_path: Path) -> None:
    (tmp_path / "use.py").write_text(USE)
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"),
         "use.py"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
        env={"MYPYPATH": str(GENERATED / "showcase"), "PATH": ""},
    )  # fmt: skip
    revealed = [
        line.split("Revealed type is ")[1]
        for line in result.stdout.splitlines()
        if "Revealed" in line
    ]
    assert revealed == [
        '"showcase_client.models._keeper_page.KeeperPage"',
        '"showcase_client.models._keeper.Keeper"',
        '"list[showcase_client.models._keeper.Keeper]"',
        '"showcase_client.models._keeper_page.KeeperPage"',
        '"_asyncio.Task[showcase_client.models._keeper_page.KeeperPage]"',
        '"showcase_client._runtime._response.RawResponse[showcase_client.models._keeper_page.KeeperPage]"',
    ], result.stdout
    assert "error" not in result.stdout, result.stdout
