"""Fixtures for the real-spec tests."""

from tests.runtime.conftest import server  # noqa: F401  (a local aiohttp server on 127.0.0.1)
