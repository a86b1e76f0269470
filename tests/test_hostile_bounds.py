"""A spec's regular expressions and sizes cannot hang the generator or exhaust its memory.

Every case runs the real command line in a subprocess under a time limit that only a hang
reaches and an address-space limit that only a blow-up reaches.
"""

from __future__ import annotations

import json
import os
import resource
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

_TIME_LIMIT = 120  # seconds: a run takes about one; a backtracking regex, longer than a day
_MEMORY_LIMIT = 4 << 30  # bytes of address space (ruff and its threads included)
_BACKTRACKING = ["^(a+)+b$", "^(a|a)*c$", "^(a|aa)+$x", "(\\w+\\s?)+$x", "^(([a-z])+.)+[A-Z]$"]
_LOOKAROUND = ["^(?=a)(a+)+b$", "^(a+)+(?!a)b$", "^(a)(a+)+\\1b$"]


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (_MEMORY_LIMIT, _MEMORY_LIMIT))


def _generate(tmp_path: Path, document: dict[str, Any]) -> subprocess.CompletedProcess[str]:
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(document), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "aiosdkgen", "generate", str(spec), "-o", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=_TIME_LIMIT,
        preexec_fn=_limit_memory,
        check=False,
    )
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, (
        result.stderr[-3000:]
    )
    return result


def _document(
    version: str = "3.1.0",
    schemas: dict[str, Any] | None = None,
    parameters: list[dict[str, Any]] | None = None,
    body: dict[str, Any] | None = None,
) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "operationId": "call",
        "parameters": parameters or [],
        "responses": {"204": {"description": "done"}},
    }
    if body is not None:
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": body}},
        }
    return {
        "openapi": version,
        "info": {"title": "T", "version": "1"},
        "paths": {"/x": {"post": operation}},
        "components": {"schemas": schemas or {}},
    }


def _query(schema: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"name": "q", "in": "query", "required": True, "schema": schema}]


def _generated_test(tmp_path: Path) -> str:
    return (tmp_path / "out" / "tests" / "test_client.py").read_text(encoding="utf-8")


# -- regular expressions ---------------------------------------------------------------------


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
@pytest.mark.parametrize("pattern", _BACKTRACKING)
def test_a_default_checked_against_a_backtracking_pattern_ends(
    tmp_path: Path, version: str, pattern: str
) -> None:
    """The validator checked a default against its `pattern` with Python's `re`: forty `a`s
    against `^(a+)+b$` never finished. RE2 gives the verdict at once, with the pointer."""
    schemas = {"S": {"type": "string", "pattern": pattern, "default": "a" * 40}}
    result = _generate(tmp_path, _document(version, schemas))
    assert result.returncode == 1, result.stderr
    assert "#/components/schemas/S: " in result.stderr and "does not match" in result.stderr


@pytest.mark.parametrize(
    "schema",
    [
        # patternProperties, directly and through additionalProperties (OpenAPI 3.1)
        {"type": "object", "patternProperties": {"^(a+)+b$": {"type": "integer"}}},
        {
            "type": "object",
            "patternProperties": {"^(a+)+b$": {"type": "string"}},
            "additionalProperties": {"type": "integer"},
        },
        # a subschema that names its dialect is still checked with RE2
        {
            "type": "object",
            "properties": {
                "a" * 40: {
                    "$schema": "https://json-schema.org/draft/2020-12/schema",
                    "type": "string",
                    "pattern": "^(a+)+b$",
                }
            },
        },
    ],
    ids=["patternProperties", "additionalProperties", "$schema"],
)
def test_every_regex_a_default_meets_runs_in_linear_time(
    tmp_path: Path, schema: dict[str, Any]
) -> None:
    schema = {**schema, "default": {"a" * 40: "a" * 40}}
    result = _generate(tmp_path, _document(schemas={"S": schema}))
    assert result.returncode in (0, 1), result.stderr


