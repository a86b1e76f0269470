"""Filters that turn spec text into safe source literals.

Whatever a spec contains (quotes, backslashes, newlines, NUL, Jinja or Python syntax), these
produce a literal that parses back to the same text and can never end early.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from ..spec.surrogates import valid_unicode

_QUOTES = re.compile(r'"{3,}|"+$')
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]")


def py_literal(value: Any) -> str:
    """A Python literal for a JSON-like value (`repr` of str is always a safe literal)."""
    if value is None or isinstance(value, (bool, int, str)):
        return repr(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("non-finite float has no literal")
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(py_literal(item) for item in value) + "]"
    if isinstance(value, tuple):
        return "(" + "".join(py_literal(item) + ", " for item in value) + ")"
    if isinstance(value, dict):
        items = ", ".join(f"{py_literal(str(k))}: {py_literal(v)}" for k, v in value.items())
        return "{" + items + "}"
    raise TypeError(f"no literal for {type(value).__name__}")


def docstring(text: str | None, indent: str = "") -> str:
    """A triple-quoted docstring holding `text` exactly, indented by `indent`."""
    # A lone surrogate (JSON text may hold one) would make a str that cannot be encoded.
    body = valid_unicode(text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    # Trailing whitespace is invisible, and lint in source (W291).
    body = "\n".join(line.rstrip() for line in body.split("\n"))
    body = body.replace("\\", "\\\\")
    # Every quote of a run of three or more, and a run that would touch the closing quotes,
    # is escaped (after backslashes are doubled, so no escape is ever escaped again).
    body = _QUOTES.sub(lambda match: '\\"' * len(match.group()), body)
    body = _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}" if ord(match.group()) < 256
                        else f"\\u{ord(match.group()):04x}", body)  # fmt: skip
    lines = body.split("\n")
    if len(lines) == 1:
        return f'"""{body}"""'
    indented = "\n".join((indent + line) if line.strip() else "" for line in lines[1:])
    return f'"""{lines[0]}\n{indented}\n{indent}"""'


def toml_string(text: str) -> str:
    """A TOML basic string (JSON escapes are valid TOML ones when non-ASCII is kept as is)."""
    # TOML has no escape for a lone surrogate (JSON text can hold one): it becomes U+FFFD.
    escaped = json.dumps(valid_unicode(text), ensure_ascii=False)
    return _CONTROL.sub(lambda match: f"\\u{ord(match.group()):04x}", escaped)
