"""One fingerprint of everything besides its input that a generation's output depends on: the
generator's own files (code and templates) and the installed versions of the packages it runs
on, found from its own requirements. Every cache key starts from it, so no cache can serve an
answer from another generator, and no list of files or packages is kept by hand."""

from __future__ import annotations

import hashlib
import os
import re
import sys
from collections.abc import Iterator
from functools import cache
from importlib import metadata
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent
_TEMPLATES_IN_CHECKOUT = _PACKAGE_DIR.parent / "templates"
_DISTRIBUTION = "aiosdkgen"
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def source_files(root: Path = _PACKAGE_DIR) -> Iterator[Path]:
    """The generator's code and templates under `root`, in a fixed order."""
    roots = [root]
    if not (root / "templates").is_dir():  # a checkout: templates/ is a sibling
        roots.append(root.parent / "templates")
    for top in roots:
        for directory, subdirectories, names in os.walk(top):
            subdirectories[:] = sorted(d for d in subdirectories if d != "__pycache__")
            for name in sorted(names):
                if name.endswith((".py", ".jinja")):
                    yield Path(directory, name)


def dependency_versions(distribution: str = _DISTRIBUTION) -> str:
    """`name=version;...` of every package `distribution` requires, directly or not (extras
    aside), sorted; `?` for one not installed (such as one an environment marker leaves out)."""
    found: dict[str, str] = {}
    pending = [distribution]
    while pending:
        name = pending.pop()
        key = name.lower().replace("_", "-")
        if key in found:
            continue
        try:
            found[key] = metadata.version(name)
            requirements = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            found[key] = "?"
            continue
        for requirement in requirements:
            if "extra ==" in requirement:
                continue
            match = _NAME.match(requirement)
            if match:
                pending.append(match.group())
    return ";".join(f"{name}={version}" for name, version in sorted(found.items()))


def compute(root: Path = _PACKAGE_DIR) -> bytes:
    """The fingerprint of the generator installed at `root`."""
    digest = hashlib.sha256(f"python={sys.version_info[:2]};".encode())
    digest.update(dependency_versions().encode())
    for path in source_files(root):
        digest.update(f"\0{path.relative_to(root.parent).as_posix()}\0".encode())
        digest.update(path.read_bytes())
    return digest.digest()


@cache
def fingerprint() -> bytes:
    """The fingerprint of this generator (computed once per process)."""
    return compute()
