from __future__ import annotations

from typing import TypeAlias

Tags: TypeAlias = list[str]
"""A top-level array alias."""
