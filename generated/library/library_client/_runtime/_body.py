"""Request body encoding for each OpenAPI content kind.

============ ================================================================================
kind         accepted values
============ ================================================================================
json         a pydantic model (``model_dump_json(by_alias=True, exclude_unset=True)``: omitted
             fields stay omitted, explicit None is sent as null), or plain data (dict, list,
             scalars) that may contain models, enums, datetimes, UUIDs and Decimals
form         ``application/x-www-form-urlencoded`` from a model or mapping; arrays repeat the
             key, nested objects use ``key[sub]=``; None is sent as an empty value
multipart    ``multipart/form-data`` from a model or mapping. File fields take bytes, a binary
             file object, an async iterator of bytes, or ``(filename, content[, content_type])``;
             objects are sent as JSON parts, arrays as repeated parts, scalars as text parts
binary       bytes-like, a binary file object, or an async iterator of bytes (streamed)
text         str (encoded with the media type's charset, default UTF-8)
============ ================================================================================

Bodies are produced by a factory called once per attempt, so retries resend the same content:
seekable file objects are rewound to where they were when the request started. Bodies that
cannot be replayed (async iterators, unseekable files) disable retries for that request.
"""

from __future__ import annotations

import base64
import io
import os
from collections.abc import AsyncIterable, AsyncIterator, Callable, Mapping
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import urlencode

if TYPE_CHECKING:
    import asyncio

    import aiohttp
    import pydantic
    import pydantic_core
else:
    from ._lazy import aiohttp, asyncio, pydantic, pydantic_core

from ._endpoint import Body
from ._params import jsonable, to_str
from ._types import REQUEST_BODY, NotGiven

__all__ = ["PreparedBody", "encode_body", "encode_json"]

CHUNK_SIZE = 64 * 1024


class PreparedBody:
    """An encoded request body: headers to add and a per-attempt factory for aiohttp's `data`."""

    __slots__ = ("factory", "headers", "replayable")

    def __init__(
        self,
        factory: Callable[[], Any],
        headers: dict[str, str] | None = None,
        replayable: bool = True,
    ) -> None:
        self.factory = factory
        self.headers: dict[str, str] = {} if headers is None else headers
        self.replayable = replayable


def encode_json(value: Any) -> bytes:
    """Serialize `value` as compact JSON, honouring pydantic aliases and unset fields."""
    if isinstance(value, pydantic.BaseModel):
        return value.model_dump_json(
            by_alias=True, exclude_unset=True, context=REQUEST_BODY
        ).encode()
    return pydantic_core.to_json(_base64_bytes(jsonable(value)))


def _base64_bytes(value: Any) -> Any:
    """Bytes in plain data can only be JSON as text: standard base64, as OpenAPI's
    `format: byte` says (pydantic-core's own base64 mode is the URL-safe alphabet)."""
    # `isinstance` narrows Any to containers of Unknown; the annotated assignments from `data`
    # (never narrowed) type them at no run-time cost.
    data: Any = value
    if isinstance(value, bytes | bytearray | memoryview):
        buffer: bytes | bytearray | memoryview = data
        return base64.b64encode(buffer).decode("ascii")
    if isinstance(value, dict):
        mapping: dict[Any, Any] = data
        return {key: _base64_bytes(item) for key, item in mapping.items()}
    if isinstance(value, list):
        items: list[Any] = data
        return [_base64_bytes(item) for item in items]
    return value


def _charset(media_type: str) -> str | None:
    for param in media_type.split(";")[1:]:
        key, _, val = param.strip().partition("=")
        if key.strip().lower() == "charset" and val:
            return val.strip().strip('"')
    return None


def _is_file(value: Any) -> bool:
    return hasattr(value, "read") and callable(value.read)


async def _iter_file(file: IO[bytes]) -> AsyncIterator[bytes]:
    # In-memory buffers are read inline; real files are read in a worker thread so a slow disk
    # never blocks the event loop.
    in_memory = isinstance(file, io.BytesIO)
    while True:
        chunk = (
            file.read(CHUNK_SIZE) if in_memory else await asyncio.to_thread(file.read, CHUNK_SIZE)
        )
        if not chunk:
            return
        yield chunk


