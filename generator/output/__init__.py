"""Stage 5, writing: the rendered files -> an output directory, formatted, atomically."""

from .check import stale_files
from .errors import OutputError
from .staging import Staging, write
from .tree import MARKER

__all__ = ["MARKER", "OutputError", "Staging", "stale_files", "write"]
