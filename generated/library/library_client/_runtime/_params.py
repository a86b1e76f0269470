"""OpenAPI parameter serialization (path, query, header and cookie).

Implements the ``style``/``explode`` matrix of the OpenAPI specification (3.0.4 / 3.1.1, which
aligned ``label`` and ``matrix`` with RFC 6570):

============== ======= ============== ======================= ================================
style          explode primitive      array                   object
============== ======= ============== ======================= ================================
simple         false   ``blue``       ``blue,black``          ``R,100,G,200``
simple         true    ``blue``       ``blue,black``          ``R=100,G=200``
label          false   ``.blue``      ``.blue,black``         ``.R,100,G,200``
label          true    ``.blue``      ``.blue.black``         ``.R=100.G=200``
matrix         false   ``;c=blue``    ``;c=blue,black``       ``;c=R,100,G,200``
matrix         true    ``;c=blue``    ``;c=blue;c=black``     ``;R=100;G=200``
form           false   ``c=blue``     ``c=blue,black``        ``c=R,100,G,200``
form           true    ``c=blue``     ``c=blue&c=black``      ``R=100&G=200``
spaceDelimited false   n/a            ``c=blue%20black``      ``c=R%20100%20G%20200``
pipeDelimited  false   n/a            ``c=blue%7Cblack``      ``c=R%7C100%7CG%7C200``
deepObject     true    n/a            n/a                     ``c[R]=100&c[G]=200``
============== ======= ============== ======================= ================================

Value conversion: ``bool`` → ``true``/``false``; enums use ``.value``; ``datetime``, ``date``,
``time``, ``timedelta``, UUID and Decimal use pydantic's JSON form (ISO 8601, ``Z`` for UTC);
pydantic models become objects via
``model_dump(mode="json", by_alias=True, exclude_unset=True)``. Array items and object values
that are themselves containers are sent as compact JSON (OpenAPI leaves this undefined).

Empty values: an explicit ``None`` is the "empty" value of the spec: ``?c=`` for query, ``c=``
for cookies, an empty header, and ``""``/``.``/``;c`` in paths. Empty arrays and objects count
as undefined (RFC 6570) and are omitted from the query, cookies and headers. ``deepObject``
nests objects as ``c[a][b]=1`` and repeats keys for arrays (``c[tags]=x&c[tags]=y``).

Percent-encoding: path, query and cookie values are encoded with everything but RFC 3986
unreserved characters escaped, so a value like ``a/b?c`` can never change the URL structure.
With ``allow_reserved`` the reserved set is kept literally, except characters that would end
the component (``?``/``#`` in paths, ``&``/``#`` in queries) and ``%``. Header values are sent
verbatim but may not contain CR, LF or NUL.
"""

from __future__ import annotations

import base64
import enum
import functools
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

if TYPE_CHECKING:
    import pydantic
    import pydantic_core
else:
    from ._lazy import pydantic, pydantic_core

from ._endpoint import Param
from ._types import REQUEST_BODY, NotGiven

# A parameter value normalised by `_classify`.
_Classified = str | list[str] | dict[str, str] | None

__all__ = [
    "encode_query_pairs",
    "jsonable",
    "serialize_cookie",
    "serialize_header",
    "serialize_path",
    "serialize_query",
    "to_str",
]


@functools.cache
def _text_scalars() -> tuple[type, ...]:
    """Types pydantic writes as JSON text: imported when a value is first serialized, not with
    the SDK (a caller holding such a value has imported them already)."""
    import datetime
    import decimal
    import uuid

    return (
        datetime.datetime,
        datetime.date,
        datetime.time,
        datetime.timedelta,
        uuid.UUID,
        decimal.Decimal,
    )


_PATH_RESERVED_SAFE = ":/@!$&'()*+,;=[]"
_QUERY_RESERVED_SAFE = ":/?@!$'()*+,;=[]"


def jsonable(value: Any) -> Any:
    """Convert `value` into plain JSON-compatible data (models, enums, dates, containers)."""
    if isinstance(value, pydantic.BaseModel):
        return value.model_dump(
            mode="json", by_alias=True, exclude_unset=True, context=REQUEST_BODY
        )
    if isinstance(value, enum.Enum):
        return jsonable(value.value)
    # `isinstance` narrows Any to containers of Unknown; the annotated assignments from `data`
    # (never narrowed) type them at no run-time cost.
    data: Any = value
    if isinstance(value, Mapping):
        mapping: Mapping[Any, Any] = data
        return {to_str(k): jsonable(v) for k, v in mapping.items() if not isinstance(v, NotGiven)}
    if isinstance(value, list | tuple | set | frozenset):
        items: Iterable[Any] = data
        return [jsonable(v) for v in items if not isinstance(v, NotGiven)]
    if isinstance(value, _text_scalars()):
        # The same text pydantic produces for model fields (e.g. "2024-01-01T12:00:00Z").
        return pydantic_core.to_jsonable_python(value)
    return value


def base64_text(value: Any) -> Any:
    """A `format: byte` parameter's value with its bytes (or those of its items) as standard
    base64 text, the form OpenAPI gives them; text given is sent as it is."""
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(value).decode("ascii")
    data: Any = value  # `isinstance` narrows Any to list[Unknown]; `data` is never narrowed
    if isinstance(value, list | tuple):
        items: list[Any] = list(data)
        return [base64_text(item) for item in items]
    return value


