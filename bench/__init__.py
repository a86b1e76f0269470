"""aiosdkgen's benchmark suite: generation, import and runtime, side by side with its peers.

Run it with ``python bench/run.py`` (see bench/README.md). Nothing here is imported by the
generator or by generated SDKs.
"""
