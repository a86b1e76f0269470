from __future__ import annotations

from .._runtime._models import OpenStrEnum


class ListAnimalNamesOrder(OpenStrEnum):
    ASC = "asc"
    DESC = "desc"
