from __future__ import annotations

from typing import TypeAlias

StringOrNumber: TypeAlias = str | float
