"""Every operation of `client.keepers`, called with valid arguments synthesized from the spec."""

from __future__ import annotations

from pydantic import TypeAdapter

from showcase_client import Client
from showcase_client.models import Keeper, KeeperPage


async def test_list_keepers(client: Client) -> None:
    result = await client.keepers.list_keepers(
        extra_headers={"Prefer": "dynamic=true"},
    )
    TypeAdapter(KeeperPage).validate_python(result)
    # Paginated: the first page again, as typed items (a mock's pages never end: only one).
    async for page in client.keepers.list_keepers(
        extra_headers={"Prefer": "dynamic=true"},
    ).pages():
        TypeAdapter(list[Keeper]).validate_python(page.items)
        break
