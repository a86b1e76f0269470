"""Random, structurally valid OpenAPI 3.0 / 3.1 documents, and the property every one must meet.

Shared by tests/test_fuzz.py (a fixed number of examples in CI) and scripts/fuzz.py (long runs).

The property: `aiosdkgen generate` either exits 0 and writes an SDK that compiles, imports and
passes `ruff check` (each checked in a fresh process), or exits 1 with readable `error:` lines;
never a traceback, never an internal error (also not one masked as a warning), never a hang.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from aiosdkgen import cli
from hypothesis import strategies as st
from ruff.__main__ import find_ruff_bin

# -- names ---------------------------------------------------------------------------------

# Names that collide with Python, pydantic, the SDK's own modules and each other (case).
_TRICKY_NAMES = [
    "class", "def", "None", "True", "false", "self", "cls", "__init__", "__class__", "__dict__",
    "_", "__", "model_config", "model_fields", "model_dump", "schema", "json", "dict", "copy",
    "validate", "list", "str", "int", "type", "id", "object", "Any", "Field", "BaseModel",
    "Literal", "Annotated", "TypeAlias", "typing", "pydantic", "os", "sys", "models", "errors",
    "_runtime", "resources", "Client", "Endpoint", "Param", "Body", "NOT_GIVEN", "request",
    "close", "body", "timeout", "extra_headers", "content_type", "base_url", "with_raw_response",
    "Pet", "pet", "PET", "pet_", "Pet2", "2fa", "9", "-", "$", "@type", "a.b", "a-b", "x y",
    "é", "Ж", "名前", "🐍", "ĳ", "ﬁ", "Ａ", "A" * 120, "match", "case", "type_", "async", "await",
    "", " ", "l", "O", "I", "\u200b", "a\nb",
]  # fmt: skip
# Component keys must match ^[a-zA-Z0-9._-]+$ (the validator enforces it).
_COMPONENT_NAME = re.compile(r"[a-zA-Z0-9._-]+")
_COMPONENT_NAMES = [name for name in _TRICKY_NAMES if _COMPONENT_NAME.fullmatch(name)]

names = st.one_of(
    st.sampled_from(_TRICKY_NAMES),
    st.from_regex(r"[a-zA-Z_][a-zA-Z0-9_]{0,12}", fullmatch=True),
    st.text(min_size=1, max_size=12),
)
component_names = st.one_of(
    st.sampled_from(_COMPONENT_NAMES),
    st.from_regex(r"[a-zA-Z0-9._-]{1,16}", fullmatch=True),
)
# Text for descriptions and the like: anything at all, including quotes and control characters.
texts = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            '"""',
            "'''",
            "\\",
            "{{ x }}",
            "{% raw %}",
            "\x00",
            "\r\n",
            "\u2028",
            "#",
            '"',
            '\\"""',
            "\ud800",
            "\x1b[31m",
            "\u202e",
            "${x}",
            "%s",
            "'",
        ]
    ),
)
json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


# -- schemas -------------------------------------------------------------------------------

_FORMATS = {
    "string": [None, "date-time", "date", "time", "uuid", "binary", "byte", "email", "uri",
               "password", "made-up"],
    "integer": [None, "int32", "int64"],
    "number": [None, "float", "double"],
}  # fmt: skip


@st.composite
def _leaf_schema(draw: st.DrawFn, version: str, refs: list[str]) -> Any:
    choice = draw(st.integers(0, 9))
    if refs and choice <= 2:
        return {"$ref": f"#/components/schemas/{draw(st.sampled_from(refs))}"}
    if choice == 3:
        return {} if version == "3.0" else draw(st.sampled_from([{}, True]))
    if choice == 4:
        return _enum_schema(draw, version)
    if choice == 5 and version == "3.1":
        return draw(
            st.sampled_from(
                [
                    {"type": ["string", "integer"]},
                    {"type": ["string", "integer", "null"]},
                    {"type": ["array", "object"]},
                    {"const": "fixed"},
                    {"const": 3},
                    {"type": "string", "examples": ["a", "b"]},
                    {"type": "integer", "exclusiveMinimum": 0, "multipleOf": 5},
                ]
            )
        )
    kind = draw(st.sampled_from(["string", "integer", "number", "boolean"]))
    schema: dict[str, Any] = {"type": kind}
    fmt = draw(st.sampled_from(_FORMATS.get(kind, [None])))
    if fmt is not None:
        schema["format"] = fmt
    if kind == "string" and draw(st.booleans()):
        schema.update(draw(st.sampled_from([{"minLength": 2, "maxLength": 5},
                                            {"pattern": "^[a-z]+$"}, {"pattern": "\\p{L}+"}])))  # fmt: skip
    if kind in ("integer", "number") and draw(st.booleans()):
        schema.update({"minimum": draw(st.integers(-5, 5)), "maximum": draw(st.integers(6, 99))})
    if draw(st.integers(0, 4)) == 0:
        schema["default"] = _fitting_value(draw, kind)
    return _maybe_nullable(draw, schema, version)


