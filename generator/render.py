"""IR -> {relative path: text}. Only the Jinja templates write source; this module decides
what goes where (modules, imports, annotations) and gives templates safe literal filters."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from . import cache, forked, ir
from .annotations import Annotations, import_lines
from .graph import strongly_connected_components, topological
from .import_order import import_sections
from .literals import docstring, py_literal, toml_string, valid_unicode
from .naming import NameRegistry, snake_case
from .options import Options
from .render_client import resource_views
from .render_tests import test_view

RUNTIME_DIR = Path(__file__).parent / "runtime"
_PACKAGED_TEMPLATES = Path(__file__).parent / "templates"
TEMPLATES_DIR = (
    _PACKAGED_TEMPLATES
    if _PACKAGED_TEMPLATES.is_dir()
    else Path(__file__).parent.parent / "templates"
)


@dataclass(frozen=True, slots=True, kw_only=True)
class ModelModule:
    """A group of declarations rendered into one module of `<package>/models/`.

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
                name=registry.claim(snake_case(head.name, prefix="m_")),
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


@functools.cache
def _environment() -> jinja2.Environment:
    """One environment per process, so each template is compiled once; compiled templates
    are also kept in the cache directory, which saves a CLI run ~0.3 s of compiling."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        bytecode_cache=_bytecode_cache(),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    environment.filters.update(
        docstring=docstring, literal=py_literal, toml=toml_string, json=json.dumps
    )
    return environment


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    directory = cache.cache_dir() / "templates"
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a read-only home: compile every time
    return jinja2.FileSystemBytecodeCache(str(directory))


def _render_model_module(
    env: jinja2.Environment, api: ir.Api, module: ModelModule, module_of: Mapping[str, str]
) -> str:
    annotations = Annotations(api, module_of, module.name)
    items = []
    for declaration in module.declarations:
        match declaration:
            case ir.Model():
                bases = [annotations.name_of(base) for base in declaration.bases]
                if not bases:
                    annotations.imports.add((".._runtime._models", "BaseModel"))
                fields = [_field_view(annotations, api, field) for field in declaration.fields]
                constants = [field.name for field in declaration.fields if field.constant]
                if constants:
                    annotations.imports.add(("typing", "Any"))
                extra = None
                if declaration.extra is not None:
                    extra = annotations.render(declaration.extra)
                if extra is not None or any(field["calls_field"] for field in fields):
                    annotations.imports.add(("pydantic", "Field"))
                items.append(
                    {"kind": "model", "decl": declaration, "bases": bases or ["BaseModel"],
                     "fields": fields, "extra": extra, "constants": constants}
                )  # fmt: skip
            case ir.Enum():
                base = "OpenStrEnum" if declaration.value_type == "str" else "OpenIntEnum"
                annotations.imports.add((".._runtime._models", base))
                items.append({"kind": "enum", "decl": declaration, "base": base})
            case ir.Alias():
                annotations.imports.add(("typing", "TypeAlias"))
                items.append(
                    {
                        "kind": "alias",
                        "decl": declaration,
                        "target": annotations.render(declaration.target),
                    }
                )
    return env.get_template("package/models/module.py.jinja").render(
        items=items, import_sections=import_sections(annotations.imports)
    )


def _field_view(annotations: Annotations, api: ir.Api, field: ir.Field) -> dict[str, Any]:
    """What the template needs for one field: its annotation, and the value assigned to it
    (None, a default, or a `Field(...)` call)."""
    if field.required:
        annotation = annotations.render(field.type)
    else:
        annotation = annotations.optional(field.type)
    arguments: list[tuple[str, str]] = []
    if not field.required or field.constant:
        arguments.append(("default", _default_literal(annotations, api, field)))
    if field.name != field.wire_name:
        # Separate aliases keep the Python name as the constructor's keyword for type checkers.
        arguments.append(("validation_alias", py_literal(field.wire_name)))
        arguments.append(("serialization_alias", py_literal(field.wire_name)))
    description = field.description
    if field.read_only or field.write_only or field.deprecated:
        notes = [note for flag, note in (
            (field.read_only, "Read-only: set by the server, never sent."),
            (field.write_only, "Write-only: sent, never returned."),
            (field.deprecated, "Deprecated."),
        ) if flag]  # fmt: skip
        description = " ".join([*notes, description or ""]).strip()
    if description:
        arguments.append(("description", py_literal(description)))
    calls_field = any(key != "default" for key, _ in arguments)
    if calls_field:
        value: str | None = f"Field({', '.join(f'{key}={text}' for key, text in arguments)})"
    else:
        value = arguments[0][1] if arguments else None
    return {
        "name": field.name,
        "annotation": annotation,
        "value": value,
        "calls_field": calls_field,
        "retyped": field.retyped,
    }


def _default_literal(annotations: Annotations, api: ir.Api, field: ir.Field) -> str:
    default = field.default
    if isinstance(default, ir._NoDefault) or default is None:
        return "None"
    inner = field.type.inner if isinstance(field.type, ir.Nullable) else field.type
    if isinstance(inner, ir.Ref):
        enum = api.declarations[inner.key]
        assert isinstance(enum, ir.Enum)
        member = next(m for m in enum.members if m.value == default)
        return f"{annotations.name_of(inner)}.{member.name}"
    return py_literal(default)


def _example_call(api: ir.Api) -> str | None:
    """A call for the README: the first operation that needs no arguments, if any."""
    candidates = [
        (resource.attribute + ".", op) for resource in api.resources for op in resource.operations
    ]
    candidates += [("", op) for op in api.root_operations]
    for prefix, operation in candidates:
        needs_arguments = any(p.required for p in operation.parameters) or (
            operation.body is not None and operation.body.required
        )
        if not needs_arguments and operation.method == "GET":
            return f"{prefix}{operation.name}()"
    return None


def _client_doc(api: ir.Api) -> str:
    lines = [f"Async client for {api.info.title} (API version {api.info.version}).", ""]
    lines.append("Use it as `async with Client(...) as client:`, or call `await client.close()`.")
    if api.base_url is None:
        lines.append("`base_url` is required: the API's server URL is relative or templated.")
    credentials = [
        f"`{scheme.argument}`: {scheme.description or scheme.kind.replace('_', ' ')}"
        for scheme in api.security_schemes
    ]
    if credentials:
        lines += ["", "Credentials (each applied to the operations that accept it):", *credentials]
    return "\n".join(lines)


def _render_client(
    env: jinja2.Environment,
    api: ir.Api,
    options: Options,
    module_of: Mapping[str, str],
    context: dict[str, Any],
) -> dict[str, str]:
    package = options.package_name
    files = {}
    module_template = env.get_template("package/resources/module.py.jinja")
    for resource in api.resources:
        views, loaders, imports, typing_imports = resource_views(
            api, module_of, resource.operations, inside="resources"
        )
        files[f"{package}/resources/{resource.module}.py"] = module_template.render(
            resource=resource,
            views=views,
            loaders=loaders,
            imports=import_lines(imports),
            typing_imports=import_lines(typing_imports),
        )
    files[f"{package}/resources/__init__.py"] = env.get_template(
        "package/resources/__init__.py.jinja"
    ).render(context)
    files[f"{package}/errors.py"] = env.get_template("package/errors.py.jinja").render(context)
    files.update(_render_tests(env, api, module_of, context))
    views, loaders, imports, typing_imports = resource_views(
        api, module_of, api.root_operations, inside="package"
    )
    imports.discard(("._runtime", "Timeout"))  # the template imports it for type checking only
    files[f"{package}/_client.py"] = env.get_template("package/_client.py.jinja").render(
        context,
        views=views,
        loaders=loaders,
        imports=import_lines(imports),
        typing_imports=import_lines(typing_imports),
        client_doc=_client_doc(api),
    )
    return files


def _render_tests(
    env: jinja2.Environment, api: ir.Api, module_of: Mapping[str, str], context: dict[str, Any]
) -> dict[str, str]:
    """tests/: one test per operation, run against a mock server of the spec."""
    package = context["package"]
    template = env.get_template("project/tests/test_module.py.jinja")
    groups = [
        (f"test_{r.module}.py", f"`client.{r.attribute}`", r.attribute + ".", r.operations)
        for r in api.resources
    ]
    if api.root_operations:
        groups.append(("test_client.py", "the client itself", "", api.root_operations))
    files = {
        "tests/__init__.py": "",
        "tests/conftest.py": env.get_template("project/tests/conftest.py.jinja").render(context),
    }
    for filename, owner, prefix, operations in groups:
        annotations = Annotations(
            api,
            module_of,
            None,
            models_package=f"{package}.models.",
            runtime_package=f"{package}._runtime",
        )
        tests = [test_view(annotations, op, prefix + op.name) for op in operations]
        files[f"tests/{filename}"] = template.render(
            context, owner=owner, tests=tests, imports=import_lines(annotations.imports)
        )
    return files


# Rendering many model modules is split with a forked child from this many on; the parent
# renders one in _PARENT_SHARE of them, and the client, resources and tests (about as much work).
_FORK_FROM_MODULES = 300
_PARENT_SHARE = 5


def render(api: ir.Api, options: Options) -> dict[str, str]:
    """Every file of the generated project, by path relative to the project root."""
    env = _environment()
    package = options.package_name
    modules = model_modules(api)
    module_of = {d.key: module.name for module in modules for d in module.declarations}
    exports = sorted((d.name, module_of[d.key]) for d in api.declarations.values())
    context = {
        "api": api,
        "options": options,
        "package": package,
        "exports": exports,
        "example": _example_call(api),
    }
    files = {
        "pyproject.toml": env.get_template("project/pyproject.toml.jinja").render(context),
        # Markdown holds the spec's text as written: all but lone surrogates (no UTF-8 for them).
        "README.md": valid_unicode(env.get_template("project/README.md.jinja").render(context)),
        f"{package}/__init__.py": env.get_template("package/__init__.py.jinja").render(context),
        f"{package}/py.typed": "",
        f"{package}/models/__init__.py": env.get_template(
            "package/models/__init__.py.jinja"
        ).render(context),
    }

    def render_models(selected: list[ModelModule]) -> dict[str, str]:
        return {
            f"{package}/models/{module.name}.py": _render_model_module(env, api, module, module_of)
            for module in selected
        }

    # Thousands of model modules: a forked child renders most of them meanwhile, on the other
    # core. The template is compiled first, once, for both processes.
    env.get_template("package/models/module.py.jinja")
    if len(modules) >= _FORK_FROM_MODULES:
        split = len(modules) // _PARENT_SHARE
        rest = forked.start(render_models, modules[split:])
    else:
        split, rest = len(modules), dict  # all rendered here: nothing left to wait for
    files.update(render_models(modules[:split]))
    client_files = _render_client(env, api, options, module_of, context)
    files.update(rest())
    files.update(client_files)
    for source in sorted(RUNTIME_DIR.glob("*.py")):
        files[f"{package}/_runtime/{source.name}"] = source.read_text(encoding="utf-8")
    return files
