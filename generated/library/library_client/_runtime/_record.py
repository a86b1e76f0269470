"""A small immutable record, for the runtime's value types.

`dataclasses` would do, but importing it imports `inspect`, about 20 ms that every `import`
of an SDK would pay (a third of the whole import). A record's fields are its `__slots__`; it is
compared, hashed and shown by them, and cannot be changed once built.
"""

from __future__ import annotations

from typing import Any, cast

__all__ = ["Record"]


class Record:
    __slots__ = ()

    def _set(self, **values: Any) -> None:
        """Assign the fields (once, from `__init__`)."""
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def _names(self) -> tuple[str, ...]:
        return cast("tuple[str, ...]", type(self).__slots__)  # each record lists a tuple

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._names())

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __eq__(self, other: object, /) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Record)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self), self._values()))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._names())
        return f"{type(self).__name__}({fields})"