def _file_source(file: IO[bytes]) -> tuple[Callable[[], AsyncIterator[bytes]], int | None, bool]:
    """A rewinding chunk-iterator factory, the remaining size if known, and replayability."""
    start: int | None = None
    size: int | None = None
    try:
        if file.seekable():
            start = file.tell()
            end = file.seek(0, os.SEEK_END)
            file.seek(start)
            size = end - start
    except (OSError, ValueError, AttributeError):
        start = None

    def factory() -> AsyncIterator[bytes]:
        if start is not None:
            file.seek(start)
        return _iter_file(file)

    return factory, size, start is not None


def _form_pairs(key: str, value: Any, out: list[tuple[str, str]], indexed: bool) -> None:
    """One property of a form body as pairs. Objects nest in brackets (`a[b]=c`). Arrays repeat
    the key (`a=1&a=2`, OpenAPI's default), or are indexed (`a[0]=1`, `a[0][b]=c`) when
    `indexed` (deepObject), inside an object, or when they hold objects: a repeated key
    cannot tell which fields belong together."""
    if isinstance(value, NotGiven):
        return
    data: Any = value  # never narrowed: the annotated assignments below type the containers
    if isinstance(value, Mapping):
        mapping: Mapping[Any, Any] = data
        for k, v in mapping.items():
            _form_pairs(f"{key}[{to_str(k)}]", v, out, indexed=True)
    elif isinstance(value, list):
        items: list[Any] = data
        if indexed or any(isinstance(item, Mapping | list) for item in items):
            for index, item in enumerate(items):
                _form_pairs(f"{key}[{index}]", item, out, indexed=True)
        else:
            out.extend((key, to_str(item)) for item in items)
    else:
        out.append((key, to_str(value)))


def _as_mapping(value: Any, kind: str) -> Mapping[str, Any]:
    if isinstance(value, pydantic.BaseModel):
        # Keep the objects (not their JSON dump) so file fields survive as bytes/file objects.
        fields = value.model_fields_set
        read_only = getattr(value, "__read_only__", ())
        pairs = (
            ((info.serialization_alias or info.alias or name), name)
            for name, info in type(value).model_fields.items()
            if name in fields
        )
        return {key: getattr(value, name) for key, name in pairs if key not in read_only}
    mapping: Mapping[str, Any] = value  # `value` is Any: no cast needed
    if isinstance(value, Mapping):
        return mapping
    raise TypeError(f"a {kind} body must be a pydantic model or a mapping, got {type(value)!r}")


def _encode_form(value: Any, deep_object: frozenset[str]) -> bytes:
    pairs: list[tuple[str, str]] = []
    for key, item in _as_mapping(value, "form").items():
        _form_pairs(key, jsonable(item), pairs, indexed=key in deep_object)
    return urlencode(pairs).encode("ascii")


_FileValue = tuple[str, Any, str]


def _file_parts(name: str, value: Any) -> _FileValue | None:
    """Recognize a file-ish multipart value as (filename, content, content_type)."""
    content: Any = value  # stays Any: `isinstance` narrows `value` to containers of Unknown
    if isinstance(value, tuple):
        parts: tuple[Any, ...] = content
        if len(parts) in (2, 3) and isinstance(parts[0], str):
            content_type: str = parts[2] if len(parts) == 3 else "application/octet-stream"
            return parts[0], parts[1], content_type
        return None
    if isinstance(value, bytes | bytearray | memoryview):
        return name, content, "application/octet-stream"
    if _is_file(value) or isinstance(value, AsyncIterable):
        raw_name = getattr(content, "name", None)
        filename = os.path.basename(raw_name) if isinstance(raw_name, str) else name
        return filename, content, "application/octet-stream"
    return None


_FilePart = tuple[str, Callable[[], Any], str]