def _fitting_value(draw: st.DrawFn, kind: str) -> Any:
    match kind:
        case "string":
            return draw(st.text(max_size=8))
        case "integer":
            return draw(st.integers(6, 60))
        case "number":
            return draw(st.sampled_from([6, 7.5]))
        case _:
            return draw(st.booleans())


def _enum_schema(draw: st.DrawFn, version: str) -> dict[str, Any]:
    values = draw(
        st.one_of(
            st.lists(st.one_of(st.sampled_from(_TRICKY_NAMES), st.text(max_size=6)),
                     min_size=1, max_size=6),
            st.lists(st.integers(-(2**40), 2**40), min_size=1, max_size=4),
            st.lists(json_scalars, min_size=1, max_size=4),  # mixed types, null, floats
            st.lists(st.booleans(), min_size=1, max_size=2),
        )
    )  # fmt: skip
    schema: dict[str, Any] = {"enum": values}
    kinds = {type(value) for value in values if value is not None}
    if kinds == {str}:
        schema["type"] = "string"
    elif kinds == {int}:
        schema["type"] = "integer"
    if None in values:
        if version == "3.0":
            schema["nullable"] = True
        elif "type" in schema:
            schema["type"] = [schema["type"], "null"]
    return schema


def _maybe_nullable(draw: st.DrawFn, schema: dict[str, Any], version: str) -> dict[str, Any]:
    if "type" not in schema or draw(st.integers(0, 4)) != 0:
        return schema
    if version == "3.0":
        return {**schema, "nullable": True}
    return {**schema, "type": [schema["type"], "null"]}


