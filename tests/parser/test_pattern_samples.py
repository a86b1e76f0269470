"""`parser.pattern_samples.matching_text`: a string written out from a pattern."""

from __future__ import annotations

import re

import pytest
from aiosdkgen.parser.pattern_samples import matching_text


@pytest.mark.parametrize(
    ("pattern", "min_length", "max_length"),
    [
        (r"^AC[0-9a-fA-F]{32}$", 0, None),  # Twilio's account SID
        (r"^[A-Z]{2}-\d+$", 5, None),  # a minLength asks for more repetitions
        (r"^(a|b)+c$", 0, None),
        (r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", 0, None),
        (r"^\u00e9+$", 3, None),
        (r"(ab)\1", 0, None),
        (r"^[^a-z0-9]{2}$", 0, None),
        (r"^\W\S\D$", 0, None),
        (r"^x*?y{2,3}$", 0, 3),
    ],
)
def test_the_text_matches_the_pattern_within_the_lengths(
    pattern: str, min_length: int, max_length: int | None
) -> None:
    text = matching_text(pattern, min_length, max_length)
    assert text is not None and re.search(pattern, text), text
    assert len(text) >= min_length and (max_length is None or len(text) <= max_length)


@pytest.mark.parametrize(
    ("pattern", "max_length"),
    [
        ("^[a-z]{3,5}$", 2),  # too long for the bound
        ("x{99999}", None),  # over the size budget
        ("(?(1)a|b)", None),  # a conditional group
        ("[unclosed", None),  # not a regular expression
    ],
)
def test_what_cannot_be_written_gives_none(pattern: str, max_length: int | None) -> None:
    assert matching_text(pattern, 0, max_length) is None
