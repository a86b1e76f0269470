"""What the templates read: one frozen class per thing rendered, built with keywords only, so
mypy checks every construction and a template reading an undeclared field fails (Jinja's
StrictUndefined at render time; tests/render/test_views.py before that, on every template)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeAlias

from .. import ir

# (module, sorted names) per imported module, as `annotations.import_lines` groups them.
ImportLines: TypeAlias = list[tuple[str, list[str]]]


# Operations: package/_operations.jinja, used by package/_client.py.jinja and the resources.


@dataclass(frozen=True, slots=True, kw_only=True)
class Argument:
    """One argument of an operation's method: `name: annotation = default`."""

    name: str
    annotation: str
    default: str | None = None  # source of the default; None: the argument is required


@dataclass(frozen=True, slots=True, kw_only=True)
class ResponseView:
    """One `ResponseSpec` of an operation's `Endpoint`."""

    status: str  # "200", "2XX" or "default"
    kind: ir.ResponseKind
    type: str | None  # the body's type expression, written in the Endpoint's builder
    load: str | None  # or the function importing it, for an error type that loads models


@dataclass(frozen=True, slots=True, kw_only=True)
class ErrorLoader:
    """A function returning an error response's type, importing its models when first called."""

    name: str
    expression: str
    imports: ImportLines


@dataclass(frozen=True, slots=True, kw_only=True)
class OperationView:
    """Everything one method and its `Endpoint` constant are rendered from."""

    op: ir.Operation
    builder: str  # the cached function building the Endpoint
    builder_imports: ImportLines
    positional: tuple[Argument, ...]  # path parameters
    keyword: tuple[Argument, ...]  # the rest, required ones first
    args: tuple[str, ...]  # the parameters' names, in the order the Endpoint's params list them
    returns: str
    responses: tuple[ResponseView, ...]
    docstring: str
    deprecation: str | None  # the DeprecationWarning calling the method gives
    # Per Endpoint parameter (in `args` order): the warning passing it gives, if any.
    param_deprecations: tuple[str | None, ...]
    # Per Endpoint parameter: whether it is `format: byte` (bytes sent as base64 text).
    param_base64: tuple[bool, ...]
    # A paginated operation: the item type, and the `Paging(...)` its `AsyncPager` is built with.
    item: str | None = None
    paging: str | None = None


# Models: package/models/module.py.jinja. An item's `kind` tells the template which it is.


@dataclass(frozen=True, slots=True, kw_only=True)
class FieldView:
    """One field of a model: `name: annotation = value`."""

    name: str
    annotation: str
    value: str | None  # a default or a `Field(...)` call; None: nothing is assigned
    calls_field: bool
    retyped: bool  # redeclared with a type the base's does not narrow to (allOf)


@dataclass(frozen=True, slots=True, kw_only=True)
class ModelItem:
    """A pydantic model class."""

    kind: Literal["model"] = "model"
    decl: ir.Model
    bases: tuple[str, ...]
    fields: tuple[FieldView, ...]
    extra: str | None  # the type of undeclared properties' values, if they are allowed
    constants: tuple[str, ...]  # fields sent even at their only value
    read_only: tuple[str, ...]  # wire names of the properties never sent, inherited ones too


@dataclass(frozen=True, slots=True, kw_only=True)
class EnumItem:
    """An open enum class."""

    kind: Literal["enum"] = "enum"
    decl: ir.Enum
    base: str


@dataclass(frozen=True, slots=True, kw_only=True)
class AliasItem:
    """A type alias."""

    kind: Literal["alias"] = "alias"
    decl: ir.Alias
    target: str


ModelModuleItem: TypeAlias = ModelItem | EnumItem | AliasItem


# Webhooks: package/webhooks.py.jinja.


@dataclass(frozen=True, slots=True, kw_only=True)
class WebhookView:
    """One webhook or callback `parse_webhook` knows: its name and its payload's annotation."""

    name: str
    kind: str
    type: str
    description: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class WebhookTest:
    """One generated test of `parse_webhook`: a sample payload parsed as its type."""

    name: str
    webhook: str
    body: str  # the sample payload, as JSON text
    annotation: str
    instance_of: str | None  # the class the payload is an instance of, when one is known


# Tests: project/tests/test_module.py.jinja.


@dataclass(frozen=True, slots=True, kw_only=True)
class GeneratedTest:
    """One test of an SDK's own suite: what it does (`kind`) and what it calls with."""

    name: str
    target: str  # the method called, from the client: "pets.list_pets"
    # skip or fail (saying `reason`), expect an error response, or call and check the result
    kind: Literal["skip", "fail", "raises", "returns"]
    reason: str | None = None
    positional: tuple[str, ...] = ()
    keyword: tuple[tuple[str, str], ...] = ()
    errors: tuple[int, ...] = ()  # "raises": the error statuses the spec declares, if any
    check: str | None = None  # "returns": an expression checking `result`'s type, if typed
    deprecated: bool = False  # the call is expected to warn that the operation is deprecated
    # "returns" of a paginated method: an expression checking the first page's `page.items`.
    items: str | None = None
    # "returns" of a stream of events or JSON items: their data (items) are gathered in
    # `received`, which `check` checks.
    stream: Literal["events", "items"] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ReferenceEntry:
    """One method in the API reference (api.md)."""

    target: str  # the method, from the client: "pets.list_pets"
    summary: str  # one line
    signature: str  # the method's `def` line(s), without `self`
    example: str | None  # a call with valid arguments, when one could be synthesized


@dataclass(frozen=True, slots=True, kw_only=True)
class ReferenceSection:
    """The methods of one resource (or of the client itself) in the API reference."""

    title: str  # "client.pets"
    description: str | None
    entries: tuple[ReferenceEntry, ...]
