"""Which model goes in which module of `<package>/models/`, and in what order."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .. import ir
from ..graph import strongly_connected_components, topological
from ..naming import NameRegistry, snake_case


@dataclass(frozen=True, slots=True, kw_only=True)
class ModelModule:
    """A group of declarations rendered into one module of `<package>/models/`.

    Its name starts with an underscore: which module a model lives in follows the spec's
    reference graph and may change with the spec, so users import from `<package>.models`.

    Declarations that refer to each other in a cycle share a module, so modules import each
    other without cycles.
    """

    name: str
    declarations: tuple[ir.Declaration, ...]


def references(declaration: ir.Declaration) -> Iterable[str]:
    """Keys of every declaration `declaration` mentions."""
    types: list[ir.TypeRef] = []
    match declaration:
        case ir.Model():
            types.extend(field.type for field in declaration.fields)
            types.extend(declaration.bases)
            if declaration.extra is not None:
                types.append(declaration.extra)
        case ir.Alias():
            types.append(declaration.target)
    while types:
        match types.pop():
            case ir.Ref(key=key):
                yield key
            case ir.ArrayOf(item=inner) | ir.MapOf(value=inner) | ir.Nullable(inner=inner):
                types.append(inner)
            case ir.UnionOf(variants=variants):
                types.extend(variants)
            case ir.DiscriminatedUnion(variants=variants):
                types.extend(variant.type for variant in variants)


def model_modules(api: ir.Api) -> list[ModelModule]:
    """Group declarations into modules, in order.

    Each strongly connected component (declarations that refer to each other in a cycle) is
    one group. A group referred to by exactly one other group then joins it: an inline item or
    property model lives with the model that owns it. That keeps modules few (file creation is
    most of the cost of writing a large SDK, and each module costs an import) while modules
    still import each other without cycles: absorbing a node whose only predecessor is its
    absorber never closes a cycle in a DAG.
    """
    keys = list(api.declarations)
    edges = {key: sorted(set(references(api.declarations[key]))) for key in keys}
    components = strongly_connected_components(keys, edges)
    component_of = {key: index for index, members in enumerate(components) for key in members}
    referrers: list[set[int]] = [set() for _ in components]
    for key in keys:
        for target in edges[key]:
            if target in component_of and component_of[target] != component_of[key]:
                referrers[component_of[target]].add(component_of[key])
    owner = list(range(len(components)))

    def root(index: int) -> int:
        while owner[index] != index:
            owner[index] = owner[owner[index]]
            index = owner[index]
        return index

    for index, sources in enumerate(referrers):
        if len(sources) == 1:
            owner[index] = next(iter(sources))
    members: dict[int, list[str]] = {}
    for index, component in enumerate(components):
        members.setdefault(root(index), []).extend(component)
    modules = []
    registry = NameRegistry({"__init__"})
    for index in sorted(members):
        head = _definition_order([api.declarations[key] for key in components[index]], edges)[0]
        ordered = _definition_order([api.declarations[key] for key in members[index]], edges)
        modules.append(
            ModelModule(
                name=registry.claim("_" + snake_case(head.name, prefix="m_")),
                declarations=tuple(ordered),
            )
        )
    return modules


def _definition_order(
    declarations: list[ir.Declaration], edges: Mapping[str, list[str]]
) -> list[ir.Declaration]:
    """Enums first (defaults use them), then classes with each base before its subclasses,
    then aliases after the aliases they use: module-level code runs in order, while field
    annotations are resolved lazily."""
    enums = [d for d in declarations if isinstance(d, ir.Enum)]
    models = [d for d in declarations if isinstance(d, ir.Model)]
    aliases = [d for d in declarations if isinstance(d, ir.Alias)]
    return [
        *enums,
        *topological(models, lambda model: [base.key for base in model.bases]),
        *topological(aliases, lambda alias: edges[alias.key]),
    ]
