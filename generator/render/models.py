"""Model modules: the view each template of `<package>/models/` renders."""

from __future__ import annotations

from collections.abc import Mapping

import jinja2

from .. import ir
from .annotations import Annotations
from .import_order import import_sections
from .literals import py_literal
from .modules import ModelModule
from .views import AliasItem, EnumItem, FieldView, ModelItem, ModelModuleItem


def render_model_module(
    env: jinja2.Environment, api: ir.Api, module: ModelModule, module_of: Mapping[str, str]
) -> str:
    annotations = Annotations(api, module_of, module.name)
    items: list[ModelModuleItem] = []
    for declaration in module.declarations:
        match declaration:
            case ir.Model():
                bases = [annotations.name_of(base) for base in declaration.bases]
                read_only = _read_only(api, declaration)
                if read_only:
                    annotations.imports.add(("typing", "ClassVar"))
                if read_only and not any(
                    _read_only(api, base) for base in _models(api, declaration.bases)
                ):
                    # The first with read-only properties: the base leaving them out of requests.
                    annotations.imports.add((".._runtime._models", "ReadOnlyFields"))
                    bases.append("ReadOnlyFields")
                elif not bases:
                    annotations.imports.add((".._runtime._models", "BaseModel"))
                fields = tuple(_field_view(annotations, api, field) for field in declaration.fields)
                constants = tuple(field.name for field in declaration.fields if field.constant)
                if constants:
                    annotations.imports.add(("typing", "Any"))
                extra = None
                if declaration.extra is not None:
                    extra = annotations.render(declaration.extra)
                if extra is not None or any(field.calls_field for field in fields):
                    annotations.imports.add(("pydantic", "Field"))
                items.append(
                    ModelItem(
                        decl=declaration,
                        bases=tuple(bases or ["BaseModel"]),
                        fields=fields,
                        extra=extra,
                        constants=constants,
                        read_only=read_only,
                    )
                )
            case ir.Enum():
                base = "OpenStrEnum" if declaration.value_type == "str" else "OpenIntEnum"
                annotations.imports.add((".._runtime._models", base))
                items.append(EnumItem(decl=declaration, base=base))
            case ir.Alias():
                annotations.imports.add(("typing", "TypeAlias"))
                items.append(
                    AliasItem(decl=declaration, target=annotations.render(declaration.target))
                )
    return env.get_template("package/models/module.py.jinja").render(
        items=items, import_sections=import_sections(annotations.imports)
    )


def _models(api: ir.Api, refs: tuple[ir.Ref, ...]) -> list[ir.Model]:
    return [d for d in (api.declarations[ref.key] for ref in refs) if isinstance(d, ir.Model)]


def _read_only(api: ir.Api, model: ir.Model) -> tuple[str, ...]:
    """The wire names of `model`'s read-only properties, inherited ones first (allOf bases
    form no cycle: a class cannot inherit from itself)."""
    names: dict[str, None] = {}
    for base in _models(api, model.bases):
        names.update(dict.fromkeys(_read_only(api, base)))
    for field in model.fields:
        if field.read_only:
            names[field.wire_name] = None
        else:
            names.pop(field.wire_name, None)  # redeclared without readOnly
    return tuple(names)


def _field_view(annotations: Annotations, api: ir.Api, field: ir.Field) -> FieldView:
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
    return FieldView(
        name=field.name,
        annotation=annotation,
        value=value,
        calls_field=calls_field,
        retyped=field.retyped,
    )


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
