"""Small graph algorithms over declaration keys, iterative so deep specs cannot overflow."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Protocol, TypeVar


class _Keyed(Protocol):
    @property
    def key(self) -> str: ...


K = TypeVar("K", bound=_Keyed)


def strongly_connected_components(
    nodes: Sequence[str], edges: Mapping[str, Sequence[str]]
) -> list[list[str]]:
    """Tarjan's algorithm. Components come dependencies first; members keep `nodes` order."""
    position = {node: i for i, node in enumerate(nodes)}
    index: dict[str, int] = {}
    lowlink: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    for root in nodes:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, next_edge = work.pop()
            if next_edge == 0:
                index[node] = lowlink[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            targets = [t for t in edges.get(node, ()) if t in position]
            if next_edge < len(targets):
                work.append((node, next_edge + 1))
                target = targets[next_edge]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    lowlink[node] = min(lowlink[node], index[target])
                continue
            if work:
                parent = work[-1][0]
                lowlink[parent] = min(lowlink[parent], lowlink[node])
            if lowlink[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(sorted(component, key=position.__getitem__))
    return components


def topological(items: Sequence[K], needs: Callable[[K], Sequence[str]]) -> list[K]:
    """`items` with each one after the items it needs (stable; cycles are left as found)."""
    by_key = {item.key: item for item in items}
    done: set[str] = set()
    visiting: set[str] = set()
    ordered: list[K] = []
    for item in items:
        work: list[tuple[K, bool]] = [(item, False)]
        while work:
            current, expanded = work.pop()
            if current.key in done:
                continue
            if expanded:
                done.add(current.key)
                visiting.discard(current.key)
                ordered.append(current)
                continue
            if current.key in visiting:
                continue
            visiting.add(current.key)
            work.append((current, True))
            for key in reversed(needs(current)):
                if key in by_key and key not in done and key not in visiting:
                    work.append((by_key[key], False))
    return ordered
