"""`aiosdkgen diff OLD NEW`: what a new version of a spec changes for the SDK's Python callers.

The two documents are parsed as generation parses them, and compared as Python sees the SDK:
methods by resource and name, their arguments and return types, and the models' fields and enum
values, each type written as its annotation. A change is breaking when code that worked with
the old SDK may fail with the new one, at run time or under a type checker:

- a method, a model or a field removed or renamed; an enum value removed;
- a parameter or body removed, made required, or added as required; a path parameter moved
  (they are positional);
- an argument's type narrowed (the new union lacks a member of the old); a return type
  widened (it gains a member, which callers do not handle);
- a model field added as required, made required, or made optional (readers then see `None`),
  or its type changed.

Not breaking: anything added that callers need not pass or handle (an optional parameter, a
method, a model, an optional field), an argument's type widened, a return type narrowed, and
a new enum value (the SDK's enums accept values they do not list).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from . import ir
from .render.annotations import Annotations
from .render.client import ErrorTypes, operation_view

Kind = Literal["breaking", "added", "changed", "removed"]
Bump = Literal["major", "minor", "patch", "none"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Change:
    group: str  # "client.pets", or "models"
    subject: str  # "client.pets.get_pet", "Pet.name"
    kind: Kind  # "removed" and "breaking" are breaking
    text: str

    @property
    def breaking(self) -> bool:
        return self.kind in ("breaking", "removed")


@dataclass(frozen=True, slots=True, kw_only=True)
class _Argument:
    annotation: str
    required: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class _Method:
    positional: tuple[str, ...]
    arguments: dict[str, _Argument]  # every argument, the body included
    returns: str


def _members(annotation: str) -> set[str]:
    """The top-level members of a union annotation (`A | list[B | C]` -> {A, list[B | C]})."""
    members, depth, start = set(), 0, 0
    for index, char in enumerate(annotation):
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif depth == 0 and annotation.startswith(" | ", index):
            members.add(annotation[start:index])
            start = index + 3
    members.add(annotation[start:])
    return members


def _widened(old: str, new: str) -> bool:
    return _members(old) < _members(new)


class _Reader:
    """The SDK of one document, as Python sees it."""

    def __init__(self, api: ir.Api) -> None:
        self.api = api
        self.annotations = Annotations(
            api, dict.fromkeys(api.declarations, ""), None, models_package="", runtime_package=""
        )

    def type(self, type_: ir.TypeRef) -> str:
        return self.annotations.render(type_)

    def methods(self) -> dict[str, dict[str, _Method]]:
        groups = {f"client.{r.attribute}": r.operations for r in self.api.resources}
        groups["client"] = self.api.root_operations
        return {
            group: {operation.name: self.method(operation) for operation in operations}
            for group, operations in groups.items()
        }

    def method(self, operation: ir.Operation) -> _Method:
        """The method's signature, as generation writes it."""
        view = operation_view(self.annotations, operation, ErrorTypes(self.annotations))
        arguments = {
            argument.name: _Argument(
                annotation=argument.annotation.replace(" | NotGiven", ""),
                required=argument.default is None,
            )
            for argument in (*view.positional, *view.keyword)
        }
        positional = tuple(argument.name for argument in view.positional)
        return _Method(positional=positional, arguments=arguments, returns=view.returns)

    def declarations(self) -> dict[str, ir.Declaration]:
        return {declaration.name: declaration for declaration in self.api.declarations.values()}


def compare(old: ir.Api, new: ir.Api) -> list[Change]:
    """Every change from `old` to `new`, grouped by resource, then the models."""
    before, after = _Reader(old), _Reader(new)
    changes = list(_method_changes(before.methods(), after.methods()))
    changes += _model_changes(before, after)
    return changes