class _MultipartBuilder:
    """Builds a fresh `aiohttp.MultipartWriter` per attempt from the caller's fields."""

    def __init__(self, value: Any) -> None:
        # (name, value) for a plain part, (name, (filename, content factory, content type))
        # for a file part.
        self._fields: list[tuple[str, Any, _FilePart | None]] = []
        self.replayable = True
        for name, item in _as_mapping(value, "multipart").items():
            if isinstance(item, NotGiven):
                continue
            element_or_list: Any = item  # typed by the annotated assignment, not narrowed
            items: list[Any] = element_or_list if isinstance(item, list) else [item]
            for element in items:
                self._add(name, element)

    def _add(self, name: str, value: Any) -> None:
        file = _file_parts(name, value)
        if file is None:
            self._fields.append((name, value, None))
            return
        filename, content, content_type = file
        if isinstance(content, AsyncIterable):
            self.replayable = False
            stream: AsyncIterable[bytes] = file[1]
            self._fields.append((name, None, (filename, lambda: stream, content_type)))
        elif _is_file(content):
            factory, _size, replayable = _file_source(content)
            self.replayable = self.replayable and replayable
            self._fields.append((name, None, (filename, factory, content_type)))
        else:
            data: bytes = bytes(content) if not isinstance(content, str) else content.encode()
            self._fields.append((name, None, (filename, lambda: data, content_type)))

    def build(self) -> aiohttp.MultipartWriter:
        writer = aiohttp.MultipartWriter("form-data")
        for name, value, file in self._fields:
            if file is not None:
                filename, factory, content_type = file
                part = writer.append(factory(), {"Content-Type": content_type})
                part.set_content_disposition("form-data", name=name, filename=filename)
                continue
            plain = jsonable(value)
            if isinstance(plain, dict | list):
                part = writer.append(encode_json(plain), {"Content-Type": "application/json"})
            else:
                part = writer.append(to_str(plain), {"Content-Type": "text/plain; charset=utf-8"})
            part.set_content_disposition("form-data", name=name)
        return writer


def encode_body(spec: Body, value: Any) -> PreparedBody:
    """Encode `value` according to `spec`; raises TypeError for values the kind cannot carry."""
    # Never narrowed by `isinstance` (which would make containers of Unknown): the annotated
    # assignments from it type the value at no run-time cost.
    original: Any = value
    media_type = spec.media_type
    if spec.kind == "json":
        data = encode_json(value)
        return PreparedBody(lambda: data, {"Content-Type": media_type})
    if spec.kind == "form":
        form = _encode_form(value, spec.deep_object)
        return PreparedBody(lambda: form, {"Content-Type": media_type})
    if spec.kind == "text":
        charset = _charset(media_type)
        if isinstance(value, bytes):
            text = value
        elif isinstance(value, str):
            text = value.encode(charset or "utf-8")
        else:
            raise TypeError(f"a text body must be str, got {type(value)!r}")
        if charset is None and media_type.lower().startswith("text/"):
            media_type = f"{media_type}; charset=utf-8"
        return PreparedBody(lambda: text, {"Content-Type": media_type})
    if spec.kind == "base64":
        if not isinstance(value, bytes | bytearray | memoryview):
            raise TypeError(f"a base64 body takes bytes (sent base64-encoded), got {type(value)!r}")
        buffer: bytes | bytearray | memoryview = original
        encoded = base64.b64encode(buffer)
        return PreparedBody(lambda: encoded, {"Content-Type": media_type})
    if spec.kind == "multipart":
        builder = _MultipartBuilder(value)
        # aiohttp sets Content-Type itself so that it carries the boundary.
        return PreparedBody(builder.build, {}, builder.replayable)
    # binary
    headers = {"Content-Type": media_type}
    if isinstance(value, bytes | bytearray | memoryview):
        buffer_like: bytes | bytearray | memoryview = original
        raw = bytes(buffer_like)
        return PreparedBody(lambda: raw, headers)
    if isinstance(value, str):
        encoded = value.encode()
        return PreparedBody(lambda: encoded, headers)
    if _is_file(value):
        factory, size, replayable = _file_source(value)
        if size is not None:
            headers["Content-Length"] = str(size)
        return PreparedBody(factory, headers, replayable)
    if isinstance(value, AsyncIterable):
        stream: AsyncIterable[bytes] = original
        return PreparedBody(lambda: stream, headers, replayable=False)
    raise TypeError(
        "a binary body must be bytes, a binary file object or an async iterator of bytes, "
        f"got {type(value)!r}"
    )
