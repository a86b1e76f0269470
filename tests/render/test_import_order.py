"""Model modules are rendered with their imports in ruff's order (the import-fixing pass skips
them), so `import_order` must agree with ruff itself, on any names the generator can make."""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import pytest
from aiosdkgen.render.import_order import _natural, import_sections
from ruff.__main__ import find_ruff_bin

GENERATED_PYPROJECT = Path(__file__).parents[2] / "generated" / "petstore" / "pyproject.toml"


@pytest.mark.parametrize(
    "ordered",
    [
        # The natord crate's own examples (those without whitespace, which it skips).
        ["a", "a0", "a1", "a1a", "a1b", "a2", "a10", "a20"],
        ["x2-g8", "x2-y7", "x2-y8", "x8-y8"],
        ["1.001", "1.002", "1.010", "1.02", "1.1", "1.3"],
        ["1-02", "1-2", "1-20", "10-20", "fred", "jane", "pic1", "pic2", "pic2a", "pic100a"],
    ],
)
def test_natural_order_is_a_total_order_like_natord(ordered: list[str]) -> None:
    for i, left in enumerate(ordered):
        for j, right in enumerate(ordered):
            assert _natural(left, right) == (i > j) - (i < j), (left, right)


def _identifier(rng: random.Random, *, capitalized: bool) -> str:
    """Names like the generator's: letters, underscores and digit runs (leading zeros too)."""
    letters = "abxyzABXYZ" if capitalized else "abxyz"
    parts = []
    for _ in range(rng.randint(1, 6)):
        roll = rng.random()
        if roll < 0.3:
            parts.append(str(rng.choice([0, 1, 2, 9, 10, 19, 100])).zfill(rng.choice([1, 1, 2])))
        elif roll < 0.4:
            parts.append("_")
        else:
            parts.append("".join(rng.choice(letters) for _ in range(rng.randint(1, 5))))
    name = ("X" if capitalized else "m") + "".join(parts)
    return name.upper() if capitalized and rng.random() < 0.2 else name


def _random_imports(rng: random.Random) -> set[tuple[str, str]]:
    imports: set[tuple[str, str]] = set()
    for _ in range(rng.randint(1, 30)):
        roll = rng.random()
        name = _identifier(rng, capitalized=True)
        if roll < 0.15:
            imports.add((rng.choice(["datetime", "typing", "uuid", "collections.abc"]), name))
        elif roll < 0.25:
            imports.add((rng.choice(["pydantic", "aiohttp"]), name))
        elif roll < 0.3:
            imports.add(("", rng.choice(["pydantic", "json", "typing"])))
        else:
            level = rng.choice([".", ".", ".."])
            imports.add((level + _identifier(rng, capitalized=False), name))
    return imports


def test_import_sections_are_what_ruff_would_write(tmp_path: Path) -> None:
    rng = random.Random(20261128)
    package = tmp_path / "pkg"
    package.mkdir()
    shutil.copy(GENERATED_PYPROJECT, tmp_path / "pyproject.toml")
    (package / "__init__.py").write_text("")
    for index in range(150):
        lines = ["from __future__ import annotations", ""]
        for section in import_sections(_random_imports(rng)):
            lines += [*section, ""]
        # A class follows, as in a model module (ruff wants two blank lines before it). Long
        # lines are left to the formatter, which wraps them as ruff's isort would.
        lines += ["", "class Holder:", "    pass", ""]
        (package / f"m{index}.py").write_text("\n".join(lines))
    ruff = find_ruff_bin()
    subprocess.run([ruff, "format", "--quiet", "--no-cache", "."], cwd=tmp_path, check=True)
    result = subprocess.run(
        [ruff, "check", "--no-cache", "--select", "I", "--output-format", "concise", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:]


def test_sections_are_grouped_and_ordered() -> None:
    sections = import_sections(
        {
            (".a2", "X"),
            (".a10", "X"),
            ("..runtime", "Base"),
            ("datetime", "datetime"),
            ("datetime", "date"),
            ("pydantic", "Field"),
            ("", "pydantic"),
            ("typing", "TypeAlias"),
            ("typing", "ANY_CONSTANT"),
        }
    )
    assert sections == [
        ["from datetime import date, datetime", "from typing import ANY_CONSTANT, TypeAlias"],
        ["import pydantic", "from pydantic import Field"],
        ["from ..runtime import Base", "from .a2 import X", "from .a10 import X"],
    ]