def _method_changes(
    old: dict[str, dict[str, _Method]], new: dict[str, dict[str, _Method]]
) -> Iterator[Change]:
    for group in sorted(old.keys() | new.keys(), key=lambda g: (g != "client", g)):
        before, after = old.get(group, {}), new.get(group, {})
        if before and not after:
            yield Change(group=group, subject=group, kind="removed",
                         text=f"resource removed, with its {len(before)} method(s)")  # fmt: skip
            continue
        if after and not before:
            yield Change(group=group, subject=group, kind="added",
                         text=f"new resource, with {len(after)} method(s)")  # fmt: skip
            continue
        for name in sorted(before.keys() - after.keys()):
            yield Change(group=group, subject=f"{group}.{name}", kind="removed",
                         text="method removed")  # fmt: skip
        for name in sorted(after.keys() - before.keys()):
            yield Change(group=group, subject=f"{group}.{name}", kind="added", text="new method")
        for name in sorted(before.keys() & after.keys()):
            subject = f"{group}.{name}"
            for kind, text in _method_diff(before[name], after[name]):
                yield Change(group=group, subject=subject, kind=kind, text=text)


def _method_diff(old: _Method, new: _Method) -> Iterator[tuple[Kind, str]]:
    if old.positional != new.positional:
        yield (
            "breaking",
            (
                f"positional arguments are now ({', '.join(new.positional)}), "
                f"were ({', '.join(old.positional)})"
            ),
        )
    for name in sorted(old.arguments.keys() - new.arguments.keys()):
        yield "removed", f"argument `{name}` removed"
    for name in sorted(new.arguments.keys() - old.arguments.keys()):
        argument = new.arguments[name]
        if argument.required:
            yield "breaking", f"new required argument `{name}: {argument.annotation}`"
        else:
            yield "added", f"new optional argument `{name}: {argument.annotation}`"
    for name in sorted(old.arguments.keys() & new.arguments.keys()):
        before, after = old.arguments[name], new.arguments[name]
        if before.required != after.required:
            if after.required:
                yield "breaking", f"argument `{name}` is now required"
            else:
                yield "changed", f"argument `{name}` is now optional"
        if before.annotation != after.annotation:
            kind: Kind = "changed" if _widened(before.annotation, after.annotation) else "breaking"
            yield kind, f"argument `{name}` is `{after.annotation}`, was `{before.annotation}`"
    if old.returns != new.returns:
        kind = "changed" if _members(new.returns) < _members(old.returns) else "breaking"
        yield kind, f"returns `{new.returns}`, was `{old.returns}`"


def _model_changes(before: _Reader, after: _Reader) -> Iterator[Change]:
    old, new = before.declarations(), after.declarations()
    for name in sorted(old.keys() - new.keys()):
        yield Change(group="models", subject=name, kind="removed", text="removed")
    for name in sorted(new.keys() - old.keys()):
        yield Change(group="models", subject=name, kind="added", text="new")
    for name in sorted(old.keys() & new.keys()):
        for subject, kind, text in _declaration_diff(before, after, old[name], new[name]):
            yield Change(group="models", subject=subject, kind=kind, text=text)


def _declaration_diff(
    before: _Reader, after: _Reader, old: ir.Declaration, new: ir.Declaration
) -> Iterator[tuple[str, Kind, str]]:
    name = new.name
    if type(old) is not type(new):
        yield name, "breaking", f"is now a {_what(new)}, was a {_what(old)}"
    elif isinstance(old, ir.Enum) and isinstance(new, ir.Enum):
        values_old, values_new = [m.value for m in old.members], [m.value for m in new.members]
        for value in values_old:
            if value not in values_new:
                yield name, "removed", f"value {json.dumps(value)} removed"
        for value in values_new:
            if value not in values_old:
                yield name, "added", f"new value {json.dumps(value)}"
    elif isinstance(old, ir.Alias) and isinstance(new, ir.Alias):
        was, now = before.type(old.target), after.type(new.target)
        if was != now:
            yield name, "breaking", f"is `{now}`, was `{was}`"
    elif isinstance(old, ir.Model) and isinstance(new, ir.Model):
        yield from _field_diff(before, after, old, new)


