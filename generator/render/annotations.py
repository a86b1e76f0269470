"""The one function that renders IR types as Python annotations, and the imports they need."""

from __future__ import annotations

from collections.abc import Mapping

from .. import ir
from ..naming import snake_case
from .literals import py_literal

_PRIMITIVE_IMPORTS = {
    "datetime": ("datetime", "datetime"),
    "date": ("datetime", "date"),
    "time": ("datetime", "time"),
    "UUID": ("uuid", "UUID"),
    "Decimal": ("decimal", "Decimal"),
    "Any": ("typing", "Any"),
}


# An enum of more members is left as the enum alone: a Literal that long helps no one.
MAX_LITERAL_MEMBERS = 64


def import_lines(imports: set[tuple[str, str]]) -> list[tuple[str, list[str]]]:
    """(module, sorted names) per module, in module order; module "" is a plain `import`."""
    grouped: dict[str, set[str]] = {}
    for module, name in imports:
        grouped.setdefault(module, set()).add(name)
    return [(module, sorted(names)) for module, names in sorted(grouped.items())]


class Annotations:
    """Renders IR types as annotations for one module and records the imports they need."""

    def __init__(
        self,
        api: ir.Api,
        module_of: Mapping[str, str],
        module: str | None,
        *,
        models_package: str = ".",
        runtime_package: str = ".._runtime",
    ) -> None:
        """`module` is the models module being rendered (None outside `models/`); the
        packages are how the rendered module imports models and the runtime, relatively."""
        self.api = api
        self.module_of = module_of
        self.module = module
        self.models_package = models_package
        self.runtime_package = runtime_package
        self.imports: set[tuple[str, str]] = set()

    def sibling(self) -> Annotations:
        """A new recorder of imports for the same module."""
        return Annotations(
            self.api,
            self.module_of,
            self.module,
            models_package=self.models_package,
            runtime_package=self.runtime_package,
        )

    def loads_pydantic(self, imported: tuple[str, str]) -> bool:
        """Whether importing `imported` loads pydantic (a model, the runtime's `_models`, or
        pydantic itself): modules outside `models/` import those for type checking only."""
        module, name = imported
        return (
            module.startswith(self.models_package)
            or module == ""
            or (module, name) == (self.runtime_package, "_models")
        )

    def name_of(self, ref: ir.Ref) -> str:
        declaration = self.api.declarations[ref.key]
        target_module = self.module_of[ref.key]
        if target_module != self.module:
            self.imports.add((f"{self.models_package}{target_module}", declaration.name))
        return declaration.name

    def render(self, type_: ir.TypeRef) -> str:
        match type_:
            case ir.Primitive(name="Base64Bytes" | "DecimalNumber" as name):
                self.imports.add((self.runtime_package, "_models"))
                return f"_models.{name}"
            case ir.Primitive(name=name):
                if name in _PRIMITIVE_IMPORTS:
                    self.imports.add(_PRIMITIVE_IMPORTS[name])
                return name
            case ir.ArrayOf(item=item):
                return f"list[{self.render(item)}]"
            case ir.MapOf(value=value):
                return f"dict[str, {self.render(value)}]"
            case ir.Ref():
                return self.name_of(type_)
            case ir.LiteralOf(values=values):
                self.imports.add(("typing", "Literal"))
                return f"Literal[{', '.join(py_literal(value) for value in values)}]"
            case ir.UnionOf(variants=variants):
                return self._union(variants)
            case ir.DiscriminatedUnion():
                return self._discriminated(type_)
            case ir.Nullable(inner=inner):
                return self.optional(inner)
        raise AssertionError(f"unhandled IR type {type_!r}")

    def argument(self, type_: ir.TypeRef) -> str:
        """A parameter's annotation: an enum also takes its values as literals
        (`status="available"`, as the wire has it), and an array of one any sequence of them
        (`list` is invariant: a `list[Status]` would no longer fit)."""
        match type_:
            case ir.Ref(key=key) if isinstance(self.api.declarations[key], ir.Enum):
                enum = self.api.declarations[key]
                assert isinstance(enum, ir.Enum)
                if len(enum.members) > MAX_LITERAL_MEMBERS:
                    return self.render(type_)
                self.imports.add(("typing", "Literal"))
                values = ", ".join(py_literal(member.value) for member in enum.members)
                return f"{self.name_of(type_)} | Literal[{values}]"
            case ir.ArrayOf(item=item) if self.argument(item) != self.render(item):
                self.imports.add(("collections.abc", "Sequence"))
                return f"Sequence[{self.argument(item)}]"
            case ir.Nullable(inner=inner):
                rendered = self.argument(inner)
                return rendered if rendered.endswith(" | None") else f"{rendered} | None"
        return self.render(type_)

    def optional(self, type_: ir.TypeRef) -> str:
        """`T | None`, without doubling a None already there."""
        inner = type_.inner if isinstance(type_, ir.Nullable) else type_
        rendered = self.render(inner)
        if inner == ir.ANY or rendered == "None" or rendered.endswith(" | None"):
            return rendered
        return f"{rendered} | None"

    def _union(self, variants: tuple[ir.TypeRef, ...]) -> str:
        """`A | B | None`: a nullable member's None goes last, once (ruff RUF036)."""
        members: list[str] = []
        nullable = False
        for variant in variants:
            if isinstance(variant, ir.Nullable):
                nullable, variant = True, variant.inner
            if variant == ir.Primitive(name="None"):
                nullable = True
                continue
            rendered = self.render(variant)
            if rendered.endswith(" | None"):  # a nullable alias or union inside
                nullable, rendered = True, rendered.removesuffix(" | None")
            members.append(rendered)
        if ir.ANY in variants or "Any" in members:
            return self.render(ir.ANY)
        return " | ".join([*dict.fromkeys(members), *(["None"] if nullable else [])])

    def _discriminated(self, union: ir.DiscriminatedUnion) -> str:
        # Module-qualified, so no field or class name in the spec can shadow these helpers.
        self.imports.update(
            {("typing", "Annotated"), ("", "pydantic"), (self.runtime_package, "_models")}
        )
        members = []
        tags: dict[str, str] = {}
        field_name = snake_case(union.property)
        for variant in union.variants:
            name = self.name_of(variant.type)
            members.append(f"Annotated[{name}, pydantic.Tag({py_literal(name)})]")
            tags.update({tag: name for tag in variant.tags})
            model = self.api.declarations[variant.type.key]
            field_name = _python_name(self.api, model, union.property) or field_name
        members.append("Annotated[_models.UnknownVariant, pydantic.Tag(_models.UNKNOWN_TAG)]")
        picker = (
            f"_models.discriminator({py_literal(union.property)}, {py_literal(field_name)}, "
            f"{py_literal(tags)})"
        )
        return f"Annotated[{' | '.join(members)}, {picker}]"


def _python_name(api: ir.Api, declaration: ir.Declaration, wire_name: str) -> str | None:
    """The Python name of property `wire_name` of a model, looking through its bases."""
    while isinstance(declaration, ir.Model):
        for field in declaration.fields:
            if field.wire_name == wire_name:
                return field.name
        if not declaration.bases:
            return None
        declaration = api.declarations[declaration.bases[0].key]
    return None
