"""A string that matches a spec's `pattern`, built from the pattern itself.

Twilio's `^AC[0-9a-fA-F]{32}$` matches none of a list of likely strings; reading the pattern
gives `AC00000000000000000000000000000000`. The pattern is parsed (never run: parsing is linear
in its length) and each part written out as the shortest text it accepts: the first branch of
an alternation, the first character of a class, a repetition's minimum, with more repetitions
where a `minLength` asks for a longer string. The caller still checks the result against the
pattern with a bounded engine; a construct this cannot write (a conditional group) gives None.
"""

from __future__ import annotations

import string
import sys
from typing import Any

# The regular-expression parser of CPython's `re`: `sre_parse` until 3.11 (deprecated since).
if sys.version_info >= (3, 11):
    from re import _constants as constants
    from re import _parser as parser
else:
    import sre_constants as constants
    import sre_parse as parser

__all__ = ["matching_text"]

_MAX_LENGTH = 4096
"""Longest text built; a pattern asking for more gets None (the sampler's size budget)."""
_EXTRA_REPEATS = (0, 1, 2, 4, 8, 16, 64, 256)
# What a class or category contributes: a plain, URL- and JSON-safe character where possible.
_CATEGORIES = {
    constants.CATEGORY_DIGIT: "0",
    constants.CATEGORY_NOT_DIGIT: "a",
    constants.CATEGORY_WORD: "a",
    constants.CATEGORY_NOT_WORD: "-",
    constants.CATEGORY_SPACE: " ",
    constants.CATEGORY_NOT_SPACE: "a",
}
_PREFERRED = "a0A_-." + string.ascii_letters + string.digits + " "


class _CannotWrite(Exception):
    pass


def matching_text(pattern: str, min_length: int = 0, max_length: int | None = None) -> str | None:
    """A text `pattern` accepts, of a length within the bounds if one can be found; else None."""
    try:
        parsed = parser.parse(pattern)
    except (constants.error, RecursionError, OverflowError, ValueError):
        return None
    for extra in _EXTRA_REPEATS:
        try:
            text = _Writer(extra).sequence(parsed)
        except (_CannotWrite, RecursionError):
            return None
        if len(text) >= min_length and (max_length is None or len(text) <= max_length):
            return text
        if max_length is not None and len(text) > max_length:
            return None  # more repetitions only make it longer
    return None


class _Writer:
    def __init__(self, extra: int) -> None:
        self.extra = extra  # repetitions beyond the minimum, where the maximum allows
        self.groups: dict[int, str] = {}
        self.length = 0

    def sequence(self, items: Any) -> str:
        return "".join(self.item(op, av) for op, av in items)

    def item(self, op: Any, av: Any) -> str:
        text = self._item(op, av)
        self.length += len(text)
        if self.length > _MAX_LENGTH:
            raise _CannotWrite
        return text

    def _item(self, op: Any, av: Any) -> str:
        if op is constants.LITERAL:
            return chr(av)
        if op is constants.NOT_LITERAL:
            return next(c for c in _PREFERRED if ord(c) != av)
        if op is constants.ANY:
            return "a"
        if op is constants.IN:
            return _class_member(av)
        if op is constants.CATEGORY:
            return _CATEGORIES.get(av, "a")
        if op in (constants.AT, constants.ASSERT, constants.ASSERT_NOT):
            return ""  # anchors and lookarounds take no text (the caller checks the result)
        if op is constants.BRANCH:
            return self.sequence(av[1][0])
        if op is constants.SUBPATTERN:
            group, _, _, items = av
            text = self.sequence(items)
            if group is not None:
                self.groups[group] = text
            return text
        if op is constants.GROUPREF:
            return self.groups.get(av, "")
        if op in _REPEATS:
            low, high, items = av
            count = low if high == low else min(low + self.extra, high)
            if count > _MAX_LENGTH:
                raise _CannotWrite
            return "".join(self.sequence(items) for _ in range(count))
        raise _CannotWrite  # a conditional group, or something newer than this code


_REPEATS = tuple(
    getattr(constants, name)
    for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
    if hasattr(constants, name)
)


def _class_member(items: Any) -> str:
    """The first preferred character of a class `[...]` (or outside it, for `[^...]`)."""
    negated = bool(items) and items[0][0] is constants.NEGATE
    members = items[1:] if negated else items
    if not negated:
        op, av = members[0]
        if op is constants.LITERAL:
            return chr(av)
        if op is constants.RANGE:
            return chr(av[0])
        if op is constants.CATEGORY:
            return _CATEGORIES.get(av, "a")
    for candidate in _PREFERRED:
        if _in_class(candidate, members) != negated:
            return candidate
    raise _CannotWrite


def _in_class(char: str, members: Any) -> bool:
    code = ord(char)
    for op, av in members:
        if op is constants.LITERAL and av == code:
            return True
        if op is constants.RANGE and av[0] <= code <= av[1]:
            return True
        if op is constants.CATEGORY and _CATEGORIES.get(av) == char:
            return True
    return False
