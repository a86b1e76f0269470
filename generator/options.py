"""What the user chose for the generated package (names and version), and the checks those
choices must pass, wherever they come from (the command line, the recorded options)."""

from __future__ import annotations

import keyword
import re
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


_VERSION = re.compile(r"^\d+(\.\d+)*((a|b|rc)\d+)?(\.post\d+)?(\.dev\d+)?$")
_PROJECT = re.compile(r"[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?")


def package_name_problem(value: str) -> str | None:
    """Why `value` cannot be the SDK's import name, or None."""
    if not value.isidentifier() or keyword.iskeyword(value) or not value.isascii():
        return f"{value!r} is not a valid Python package name"
    shadowed = shadowing(value)
    if shadowed is not None:
        return f"{value!r} would shadow {shadowed}: choose another"
    return None


def project_name_problem(value: str) -> str | None:
    """Why `value` cannot be the SDK's distribution name, or None."""
    if not _PROJECT.fullmatch(value):
        return f"{value!r} is not a valid distribution name"
    return None


def version_problem(value: str) -> str | None:
    """Why `value` cannot be the SDK's version (PEP 440, in its plain forms), or None."""
    if not _VERSION.match(value):
        return f"{value!r} is not a version like 1.2.3"
    return None
