"""Problems found in a spec, as data: what is wrong and where (a JSON pointer)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True, kw_only=True)
class Diagnostic:
    """One problem or warning, with a stable code and the JSON pointer of the offending node."""

    level: Literal["error", "warning"]
    code: str
    message: str
    pointer: str

    def __str__(self) -> str:
        return f"{self.pointer}: {self.message} [{self.code}]"


class SpecError(Exception):
    """The spec cannot be turned into an SDK; carries every problem found."""

    def __init__(self, problems: list[Diagnostic]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


def printable(text: str) -> str:
    """`text` with characters a terminal would act on (newlines, escape sequences, bidi
    overrides...) written as escapes: a spec's names must not reshape the report of its own
    problems. Idempotent."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else ascii(char)[1:-1] for char in text)


def error(code: str, message: str, pointer: str) -> Diagnostic:
    return Diagnostic(
        level="error", code=code, message=printable(message), pointer=printable(pointer)
    )


def warning(code: str, message: str, pointer: str) -> Diagnostic:
    return Diagnostic(
        level="warning", code=code, message=printable(message), pointer=printable(pointer)
    )
