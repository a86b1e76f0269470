"""JSON Schema (as used by OpenAPI 3.0/3.1) -> IR types and declarations.

The only code that reads raw schema dicts. Two phases: every component schema's class name is
reserved first (document order), then bodies are built on demand, so forward and recursive
references are plain `Ref`s. A construct that cannot be typed precisely becomes `Any` plus a
warning naming the place; it never aborts the run.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from typing import Any, Literal

from .. import ir
from ..diagnostics import Diagnostic, warning
from ..naming import RESERVED_CLASS_NAMES, NameRegistry, constant_case, pascal_case, snake_case
from ..spec.pointers import child, pointer_resolver, unescape_token

_STRING_FORMATS: dict[str, ir.PrimitiveName] = {
    "date-time": "datetime",
    "date": "date",
    "time": "time",
    "uuid": "UUID",
    "binary": "bytes",
    # Base64 text on the wire, bytes in Python: pydantic decodes and encodes it.
    "byte": "Base64Bytes",
    # Exact decimal text on the wire (money), `Decimal` in Python.
    "decimal": "Decimal",
}
_PRIMITIVE_TYPES: dict[str, ir.PrimitiveName] = {
    "integer": "int",
    "number": "float",
    "boolean": "bool",
    "null": "None",
}
_COMPONENT_PREFIX = "#/components/schemas/"


def is_nullable(schema: Any) -> bool:
    """`nullable: true` (3.0), `type: [..., "null"]` or `enum`/`oneOf` admitting null (3.1)."""
    if not isinstance(schema, dict):
        return False
    kind = schema.get("type")
    if schema.get("nullable") is True or (isinstance(kind, list) and "null" in kind):
        return True
    enum = schema.get("enum")
    return isinstance(enum, list) and None in enum


def _is_null_schema(schema: Any) -> bool:
    return isinstance(schema, dict) and (
        schema.get("type") == "null" or schema.get("enum") == [None]
    )


def _description(schema: dict[str, Any]) -> str | None:
    parts = [schema.get("title"), schema.get("description")]
    text = "\n\n".join(part.strip() for part in parts if isinstance(part, str) and part.strip())
    return text or None


class SchemaParser:
    """Turns schemas into IR types, declaring models, enums and aliases as it goes."""

    def __init__(self, document: dict[str, Any], diagnostics: list[Diagnostic]) -> None:
        self.document = document
        self.resolve = pointer_resolver(document)
        self.diagnostics = diagnostics
        self.class_names = NameRegistry(RESERVED_CLASS_NAMES)
        self.names: dict[str, str] = {}
        self.declarations: dict[str, ir.Declaration] = {}
        self._building: set[str] = set()
        self._field_names: dict[str, dict[str, str]] = {}

    # -- phase 1 and 2 ---------------------------------------------------------------------

    def parse_components(self) -> None:
        components = self.document.get("components")
        schemas = components.get("schemas") if isinstance(components, dict) else None
        if not isinstance(schemas, dict):
            return
        keys = [child("#/components/schemas", name) for name in schemas]
        for name, key in zip(schemas, keys, strict=True):
            self.names[key] = self.class_names.claim(pascal_case(name))
        for key in keys:
            self.ref(key)
        self._break_alias_cycles()

    def _break_alias_cycles(self) -> None:
        for key, declaration in list(self.declarations.items()):
            if isinstance(declaration, ir.Alias) and self._alias_cycle(key, declaration.target):
                self.warn("alias-cycle", "type refers to itself without a class; typed as Any", key)
                self.declarations[key] = ir.Alias(
                    key=key,
                    name=declaration.name,
                    description=declaration.description,
                    target=ir.ANY,
                )

    def ref(self, key: str) -> ir.Ref:
        """The declaration at pointer `key`, built on first use."""
        if key not in self.names:
            tokens = [unescape_token(token) for token in key.lstrip("#/").split("/")]
            hint = tokens[-1] if not key.startswith(_COMPONENT_PREFIX) else tokens[2]
            self.names[key] = self.class_names.claim(pascal_case(hint))
        if key not in self.declarations and key not in self._building:
            self._build(key, self.resolve(key[1:]))
        return ir.Ref(key=key)

    def _build(self, key: str, schema: Any) -> None:
        """Declare `key`; a schema the parser cannot handle becomes `Any`, with a warning."""
        self._building.add(key)
        try:
            self.declarations[key] = self._declare(key, schema, self.names[key])
        except Exception as exc:  # one bad corner must not sink the whole SDK
            self.warn(
                "untyped-schema",
                f"schema could not be typed ({type(exc).__name__}); typed as Any",
                key,
            )
            self.declarations[key] = ir.Alias(
                key=key, name=self.names[key], description=None, target=ir.ANY
            )
        finally:
            self._building.discard(key)

    def _inline(self, key: str, schema: dict[str, Any], hint: str) -> ir.Ref:
        """Declare an inline schema that needs a class, named from where it sits."""
        if key not in self.names:
            self.names[key] = self.class_names.claim(pascal_case(hint))
        if key not in self.declarations:
            self._build(key, schema)
        return ir.Ref(key=key)

    def _declare(self, key: str, schema: Any, name: str) -> ir.Declaration:
        if not isinstance(schema, dict):
            return ir.Alias(key=key, name=name, description=None, target=ir.ANY)
        description = _description(schema)
        enum = self._enum(key, schema, name)
        if enum is not None:
            return enum
        if self._needs_class(schema):
            return self._model(key, schema, name)
        return ir.Alias(
            key=key, name=name, description=description, target=self.type_of(schema, key, name)
        )

    # -- types -----------------------------------------------------------------------------

    def warn(self, code: str, message: str, where: str) -> None:
        self.diagnostics.append(warning(code, message, where))

    def type_of(self, schema: Any, where: str, hint: str) -> ir.TypeRef:
        """The type of `schema`, found at pointer `where`; `hint` names classes it needs."""
        if schema is True or schema == {}:
            return ir.ANY
        if not isinstance(schema, dict):
            self.warn("unsupported-schema", "schema is not an object; typed as Any", where)
            return ir.ANY
        ref = schema.get("$ref")
        if isinstance(ref, str):
            return self._ref_type(ref, schema, where)
        bare = self._bare_type(schema, where, hint)
        if is_nullable(schema) and not isinstance(bare, ir.Nullable) and bare != ir.ANY:
            return ir.Nullable(inner=bare)
        return bare

    def _ref_type(self, ref: str, schema: dict[str, Any], where: str) -> ir.TypeRef:
        try:
            target = self.resolve(ref[1:])
        except KeyError:
            self.warn("missing-ref", f"$ref {ref!r} points to nothing; typed as Any", where)
            return ir.ANY
        if not isinstance(target, dict):
            return ir.ANY
        if isinstance(target.get("$ref"), str) and not self._needs_class(target):
            # A component that is only a reference to another: use the final target.
            if ref in self._building:
                self.warn("ref-cycle", f"$ref {ref!r} refers to itself; typed as Any", where)
                return ir.ANY
            self._building.add(ref)
            try:
                return self.type_of(target, ref, "")
            finally:
                self._building.discard(ref)
        declared = self.ref(ref)
        declaration = self.declarations.get(ref)
        nullable = is_nullable(target) or (schema.get("nullable") is True)
        if nullable and not isinstance(declaration, ir.Alias):
            return ir.Nullable(inner=declared)
        return declared

    def _alias_cycle(self, key: str, target: ir.TypeRef) -> bool:
        """True when an alias reaches itself through aliases only (Python can't express it)."""
        seen: set[str] = set()
        stack = [target]
        while stack:
            current = stack.pop()
            match current:
                case ir.Ref(key=ref_key):
                    if ref_key == key:
                        return True
                    declaration = self.declarations.get(ref_key)
                    if isinstance(declaration, ir.Alias) and ref_key not in seen:
                        seen.add(ref_key)
                        stack.append(declaration.target)
                case ir.ArrayOf(item=inner) | ir.MapOf(value=inner) | ir.Nullable(inner=inner):
                    stack.append(inner)
                case ir.UnionOf(variants=variants):
                    stack.extend(variants)
        return False

    def _needs_class(self, schema: dict[str, Any]) -> bool:
        if "enum" in schema or isinstance(schema.get("$ref"), str):
            return False
        if isinstance(schema.get("properties"), dict) and schema["properties"]:
            # Beside a oneOf/anyOf that only says which of them are required (GitHub's check
            # run update), the properties make the class; the server checks the rest.
            members = self._union_members(schema)
            return all(self._requirement_only(member) for member in members)
        parts = self._all_of_parts(schema)
        if not parts:
            return False
        if any(key in schema for key in ("properties", "required")):
            return True
        # Several parts make a class only when they describe objects: `allOf: [{$ref: a
        # string schema}, {description: ...}]` is still that string.
        return len(parts) > 1 and any(self._objectish(part) for part in parts)

    def _all_of_parts(self, schema: dict[str, Any]) -> list[Any]:
        """The `allOf` members that constrain the value (annotation-only ones are skipped)."""
        all_of = schema.get("allOf")
        if not isinstance(all_of, list):
            return []
        return [part for part in all_of if not annotation_only(part)]

    def _objectish(self, schema: Any, depth: int = 0) -> bool:
        if depth > 16 or not isinstance(schema, dict):
            return False
        ref = schema.get("$ref")
        if isinstance(ref, str):
            try:
                return self._objectish(self.resolve(ref[1:]), depth + 1)
            except KeyError:
                return False
        if schema.get("type") == "object" or "properties" in schema:
            return True
        return any(self._objectish(part, depth + 1) for part in self._all_of_parts(schema))

    def _requirement_only(self, member: Any) -> bool:
        """A union member that adds no property, only requirements on those beside it."""
        if isinstance(member, dict) and isinstance(member.get("$ref"), str):
            try:
                member = self.resolve(member["$ref"][1:])
            except KeyError:
                return False
        return (
            isinstance(member, dict)
            and all(key in _REQUIREMENT_KEYWORDS or key in _ANNOTATIONS for key in member)
            and member.get("type", "object") == "object"
        )

    def _union_members(self, schema: dict[str, Any]) -> list[Any]:
        for keyword in ("oneOf", "anyOf"):
            members = schema.get(keyword)
            if isinstance(members, list) and members:
                return members
        return []

    def _bare_type(self, schema: dict[str, Any], where: str, hint: str) -> ir.TypeRef:
        if "enum" in schema:
            return self._enum_type(schema, where, hint)
        if "const" in schema:
            const = schema["const"]
            if isinstance(const, (str, bool, int)) and not isinstance(const, float):
                return ir.LiteralOf(values=(const,))
            return ir.ANY
        if self._needs_class(schema):
            return self._inline(where, schema, hint)
        parts = self._all_of_parts(schema)
        if parts:  # one constraining part, or several that are not objects: the first decides
            index = schema["allOf"].index(parts[0])
            return self.type_of(parts[0], child(where, "allOf", index), hint)
        members = self._union_members(schema)
        if members:
            return self._union(schema, members, where, hint)
        kind = schema.get("type")
        if isinstance(kind, list):
            kinds = [k for k in kind if k != "null"]
            if len(kinds) == 1:
                return self._typed(kinds[0], schema, where, hint)
            variants = [self._typed(k, schema, where, hint) for k in kinds]
            return _union_of(variants) if variants else ir.Primitive(name="None")
        if isinstance(kind, str):
            return self._typed(kind, schema, where, hint)
        if "properties" in schema or "additionalProperties" in schema:
            return self._typed("object", schema, where, hint)
        if "items" in schema:
            return self._typed("array", schema, where, hint)
        return ir.ANY

    def _typed(self, kind: str, schema: dict[str, Any], where: str, hint: str) -> ir.TypeRef:
        if kind == "string":
            fmt = schema.get("format")
            return ir.Primitive(
                name=_STRING_FORMATS.get(fmt, "str") if isinstance(fmt, str) else "str"
            )
        if kind == "number" and schema.get("format") == "decimal":
            return ir.Primitive(name="DecimalNumber")  # a JSON number, `Decimal` in Python
        if kind in _PRIMITIVE_TYPES:
            return ir.Primitive(name=_PRIMITIVE_TYPES[kind])
        if kind == "array":
            items = schema.get("items", True)
            return ir.ArrayOf(item=self.type_of(items, child(where, "items"), hint + "Item"))
        if kind == "object":
            if self._needs_class(schema):
                return self._inline(where, schema, hint)
            extra = schema.get("additionalProperties", True)
            if isinstance(extra, dict) and extra:
                where_extra = child(where, "additionalProperties")
                return ir.MapOf(value=self.type_of(extra, where_extra, hint + "Value"))
            return ir.MapOf(value=ir.ANY)
        self.warn("unknown-type", f"unknown type {kind!r}; typed as Any", child(where, "type"))
        return ir.ANY

    def _union(
        self, schema: dict[str, Any], members: list[Any], where: str, hint: str
    ) -> ir.TypeRef:
        keyword = "oneOf" if schema.get("oneOf") is members else "anyOf"
        # Properties beside the union belong to every variant: each variant is typed as them
        # together with its own (`allOf: [the properties, the variant]`).
        common = (
            {k: v for k, v in schema.items() if k not in ("oneOf", "anyOf", "discriminator")}
            if isinstance(schema.get("properties"), dict) and schema["properties"]
            else None
        )
        variants: list[ir.TypeRef] = []
        nullable = False
        for index, member in enumerate(members):
            if _is_null_schema(member):
                nullable = True
                continue
            variant_hint = f"{hint}Variant{index + 1}" if len(members) > 1 else hint
            # (Properties constrain objects only: a string variant stays a string.)
            merge = common is not None and self._objectish(member)
            variant = {"allOf": [common, member]} if merge else member
            variants.append(self.type_of(variant, child(where, keyword, index), variant_hint))
        discriminated = self._discriminated(schema, variants, where)
        result = discriminated or (_union_of(variants) if variants else ir.Primitive(name="None"))
        return ir.Nullable(inner=result) if nullable and variants else result

    def _discriminated(
        self, schema: dict[str, Any], variants: list[ir.TypeRef], where: str
    ) -> ir.DiscriminatedUnion | None:
        discriminator = schema.get("discriminator")
        if not isinstance(discriminator, dict) or not isinstance(
            discriminator.get("propertyName"), str
        ):
            return None
        refs = [variant for variant in variants if isinstance(variant, ir.Ref)]
        if len(refs) != len(variants) or not all(
            isinstance(self.declarations.get(ref.key), ir.Model) for ref in refs
        ):
            self.warn(
                "discriminator-ignored",
                "discriminator needs every variant to be an object schema; using a plain union",
                child(where, "discriminator"),
            )
            return None
        tags: dict[str, list[str]] = {ref.key: [] for ref in refs}
        mapping = discriminator.get("mapping")
        if isinstance(mapping, dict):
            for value, target in mapping.items():
                target_key = target if target.startswith("#") else _COMPONENT_PREFIX + target
                if target_key in tags:
                    tags[target_key].append(str(value))
        for ref in refs:
            if not tags[ref.key]:  # implicit mapping: the schema's own name
                tags[ref.key].append(unescape_token(ref.key.rsplit("/", 1)[-1]))
        return ir.DiscriminatedUnion(
            property=discriminator["propertyName"],
            variants=tuple(ir.Variant(type=ref, tags=tuple(tags[ref.key])) for ref in refs),
        )

    # -- enums -----------------------------------------------------------------------------

    def _enum_type(self, schema: dict[str, Any], where: str, hint: str) -> ir.TypeRef:
        enum = self._enum(where, schema, hint)
        if enum is None:
            values = (
                [v for v in schema["enum"] if v is not None]
                if isinstance(schema["enum"], list)
                else []
            )
            if values and all(isinstance(v, bool) for v in values):
                return ir.Primitive(name="bool")
            self.warn("mixed-enum", "enum mixes value types; typed as Any", child(where, "enum"))
            return ir.ANY
        if where not in self.names:
            self.names[where] = self.class_names.claim(pascal_case(hint))
            self.declarations[where] = dataclasses.replace(enum, name=self.names[where])
        return ir.Ref(key=where)

    def _enum(self, key: str, schema: dict[str, Any], name: str) -> ir.Enum | None:
        values = schema.get("enum")
        if not isinstance(values, list):
            return None
        values = [value for value in values if value is not None]
        if not values:
            return None
        value_type: Literal["str", "int"]
        if all(isinstance(value, str) for value in values):
            value_type = "str"
        elif all(isinstance(value, int) and not isinstance(value, bool) for value in values):
            value_type = "int"
        else:
            return None
        labels = self._enum_annotation(key, schema, "x-enum-varnames", "x-enumNames")
        descriptions = self._enum_annotation(
            key, schema, "x-enum-descriptions", "x-enumDescriptions"
        )
        registry = NameRegistry({"NAME", "VALUE"})
        members = []
        seen: set[str | int] = set()
        for index, value in enumerate(schema["enum"]):
            if value is None or value in seen:  # duplicates in real specs are common: the first
                continue
            seen.add(value)
            label = labels.get(index) or (
                str(value) if value_type == "str" else f"VALUE_{value}".replace("-", "MINUS_")
            )
            members.append(
                ir.EnumMember(
                    name=registry.claim(constant_case(label)),
                    value=value,
                    description=descriptions.get(index),
                )
            )
        return ir.Enum(
            key=key,
            name=name,
            description=_description(schema),
            value_type=value_type,
            members=tuple(members),
        )

    def _enum_annotation(self, key: str, schema: dict[str, Any], *spellings: str) -> dict[int, str]:
        """A list aligned with `enum` under the first of `spellings` the schema has (the
        member names or descriptions of OpenAPI Generator's and NSwag's extensions), by index.

        One of another length, or holding other than non-empty strings, is ignored with a
        warning: a misaligned list would name every member wrongly."""
        for spelling in spellings:
            given = schema.get(spelling)
            if given is None:
                continue
            if (
                isinstance(given, list)
                and len(given) == len(schema["enum"])
                and all(isinstance(item, str) and item.strip() for item in given)
            ):
                return dict(enumerate(given))
            self.warn(
                "enum-extension-ignored",
                f"{spelling} is ignored: it must list one non-empty string per enum value",
                child(key, spelling),
            )
            return {}
        return {}

    # -- models ----------------------------------------------------------------------------

    def _model(self, key: str, schema: dict[str, Any], name: str) -> ir.Model:
        bases: list[ir.Ref] = []
        properties: dict[str, tuple[Any, str]] = {}
        required: set[str] = set()
        inherited: dict[str, str] = {}
        raw_all_of = schema.get("allOf")
        all_of: list[Any] = raw_all_of if isinstance(raw_all_of, list) else []
        for index, part in enumerate(all_of):
            part_where = child(key, "allOf", index)
            base = self._base_class(part, bases)
            if base is not None:
                bases.append(base)
                inherited.update(self._field_names.get(base.key, {}))
                required.update(self._required_of(part))
            else:
                self._collect(part, part_where, properties, required, depth=0)
        self._collect(schema, key, properties, required, depth=0, follow_all_of=False)

        field_names = self._field_names_for(properties, inherited)
        wire_to_name = {**inherited, **field_names}
        fields = []
        for wire, (prop, where) in properties.items():
            base_field = self._base_field(bases, wire) if wire in inherited else None
            value = _single_value(prop) if base_field is not None else None
            if base_field is not None and value is not None:
                fields.append(_constant(field_names[wire], wire, value, base_field, prop))
                continue
            field = self._field(field_names[wire], wire, prop, where, name, wire in required)
            if base_field is not None:
                field = self._redeclared(field, base_field)
            fields.append(field)
        # A base field that this schema makes required is redeclared as required here.
        for wire_name in sorted(required - set(properties)):
            if wire_name in inherited:
                base_field = self._base_field(bases, wire_name)
                if base_field is not None and not base_field.required:
                    fields.append(_replace_required(base_field))
        self._field_names[key] = wire_to_name
        extra = schema.get("additionalProperties")
        extra_type = None
        if isinstance(extra, dict) and extra:
            extra_type = self.type_of(extra, child(key, "additionalProperties"), name + "Value")
        return ir.Model(
            key=key,
            name=name,
            description=_description(schema),
            fields=tuple(fields),
            bases=tuple(bases),
            extra=extra_type,
        )

    def _field_names_for(
        self, properties: dict[str, tuple[Any, str]], inherited: dict[str, str]
    ) -> dict[str, str]:
        """Python names for wire names. A wire name that is already a fine Python name keeps
        it; no Python name may equal another field's wire name (pydantic would confuse the
        two when validating by name)."""
        wire_names = set(properties) | set(inherited)
        registry = NameRegistry(set(inherited.values()), case_sensitive=True)
        names = {wire: inherited[wire] for wire in properties if wire in inherited}
        natural = [wire for wire in properties if wire not in names and snake_case(wire) == wire]
        for wire in natural:
            names[wire] = registry.claim(wire)
        for name in wire_names:
            registry.reserve(name)  # reserve every wire name against the renamed fields below
        for wire in properties:
            if wire not in names:
                names[wire] = registry.claim(snake_case(wire))
        return names

    def _base_class(self, part: Any, bases: list[ir.Ref]) -> ir.Ref | None:
        """An allOf member becomes a base class when it is the first `$ref` to a model."""
        if bases or not isinstance(part, dict) or not isinstance(part.get("$ref"), str):
            return None
        ref = part["$ref"]
        if ref in self._building:
            return None  # an allOf cycle: copy its fields instead of inheriting
        try:
            target = self.resolve(ref[1:])
        except KeyError:
            return None
        if not isinstance(target, dict) or not self._needs_class(target):
            return None
        base = self.ref(ref)
        return base if isinstance(self.declarations.get(ref), ir.Model) else None

    def _redeclared(self, field: ir.Field, base: ir.Field) -> ir.Field:
        """An inherited field an allOf branch declares again: required if either requires it
        (allOf means both hold), and flagged when Python cannot narrow the base's type to
        the branch's."""
        required = field.required or base.required
        if required and not field.required:
            field = dataclasses.replace(
                field, required=True, default=ir.NO_DEFAULT, type=_non_null(field.type)
            )
        override = field.type if field.required else ir.Nullable(inner=field.type)
        declared = base.type if base.required else ir.Nullable(inner=base.type)
        return dataclasses.replace(
            field, retyped=not _narrows(override, declared, self.declarations)
        )

    def _base_field(self, bases: list[ir.Ref], wire_name: str) -> ir.Field | None:
        for base in bases:
            model = self.declarations.get(base.key)
            while isinstance(model, ir.Model):
                for field in model.fields:
                    if field.wire_name == wire_name:
                        return field
                model = self.declarations.get(model.bases[0].key) if model.bases else None
        return None

    def _required_of(self, schema: dict[str, Any]) -> set[str]:
        required = schema.get("required")
        return (
            {name for name in required if isinstance(name, str)}
            if isinstance(required, list)
            else set()
        )

    def _collect(
        self,
        schema: Any,
        where: str,
        properties: dict[str, tuple[Any, str]],
        required: set[str],
        *,
        depth: int,
        follow_all_of: bool = True,
    ) -> None:
        """Gather the properties of `schema`, following `$ref` and nested `allOf` (flattening)."""
        if depth > 32 or not isinstance(schema, dict):
            return
        ref = schema.get("$ref")
        if isinstance(ref, str):
            try:
                target = self.resolve(ref[1:])
            except KeyError:
                return
            self._collect(target, ref, properties, required, depth=depth + 1)
            return
        if follow_all_of and isinstance(schema.get("allOf"), list):
            for index, part in enumerate(schema["allOf"]):
                self._collect(
                    part, child(where, "allOf", index), properties, required, depth=depth + 1
                )
        props = schema.get("properties")
        if isinstance(props, dict):
            for wire_name, prop in props.items():
                properties[wire_name] = (prop, child(where, "properties", wire_name))
        required.update(self._required_of(schema))

    def _field(
        self, name: str, wire_name: str, schema: Any, where: str, owner: str, required: bool
    ) -> ir.Field:
        field_type = self.type_of(schema, where, owner + pascal_case(wire_name))
        info = schema if isinstance(schema, dict) else {}
        read_only = info.get("readOnly") is True
        write_only = info.get("writeOnly") is True
        description = info.get("description") if isinstance(info.get("description"), str) else None
        return ir.Field(
            name=name,
            wire_name=wire_name,
            type=field_type,
            # Read-only fields are absent from requests, write-only ones from responses: neither
            # can be required of a model that serves both directions.
            required=required and not read_only and not write_only,
            default=self._default(info, field_type, where),
            description=description,
            read_only=read_only,
            write_only=write_only,
            deprecated=info.get("deprecated") is True,
        )

    def _default(self, schema: dict[str, Any], field_type: ir.TypeRef, where: str) -> Any:
        """A spec default the field's type can hold as a literal, else no default."""
        if "default" not in schema:
            return ir.NO_DEFAULT
        value = schema["default"]
        inner = field_type.inner if isinstance(field_type, ir.Nullable) else field_type
        if value is None:
            return None if isinstance(field_type, ir.Nullable) else ir.NO_DEFAULT
        match inner:
            case ir.Primitive(name="str"):
                ok = isinstance(value, str)
            case ir.Primitive(name="int"):
                ok = isinstance(value, int) and not isinstance(value, bool)
            case ir.Primitive(name="float"):
                ok = (
                    isinstance(value, (int, float))
                    and not isinstance(value, bool)
                    and math.isfinite(value)
                )
            case ir.Primitive(name="bool"):
                ok = isinstance(value, bool)
            case ir.Ref(key=ref_key):
                declaration = self.declarations.get(ref_key)
                ok = isinstance(declaration, ir.Enum) and value in {
                    m.value for m in declaration.members
                }
            case _:
                # Containers and objects: the server applies its own default when omitted.
                return ir.NO_DEFAULT
        if not ok:
            self.warn(
                "default-ignored",
                "default does not fit the field's type; ignored",
                child(where, "default"),
            )
            return ir.NO_DEFAULT
        return value


_ANNOTATIONS = frozenset(
    {"description", "title", "example", "examples", "default", "deprecated", "readOnly",
     "writeOnly", "nullable", "externalDocs", "xml", "$comment"}
)  # fmt: skip


# What a union member may hold and still only constrain the properties beside the union.
_REQUIREMENT_KEYWORDS = frozenset({"required", "not", "type", "minProperties", "maxProperties"})


def annotation_only(schema: Any) -> bool:
    """A schema that only documents (`{description: ...}`) and constrains nothing."""
    return isinstance(schema, dict) and all(
        key in _ANNOTATIONS or key.startswith("x-") for key in schema
    )


def _union_of(variants: list[ir.TypeRef]) -> ir.TypeRef:
    unique = list(dict.fromkeys(variants))
    if ir.ANY in unique:
        return ir.ANY
    return unique[0] if len(unique) == 1 else ir.UnionOf(variants=tuple(unique))


def _single_value(schema: Any) -> str | int | None:
    """The one value a schema allows (`const`, or an `enum` of one), if a string or integer."""
    if not isinstance(schema, dict):
        return None
    values = [schema["const"]] if "const" in schema else schema.get("enum")
    if isinstance(values, list) and len(values) == 1:
        value = values[0]
        if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
            return value
    return None


def _constant(
    name: str, wire_name: str, value: str | int, base: ir.Field, schema: dict[str, Any]
) -> ir.Field:
    """An inherited field an allOf branch fixes to one value (a narrowed discriminator): a
    required literal whose default is that value, so building the subclass needs no argument
    for it and still sends it."""
    description = schema.get("description")
    return ir.Field(
        name=name,
        wire_name=wire_name,
        type=ir.LiteralOf(values=(value,)),
        required=True,
        default=value,
        description=description if isinstance(description, str) else base.description,
        constant=True,
        # `Literal["lion"]` narrows `str`; it cannot narrow an enum or an `int` field.
        retyped=not _narrows(ir.LiteralOf(values=(value,)), _non_null(base.type), {}),
    )


def _non_null(type_: ir.TypeRef) -> ir.TypeRef:
    return type_.inner if isinstance(type_, ir.Nullable) else type_


def _narrows(
    override: ir.TypeRef, base: ir.TypeRef, declarations: Mapping[str, ir.Declaration]
) -> bool:
    """Whether a subclass may declare a field of type `override` where its base declared
    `base`, as type checkers see it (mutable attributes may narrow; lists stay invariant)."""
    if override == base or base == ir.ANY:
        return True
    if isinstance(base, ir.Nullable):
        return _narrows(_non_null(override), base.inner, declarations)
    if isinstance(override, ir.Nullable):
        return False
    if isinstance(override, ir.LiteralOf) and isinstance(base, ir.Primitive):
        scalar = {"str": str, "int": int}.get(base.name)
        return scalar is not None and all(
            type(value) is scalar
            for value in override.values  # bool is no int here
        )
    if isinstance(override, ir.Ref) and isinstance(base, ir.Primitive):
        enum = declarations.get(override.key)
        return isinstance(enum, ir.Enum) and enum.value_type == base.name
    if isinstance(override, ir.Ref) and isinstance(base, ir.Ref):
        model = declarations.get(override.key)
        while isinstance(model, ir.Model) and model.bases:
            if base in model.bases:
                return True
            model = declarations.get(model.bases[0].key)
    return False


def _replace_required(field: ir.Field) -> ir.Field:
    return ir.Field(
        name=field.name,
        wire_name=field.wire_name,
        type=field.type,
        required=True,
        default=ir.NO_DEFAULT,
        description=field.description,
        read_only=field.read_only,
        write_only=field.write_only,
        deprecated=field.deprecated,
    )
