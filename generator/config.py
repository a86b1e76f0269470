"""The options an SDK was generated with, recorded in its project as `aiosdkgen.toml`.

Regenerating an SDK with no options (`aiosdkgen generate -o sdk`) uses the recorded ones; an
option given on the command line wins and is recorded. The file is the maintainer's to read
and edit: generation rewrites it only when an option changes, and never lists it as its own.
Paths in it are relative to the project directory, so the project can move.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .options import package_name_problem, project_name_problem, version_problem

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

CONFIG_FILE = "aiosdkgen.toml"
_MAX_BYTES = 1 << 20  # a page of options; a larger file is not one of ours


class ConfigError(Exception):
    """The recorded options cannot be used; the message says which and why."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Recorded:
    """The recorded options (None or False: not recorded, the default applies)."""

    spec: str | None = None
    package_name: str | None = None
    project_name: str | None = None
    version: str | None = None
    lenient: bool = False
    strict: bool = False
    ref_root: str | None = None
    # The `[pagination]` table (operationId or method name -> false or an `x-pagination`
    # object), as canonical JSON: overrides of pagination detection, written by hand only.
    pagination: str | None = None


_FIELDS = {field.name.replace("_", "-"): field for field in dataclasses.fields(Recorded)}
_CHECKS = {
    "package-name": package_name_problem,
    "project-name": project_name_problem,
    "version": version_problem,
}


def read(project: Path) -> Recorded | None:
    """The options recorded in `project`, or None when it records none."""
    path = project / CONFIG_FILE
    try:
        with path.open("rb") as stream:
            raw = stream.read(_MAX_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror}") from None
    if len(raw) > _MAX_BYTES:
        raise ConfigError(f"{path} is larger than {_MAX_BYTES >> 10} KiB")
    try:
        table = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from None
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key == "pagination":
            values["pagination"] = _pagination(value, path)
            continue
        field = _FIELDS.get(key)
        if field is None:
            known = ", ".join(sorted(_FIELDS))
            raise ConfigError(f"{path}: unknown option {key!r} (known: {known})")
        expected = bool if field.type in ("bool", bool) else str
        if not isinstance(value, expected):
            raise ConfigError(f"{path}: {key} must be a {expected.__name__}")
        problem = _CHECKS[key](value) if key in _CHECKS and isinstance(value, str) else None
        if problem is not None:
            raise ConfigError(f"{path}: {key}: {problem}")
        values[field.name] = value
    return Recorded(**values)


def _pagination(table: Any, path: Path) -> str:
    """The `[pagination]` table as canonical JSON; its entries' contents are checked when the
    spec is parsed (a wrong one is a warning at ``aiosdkgen.toml#/pagination/<name>``)."""
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: pagination must be a table")
    for name, entry in table.items():
        if entry is not False and not isinstance(entry, dict):
            raise ConfigError(
                f"{path}: pagination.{name} must be false or a table like x-pagination"
            )
    return json.dumps(table, sort_keys=True, ensure_ascii=True)


def relative(path: Path, project: Path) -> str:
    """`path` as the recorded options write it: relative to `project`, with forward slashes."""
    return Path(os.path.relpath(path.absolute(), project.absolute())).as_posix()


def resolve(recorded_path: str, project: Path) -> Path:
    """A path the recorded options hold, as a path from here."""
    return project / recorded_path


def render(recorded: Recorded) -> str:
    """The text of `aiosdkgen.toml` for `recorded`."""
    lines = [
        "# The options `aiosdkgen generate` builds this SDK with: yours to edit. Regenerate with",
        "# `aiosdkgen generate -o <this directory>`; an option given on the command line wins",
        "# and is written back here. Paths are relative to this directory.",
    ]
    for key, field in _FIELDS.items():
        value = getattr(recorded, field.name)
        if value is None or value is False or key == "pagination":
            continue
        # A JSON string with ASCII escapes is a TOML basic string.
        lines.append(f"{key} = {'true' if value is True else json.dumps(value)}")
    if recorded.pagination is not None:
        lines += ["", "[pagination]"]
        for name, entry in json.loads(recorded.pagination).items():
            lines.append(f"{json.dumps(name)} = {_toml_value(entry)}")
    return "\n".join(lines) + "\n"


def _toml_value(value: Any) -> str:
    """A TOML value for a JSON-like one (false, a string, or an inline table of them)."""
    if isinstance(value, dict):
        pairs = ", ".join(f"{json.dumps(k)} = {_toml_value(v)}" for k, v in value.items())
        return "{" + pairs + "}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    return json.dumps(str(value))
