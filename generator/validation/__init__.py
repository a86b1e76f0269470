"""Stage 2, validation: a bundled document -> its problems, as data with JSON pointers."""

from .document import Tuning, check_refs, validate

__all__ = ["Tuning", "check_refs", "validate"]