def _field_diff(
    before: _Reader, after: _Reader, old: ir.Model, new: ir.Model
) -> Iterator[tuple[str, Kind, str]]:
    fields_old = {f.name: f for f in old.fields}
    fields_new = {f.name: f for f in new.fields}
    for field in sorted(fields_old.keys() - fields_new.keys()):
        yield f"{new.name}.{field}", "removed", "field removed"
    for field in sorted(fields_new.keys() - fields_old.keys()):
        added = fields_new[field]
        annotation = after.type(added.type)
        if added.required and not added.constant:
            yield f"{new.name}.{field}", "breaking", f"new required field: `{annotation}`"
        else:
            yield f"{new.name}.{field}", "added", f"new optional field: `{annotation}`"
    for field in sorted(fields_old.keys() & fields_new.keys()):
        was, now = fields_old[field], fields_new[field]
        subject = f"{new.name}.{field}"
        if was.required != now.required:
            state = "required" if now.required else "optional (may be None)"
            yield subject, "breaking", f"is now {state}"
        was_type, now_type = before.type(was.type), after.type(now.type)
        if was_type != now_type:
            yield subject, "breaking", f"is `{now_type}`, was `{was_type}`"


def _what(declaration: ir.Declaration) -> str:
    return {ir.Model: "model", ir.Enum: "enum", ir.Alias: "type alias"}[type(declaration)]


def bump(changes: list[Change]) -> Bump:
    """The semantic-version part a release with `changes` must raise."""
    if any(change.breaking for change in changes):
        return "major"
    if any(change.kind == "added" for change in changes):
        return "minor"
    return "patch" if changes else "none"


def next_version(version: str, part: Bump) -> str:
    """`version` raised by `part`. Before 1.0, a breaking change raises the minor version and
    anything else the patch version (the convention of Cargo and of most 0.x Python SDKs)."""
    numbers = [int(n) for n in version.split(".")[:3] if n.isdigit()]
    major, minor, patch = [*numbers, 0, 0, 0][:3]
    if part == "none":
        return f"{major}.{minor}.{patch}"
    if major == 0:
        part = "minor" if part == "major" else "patch"
    if part == "major":
        return f"{major + 1}.0.0"
    if part == "minor":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


_LABELS = {"breaking": "BREAKING", "removed": "BREAKING", "added": "added", "changed": "changed"}


def text_report(changes: list[Change], old_version: str) -> str:
    part = bump(changes)
    breaking = sum(change.breaking for change in changes)
    lines = [
        f"{len(changes)} change(s), {breaking} breaking: a {part} release "
        f"({old_version} -> {next_version(old_version, part)})"
        if part != "none"
        else "no change for the SDK's callers"
    ]
    group = None
    for change in changes:
        if change.group != group:
            group = change.group
            lines.append(f"\n{group}")
        lines.append(f"  {_LABELS[change.kind]:<9} {change.subject}: {change.text}")
    return "\n".join(lines) + "\n"


def markdown_report(changes: list[Change], old_version: str) -> str:
    """A changelog section for the release."""
    version = next_version(old_version, bump(changes))
    sections = [
        ("Breaking changes", [c for c in changes if c.breaking]),
        ("Added", [c for c in changes if c.kind == "added"]),
        ("Changed", [c for c in changes if c.kind == "changed"]),
    ]
    lines = [f"## {version}"]
    for title, selected in sections:
        if selected:
            lines += ["", f"### {title}", ""]
            lines += [f"- `{c.subject}`: {c.text}" for c in selected]
    if not changes:
        lines += ["", "No change for the SDK's callers."]
    return "\n".join(lines) + "\n"


def as_json(changes: list[Change]) -> str:
    return json.dumps([dataclasses.asdict(change) for change in changes], indent=2) + "\n"
