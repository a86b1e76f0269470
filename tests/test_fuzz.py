"""Property-based fuzzing: random, structurally valid OpenAPI 3.0/3.1 documents (tests/fuzzing.py)
either generate an SDK that compiles, imports and lints, or end with exit 1 and readable errors.

CI runs a fixed set of examples (derandomized: the same documents every run); `scripts/fuzz.py`
runs as many as you like.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzzing import check, documents

EXAMPLES = 20


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(document=documents(), yaml_format=st.booleans(), lenient=st.booleans())
def test_random_documents_give_a_working_sdk_or_a_clean_error(
    document: dict[str, Any], yaml_format: bool, lenient: bool
) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="aiosdkgen-fuzz-"))
    try:
        check(document, workdir, yaml_format=yaml_format, lenient=lenient)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