@pytest.mark.parametrize("pattern", _LOOKAROUND)
def test_a_default_against_a_pattern_re2_refuses_is_a_warning(tmp_path: Path, pattern: str) -> None:
    """Lookaround and backreferences have no linear-time matcher: not run, said with the
    pointer; the SDK is generated."""
    schemas = {"S": {"type": "string", "pattern": pattern, "default": "a" * 40}}
    result = _generate(tmp_path, _document(schemas=schemas))
    assert result.returncode == 0, result.stderr
    assert "warning: #/components/schemas/S: pattern " in result.stderr
    assert "cannot be checked in linear time" in result.stderr


@pytest.mark.parametrize("pattern", _BACKTRACKING)
def test_a_sample_for_a_backtracking_pattern_ends(tmp_path: Path, pattern: str) -> None:
    """The sampler padded candidates to `minLength` and ran `re.search`: it never ended."""
    result = _generate(
        tmp_path,
        _document(parameters=_query({"type": "string", "minLength": 40, "pattern": pattern})),
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("pattern", _LOOKAROUND)
def test_a_parameter_whose_pattern_re2_refuses_gets_a_skipped_test(
    tmp_path: Path, pattern: str
) -> None:
    result = _generate(
        tmp_path,
        _document(parameters=_query({"type": "string", "minLength": 40, "pattern": pattern})),
    )
    assert result.returncode == 0, result.stderr
    assert "warning: #/paths/~1x/post/parameters/0/schema: pattern " in result.stderr
    assert "the generated test is skipped" in result.stderr
    assert "pytest.skip(" in _generated_test(tmp_path)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("^\\u0041+$", True),  # ECMA-262's code point escapes
        ("^\\u{1F600}$", False),
        ("^\\\\u0041$", False),  # an escaped backslash, then `u0041`
        ("^\\p{Lu}+$", True),
        ("^\\d+$", False),
    ],
)
def test_ecma_patterns_run_on_re2(pattern: str, expected: bool) -> None:
    from aiosdkgen.validation import patterns

    assert patterns.search(pattern, "AAA") is expected
    assert patterns.search("^\\\\u0041$", "\\u0041")


# -- sizes -----------------------------------------------------------------------------------

_NESTED = {
    "type": "array",
    "minItems": 3000,
    "items": {"type": "array", "minItems": 3000, "items": {"type": "string"}},
}
_TOO_LARGE = {
    "nested arrays": _query(_NESTED),
    "minItems": _query({"type": "array", "minItems": 10_000_000, "items": {"type": "string"}}),
    "minLength": _query({"type": "string", "minLength": 1_000_000_000}),
    "an example repeated": _query(
        {"type": "array", "minItems": 1000, "items": {"type": "string", "example": "x" * 1000}}
    ),
    "deep small arrays": _query(
        json.loads('{"type": "array", "minItems": 5, "items": ' * 12 + "{}" + "}" * 12)
    ),
}


@pytest.mark.parametrize("parameters", _TOO_LARGE.values(), ids=_TOO_LARGE)
def test_arguments_that_cannot_fit_the_budget_give_a_skipped_test(
    tmp_path: Path, parameters: list[dict[str, Any]]
) -> None:
    """The sampler built `[item] * minItems` and strings of `minLength` whatever their size: a
    90 MB test module, or memory exhausted inside the formatter."""
    result = _generate(tmp_path, _document(parameters=parameters))
    assert result.returncode == 0, result.stderr
    assert "warning: #/paths/~1x/post/parameters/0/schema: " in result.stderr
    assert "does not fit the size budget" in result.stderr
    test_module = _generated_test(tmp_path)
    assert "pytest.skip(" in test_module and len(test_module) < 10_000


def test_the_budget_is_per_operation_and_covers_the_body(tmp_path: Path) -> None:
    """Each argument fits, the operation's together do not; another operation is unaffected."""
    half = {"type": "string", "minLength": 60_000}
    document = _document(
        parameters=_query(half),
        body={"type": "object", "required": ["a"], "properties": {"a": half}},
    )
    document["paths"]["/y"] = {
        "get": {
            "operationId": "other",
            "parameters": [{"name": "q", "in": "query", "required": True, "schema": half}],
            "responses": {"204": {"description": "done"}},
        }
    }
    result = _generate(tmp_path, document)
    assert result.returncode == 0, result.stderr
    assert "#/paths/~1x/post/requestBody/content/application~1json/schema: " in result.stderr
    test_module = _generated_test(tmp_path)
    assert test_module.count("pytest.skip(") == 1
    assert "sample" + "e" * 59_994 + '"' in test_module.split("async def test_other")[1]


