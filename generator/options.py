"""What the user chose for the generated package (names and version)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    """What the user chose on the command line."""

    package_name: str
    project_name: str
    version: str
