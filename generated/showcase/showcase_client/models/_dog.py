from __future__ import annotations

from ._animal_base import AnimalBase


class Dog(AnimalBase):
    good_boy: bool | None = True
