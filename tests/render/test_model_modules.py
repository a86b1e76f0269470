"""How declarations are grouped into modules of `<package>/models/`: a model owned by exactly
one other (an inline item or property model) lives in its owner's module, declarations in a
reference cycle share one, and the modules import each other without cycles."""

from __future__ import annotations

from collections.abc import Callable

from aiosdkgen.graph import strongly_connected_components
from aiosdkgen.ir import Api
from aiosdkgen.render.modules import model_modules, references

SCHEMAS = {
    "Owner": {
        "type": "object",
        "properties": {
            # Inline objects: each becomes a model referred to by its parent only.
            "child": {
                "type": "object",
                "properties": {"leaf": {"type": "object", "properties": {"y": {"type": "string"}}}},
            },
            "shared": {"$ref": "#/components/schemas/Shared"},
        },
    },
    "Other": {"type": "object", "properties": {"shared": {"$ref": "#/components/schemas/Shared"}}},
    "Shared": {"type": "object", "properties": {"status": {"enum": ["on", "off"]}}},
    "Node": {
        "type": "object",
        "properties": {
            "next": {"$ref": "#/components/schemas/Link"},
            "meta": {"type": "object", "properties": {"x": {"type": "integer"}}},
        },
    },
    "Link": {"type": "object", "properties": {"node": {"$ref": "#/components/schemas/Node"}}},
}


def _modules(api: Api) -> dict[str, set[str]]:
    return {
        module.name: {declaration.name for declaration in module.declarations}
        for module in model_modules(api)
    }


def test_owned_models_join_their_owner_and_shared_ones_stand_alone(
    parse_schemas: Callable[..., Api],
) -> None:
    modules = _modules(parse_schemas(SCHEMAS))
    assert modules == {
        "_owner": {"Owner", "OwnerChild", "OwnerChildLeaf"},
        "_other": {"Other"},
        "_shared": {"Shared", "SharedStatus"},
        "_link": {"Node", "Link", "NodeMeta"},  # a cycle, named after its first declaration
    }


def test_modules_import_each_other_without_cycles(parse_schemas: Callable[..., Api]) -> None:
    api = parse_schemas(SCHEMAS)
    module_of = {
        declaration.key: module.name
        for module in model_modules(api)
        for declaration in module.declarations
    }
    imports: dict[str, set[str]] = {name: set() for name in module_of.values()}
    for key, declaration in api.declarations.items():
        for target in references(declaration):
            if module_of[target] != module_of[key]:
                imports[module_of[key]].add(module_of[target])
    names = sorted(imports)
    components = strongly_connected_components(names, {n: sorted(imports[n]) for n in names})
    assert all(len(component) == 1 for component in components)
    assert imports["_owner"] == {"_shared"} and imports["_other"] == {"_shared"}
