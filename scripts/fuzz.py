#!/usr/bin/env python3
"""Fuzz aiosdkgen with random OpenAPI documents for longer than CI does.

    nice python scripts/fuzz.py --examples 1000 [--seed 1] [--save .cache/fuzz]

Every example must meet the property of tests/fuzzing.py (an SDK that compiles, imports and
lints, or exit 1 with readable errors). Failures do not stop the run: they are counted by class
and the first document of each class is saved under --save. Prints the outcome counts at the end
and exits 1 if anything failed.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from tests.fuzzing import FuzzFailure, check, documents


def main() -> int:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--examples", type=int, default=500)
    arguments.add_argument("--seed", type=int, default=0)
    arguments.add_argument("--save", type=Path, default=Path(".cache/fuzz"))
    options = arguments.parse_args()
    options.save.mkdir(parents=True, exist_ok=True)

    outcomes: collections.Counter[str] = collections.Counter()
    failures: collections.Counter[str] = collections.Counter()
    started = time.monotonic()

    @seed(options.seed)
    @settings(
        max_examples=options.examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(document=documents(), yaml_format=st.booleans(), lenient=st.booleans())
    def run(document: dict[str, object], yaml_format: bool, lenient: bool) -> None:
        workdir = Path(tempfile.mkdtemp(prefix="aiosdkgen-fuzz-"))
        try:
            outcome = check(document, workdir, yaml_format=yaml_format, lenient=lenient)
            if outcome.exit_code == 0:
                outcomes["sdk"] += 1
            else:
                first = next(
                    (line for line in outcome.stderr.splitlines() if line.startswith("  error:")),
                    outcome.stderr.splitlines()[0],
                )
                message = re.sub(r"^  error: #\S*: ", "", first)
                outcomes["exit 1: " + re.sub(r"'[^']*'", "'...'", message)[:70]] += 1
        except FuzzFailure as failure:
            failures[failure.kind] += 1
            outcomes["FAILED"] += 1
            if failures[failure.kind] == 1:
                name = "".join(c if c.isalnum() else "_" for c in failure.kind)
                (options.save / f"{name}.json").write_text(
                    json.dumps(
                        {
                            "document": document,
                            "yaml": yaml_format,
                            "lenient": lenient,
                            "failure": str(failure),
                        },
                        indent=1,
                    )
                )
                print(f"FAILURE {failure.kind}: {str(failure)[:300]}", flush=True)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        done = sum(outcomes.values())
        if done % 50 == 0:
            print(f"{done} examples, {time.monotonic() - started:.0f} s", flush=True)

    run()
    total = sum(outcomes.values())
    print(f"\n{total} examples in {time.monotonic() - started:.0f} s")
    for outcome, count in outcomes.most_common():
        print(f"{count:6d}  {outcome}")
    for kind, count in failures.most_common():
        print(f"{count:6d}  failure {kind}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
