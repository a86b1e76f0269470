"""Pathological documents (thousands of levels deep, very wide, circular) end with an SDK or a
clean error naming the place, within bounded time and memory: never a RecursionError traceback,
never a hang.

Each case runs the real command line in a subprocess with a time limit and an address-space
limit. Deep documents are built as text: Python's own json module cannot write them.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from aiosdkgen.diagnostics import SpecError
from aiosdkgen.spec import load
from aiosdkgen.spec.reader import MAX_DEPTH

_MEMORY_LIMIT = 4 << 30  # bytes of address space for the generator process (ruff included)
_TIME_LIMIT = 300  # seconds; every case takes a fraction of it


def _document(schemas: str = "{}", paths: str = "{}") -> str:
    return (
        '{"openapi": "3.1.0", "info": {"title": "T", "version": "1"}, '
        f'"paths": {paths}, "components": {{"schemas": {schemas}}}}}'
    )


def _nested(opening: str, leaf: str, closing: str, levels: int) -> str:
    return opening * levels + leaf + closing * levels


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def deep_properties(levels: int) -> str:
    schema = _nested('{"type": "object", "properties": {"p": ', '{"type": "string"}', "}}", levels)
    return _document(f'{{"Deep": {schema}}}')


def deep_items(levels: int) -> str:
    schema = _nested('{"type": "array", "items": ', '{"type": "string"}', "}", levels)
    return _document(f'{{"Deep": {schema}}}')


def deep_all_of(levels: int) -> str:
    schema = '{"allOf": [' * levels + '{"type": "object"}' + ', {"type": "object"}]}' * levels
    return _document(f'{{"Deep": {schema}}}')


def deep_yaml(levels: int) -> str:
    lines = ["openapi: 3.1.0", "info: {title: T, version: '1'}", "paths: {}", "components:"]
    lines += ["  schemas:", "    Deep:"]
    indent = " " * 6
    for _ in range(levels):
        lines += [f"{indent}type: object", f"{indent}properties:", f"{indent}  p:"]
        indent += "    "
    return "\n".join([*lines, f"{indent}type: string", ""])


def wide_properties(count: int) -> str:
    properties = {f"p{i}": {"type": "string"} for i in range(count)}
    return _document(json.dumps({"Wide": {"type": "object", "properties": properties}}))


def wide_operations(count: int) -> str:
    paths = {
        f"/items{i}/{{id}}": {
            "get": {
                "operationId": f"get_item{i}",
                "tags": [f"tag{i % 50}"],
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
                ],
                "responses": {"200": {"description": "ok"}},
            }
        }
        for i in range(count)
    }
    return _document(paths=json.dumps(paths))


def schemas(named: dict[str, object]) -> str:
    return _document(json.dumps(named))


def alias_chain(count: int) -> str:
    chain: dict[str, object] = {f"S{i}": _ref(f"S{i + 1}") for i in range(count)}
    return schemas({**chain, f"S{count}": {"type": "string"}})


def property_ring(count: int) -> str:
    return schemas(
        {
            f"S{i}": {"type": "object", "properties": {"next": _ref(f"S{(i + 1) % count}")}}
            for i in range(count)
        }
    )


def yaml_laughs() -> str:
    lines = ["openapi: 3.1.0", "info: {title: T, version: '1'}", "paths: {}"]
    lines.append("x-a: &a [" + ", ".join(["lol"] * 10) + "]")
    for level in range(1, 9):
        previous, name = chr(ord("a") + level - 1), chr(ord("a") + level)
        lines.append(f"x-{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    return "\n".join([*lines, ""])


@dataclass(frozen=True)
class Case:
    name: str
    text: str
    exit_code: int
    expect: str  # a fragment of stderr (on failure) or of stdout (on success)
    suffix: str = ".json"


def _depth_at_limit() -> int:
    """Levels of `items` whose innermost schema sits exactly MAX_DEPTH containers deep
    (root, components, schemas, Deep: four levels before the first `items`)."""
    return MAX_DEPTH - 4


CASES = [
    # Absurdly deep: rejected with the pointer of the first node too deep.
    Case("properties 5,000 levels", deep_properties(5000), 1,
         "#/components/schemas/Deep/properties/p/properties/p/"),
    Case("items 5,000 levels", deep_items(5000), 1, "#/components/schemas/Deep/items/items/"),
    Case("allOf 5,000 levels", deep_all_of(5000), 1, "#/components/schemas/Deep/allOf/0/allOf/0/"),
    Case("YAML properties 2,000 levels", deep_yaml(2000), 1,
         "#/components/schemas/Deep/properties/p/", ".yaml"),
    # The limit itself: MAX_DEPTH levels generate, one more does not.
    Case("items at the depth limit", deep_items(_depth_at_limit()), 0, "generated"),
    Case("items one level past the limit", deep_items(_depth_at_limit() + 1), 1,
         f"nests more than {MAX_DEPTH} levels deep here"),
    # Wide.
    Case("10,000 properties in one schema", wide_properties(10_000), 0, "generated"),
    Case("10,000 operations in 50 tags", wide_operations(10_000), 0, "generated"),
    # Circular.
    Case("$ref to itself", schemas({"A": _ref("A")}), 1,
         "#/components/schemas/A: $ref cycle #/components/schemas/A -> #/components/schemas/A"),
    Case("$ref cycle A -> B -> C -> A", schemas({"A": _ref("B"), "B": _ref("C"), "C": _ref("A")}),
         1, "-> #/components/schemas/C -> #/components/schemas/A: the references never reach"),
    Case("allOf cycle", schemas({"A": {"allOf": [_ref("B")]}, "B": {"allOf": [_ref("A")]}}), 1,
         "#/components/schemas/A: allOf cycle"),
    Case("cycle through properties A -> B -> C -> A",
         schemas({name: {"type": "object", "properties": {"next": _ref(target)}}
                  for name, target in (("A", "B"), ("B", "C"), ("C", "A"))}), 0, "generated"),
    # Long chains of distinct schemas: the validator's recursion ends them, cleanly.
    Case("$ref chain of 2,000 aliases", alias_chain(2000), 1, "nested too deeply to validate"),
    Case("ring of 2,000 models through properties", property_ring(2000), 1,
         "nested too deeply to validate"),
    # YAML aliases.
    Case("YAML billion laughs", yaml_laughs(), 1, "values", ".yaml"),
    Case("YAML alias inside itself",
         "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths: {}\nx-a: &a [1, *a]\n", 1,
         "#/x-a/1/1/1/1/", ".yaml"),
]  # fmt: skip


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (_MEMORY_LIMIT, _MEMORY_LIMIT))


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_pathological_document_ends_cleanly(tmp_path: Path, case: Case) -> None:
    spec = tmp_path / f"spec{case.suffix}"
    spec.write_text(case.text, encoding="utf-8")
    output = tmp_path / "out"
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "aiosdkgen", "generate", str(spec), "-o", str(output)],
        capture_output=True,
        text=True,
        timeout=_TIME_LIMIT,
        preexec_fn=_limit_memory,
        check=False,
    )
    elapsed = time.monotonic() - started
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, (
        result.stderr[-3000:]
    )
    assert result.returncode == case.exit_code, result.stderr[-3000:]
    if case.exit_code == 0:
        assert case.expect in result.stdout
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(output)], check=True)
    else:
        lines = result.stderr.splitlines()
        assert lines[0].startswith("error: ") and all(line.isprintable() for line in lines)
        assert case.expect in result.stderr, result.stderr[-3000:]
        assert not output.exists()
    assert elapsed < _TIME_LIMIT


def test_bundled_files_that_inline_each_other_cannot_explode(tmp_path: Path) -> None:
    """Each file inlines the next ten times (not as components): 10^7 copies of the last one,
    from a few kilobytes of text. Bundling stops at its budget of values."""
    for level in range(7):
        refs = {f"p{i}": {"$ref": f"./f{level + 1}.json#/x"} for i in range(10)}
        (tmp_path / f"f{level}.json").write_text(json.dumps({"x": {"properties": refs}}))
    (tmp_path / "f7.json").write_text(
        json.dumps({"x": {"type": "string", "enum": list(range(50))}})
    )
    spec = tmp_path / "spec.json"
    spec.write_text(_document(json.dumps({"Bomb": {"$ref": "./f0.json#/x"}})))
    started = time.monotonic()
    with pytest.raises(SpecError) as caught:
        load(spec)
    assert time.monotonic() - started < 120
    assert [problem.code for problem in caught.value.problems] == ["too-large"]
