"""Lone surrogates: the one kind of text JSON and YAML can hold that UTF-8 cannot.

A `\ud800`..`\udfff` escape that is not half of a pair decodes to a lone surrogate, which no
file, terminal or Rust validator accepts; such characters become U+FFFD as the spec is read.
"""

from __future__ import annotations

import re
from typing import Any

_SURROGATE = re.compile(r"[\ud800-\udfff]")

# `\ud800`..`\udfff` escapes (JSON, YAML) are the only way text can hold a lone surrogate.
SURROGATE_ESCAPE = re.compile(rb"\\(u|U0000)[dD][89a-fA-F]")
# In JSON, with the backslashes before it: an odd number make it an escape, an even number are
# escaped backslashes followed by plain text.
_JSON_SURROGATE_ESCAPE = re.compile(rb"(\\+)u[dD]([89a-fA-F])[0-9a-fA-F]{2}")


def json_lone_surrogate(raw: bytes) -> bool:
    """Whether the JSON text `raw` escapes a surrogate that is not half of a pair.

    JSON decodes a pair (`\\ud83d\\ude80`, how an emoji is escaped) to one character: only a
    lone half needs the walk over the whole document that `_replace_lone_surrogates` makes.
    """
    high_end = -1  # where an escaped high surrogate ended, while its low half is awaited
    for match in _JSON_SURROGATE_ESCAPE.finditer(raw):
        if len(match.group(1)) % 2 == 0:
            continue
        is_high = match.group(2) in b"89abAB"
        if high_end >= 0:
            if is_high or match.end(1) - 1 != high_end:
                return True
            high_end = -1
        elif is_high:
            high_end = match.end()
        else:
            return True
    return high_end >= 0


def replace_lone_surrogates(document: Any) -> Any:
    """`document` with each lone surrogate in its strings (keys too) as U+FFFD: no UTF-8 text,
    and so no file, terminal or Rust validator, can carry one. (A pair is one character.)"""

    def fixed(value: Any) -> Any:
        return valid_unicode(value) if isinstance(value, str) else value

    document = fixed(document)
    stack = [document] if isinstance(document, (dict, list)) else []
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            items = [(fixed(key), fixed(value)) for key, value in node.items()]
            node.clear()
            node.update(items)
            values = [value for _, value in items]
        else:
            node[:] = [fixed(value) for value in node]
            values = node
        stack.extend(value for value in values if isinstance(value, (dict, list)))
    return document


def valid_unicode(text: str) -> str:
    """`text` with lone surrogates (valid in JSON strings, not in UTF-8 files) as U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)
