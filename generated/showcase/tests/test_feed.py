"""Every operation of `client.feed`, called with valid arguments synthesized from the spec."""

from __future__ import annotations

from pydantic import TypeAdapter

from showcase_client import Client
from showcase_client.models import FeedEvent


async def test_watch_feed(client: Client) -> None:
    async with await client.feed.watch_feed() as stream:
        received = [event.data async for event in stream]
    assert received, "the stream sent no item"
    TypeAdapter(list[FeedEvent]).validate_python(received)


async def test_export_feed(client: Client) -> None:
    async with await client.feed.export_feed() as stream:
        received = [item async for item in stream]
    assert received, "the stream sent no item"
    TypeAdapter(list[FeedEvent]).validate_python(received)
