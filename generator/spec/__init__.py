"""Stage 1, reading: a spec file and every file its `$ref`s read -> one bounded document."""

from .bundle import load, load_with_sources

__all__ = ["load", "load_with_sources"]
