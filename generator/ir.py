"""The intermediate representation: what the SDK contains, independent of spec syntax.

Built by `parser`, read by the templates. Types are a proper union, never a bag of flags, and a
named declaration is referred to by its JSON pointer (`Ref.key`), so recursive schemas need no
object cycles.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, TypeAlias

from .diagnostics import Diagnostic

JsonValue: TypeAlias = "bool | int | float | str | list[JsonValue] | dict[str, JsonValue] | None"

PrimitiveName = Literal[
    "str",
    "int",
    "float",
    "bool",
    "bytes",
    "Base64Bytes",
    "Decimal",
    "DecimalNumber",
    "datetime",
    "date",
    "time",
    "UUID",
    "Any",
    "None",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Primitive:
    name: PrimitiveName


@dataclass(frozen=True, slots=True, kw_only=True)
class ArrayOf:
    item: TypeRef


@dataclass(frozen=True, slots=True, kw_only=True)
class MapOf:
    value: TypeRef


@dataclass(frozen=True, slots=True, kw_only=True)
class Ref:
    """A named declaration (model, enum or alias), by the JSON pointer it was declared at."""

    key: str


@dataclass(frozen=True, slots=True, kw_only=True)
class LiteralOf:
    values: tuple[str | int | bool, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Variant:
    """One member of a discriminated union and the discriminator values that select it."""

    type: Ref
    tags: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class UnionOf:
    variants: tuple[TypeRef, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class DiscriminatedUnion:
    """`oneOf`/`anyOf` with a `discriminator`: the wire property picks the variant."""

    property: str
    variants: tuple[Variant, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Nullable:
    inner: TypeRef


TypeRef: TypeAlias = (
    Primitive | ArrayOf | MapOf | Ref | LiteralOf | UnionOf | DiscriminatedUnion | Nullable
)

ANY = Primitive(name="Any")


class _NoDefault:
    """Marker: the field has no default in the spec."""

    def __repr__(self) -> str:
        return "NO_DEFAULT"


NO_DEFAULT = _NoDefault()


@dataclass(frozen=True, slots=True, kw_only=True)
class Field:
    name: str
    wire_name: str
    type: TypeRef
    required: bool
    default: JsonValue | _NoDefault = NO_DEFAULT
    description: str | None = None
    read_only: bool = False
    write_only: bool = False
    deprecated: bool = False
    # A subclass narrowing an inherited field to one value (a discriminator's `const`): its
    # `default` is that value, and it is sent even when left at it.
    constant: bool = False
    # A redeclared inherited field whose type is not one a subclass may narrow to in Python
    # (allOf retyping `owner: Person` as `owner: Employee`): type checkers are told so.
    retyped: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Model:
    key: str
    name: str
    description: str | None
    fields: tuple[Field, ...]
    bases: tuple[Ref, ...] = ()
    # Type of properties beyond the declared ones; None when only the declared ones are known.
    extra: TypeRef | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class EnumMember:
    name: str
    value: str | int
    description: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Enum:
    key: str
    name: str
    description: str | None
    value_type: Literal["str", "int"]
    members: tuple[EnumMember, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Alias:
    """A named type that is not a class: a union, an array, a map or a primitive."""

    key: str
    name: str
    description: str | None
    target: TypeRef


Declaration: TypeAlias = Model | Enum | Alias


ParamLocation = Literal["path", "query", "header", "cookie"]
BodyKind = Literal["json", "form", "multipart", "binary", "text", "base64"]
# "location": a redirect that is the answer (a download link): the call returns its URL.
# "sse", "jsonl", "json-seq": a stream of items (Server-Sent Events, NDJSON / JSON Lines,
# RFC 7464 JSON text sequences); the response's type is one item's (an event's `data`).
ResponseKind = Literal["json", "text", "binary", "empty", "location", "sse", "jsonl", "json-seq"]
StreamKind = Literal["sse", "jsonl", "json-seq"]
STREAM_KINDS: frozenset[str] = frozenset({"sse", "jsonl", "json-seq"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Sample:
    """A valid value for a parameter or body, for the tests shipped with the SDK."""

    value: JsonValue


@dataclass(frozen=True, slots=True, kw_only=True)
class Untestable:
    """No valid value fits the bounds of a generated test: the test is skipped, saying why."""

    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Parameter:
    name: str
    wire_name: str
    location: ParamLocation
    type: TypeRef
    required: bool
    description: str | None = None
    style: str | None = None
    explode: bool | None = None
    allow_reserved: bool = False
    # Only for a required parameter: the generated test passes no optional one.
    sample: Sample | Untestable | None = None
    deprecated: bool = False
    # The sentence of the description saying what to use instead, if it has one.
    deprecation_note: str | None = None
    # The schema's `default`: a literal of the parameter's type, else only documented.
    default: JsonValue | _NoDefault = NO_DEFAULT


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestBody:
    """The accepted media types of a body, the first being what a plain call sends."""

    media_types: tuple[tuple[str, BodyKind], ...]
    type: TypeRef
    required: bool
    description: str | None = None
    sample: Sample | Untestable | None = None
    # Properties of a form body whose `encoding` is `style: deepObject` (Stripe's): their arrays
    # are sent indexed, `a[0][name]=x`, instead of as a repeated key.
    deep_object: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Response:
    status: str  # "200", "2XX" or "default"
    kind: ResponseKind
    type: TypeRef | None
    media_type: str | None = None
    description: str | None = None
    # A stream's media type has a text `example`: a mock server (Prism) can send it as is.
    text_example: bool = False


PaginationStyle = Literal["page", "offset", "cursor", "starting_after", "link"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Pagination:
    """How a list operation's next page is requested (see `parser.pagination`).

    `param` and `size_param` are wire names of query parameters (the one advanced page to page,
    the page size). `items`, `next_cursor`, `has_more`, `total_pages` are the Python attribute
    names of the response model's fields (`items` None: the body is the array), `item_id` that
    of the item field whose last value is the next `starting_after`.
    """

    style: PaginationStyle
    item: TypeRef
    items: str | None = None
    param: str | None = None
    size_param: str | None = None
    next_cursor: str | None = None
    has_more: str | None = None
    total_pages: str | None = None
    item_id: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Operation:
    key: str
    name: str
    method: str
    path: str
    summary: str | None
    description: str | None
    parameters: tuple[Parameter, ...]
    body: RequestBody | None
    responses: tuple[Response, ...]
    # The type a successful call returns (the union of the 2xx responses; None: no content).
    returns: TypeRef | None
    security: tuple[tuple[str, ...], ...]
    deprecated: bool = False
    accept: str | None = None
    # The sentence of the description saying what to use instead, if it has one.
    deprecation_note: str | None = None
    pagination: Pagination | None = None
    # `externalDocs.url`, when it is a plain http(s) URL: named in the docstring.
    docs_url: str | None = None
    # Every success with content is this kind of stream: the call returns a stream of
    # `returns` (then one item's type) instead of one value.
    stream: StreamKind | None = None
    # The operation's (or its path's) own server, when absolute: it is sent there.
    server: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Resource:
    """The operations of one tag: `client.<attribute>.<operation>()`."""

    attribute: str
    class_name: str
    module: str
    description: str | None
    operations: tuple[Operation, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Server:
    """A server the client can be pointed at (`Client(server=...)`)."""

    url: str  # as the spec writes it, `{variables}` included
    name: str | None  # 3.2's `name`, else its description
    defaults: tuple[tuple[str, str], ...]  # its variables' defaults


@dataclass(frozen=True, slots=True, kw_only=True)
class ServerVariable:
    """A server variable: an argument of the client (`region=`)."""

    name: str
    argument: str
    enum: tuple[str, ...]  # the values every server using it allows; () for any
    description: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Webhook:
    """A request the API sends to its users (a `webhooks` entry or a `callback`): its body."""

    name: str  # as the spec names it; a callback's qualified by its operation if shared
    kind: Literal["webhook", "callback"]
    type: TypeRef
    description: str | None = None
    sample: Sample | Untestable | None = None  # a payload for the SDK's generated test


@dataclass(frozen=True, slots=True, kw_only=True)
class SecurityScheme:
    key: str
    kind: Literal["bearer", "basic", "api_key"]
    argument: str  # the Client keyword argument that carries the credential
    description: str | None = None
    name: str | None = None
    location: Literal["header", "query", "cookie"] | None = None
    # OAuth 2.0: the flows the scheme declares (the SDK takes their access token as a bearer
    # token), and, with a clientCredentials flow, its token URL and the Client arguments for
    # the client ID, client secret and scopes (the SDK then fetches the token itself).
    oauth_flows: tuple[str, ...] = ()
    token_url: str | None = None
    client_arguments: tuple[str, str, str] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Contact:
    """`info.contact`, each part only if it is safe to publish as package metadata."""

    name: str | None = None
    email: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ApiInfo:
    title: str
    description: str | None
    version: str
    license: str | None  # an SPDX expression; None when the spec names none we recognise
    contact: Contact | None = None
    docs_url: str | None = None  # `externalDocs.url`


@dataclass(frozen=True, slots=True, kw_only=True)
class Api:
    """Everything the templates need to render one SDK."""

    info: ApiInfo
    # Keyed by JSON pointer, in a deterministic order (document order of components first).
    declarations: Mapping[str, Declaration]
    resources: tuple[Resource, ...] = ()
    # Operations without a tag: methods of the client itself.
    root_operations: tuple[Operation, ...] = ()
    security_schemes: tuple[SecurityScheme, ...] = ()
    base_url: str | None = None
    warnings: tuple[Diagnostic, ...] = field(default=())
    webhooks: tuple[Webhook, ...] = ()
    servers: tuple[Server, ...] = ()  # offered when the first one is absolute
    server_variables: tuple[ServerVariable, ...] = ()
