"""Regeneration in place: generation owns only the files its marker lists, an edited one is a
conflict, and a failure halfway through puts everything back."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from aiosdkgen import output
from aiosdkgen.output import staging
from aiosdkgen.output.tree import MARKER, digest

FILES = {
    "pkg/__init__.py": "A = 1\n",
    "pkg/models/_a.py": "B = 2\n",
    "README.md": "# pkg\n",
}


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def _write(files: dict[str, str], out: Path, force: bool = False) -> None:
    output.write(files, out, version="1", force=force)


def test_the_marker_lists_every_generated_file_with_its_hash(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _write(FILES, out)
    listed = json.loads((out / MARKER).read_text())["files"]
    assert listed == {path: digest((out / path).read_bytes()) for path in FILES}


def test_regeneration_replaces_its_own_deletes_the_stale_and_keeps_the_rest(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    _write(FILES, out)
    (out / "pkg" / "lib").mkdir()
    (out / "pkg" / "lib" / "helpers.py").write_text("def helper() -> int:\n    return 1\n")
    (out / "CHANGELOG.md").write_text("## 1.0\n")
    renamed = {"pkg/__init__.py": "A = 3\n", "pkg/models/_b.py": "B = 2\n", "README.md": "# pkg\n"}
    _write(renamed, out)
    tree = _tree(out)
    assert tree["pkg/__init__.py"] == b"A = 3\n" and "pkg/models/_a.py" not in tree
    assert tree["pkg/lib/helpers.py"].startswith(b"def helper") and "CHANGELOG.md" in tree
    assert set(json.loads(tree[MARKER])["files"]) == set(renamed)


def test_an_emptied_folder_goes_but_a_folder_holding_other_files_stays(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _write(FILES, out)
    (out / "pkg" / "notes.txt").write_text("mine")
    _write({"README.md": "# pkg\n"}, out)
    assert not (out / "pkg" / "models").exists()
    assert sorted(p.name for p in (out / "pkg").iterdir()) == ["notes.txt"]


@pytest.mark.parametrize("kind", ["edited", "deleted upstream", "in the way"])
def test_a_conflict_stops_the_run_naming_the_files_unless_forced(tmp_path: Path, kind: str) -> None:
    out = tmp_path / "out"
    _write(FILES, out)
    if kind == "edited":
        (out / "README.md").write_text("my words")
        new, where = FILES, "README.md"
    elif kind == "deleted upstream":  # edited, and generation no longer writes it
        (out / "pkg" / "models" / "_a.py").write_text("B = 'mine'\n")
        new, where = {k: v for k, v in FILES.items() if not k.endswith("_a.py")}, "pkg/models/_a.py"
    else:
        (out / "NOTES.md").write_text("mine")
        new, where = {**FILES, "NOTES.md": "generated\n"}, "NOTES.md"
    before = _tree(out)
    with pytest.raises(output.OutputError) as caught:
        _write(new, out)
    assert str(out / where) in str(caught.value) and "--force" in str(caught.value)
    assert _tree(out) == before
    _write(new, out, force=True)
    assert _tree(out).get(where) == (new[where].encode() if where in new else None)


def test_a_licence_of_the_maintainers_is_kept_and_never_owned(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _write(FILES, out)
    (out / "LICENSE").write_text("Proprietary: ours")
    _write({**FILES, "LICENSE": "MIT License\n"}, out)
    assert (out / "LICENSE").read_text() == "Proprietary: ours"
    assert "LICENSE" not in json.loads((out / MARKER).read_text())["files"]
    fresh = tmp_path / "fresh"
    _write({**FILES, "LICENSE": "MIT License\n"}, fresh)
    assert (fresh / "LICENSE").read_text() == "MIT License\n"
    assert "LICENSE" in json.loads((fresh / MARKER).read_text())["files"]
    _write({**FILES, "LICENSE": "MIT License\n\nCopyright (c) someone\n"}, fresh)
    assert "someone" in (fresh / "LICENSE").read_text()  # still generation's: updated
    (fresh / "LICENSE").write_text("MIT License\n\nCopyright (c) Zoo Inc.\n")
    _write({**FILES, "LICENSE": "MIT License\n"}, fresh)
    assert "Zoo Inc." in (fresh / "LICENSE").read_text()  # edited: made theirs
    assert "LICENSE" not in json.loads((fresh / MARKER).read_text())["files"]


def test_a_file_identical_to_what_would_be_written_is_no_conflict(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "README.md").write_text("# pkg\n")
    _write(FILES, out)
    assert "README.md" in json.loads((out / MARKER).read_text())["files"]


def test_a_failure_halfway_puts_everything_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    _write(FILES, out)
    (out / "mine.txt").write_text("mine")
    before = _tree(out)
    real_replace = os.replace
    calls = []

    def failing(source: object, target: object) -> None:
        calls.append(target)
        if len(calls) == 5:
            raise OSError("disk full")
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(staging.os, "replace", failing)
    changed = {"pkg/__init__.py": "A = 9\n", "pkg/new/_c.py": "C = 1\n", "README.md": "# new\n"}
    with pytest.raises(OSError, match="disk full"):
        _write(changed, out)
    monkeypatch.setattr(staging.os, "replace", real_replace)
    assert _tree(out) == before
    assert not (out / "pkg" / "new").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # nothing left beside it


def test_a_legacy_marker_owns_every_file_outside_hidden_folders(tmp_path: Path) -> None:
    """aiosdkgen before manifests replaced the whole directory: all of it was generated."""
    out = tmp_path / "out"
    (out / "pkg").mkdir(parents=True)
    (out / "pkg" / "old.py").write_text("OLD = 1\n")
    (out / ".git").mkdir()
    (out / ".git" / "HEAD").write_text("ref\n")
    (out / MARKER).write_text('{"generator": "aiosdkgen", "version": "0.0.1"}\n')
    _write(FILES, out)
    assert not (out / "pkg" / "old.py").exists() and (out / ".git" / "HEAD").is_file()
