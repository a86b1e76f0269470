from __future__ import annotations

from ._animal_base import AnimalBase


class Cat(AnimalBase):
    lives: int
    indoor: bool | None = None