# -- inputs ----------------------------------------------------------------------------------


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "aiosdkgen", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=_TIME_LIMIT,
        preexec_fn=_limit_memory,
        check=False,
    )
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, (
        result.stderr[-3000:]
    )
    return result


@pytest.mark.parametrize(
    ("text", "pointer"),
    [
        ('{"openapi": "3.1.0", "x-n": [1, ' + "9" * 5000 + "]}", "#/x-n/1"),
        ('{"openapi": "3.1.0", "x-n": -' + "1" * 4301 + "}", "#/x-n"),
        ("openapi: 3.1.0\nx-n: {a: [" + "9" * 5000 + "]}\n", "#/x-n/a/0"),
        ("openapi: 3.1.0\nx-n:\n  ? " + "9" * 5000 + "\n  : a\n", "#/x-n/" + "9" * 5000),
    ],
    ids=["JSON", "JSON negative", "YAML", "YAML key"],
)
def test_an_integer_too_long_to_convert_is_a_spec_error_at_its_pointer(
    tmp_path: Path, text: str, pointer: str
) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(text, encoding="utf-8")
    result = _run("generate", spec, "-o", tmp_path / "out")
    assert result.returncode == 1, result.stderr
    assert f"{pointer}: spec.yaml holds an integer of more than 4,300 digits" in result.stderr


@pytest.mark.parametrize("source", ["/dev/zero", "/dev/urandom", "fifo", "directory"])
def test_a_spec_that_is_not_a_regular_file_is_refused(tmp_path: Path, source: str) -> None:
    """/dev/zero filled memory; a FIFO waited for a writer forever."""
    spec = Path(source)
    if source == "fifo":
        spec = tmp_path / "spec.yaml"
        os.mkfifo(spec)
    elif source == "directory":
        spec = tmp_path / "spec.yaml"
        spec.mkdir()
    result = _run("generate", spec, "-o", tmp_path / "out")
    assert result.returncode == 1, result.stderr
    assert f"cannot read {spec}: " in result.stderr


def test_a_spec_over_the_size_budget_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    """A 200 MB document of `{}`s ran out of memory at about 20 times its size."""
    spec = tmp_path / "spec.json"
    with spec.open("w") as stream:
        stream.write('{"openapi": "3.1.0", "x": [')
        stream.write("{}, " * (17 << 20))
        stream.write("{}]}")
    result = _run("generate", spec, "-o", tmp_path / "out")
    assert result.returncode == 1, result.stderr
    assert "spec.json is larger than 64 MiB, the most aiosdkgen reads from one file" in (
        result.stderr
    )


@pytest.mark.parametrize("flag", ["--check", "--force"])
def test_a_fifo_inside_an_existing_output_is_never_opened(tmp_path: Path, flag: str) -> None:
    """At a path generation owns, a FIFO is a difference (never read: that would block); one
    elsewhere is not generation's and is not looked at."""
    spec = Path(__file__).parent.parent / "specs" / "petstore.yaml"
    out = tmp_path / "out"
    assert _run("generate", spec, "-o", out).returncode == 0
    os.mkfifo(out / "tests" / "fifo")
    (out / "tests" / "conftest.py").unlink()
    os.mkfifo(out / "tests" / "conftest.py")
    result = _run("generate", spec, "-o", out, flag)
    if flag == "--check":
        assert result.returncode == 1 and "stale: " in result.stderr, result.stderr
        assert "tests/conftest.py" in result.stderr and "tests/fifo" not in result.stderr
    else:
        assert result.returncode == 0, result.stderr
        assert (out / "tests" / "conftest.py").is_file()
        assert stat.S_ISFIFO((out / "tests" / "fifo").lstat().st_mode)
