"""Declarative description of one API operation, as emitted by the generator.

Generated code declares one module-level `Endpoint` per operation and hands it to
`BaseClient.request`; everything the runtime needs to build the request and decode the response
lives here, so generated methods stay thin.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar, Union

from ._record import Record

__all__ = ["STREAM_KINDS", "Body", "Endpoint", "Param", "ResponseSpec"]

T = TypeVar("T")

ParamLocation = Literal["path", "query", "header", "cookie"]
BodyKind = Literal["json", "form", "multipart", "binary", "text", "base64"]
# "sse", "jsonl", "json-seq": a stream of items, returned unread (see `_streaming`).
ResponseKind = Literal["json", "text", "binary", "empty", "location", "sse", "jsonl", "json-seq"]
STREAM_KINDS = frozenset({"sse", "jsonl", "json-seq"})

_STYLES: dict[str, frozenset[str]] = {
    "path": frozenset({"simple", "label", "matrix"}),
    "query": frozenset({"form", "spaceDelimited", "pipeDelimited", "deepObject"}),
    "header": frozenset({"simple"}),
    "cookie": frozenset({"form"}),
}
_DEFAULT_STYLE: dict[str, str] = {
    "path": "simple",
    "query": "form",
    "header": "simple",
    "cookie": "form",
}
_TEMPLATE_VAR = re.compile(r"\{([^{}]+)\}")
_IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE", "QUERY"})


class Param(Record):
    """One OpenAPI parameter.

    `style`/`explode` left as None take the OpenAPI defaults: ``simple`` for path and header,
    ``form`` for query and cookie, and ``explode`` true only for ``form``. `allow_reserved` keeps
    RFC 3986 reserved characters unencoded (except those that would change the URL's structure).
    `deprecated` is the `DeprecationWarning` a call passing the parameter gets. `base64`: the
    schema is `format: byte`, so bytes are sent as their standard base64 text.
    """

    __slots__ = (
        "allow_reserved", "base64", "deprecated", "explode", "location", "name", "style",
    )  # fmt: skip
    name: str
    location: ParamLocation
    style: str | None
    explode: bool | None
    allow_reserved: bool
    deprecated: str | None
    base64: bool

    def __init__(
        self,
        name: str,
        location: ParamLocation,
        style: str | None = None,
        explode: bool | None = None,
        allow_reserved: bool = False,
        deprecated: str | None = None,
        base64: bool = False,
    ) -> None:
        if location not in _STYLES:
            raise ValueError(f"invalid parameter location {location!r} for {name!r}")
        if style is not None and style not in _STYLES[location]:
            raise ValueError(f"style {style!r} is not valid for {location} parameter {name!r}")
        self._set(
            name=name,
            location=location,
            style=style,
            explode=explode,
            allow_reserved=allow_reserved,
            deprecated=deprecated,
            base64=base64,
        )

    @property
    def resolved_style(self) -> str:
        """The effective serialization style."""
        return self.style if self.style is not None else _DEFAULT_STYLE[self.location]

    @property
    def resolved_explode(self) -> bool:
        """The effective ``explode`` flag (OpenAPI: true for ``form``, false otherwise)."""
        if self.explode is not None:
            return self.explode
        return self.resolved_style == "form"


class Body(Record):
    """One accepted request body media type and how to encode a value into it.

    `deep_object` names the properties of a form body whose arrays are sent indexed
    (``a[0]=x``, ``a[0][name]=x``), as the spec's `encoding` asks with ``style: deepObject``.
    """

    __slots__ = ("deep_object", "kind", "media_type")
    media_type: str
    kind: BodyKind
    deep_object: frozenset[str]

    def __init__(self, media_type: str, kind: BodyKind, deep_object: tuple[str, ...] = ()) -> None:
        self._set(media_type=media_type, kind=kind, deep_object=frozenset(deep_object))


class ResponseSpec(Record):
    """How to decode a response for one status key.

    `type` is anything pydantic can validate (a model class, ``list[Pet]``, a discriminated union,
    ``dict[str, int]``, ``Any``...). ``None`` means "decode JSON without validation". `load`,
    given instead of `type`, returns the type when it is first needed: an error response's model
    (and every model it refers to) is imported only if that error comes back.
    """

    __slots__ = ("_load", "_type", "body_required", "kind")
    kind: ResponseKind
    _type: Any
    _load: Callable[[], Any] | None
    body_required: bool

    def __init__(
        self,
        kind: ResponseKind,
        type: Any = None,
        *,
        load: Callable[[], Any] | None = None,
        body_required: bool = False,
    ) -> None:
        # `body_required`: a status that cannot carry a body (204) matched this spec although
        # the spec never declared that status: decoding raises instead of returning None.
        self._set(kind=kind, _type=type, _load=load, body_required=body_required)

    @property
    def type(self) -> Any:
        load = self._load
        if load is not None:
            # Loading is idempotent (an import): a race between two tasks loads it twice.
            object.__setattr__(self, "_type", load())
            object.__setattr__(self, "_load", None)
        return self._type

    def _names(self) -> tuple[str, ...]:
        return ("kind", "type")  # compared and shown by the type, loaded or not


_EMPTY_RESPONSES: Mapping[str, ResponseSpec] = MappingProxyType({})


class Endpoint(Record, Generic[T]):
    """One operation: HTTP method, path template, parameters, bodies, responses and security.

    The type parameter is what `BaseClient.request` returns for a successful response; it is only
    a static promise made by the generator (the runtime validates against `responses`).
    Endpoints compare by identity: each is built once. `accept` is the ``Accept``
    header to send (the media types the spec declares for success); when None, JSON is asked
    for whenever a response is JSON.
    """

    __slots__ = (
        "accept", "body", "idempotent", "method", "params", "path", "redirect_is_answer",
        "responses", "security", "server", "streams",
    )  # fmt: skip
    method: str
    path: str
    params: tuple[Param, ...]
    body: tuple[Body, ...]
    responses: Mapping[str, ResponseSpec]
    security: tuple[tuple[str, ...], ...]
    idempotent: bool | None
    accept: str | None
    redirect_is_answer: bool
    """A redirect is the operation's answer (a download link): returned, never followed."""
    streams: bool
    """A success is a stream of items (events, JSON lines): the call returns it unread."""
    server: str | None
    """The operation's own server (the spec's per-operation or per-path `servers`)."""

    def __init__(
        self,
        method: str,
        path: str,
        params: tuple[Param, ...] = (),
        body: tuple[Body, ...] = (),
        responses: Mapping[str, ResponseSpec] = _EMPTY_RESPONSES,
        security: tuple[tuple[str, ...], ...] = (),
        idempotent: bool | None = None,
        accept: str | None = None,
        server: str | None = None,
    ) -> None:
        method = method.upper()
        # Catch generator bugs when built: every template variable needs a path parameter.
        path_params = {p.name for p in params if p.location == "path"}
        template_vars = set(_TEMPLATE_VAR.findall(path))
        missing = template_vars - path_params
        if missing:
            raise ValueError(f"{method} {path}: no path parameter for {sorted(missing)}")
        extra = path_params - template_vars
        if extra:
            raise ValueError(f"{method} {path}: path parameters {sorted(extra)} unused")
        self._set(
            method=method,
            path=path,
            params=params,
            body=body,
            responses=responses,
            security=security,
            idempotent=idempotent,
            accept=accept,
            server=server,
            redirect_is_answer=any(spec.kind == "location" for spec in responses.values()),
            streams=any(
                key.startswith("2") and spec.kind in STREAM_KINDS for key, spec in responses.items()
            ),
        )

    # Identity, not fields: `responses` may hold unhashable types, and two endpoints with the
    # same fields are still two operations. `object`'s own slots (an endpoint is a dict key on
    # every call), declared as methods for type checkers.
    if TYPE_CHECKING:

        def __eq__(self, other: object, /) -> bool: ...

        def __hash__(self) -> int: ...

    else:
        __eq__ = object.__eq__
        __hash__ = object.__hash__

    @property
    def is_idempotent(self) -> bool:
        """Whether repeating the request is safe (explicit flag, else derived from the method)."""
        if self.idempotent is not None:
            return self.idempotent
        return self.method in _IDEMPOTENT_METHODS

    def response_spec(self, status: int) -> ResponseSpec | None:
        """The spec for `status`: exact code, then its ``NXX`` range, then ``default``.

        A success the operation does not declare, when it declares others, is decoded as one
        of those (what the method is typed to return): ``default`` then describes errors, and
        an error model must never come back as a result.
        """
        responses = self.responses
        spec = responses.get(str(status))
        if spec is not None:
            return spec
        spec = responses.get(f"{status // 100}XX") or responses.get(f"{status // 100}xx")
        if spec is None and 200 <= status < 300:
            spec = _declared_success(responses)
        if spec is None:
            spec = responses.get("default")
        if spec is not None and status in _NO_BODY_STATUSES and _typed(spec):
            return ResponseSpec(spec.kind, spec.type, body_required=True)
        return spec


_NO_BODY_STATUSES = frozenset({204, 205})


def _typed(spec: ResponseSpec) -> bool:
    """Whether `spec` promises a value that `None` is not (a model, text, bytes)."""
    return spec.kind in ("text", "binary") or (spec.kind == "json" and spec.type not in (None, Any))


def _declared_success(responses: Mapping[str, ResponseSpec]) -> ResponseSpec | None:
    """One spec for every declared 2xx: their types as a union (JSON), else the first."""
    declared = [spec for key, spec in responses.items() if len(key) == 3 and key.startswith("2")]
    if not declared:
        return None
    json_types = list(dict.fromkeys(s.type for s in declared if s.kind == "json" and s.type))
    if len(json_types) > 1 and all(s.kind == "json" for s in declared):
        return ResponseSpec("json", Union[tuple(json_types)])  # noqa: UP007 - built at run time
    return declared[0]
