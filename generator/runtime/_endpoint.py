"""Declarative description of one API operation, as emitted by the generator.

Generated code declares one module-level `Endpoint` per operation and hands it to
`BaseClient.request`; everything the runtime needs to build the request and decode the response
lives here, so generated methods stay thin.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Generic, Literal, TypeVar

__all__ = ["Body", "Endpoint", "Param", "ResponseSpec"]

T = TypeVar("T")

ParamLocation = Literal["path", "query", "header", "cookie"]
BodyKind = Literal["json", "form", "multipart", "binary", "text"]
ResponseKind = Literal["json", "text", "binary", "empty"]

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
_IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"})


@dataclass(frozen=True)
class Param:
    """One OpenAPI parameter.

    `style`/`explode` left as None take the OpenAPI defaults: ``simple`` for path and header,
    ``form`` for query and cookie, and ``explode`` true only for ``form``. `allow_reserved` keeps
    RFC 3986 reserved characters unencoded (except those that would change the URL's structure).
    """

    name: str
    location: ParamLocation
    style: str | None = None
    explode: bool | None = None
    allow_reserved: bool = False

    def __post_init__(self) -> None:
        if self.location not in _STYLES:
            raise ValueError(f"invalid parameter location {self.location!r} for {self.name!r}")
        if self.style is not None and self.style not in _STYLES[self.location]:
            raise ValueError(
                f"style {self.style!r} is not valid for {self.location} parameter {self.name!r}"
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


@dataclass(frozen=True)
class Body:
    """One accepted request body media type and how to encode a value into it."""

    media_type: str
    kind: BodyKind


@dataclass(frozen=True)
class ResponseSpec:
    """How to decode a response for one status key.

    `type` is anything pydantic can validate (a model class, ``list[Pet]``, a discriminated union,
    ``dict[str, int]``, ``Any``...). ``None`` means "decode JSON without validation".
    """

    kind: ResponseKind
    type: Any = None


_EMPTY_RESPONSES: Mapping[str, ResponseSpec] = MappingProxyType({})


@dataclass(frozen=True, eq=False)
class Endpoint(Generic[T]):
    """One operation: HTTP method, path template, parameters, bodies, responses and security.

    The type parameter is what `BaseClient.request` returns for a successful response; it is only
    a static promise made by the generator (the runtime validates against `responses`).
    Endpoints compare by identity: they are module-level constants. `accept` is the ``Accept``
    header to send (the media types the spec declares for success); when None, JSON is asked
    for whenever a response is JSON.
    """

    method: str
    path: str
    params: tuple[Param, ...] = ()
    body: tuple[Body, ...] = ()
    responses: Mapping[str, ResponseSpec] = field(default_factory=lambda: _EMPTY_RESPONSES)
    security: tuple[tuple[str, ...], ...] = ()
    idempotent: bool | None = None
    accept: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "method", self.method.upper())
        # Catch generator bugs at import time: every template variable needs a path parameter.
        path_params = {p.name for p in self.params if p.location == "path"}
        template_vars = set(_TEMPLATE_VAR.findall(self.path))
        missing = template_vars - path_params
        if missing:
            raise ValueError(f"{self.method} {self.path}: no path parameter for {sorted(missing)}")
        extra = path_params - template_vars
        if extra:
            raise ValueError(f"{self.method} {self.path}: path parameters {sorted(extra)} unused")

    @property
    def is_idempotent(self) -> bool:
        """Whether repeating the request is safe (explicit flag, else derived from the method)."""
        if self.idempotent is not None:
            return self.idempotent
        return self.method in _IDEMPOTENT_METHODS

    def response_spec(self, status: int) -> ResponseSpec | None:
        """The spec for `status`: exact code, then its ``NXX`` range, then ``default``."""
        responses = self.responses
        spec = responses.get(str(status))
        if spec is None:
            spec = responses.get(f"{status // 100}XX") or responses.get(f"{status // 100}xx")
        if spec is None:
            spec = responses.get("default")
        return spec
