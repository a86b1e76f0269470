from __future__ import annotations

from typing import TypeAlias

from .cat import Cat

MaybeCat: TypeAlias = Cat | None
