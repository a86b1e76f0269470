"""A real Swagger 2.0 spec end to end: Okta's (vendored, see fixtures/README.md) generates an
SDK with every operation, which imports and passes `mypy --strict`.

The spec has one error of its own (`default: 1` on an array property), which only the OpenAPI 3.0
validation of the converted document finds; it is reported at its 2.0 place, and `--lenient`
(a warning then) generates the SDK."""

from __future__ import annotations

import gzip
import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.diagnostics import SpecError
from generator.output import write
from generator.pipeline import Choices, generate

OKTA = Path(__file__).parent / "fixtures" / "okta-openapi-2.15.0.json.gz"
# Where the validator met it: through the refs from PasswordPolicy (all in #/definitions).
EXCLUDE = (
    "#/definitions/PasswordPolicy/properties/settings/properties/password/properties/complexity"
    "/properties/excludeAttributes"
)
BAD_DEFAULT = "1 is not of type 'array'"


@pytest.mark.slow
def test_okta_generates_an_sdk_that_imports_and_passes_mypy_strict(tmp_path: Path) -> None:
    spec = tmp_path / "okta.json"
    spec.write_bytes(gzip.decompress(OKTA.read_bytes()))
    with pytest.raises(SpecError) as raised:
        generate(spec, Choices(package_name="okta_sdk"))
    assert [(p.pointer, p.message) for p in raised.value.problems] == [(EXCLUDE, BAD_DEFAULT)]
    result = generate(spec, Choices(package_name="okta_sdk", lenient=True))
    # That problem, as a warning; and no conversion loss (what no version gets honoured, like
    # `termsOfService`, is named as for any 3.x document).
    assert [(w.pointer, w.message) for w in result.warnings if w.code != "not-honoured"] == [
        (EXCLUDE, BAD_DEFAULT)
    ]
    output = tmp_path / "out"
    write(result.files, output, version="test")
    endpoints = sum(
        text.count("_endpoint() ->")
        for path, text in result.files.items()
        if path.startswith("okta_sdk/resources/")
    )
    assert endpoints == 340  # every operation of the 2.0 document
    sys.path.insert(0, str(output))
    try:
        package = importlib.import_module("okta_sdk")
        for info in pkgutil.walk_packages(package.__path__, "okta_sdk."):
            importlib.import_module(info.name)
    finally:
        sys.path.remove(str(output))
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / ".mypy"),
         "okta_sdk"],
        cwd=output, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout[-3000:]
