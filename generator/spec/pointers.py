"""JSON pointers (RFC 6901): building them, escaping their tokens and resolving them.

Every stage names places in the document this way: diagnostics carry a pointer, the parser
keys declarations by one, the bundler rewrites `$ref`s to them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import unquote


def escape_token(token: str | int) -> str:
    """Escape one JSON pointer reference token (RFC 6901)."""
    return str(token).replace("~", "~0").replace("/", "~1")


def unescape_token(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def pointer(*tokens: str | int) -> str:
    """Build a `#/a/b` JSON pointer fragment from raw tokens."""
    return "#" + "".join("/" + escape_token(token) for token in tokens)


def child(parent: str, *tokens: str | int) -> str:
    """Extend the pointer `parent` by raw tokens."""
    if not tokens:
        return parent
    text = "/".join(map(str, tokens))
    if "~" in text or text.count("/") != len(tokens) - 1:
        # A token holds `~` or `/`: escape each (rare; the parser builds tens of thousands).
        text = "/".join(escape_token(token) for token in tokens)
    return f"{parent}/{text}"


# Where a node sits, as a linked list (parent link, key): built for containers only, and turned
# into a JSON pointer only when needed, so walks over huge documents stay cheap.
Link = tuple[Any, str | int] | None


def pointer_of(link: Link) -> str:
    tokens: list[str | int] = []
    while link is not None:
        link, token = link
        tokens.append(token if isinstance(token, int) else str(token))
    return child("#", *reversed(tokens))


def containers(document: Any) -> Iterator[tuple[Any, int, Link]]:
    """(container, depth, link) for every dict and list in `document`, in document order (the
    root first, at depth 1)."""
    stack: list[tuple[Any, int, Link]] = [(document, 1, None)]
    while stack:
        node, depth, link = stack.pop()
        yield node, depth, link
        items = node.items() if isinstance(node, dict) else enumerate(node)
        children = [
            (value, depth + 1, (link, key))
            for key, value in items
            if isinstance(value, (dict, list))
        ]
        stack.extend(reversed(children))  # popped in document order


def pointer_resolver(document: Any) -> Callable[[str], Any]:
    """`resolve_pointer` on `document`, each answer remembered: a large spec refers to the same
    components thousands of times. The document must not change meanwhile."""
    return functools.cache(functools.partial(resolve_pointer, document))


def resolve_pointer(document: Any, fragment: str) -> Any:
    """Return the node at `fragment` (`/a/b`, already without '#'); raise KeyError if missing."""
    node = document
    if not fragment:
        return node
    for token in fragment.lstrip("/").split("/"):
        key = unescape_token(unquote(token))
        if isinstance(node, dict) and key not in node:
            # A pointer built by `child` is not %-encoded: a key may hold `%20` as written.
            key = unescape_token(token)
        if isinstance(node, dict) and key in node:
            node = node[key]
        elif isinstance(node, list) and key.isascii() and key.isdigit() and int(key) < len(node):
            node = node[int(key)]
        else:
            raise KeyError(fragment)
    return node


def target(ref: str) -> str:
    """The canonical pointer (`#/a/b`, escaped as `child` escapes) of an internal `$ref`."""
    fragment = ref[1:]
    if not fragment:
        return "#"
    return child(
        "#", *(unescape_token(unquote(token)) for token in fragment.lstrip("/").split("/"))
    )
