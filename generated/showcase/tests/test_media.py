"""Every operation of `client.media`, called with valid arguments synthesized from the spec."""

from __future__ import annotations

from pydantic import TypeAdapter

from showcase_client import Client
from showcase_client.models import Thumbnail


async def test_download_photo(client: Client) -> None:
    result = await client.media.download_photo(
        "sample",
    )
    TypeAdapter(bytes).validate_python(result)


async def test_replace_photo(client: Client) -> None:
    result = await client.media.replace_photo(
        "sample",
        body=b"sample",
    )
    TypeAdapter(Thumbnail).validate_python(result)


async def test_upload_photo(client: Client) -> None:
    await client.media.upload_photo(
        "sample",
        body={"file": "sample"},
    )


async def test_add_note(client: Client) -> None:
    result = await client.media.add_note(
        body="sample",
    )
    TypeAdapter(str).validate_python(result)
