"""`info.license` -> an SPDX licence expression the generated `pyproject.toml` can claim.

OpenAPI 3.1 gives an SPDX `identifier`; most specs only name the licence, in many spellings.
A name recognised here becomes its identifier; anything else is no licence claim at all (a
wrong claim is worse than none), with a warning.
"""

from __future__ import annotations

import re

# Names as specs write them (lower case, punctuation and "license" dropped) -> SPDX.
_NAMES = {
    "mit": "MIT",
    "apache 2.0": "Apache-2.0",
    "apache 2": "Apache-2.0",
    "apache version 2.0": "Apache-2.0",
    "apache v2": "Apache-2.0",
    "apache2": "Apache-2.0",
    "bsd": "BSD-3-Clause",
    "bsd 3 clause": "BSD-3-Clause",
    "new bsd": "BSD-3-Clause",
    "bsd 2 clause": "BSD-2-Clause",
    "simplified bsd": "BSD-2-Clause",
    "isc": "ISC",
    "mpl 2.0": "MPL-2.0",
    "mozilla public 2.0": "MPL-2.0",
    "unlicense": "Unlicense",
    "the unlicense": "Unlicense",
    "cc0 1.0": "CC0-1.0",
    "cc by 4.0": "CC-BY-4.0",
    "creative commons attribution 4.0 international": "CC-BY-4.0",
    "gpl 3.0": "GPL-3.0-only",
    "gplv3": "GPL-3.0-only",
    "lgpl 3.0": "LGPL-3.0-only",
    "agpl 3.0": "AGPL-3.0-only",
    "epl 2.0": "EPL-2.0",
}
_IDENTIFIERS = {spdx.lower(): spdx for spdx in _NAMES.values()}
# One SPDX identifier, or several joined by the expression operators.
_EXPRESSION = re.compile(
    r"[A-Za-z0-9][A-Za-z0-9.+-]*(?: (?:AND|OR|WITH) [A-Za-z0-9][A-Za-z0-9.+-]*)*"
)


# The licences whose text the generated project's LICENSE file carries
# (templates/project/licenses/).
TEXTS = frozenset({"MIT", "ISC", "BSD-2-Clause", "BSD-3-Clause", "Apache-2.0"})


def _normal(name: str) -> str:
    words = re.sub(r"[,()/_-]+", " ", name.lower()).split()
    return " ".join(word for word in words if word not in {"license", "licence", "the", "v."})


def spdx_expression(identifier: str | None, name: str | None) -> str | None:
    """The SPDX expression `info.license` stands for, or None when it is not recognised."""
    if identifier is not None and len(identifier) <= 200 and _EXPRESSION.fullmatch(identifier):
        return _IDENTIFIERS.get(identifier.lower(), identifier)
    if name is None:
        return None
    if name.lower() in _IDENTIFIERS:
        return _IDENTIFIERS[name.lower()]
    return _NAMES.get(_normal(name))