def schemas(
    version: str, refs: list[str], forward: list[str] | None = None
) -> st.SearchStrategy[Any]:
    """Schemas nested up to a few levels, combining every construct the generator types.

    `allOf` members refer only to `forward` components (all when None): a component that
    includes itself through allOf is an error, tested on its own, not in most examples."""
    forward = refs if forward is None else forward

    def extend(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        return st.one_of(
            _object_schema(inner, version),
            _object_schema(inner, version),
            st.builds(lambda items: {"type": "array", "items": items}, inner),
            st.builds(
                lambda parts, extra: {"allOf": parts, **extra},
                st.lists(
                    st.one_of(_leaf_schema(version, forward), _object_schema(inner, version)),
                    min_size=1,
                    max_size=3,
                ),
                st.sampled_from([{}, {"description": "d"}, {"type": "object"}]),
            ),
            _union_schema(inner, version, refs),
            st.builds(lambda other: {"not": other}, inner),
            st.builds(
                lambda value: {"type": "object", "additionalProperties": value},
                st.one_of(inner, st.booleans()),
            ),
        )

    return st.recursive(_leaf_schema(version, refs), extend, max_leaves=8)


@st.composite
def _object_schema(draw: st.DrawFn, inner: st.SearchStrategy[Any], version: str) -> Any:
    properties = draw(st.dictionaries(names, inner, min_size=1, max_size=5))
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    required = draw(st.lists(st.sampled_from(sorted(properties)), unique=True, max_size=3))
    if required:
        schema["required"] = required
    if draw(st.booleans()):
        schema["additionalProperties"] = draw(st.one_of(st.booleans(), inner))
    if draw(st.integers(0, 3)) == 0:
        schema["title"] = draw(texts)
    if draw(st.integers(0, 3)) == 0:
        schema["description"] = draw(texts)
    for prop in properties.values():
        if isinstance(prop, dict) and "$ref" not in prop and draw(st.integers(0, 5)) == 0:
            prop[draw(st.sampled_from(["readOnly", "writeOnly", "deprecated"]))] = True
    return _maybe_nullable(draw, schema, version)


@st.composite
def _union_schema(
    draw: st.DrawFn, inner: st.SearchStrategy[Any], version: str, refs: list[str]
) -> Any:
    keyword = draw(st.sampled_from(["oneOf", "anyOf"]))
    members = draw(st.lists(inner, min_size=1, max_size=4))
    if version == "3.1" and draw(st.integers(0, 3)) == 0:
        members.append({"type": "null"})
    schema: dict[str, Any] = {keyword: members}
    if refs and draw(st.integers(0, 2)) == 0:
        # A discriminated union of component references.
        chosen = draw(st.lists(st.sampled_from(refs), min_size=1, max_size=3, unique=True))
        schema = {
            keyword: [{"$ref": f"#/components/schemas/{name}"} for name in chosen],
            "discriminator": {"propertyName": draw(names)},
        }
        if draw(st.booleans()):
            schema["discriminator"]["mapping"] = {
                draw(st.text(min_size=1, max_size=6)): f"#/components/schemas/{name}"
                for name in chosen
            }
    return schema


# -- operations ----------------------------------------------------------------------------

_STYLES = {
    "path": ["simple", "label", "matrix"],
    "query": ["form", "spaceDelimited", "pipeDelimited", "deepObject"],
    "header": ["simple"],
    "cookie": ["form"],
}
_MEDIA_TYPES = [
    "application/json", "application/x-www-form-urlencoded", "multipart/form-data",
    "text/plain", "application/octet-stream", "application/vnd.api+json", "*/*", "image/png",
    "application/problem+json; charset=utf-8",
]  # fmt: skip
_STATUSES = ["200", "201", "202", "204", "2XX", "301", "400", "404", "4XX", "500", "default"]


@st.composite
def _parameter(draw: st.DrawFn, version: str, refs: list[str], location: str) -> Any:
    parameter: dict[str, Any] = {"name": draw(names), "in": location}
    if draw(st.integers(0, 5)) == 0:
        parameter["content"] = {"application/json": {"schema": draw(schemas(version, refs))}}
    else:
        parameter["schema"] = draw(schemas(version, refs))
        if draw(st.booleans()):
            parameter["style"] = draw(st.sampled_from(_STYLES[location]))
        if draw(st.booleans()):
            parameter["explode"] = draw(st.booleans())
    if location != "path" and draw(st.booleans()):
        parameter["required"] = True
    if draw(st.integers(0, 3)) == 0:
        parameter["description"] = draw(texts)
    return parameter


@st.composite
def _content(draw: st.DrawFn, version: str, refs: list[str]) -> dict[str, Any]:
    media_types = draw(st.lists(st.sampled_from(_MEDIA_TYPES), min_size=1, max_size=3, unique=True))
    return {media: {"schema": draw(schemas(version, refs))} for media in media_types}


@st.composite
def _operation(draw: st.DrawFn, version: str, refs: list[str], variables: list[str]) -> Any:
    operation: dict[str, Any] = {}
    if draw(st.integers(0, 4)) > 0:
        operation["operationId"] = draw(names)
    if draw(st.booleans()):
        operation["tags"] = draw(st.lists(names, min_size=1, max_size=2))
    if draw(st.booleans()):
        operation["summary"] = draw(texts)
    parameters = [
        {**draw(_parameter(version, refs, "path")), "name": variable, "required": True}
        for variable in variables
    ]
    for _ in range(draw(st.integers(0, 3))):
        parameter = draw(_parameter(version, refs, draw(st.sampled_from(["query", "header", "cookie"]))))  # fmt: skip
        if all((p["name"], p["in"]) != (parameter["name"], parameter["in"]) for p in parameters):
            parameters.append(parameter)
    if parameters:
        operation["parameters"] = parameters
    if draw(st.booleans()):
        operation["requestBody"] = {
            "content": draw(_content(version, refs)),
            "required": draw(st.booleans()),
        }
    statuses = draw(st.lists(st.sampled_from(_STATUSES), min_size=1, max_size=3, unique=True))
    operation["responses"] = {
        status: {"description": draw(texts) or "ok"}
        | ({"content": draw(_content(version, refs))} if draw(st.booleans()) else {})
        | (
            {"headers": {draw(names): {"schema": draw(schemas(version, refs))}}}
            if draw(st.integers(0, 4)) == 0
            else {}
        )
        for status in statuses
    }
    if draw(st.integers(0, 5)) == 0:
        operation["deprecated"] = True
    return operation


@st.composite
def _paths(draw: st.DrawFn, version: str, refs: list[str]) -> dict[str, Any]:
    paths: dict[str, Any] = {}
    for index in range(draw(st.integers(0, 3))):
        variables = draw(st.lists(names.filter(lambda n: "{" not in n and "}" not in n
                                               and "/" not in n), max_size=2, unique=True))  # fmt: skip
        segments = [f"{{{variable}}}" for variable in variables]
        path = f"/r{index}/" + "/".join([draw(st.sampled_from(["x", "é", "a b", "~", "%20"])),
                                         *segments])  # fmt: skip
        methods = draw(
            st.lists(st.sampled_from(["get", "put", "post", "delete", "patch", "head"]),
                     min_size=1, max_size=2, unique=True)
        )  # fmt: skip
        item: dict[str, Any] = {
            method: draw(_operation(version, refs, variables)) for method in methods
        }
        if draw(st.integers(0, 3)) == 0:
            # Shared by every operation of the path (an operation's own one of the same name and
            # location wins), or a reference to components/parameters.
            item["parameters"] = [
                draw(st.sampled_from([{"$ref": "#/components/parameters/Shared"},
                                      {"name": "trace", "in": "header",
                                       "schema": {"type": "string"}}]))
            ]  # fmt: skip
        paths[path] = item
    return paths


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    """A random OpenAPI 3.0 or 3.1 document."""
    version = draw(st.sampled_from(["3.0", "3.1"]))
    component_keys = draw(st.lists(component_names, max_size=5, unique=True))
    acyclic = draw(st.integers(0, 9)) > 0  # else components may include themselves (an error)
    components: dict[str, Any] = {}
    for index, name in enumerate(component_keys):
        forward = component_keys[index + 1 :] if acyclic else component_keys
        schema = draw(schemas(version, component_keys, forward))
        if isinstance(schema, dict) and schema.get("$ref", "/").rsplit("/", 1)[-1] not in [
            "",
            *forward,
        ]:
            schema = {"type": "string"}  # an alias may only point forward, too
        components[name] = schema
    document: dict[str, Any] = {
        "openapi": "3.0.3" if version == "3.0" else "3.1.0",
        "info": {"title": draw(texts) or "T", "version": draw(st.sampled_from(["1.0", "v2", "x"]))},
        "paths": draw(_paths(version, component_keys)),
    }
    document["components"] = {
        "schemas": components,
        "parameters": {
            "Shared": {"name": draw(names), "in": "query", "schema": draw(schemas(version, []))}
        },
    }
    if draw(st.booleans()):
        document["servers"] = [{"url": draw(st.sampled_from(
            ["https://api.example.com/v1", "/relative", "https://{host}/x", "http://127.0.0.1"]
        ))}]  # fmt: skip
    if draw(st.booleans()):
        document["tags"] = [{"name": draw(names), "description": draw(texts)}]
    return document


# -- the property --------------------------------------------------------------------------


class FuzzFailure(AssertionError):
    """The generator broke the property; `kind` names the failure class."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind = kind


@dataclass
class Outcome:
    exit_code: int
    stderr: str


_ERROR_LINE = re.compile(r"^  error: #.*: .+$")
# Warnings that are an internal exception caught and downgraded: still a bug.
_MASKED = re.compile(r"could not be (typed|generated) \((\w+)\)")
_TIMEOUT = 120


@contextlib.contextmanager
def _deadline(seconds: int) -> Iterator[None]:
    def expire(signum: int, frame: Any) -> None:
        raise TimeoutError(f"generation took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def generate(document: dict[str, Any], workdir: Path, *, yaml_format: bool = False,
             lenient: bool = False) -> Outcome:  # fmt: skip
    """Run `aiosdkgen generate` in this process (as the console script does)."""
    workdir.mkdir(parents=True, exist_ok=True)
    if yaml_format:
        spec = workdir / "spec.yaml"
        spec.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    else:
        spec = workdir / "spec.json"
        spec.write_text(json.dumps(document), encoding="utf-8")
    argv = ["generate", str(spec), "-o", str(workdir / "out"), "--package-name", "fuzz_sdk"]
    stderr, stdout = io.StringIO(), io.StringIO()
    with (
        _deadline(_TIMEOUT),
        contextlib.redirect_stderr(stderr),
        contextlib.redirect_stdout(stdout),
    ):
        try:
            code = cli.main([*argv, *(["--lenient"] if lenient else [])])
        except TimeoutError as exc:
            raise FuzzFailure("hang", str(exc)) from None
        except BaseException as exc:  # any escape is the failure being looked for
            raise FuzzFailure(f"exception:{type(exc).__name__}", repr(exc)[:500]) from exc
    return Outcome(exit_code=code, stderr=stderr.getvalue())


_IMPORT_ALL = textwrap.dedent(
    """
    import importlib, pkgutil, sys
    sys.path.insert(0, sys.argv[1])
    import fuzz_sdk, fuzz_sdk.models as models
    for info in pkgutil.walk_packages(fuzz_sdk.__path__, "fuzz_sdk."):
        importlib.import_module(info.name)
    for name in models.__all__:
        getattr(models, name)
    fuzz_sdk.Client(base_url="http://127.0.0.1:9")
    """
)


def check(document: dict[str, Any], workdir: Path, **options: Any) -> Outcome:
    """Generate from `document` and check the property; raise FuzzFailure if it fails."""
    outcome = generate(document, workdir, **options)
    stderr = outcome.stderr
    if "Traceback" in stderr:
        raise FuzzFailure("traceback", stderr[-2000:])
    if "internal error" in stderr:
        found = re.search(r"internal error \((\w+)", stderr)
        raise FuzzFailure(f"internal-error:{found.group(1) if found else '?'}", stderr[-2000:])
    if "formatting the generated code failed" in stderr:
        raise FuzzFailure("format-failed", stderr[-2000:])
    if any(not line.isprintable() for line in stderr.splitlines()):
        raise FuzzFailure("unprintable-message", stderr[-2000:])
    masked = _MASKED.search(stderr)
    if masked:
        raise FuzzFailure(f"masked-{masked.group(1)}:{masked.group(2)}", stderr[-2000:])
    if outcome.exit_code == 1:
        lines = stderr.splitlines()
        if not lines or not lines[0].startswith("error: "):
            raise FuzzFailure("unreadable-error", stderr[-2000:])
        if lines[0].endswith("is not a usable OpenAPI document:") and not all(
            _ERROR_LINE.match(line) for line in lines[1:]
        ):
            raise FuzzFailure("unreadable-error", stderr[-2000:])
        return outcome
    if outcome.exit_code != 0:
        raise FuzzFailure(f"exit-{outcome.exit_code}", stderr[-2000:])
    check_sdk(workdir / "out")
    return outcome


def check_sdk(output: Path) -> None:
    """Compile, import (in a fresh process: nothing generated runs in this one) and lint."""
    steps = [
        ("compile", [sys.executable, "-m", "compileall", "-q", str(output)]),
        ("import", [sys.executable, "-c", _IMPORT_ALL, str(output)]),
        ("ruff", [find_ruff_bin(), "check", "--no-cache", "--quiet", str(output)]),
    ]
    for name, command in steps:
        try:
            result = subprocess.run(
                command, capture_output=True, text=True, timeout=_TIMEOUT, check=False, cwd=output
            )
        except subprocess.TimeoutExpired:
            raise FuzzFailure(f"{name}-hang", " ".join(command)) from None
        if result.returncode != 0:
            detail = (result.stdout + result.stderr)[-3000:]
            last = detail.strip().splitlines()[-1] if detail.strip() else ""
            kind = last.split(":")[0] if name == "import" else name
            raise FuzzFailure(f"{name}:{kind}", detail)
