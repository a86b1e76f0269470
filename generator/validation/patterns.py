"""A spec's regular expressions (`pattern`), run only in time linear in the text.

A spec is untrusted input, and Python's `re` backtracks: `^(a+)+b$` against forty `a`s takes
longer than anyone waits, and time doubles with each character. RE2 (google-re2) matches in
time linear in the text and refuses, when compiling, what it cannot run that way
(backreferences, lookaround) and patterns too large for its memory budget. A refused pattern is
never run by another engine: the caller goes on without checking it and warns with its pointer.
"""

from __future__ import annotations

import functools
from typing import Any

import re2

# RE2 logs every refused pattern to stderr by default; the caller reports it as a warning.
_OPTIONS = re2.Options()
_OPTIONS.log_errors = False
_HEX = frozenset("0123456789abcdefABCDEF")


class UncheckablePattern(Exception):
    """The pattern cannot be checked in linear time (or is no regular expression at all)."""


def _to_re2(pattern: str) -> str:
    """ECMA-262 (OpenAPI's dialect) writes a code point `\\uXXXX` or `\\u{X...}`; RE2 writes
    `\\x{X...}`. Every other escape is passed through as it is, a pair at a time, so an escaped
    backslash before a `u` stays a backslash and a `u`."""
    if "\\u" not in pattern:
        return pattern
    out, i = [], 0
    while i < len(pattern):
        char = pattern[i]
        if char != "\\" or i + 1 == len(pattern):
            out.append(char)
            i += 1
            continue
        if pattern[i + 1] == "u":
            digits = pattern[i + 2 : i + 6]
            if len(digits) == 4 and set(digits) <= _HEX:
                out.append(f"\\x{{{digits}}}")
                i += 6
                continue
            end = pattern.find("}", i + 3)
            if pattern[i + 2 : i + 3] == "{" and end > 0 and set(pattern[i + 3 : end]) <= _HEX:
                out.append(f"\\x{{{pattern[i + 3 : end]}}}")
                i = end + 1
                continue
        out.append(pattern[i : i + 2])
        i += 2
    return "".join(out)


@functools.lru_cache(maxsize=512)
def _compiled(pattern: str) -> Any:
    try:
        return re2.compile(_to_re2(pattern), _OPTIONS)
    except re2.error as exc:
        reason = exc.args[0] if exc.args else exc
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise UncheckablePattern(
            f"pattern {_shown(pattern)} cannot be checked in linear time ({reason})"
        ) from None


def search(pattern: str, text: str) -> bool:
    """Whether `pattern` matches somewhere in `text` (JSON Schema's `pattern` is unanchored).

    Raises UncheckablePattern for a pattern RE2 refuses."""
    return _compiled(pattern).search(text) is not None


def _shown(pattern: str) -> str:
    return repr(pattern if len(pattern) <= 60 else pattern[:57] + "...")
