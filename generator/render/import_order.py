"""Import statements in the order ruff's isort rules give them, so the model modules (thousands
in a large SDK) are rendered final and the import-fixing ruff pass can skip them.

Ruff's defaults, as the generated project uses them: sections future, standard library, third
party, local (one blank line between); in a section, `import x` statements before `from`
ones; modules in natural, case-insensitive order, relative ones furthest first; the names of a
`from` import constants first, then classes, then the rest. Tests hold this to ruff itself.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterable
from typing import Any

_FUTURE, _STANDARD_LIBRARY, _THIRD_PARTY, _LOCAL = range(4)


def _natural(left: str, right: str) -> int:
    """Natural order, as the `natord` crate ruff uses: digit runs compare as numbers, except
    that a run starting with 0 compares digit by digit (`a015` < `a12`)."""
    i = j = 0
    while i < len(left) and j < len(right):
        a, b = left[i], right[j]
        if not ("0" <= a <= "9" and "0" <= b <= "9"):
            if a != b:
                return -1 if a < b else 1
            i, j = i + 1, j + 1
            continue
        aligned_left = a == "0" or b == "0"
        bias = 0
        while True:
            a_digit = i < len(left) and "0" <= left[i] <= "9"
            b_digit = j < len(right) and "0" <= right[j] <= "9"
            if not (a_digit and b_digit):
                if a_digit != b_digit:
                    return 1 if a_digit else -1
                break
            if left[i] != right[j]:
                order = -1 if left[i] < right[j] else 1
                if aligned_left:
                    return order
                bias = bias or order
            i, j = i + 1, j + 1
        if bias:
            return bias
    return (i < len(left)) - (j < len(right))


def _compare(left: tuple[int | str, ...], right: tuple[int | str, ...]) -> int:
    for a, b in zip(left, right, strict=True):
        if isinstance(a, str) and isinstance(b, str):
            order = _natural(a, b)
        elif isinstance(a, int) and isinstance(b, int):
            order = (a > b) - (a < b)
        else:
            raise TypeError(f"incomparable key parts {a!r}, {b!r}")
        if order:
            return order
    return 0


def _sort_key(key: Callable[[str], tuple[int | str, ...]]) -> Callable[[str], Any]:
    def compare(left: str, right: str) -> int:
        return _compare(key(left), key(right))

    return functools.cmp_to_key(compare)


def _name_key(name: str) -> tuple[int | str, ...]:
    kind = 0 if len(name) > 1 and name.isupper() else 1 if name[:1].isupper() else 2
    return (kind, name.lower(), name)


def _module_key(module: str) -> tuple[int | str, ...]:
    bare = module.lstrip(".")
    # Relative modules furthest first; `from . import x` (no name) before `from .a import x`.
    return (-(len(module) - len(bare)), int(bool(bare)), bare.lower(), bare)


_by_name = _sort_key(_name_key)
_by_module = _sort_key(_module_key)


def _section(module: str) -> int:
    if module.startswith("."):
        return _LOCAL
    if module == "__future__":
        return _FUTURE
    top = module.split(".", 1)[0]
    return _STANDARD_LIBRARY if top in sys.stdlib_module_names else _THIRD_PARTY


def import_sections(imports: Iterable[tuple[str, str]]) -> list[list[str]]:
    """The import statements for `(module, name)` pairs (module "": `import name`), grouped in
    sections, each in order. Names are identifiers the generator made, never spec text."""
    plain: set[str] = set()
    grouped: dict[str, set[str]] = {}
    for module, name in imports:
        if module:
            grouped.setdefault(module, set()).add(name)
        else:
            plain.add(name)
    sections: list[list[str]] = [[], [], [], []]
    for name in sorted(plain, key=_by_module):
        sections[_section(name)].append(f"import {name}")
    for module in sorted(grouped, key=_by_module):
        names = ", ".join(sorted(grouped[module], key=_by_name))
        sections[_section(module)].append(f"from {module} import {names}")
    return [section for section in sections if section]
