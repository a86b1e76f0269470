"""What regenerating into a directory does to it: the generator owns only what it wrote.

Generation writes new files, replaces its own, and deletes its own that are no longer
generated; everything else (`.git`, CI files, a licence, a changelog, caches, `dist/`,
hand-written modules) is never touched. A file it owns that was edited since (its hash is not
the one the marker lists), or a file of someone else's where it would write, is a conflict:
the run stops and names them, unless forced.

A licence is different: a maintainer who adds their own `LICENSE`, or edits the generated one
(to name the copyright holder, say), keeps it, even when the spec later names a licence:
generation then leaves it alone and no longer owns it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .tree import MARKER, Entry, Manifest, digest, marker, read_entry, read_manifest

# Written only where nothing of someone else's stands.
SEEDS = frozenset({"LICENSE"})


@dataclass(slots=True)
class Plan:
    """The changes that bring `output` to what generation gives now."""

    write: list[str] = field(default_factory=list)  # new or changed
    marker: bytes | None = None  # the new marker, when it changes
    delete: list[str] = field(default_factory=list)  # owned, no longer generated
    edited: list[str] = field(default_factory=list)  # owned, changed by someone since
    foreign: list[str] = field(default_factory=list)  # not owned, in the way
    unowned: dict[str, bytes] = field(default_factory=dict)  # written, never owned

    @property
    def conflicts(self) -> list[str]:
        return sorted({*self.edited, *self.foreign})

    @property
    def unchanged(self) -> bool:
        return not (self.write or self.marker or self.delete or self.edited or self.foreign)


def plan(
    output: Path,
    formatted: Mapping[str, str],
    version: str,
    unowned: Mapping[str, str] | None = None,
) -> Plan:
    """Compare `formatted` (the files generation writes, by relative path) with `output`.

    `unowned` files are written too (when their content changes) but not listed in the
    marker: they are the maintainer's to edit (the recorded options)."""
    manifest = read_manifest(output) or Manifest(files={})
    directories: dict[str, bool] = {}

    def read(relative: str) -> Entry:
        return read_entry(output, relative, directories)

    theirs = set()
    for seed in SEEDS & formatted.keys():
        current = read(seed)
        owned = manifest.files.get(seed)
        if current is not None and (not isinstance(current, bytes) or digest(current) != owned):
            theirs.add(seed)  # someone else's, or made theirs by editing it: it stays
    result = Plan()
    # Digests only: a large SDK's bytes need not be held twice.
    digests: dict[str, str] = {}
    for relative, text in sorted(formatted.items()):
        if relative in theirs:
            continue
        content = text.encode("utf-8")
        digests[relative] = digest(content)
        current = read(relative)
        if current == content:
            continue
        owned = manifest.files.get(relative)
        if current is None or (isinstance(current, bytes) and digest(current) == owned):
            result.write.append(relative)
        elif owned is not None:
            result.edited.append(relative)
        else:
            result.foreign.append(relative)
    for relative, owned_digest in sorted(manifest.files.items()):
        if relative in digests or relative in theirs:
            continue
        current = read(relative)
        if current is None:
            continue
        if isinstance(current, bytes) and digest(current) == owned_digest:
            result.delete.append(relative)
        else:
            result.edited.append(relative)
    for relative, text in sorted((unowned or {}).items()):
        content = text.encode("utf-8")
        if read(relative) != content:
            result.unowned[relative] = content
    new_marker = marker(version, digests)
    if read(MARKER) != new_marker:
        result.marker = new_marker
    return result


def forced(result: Plan, formatted: Mapping[str, str]) -> Plan:
    """`result` with its conflicts resolved in generation's favour: edited files are replaced
    (or deleted, when no longer generated) and files in the way are overwritten."""
    write = list(result.write)
    delete = list(result.delete)
    for relative in result.conflicts:
        (write if relative in formatted else delete).append(relative)
    return Plan(
        write=sorted(write),
        marker=result.marker,
        delete=sorted(delete),
        unowned=dict(result.unowned),
    )
