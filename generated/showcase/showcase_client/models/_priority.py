from __future__ import annotations

from .._runtime._models import OpenIntEnum


class Priority(OpenIntEnum):
    VALUE_1 = 1
    VALUE_2 = 2
    VALUE_3 = 3
    VALUE_MINUS_1 = -1
