"""What the user chose for the generated package (names and version)."""

from __future__ import annotations

import sys
from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    """What the user chose on the command line."""

    package_name: str
    project_name: str
    version: str


# Import names the generated SDK and its tests rely on, besides the standard library's: a package
# of the same name shadows them (`tests` would also merge with the generated project's tests/).
_DEPENDENCIES = frozenset({
    # the SDK's runtime dependencies and theirs
    "aiohttp", "aiohappyeyeballs", "aiosignal", "async_timeout", "attr", "attrs", "frozenlist",
    "multidict", "propcache", "yarl", "idna",
    "pydantic", "pydantic_core", "typing_extensions", "annotated_types", "typing_inspection",
    # the generated tests' dependencies, their build backend, and the project's own folders
    "pytest", "_pytest", "pytest_asyncio", "pluggy", "iniconfig", "packaging", "hatchling",
    "tests", "conftest",
})  # fmt: skip


def shadowing(package_name: str) -> str | None:
    """What `package_name` would shadow if the SDK took it, or None. Compared without case:
    on macOS's and Windows' usual file systems `JSON/` is found by `import json`."""
    folded = package_name.lower()
    if folded in {name.lower() for name in sys.stdlib_module_names}:
        return "a module of the standard library"
    if folded in _DEPENDENCIES:
        return "a package the SDK or its tests import, or a folder of the generated project"
    return None
