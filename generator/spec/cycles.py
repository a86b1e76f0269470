"""`$ref` cycles that never reach a schema: found before any recursive walk meets them."""

from __future__ import annotations

import itertools
from typing import Any

from ..diagnostics import Diagnostic, error
from ..graph import strongly_connected_components
from .pointers import child, containers, pointer_of, resolve_pointer, target


def reference_cycles(document: Any) -> list[Diagnostic]:
    """`$ref`s that lead back to themselves through `$ref`s and `allOf` members only.

    Such a schema never reaches a type (`A: {$ref: B}, B: {$ref: A}`; `A: {allOf: [{$ref: A}]}`
    asks a value to be valid against itself, forever). Validators and the parser would recurse
    until Python's recursion limit; the document is rejected with the members of each cycle.
    (A reference through `properties`, `items` or a union is a recursive type, and fine.)"""
    edges: dict[str, list[tuple[str, bool]]] = {}  # holder -> [(target, is a $ref)]
    for node, _, link in containers(document) if isinstance(document, (dict, list)) else ():
        if not isinstance(node, dict):
            continue
        ref, all_of = node.get("$ref"), node.get("allOf")
        ref = ref if isinstance(ref, str) and ref.startswith("#") else None
        if ref is not None or isinstance(all_of, list):
            at = pointer_of(link)
            out = [(target(ref), True)] if ref is not None else []
            if isinstance(all_of, list):
                out += [(child(at, "allOf", index), False) for index in range(len(all_of))]
            edges[at] = out
    graph = {holder: [target for target, _ in out] for holder, out in edges.items()}
    problems = []
    for component in strongly_connected_components(list(edges), graph):
        members = set(component)
        loop, seen = [component[0]], {component[0]: 0}
        while True:
            following = [t for t, _ in edges[loop[-1]] if t in members]
            if not following:
                break  # a single holder that does not lead to itself
            if following[0] in seen:
                loop = [*loop[seen[following[0]] :], following[0]]
                break
            seen[following[0]] = len(loop)
            loop.append(following[0])
        if len(loop) < 2:
            continue
        hops = list(itertools.pairwise(loop))
        shown = loop if len(loop) <= 6 else [*loop[:3], "...", *loop[-2:]]
        chain = " -> ".join(shown)
        if all((target, True) in edges[holder] for holder, target in hops):
            message = f"$ref cycle {chain}: the references never reach a schema"
        else:
            message = f"allOf cycle {chain}: a schema includes itself through allOf"
        problems.append(error("ref-cycle", message, loop[0]))
    return problems


def may_have_reference_cycles(document: Any, refs: set[str]) -> bool:
    """A quick look before `reference_cycles`, which walks the whole document building
    pointers; `refs` are the document's `$ref`s.

    `allOf` only leads deeper into the tree, so every cycle contains a `$ref` and passes through
    its target: following `$ref`s and `allOf`s from the targets alone finds every cycle. A hit
    here may be a false alarm (one node spelled two ways); the full walk then decides."""
    edges: dict[str, list[str]] = {}
    pending = sorted({target(ref) for ref in refs if ref.startswith("#")})
    while pending:
        at = pending.pop()
        if at in edges:
            continue
        try:
            node = resolve_pointer(document, at[1:])
        except KeyError:
            node = None
        out = []
        if isinstance(node, dict):
            ref, all_of = node.get("$ref"), node.get("allOf")
            if isinstance(ref, str) and ref.startswith("#"):
                out.append(target(ref))
            if isinstance(all_of, list):
                out.extend(child(at, "allOf", index) for index in range(len(all_of)))
        edges[at] = out
        pending.extend(out)
    return any(
        len(component) > 1 or component[0] in edges[component[0]]
        for component in strongly_connected_components(list(edges), edges)
    )
