"""aiosdkgen: typed async Python SDKs (aiohttp + pydantic v2) from OpenAPI documents."""

__version__ = "0.1.0"
