from __future__ import annotations

from typing import TypeAlias

from ._cat import Cat

MaybeCat: TypeAlias = Cat | None
