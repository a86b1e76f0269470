"""What can go wrong writing the output."""

from __future__ import annotations


class OutputError(Exception):
    """The output directory cannot be written; the message says why."""
