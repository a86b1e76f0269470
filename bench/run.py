#!/usr/bin/env python3
"""aiosdkgen's benchmark suite, one command: ``python bench/run.py [--quick] [--only ...]``.

See bench/README.md for what each figure means.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the `bench` package importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.suite import main

if __name__ == "__main__":
    sys.exit(main())