def to_str(value: Any) -> str:
    """Render a scalar the way OpenAPI parameters expect (``true``, ISO dates, enum values)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, enum.Enum):
        return to_str(value.value)
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, _text_scalars()):
        return str(jsonable(value))
    if isinstance(value, bytes | bytearray):
        return bytes(value).decode("utf-8")
    if isinstance(value, list | dict):
        import json  # only for this case; not imported with the SDK

        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return str(jsonable(value)) if isinstance(value, pydantic.BaseModel) else str(value)


def _classify(value: Any) -> _Classified:
    """Normalize to None, str, list[str] or dict[str, str]."""
    data: Any = jsonable(value)  # never narrowed, unlike `plain` (see `jsonable`)
    plain = data
    if plain is None:
        return None
    if isinstance(plain, Mapping):
        mapping: Mapping[Any, Any] = data
        return {to_str(k): to_str(v) for k, v in mapping.items()}
    if isinstance(plain, list):
        items: list[Any] = data
        return [to_str(v) for v in items]
    return to_str(plain)


def _quoter(safe: str) -> Callable[[str], str]:
    def enc(text: str) -> str:
        return quote(text, safe=safe)

    return enc


def _flatten(obj: Mapping[str, str]) -> list[str]:
    return [part for kv in obj.items() for part in kv]


def serialize_path(param: Param, value: Any) -> str:
    """Serialize a path parameter into an already percent-encoded path fragment."""
    enc = _quoter(_PATH_RESERVED_SAFE if param.allow_reserved else "")
    style, explode, name = param.resolved_style, param.resolved_explode, param.name
    data = _classify(value)
    if data is None or data == "" or data == [] or data == {}:
        return {"simple": "", "label": ".", "matrix": f";{enc(name)}"}[style]
    if isinstance(data, Mapping):
        obj = {enc(k): enc(v) for k, v in data.items()}
        if explode:
            pairs = [f"{k}={v}" for k, v in obj.items()]
            if style == "simple":
                return ",".join(pairs)
            if style == "label":
                return "." + ".".join(pairs)
            return "".join(f";{p}" for p in pairs)
        flat = ",".join(_flatten(obj))
        return {"simple": flat, "label": f".{flat}", "matrix": f";{enc(name)}={flat}"}[style]
    items = [enc(data)] if isinstance(data, str) else [enc(v) for v in data]
    if style == "simple":
        return ",".join(items)
    if style == "label":
        return "." + ("." if explode else ",").join(items)
    key = enc(name)
    if explode:
        return "".join(f";{key}={v}" for v in items)
    return f";{key}=" + ",".join(items)


def serialize_query(param: Param, value: Any) -> list[str]:
    """Serialize a query parameter into percent-encoded ``key=value`` fragments."""
    enc = _quoter(_QUERY_RESERVED_SAFE if param.allow_reserved else "")
    style, explode = param.resolved_style, param.resolved_explode
    key = quote(param.name, safe="")
    if style == "deepObject":
        return _deep_object(key, jsonable(value), enc)
    sep = {"form": ",", "spaceDelimited": "%20", "pipeDelimited": "%7C"}[style]
    return _delimited(key, _classify(value), explode, sep, enc)


def _delimited(
    key: str, data: _Classified, explode: bool, sep: str, enc: Callable[[str], str]
) -> list[str]:
    """``form``-family serialization of a classified value into ``key=value`` fragments."""
    if data is None:
        return [f"{key}="]
    if isinstance(data, str):
        return [f"{key}={enc(data)}"]
    if not data:
        return []
    if isinstance(data, list):
        if explode:
            return [f"{key}={enc(v)}" for v in data]
        items = [enc(v) for v in data]
    else:
        if explode:
            return [f"{enc(k)}={enc(v)}" for k, v in data.items()]
        items = [enc(v) for v in _flatten(data)]
    return [f"{key}={sep.join(items)}"]


def _deep_object(prefix: str, value: Any, enc: Callable[[str], str]) -> list[str]:
    data: Any = value  # never narrowed (see `jsonable`)
    if isinstance(value, Mapping):
        mapping: Mapping[Any, Any] = data
        out: list[str] = []
        for k, v in mapping.items():
            out.extend(_deep_object(f"{prefix}[{quote(to_str(k), safe='')}]", v, enc))
        return out
    if isinstance(value, list):
        items: list[Any] = data
        return [part for item in items for part in _deep_object(prefix, item, enc)]
    return [f"{prefix}={enc(to_str(value))}"]


def encode_query_pairs(items: Mapping[str, object]) -> list[str]:
    """Serialize free-form extra query parameters (``form`` style, ``explode=true``)."""
    out: list[str] = []
    for name, value in items.items():
        if isinstance(value, NotGiven):
            continue
        out.extend(serialize_query(Param(name, "query"), value))
    return out


def _check_header_value(name: str, value: str) -> str:
    if any(c in value for c in "\r\n\0"):
        raise ValueError(f"header {name!r} contains a forbidden control character")
    return value


def serialize_header(param: Param, value: Any) -> str | None:
    """Serialize a header parameter (``simple`` style); None when it must not be sent."""
    data = _classify(value)
    if data is None:
        return ""
    if isinstance(data, str):
        return _check_header_value(param.name, data)
    if not data:
        return None
    if isinstance(data, list):
        text = ",".join(data)
    elif param.resolved_explode:
        text = ",".join(f"{k}={v}" for k, v in data.items())
    else:
        text = ",".join(_flatten(data))
    return _check_header_value(param.name, text)


def serialize_cookie(param: Param, value: Any) -> list[str]:
    """Serialize a cookie parameter (``form`` style) into ``name=value`` cookie pairs."""
    key = quote(param.name, safe="")
    return _delimited(key, _classify(value), param.resolved_explode, ",", _quoter(""))


def join_cookies(pairs: Iterable[str]) -> str:
    """Join cookie pairs into one ``Cookie`` header value."""
    return "; ".join(pairs)
