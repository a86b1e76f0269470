"""What the generator does with every keyword of every OpenAPI object, and a walk of the
document that names, at its JSON pointer, each keyword it does not honour.

`REGISTRY[object type][keyword]` is a `Rule`: honoured (with what it does) or not (with why).
There is no third state: a keyword of the OpenAPI 3.0, 3.1 or 3.2 object model, or of JSON
Schema 2020-12, that is missing here is a bug (tests/parser/test_coverage.py walks the
meta-schemas). A keyword the walk meets that no version of OpenAPI defines for the object is
also warned (it is ignored). `x-` extensions are open by design and never warned; those the
generator understands are listed in `HONOURED_EXTENSIONS`.

"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from ..diagnostics import Diagnostic, warning
from ..spec.pointers import child

Shape = Literal["one", "map", "list", "schemas"]


@dataclass(frozen=True, slots=True)
class Rule:
    """What happens to one keyword: `honoured` (and `note` says how) or not (`note`: why).
    `walk` is how its value is walked further: (shape, object type of the values)."""

    honoured: bool
    note: str
    walk: tuple[Shape, str] | None = None
    # When set, only these values are honoured: any other is warned (`note` says why).
    only: tuple[Any, ...] | None = None


def yes(
    note: str, walk: tuple[Shape, str] | None = None, only: tuple[Any, ...] | None = None
) -> Rule:
    return Rule(honoured=True, note=note, walk=walk, only=only)


def no(reason: str) -> Rule:
    return Rule(honoured=False, note=reason)


_CONSTRAINT = (
    "left to the server: constraints are not checked on the client, by design (generated "
    "README, 'Forward compatibility'); used for the sample values of the SDK's tests"
)
_LEFT_TO_SERVER = "left to the server: constraints are not checked on the client, by design"
_SAMPLES = "sample values of the SDK's generated tests and README examples"
_NOT_SHOWN = "documentation that appears nowhere in the SDK"
_UNREAD_OBJECT = "the object it belongs to is not read (warned where it is)"
_WEBHOOK_ONLY_BODY = "only a webhook's or callback's request body is parsed (its payload model)"
_OPERATION_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

_OPERATION: dict[str, Rule] = {
    "tags": yes("the first tag groups the operation into a resource class"),
    "summary": yes("docstrings (method, api.md)"),
    "description": yes("docstrings; a deprecation note's replacement is named in the warning"),
    "externalDocs": yes("its URL ends the method's docstring", ("one", "ExternalDocumentation")),
    "operationId": yes("the method's name"),
    "parameters": yes("the method's arguments", ("list", "Parameter")),
    "requestBody": yes("the method's body argument", ("one", "RequestBody")),
    "responses": yes("the method's return type and error types", ("map", "Response")),
    "callbacks": yes("payload models in <package>/webhooks.py", ("map", "Callback")),
    "deprecated": yes("typing_extensions.deprecated on the method"),
    "security": yes("which credentials the request sends"),
    "servers": yes(
        "the operation is sent to its first server when absolute (unless base_url= is given)",
        ("list", "Server"),
    ),
}

_PATH_ITEM: dict[str, Rule] = {
    "$ref": yes("followed: the referenced path item's operations are generated"),
    "summary": no(_NOT_SHOWN + " (the operations' own summaries are the docstrings)"),
    "description": no(_NOT_SHOWN + " (the operations' own descriptions are the docstrings)"),
    **{method: yes("one method of the SDK", ("one", "Operation")) for method in _OPERATION_METHODS},
    "query": yes("one method of the SDK (OpenAPI 3.2's QUERY)", ("one", "Operation")),
    "additionalOperations": yes("methods sent as the spec spells them", ("map", "Operation")),
    "servers": yes(
        "the path's operations are sent to its first server when absolute (unless base_url= "
        "is given)",
        ("list", "Server"),
    ),
    "parameters": yes("arguments of every operation of the path", ("list", "Parameter")),
}

_SCHEMA: dict[str, Rule] = {
    # The types.
    "$ref": yes("the referenced model, enum or alias"),
    "type": yes("the Python type (a list of types is a union)"),
    "format": yes("date-time, date, uuid, binary... pick the Python type; others stay str"),
    "enum": yes("an Enum class (or Literal values)"),
    "const": yes("a Literal type"),
    "nullable": yes("Optional (`| None`)"),
    "properties": yes("the model's fields", ("map", "Schema")),
    "required": yes("fields without a default"),
    "additionalProperties": yes(
        "a dict's value type; beside properties, extra fields are kept (model_extra) even when "
        "false, by design ('Forward compatibility')",
        ("one", "Schema"),
    ),
    "items": yes("the list's item type", ("schemas", "Schema")),
    "allOf": yes(
        "a model built from its parts (inheritance where a part is a $ref)", ("list", "Schema")
    ),
    "oneOf": yes("a union", ("list", "Schema")),
    "anyOf": yes("a union", ("list", "Schema")),
    "discriminator": yes("a discriminated union", ("one", "Discriminator")),
    "readOnly": yes("left out of requests; never required"),
    "writeOnly": yes("never required"),
    "deprecated": yes("the field is marked deprecated"),
    "default": yes("the field's default"),
    "title": yes("docstrings"),
    "description": yes("docstrings"),
    "example": yes(_SAMPLES),
    "examples": yes(_SAMPLES),
    "$defs": yes("schemas reached by $ref (a JSON pointer)", ("map", "Schema")),
    "definitions": yes("schemas reached by $ref (a JSON pointer)", ("map", "Schema")),
    "$comment": yes("nothing to generate: a comment for the spec's authors"),
    # Constraints: left to the server.
    **{
        keyword: yes(_CONSTRAINT)
        for keyword in (
            "minLength",
            "maxLength",
            "pattern",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
            "minItems",
            "maxItems",
        )
    },
    **{
        keyword: yes(_LEFT_TO_SERVER)
        for keyword in (
            "uniqueItems",
            "minProperties",
            "maxProperties",
            "dependentRequired",
            "contains",
            "minContains",
            "maxContains",
            "propertyNames",
        )
    },
    # Not honoured.
    "not": no("Python's types cannot say 'not': the value is typed without it"),
    "prefixItems": no("tuples are not generated: typed as a list of `items`"),
    "if": no("conditional schemas are not generated: typed without them"),
    "then": no("conditional schemas are not generated: typed without them"),
    "else": no("conditional schemas are not generated: typed without them"),
    "dependentSchemas": no("typed without the dependent schemas"),
    "dependencies": no("typed without the dependent schemas"),
    "patternProperties": no("typed as if absent (extra fields are kept as they come)"),
    "unevaluatedProperties": no("typed as if absent (extra fields are kept as they come)"),
    "unevaluatedItems": no("typed as if absent"),
    "additionalItems": no("typed as if absent"),
    "contentMediaType": no("the string is not decoded: typed as str"),
    "contentEncoding": no("the string is not decoded: typed as str"),
    "contentSchema": no("the string is not decoded: typed as str"),
    "$id": no("references by URI are not resolved: a $ref must be a JSON pointer"),
    "$anchor": no("references by anchor are not resolved: a $ref must be a JSON pointer"),
    "$dynamicAnchor": no("dynamic references are not resolved"),
    "$dynamicRef": no("dynamic references are not resolved: typed as Any"),
    "$recursiveAnchor": no("recursive references are not resolved"),
    "$recursiveRef": no("recursive references are not resolved: typed as Any"),
    "$schema": no("schemas are read as the OpenAPI dialect whatever they declare"),
    "$vocabulary": no("vocabularies are a meta-schema's business: ignored"),
    "xml": no("XML bodies are not generated (JSON only)"),
    "externalDocs": no(_NOT_SHOWN),
}

# An operation read as a webhook or a callback: only its request body is parsed.
_WEBHOOK_OPERATION: dict[str, Rule] = {
    **{keyword: no(_WEBHOOK_ONLY_BODY) for keyword in _OPERATION},
    "summary": yes("the payload's docstring"),
    "description": yes("the payload's docstring (when there is no summary)"),
    "requestBody": yes("its JSON body is the payload model", ("one", "RequestBody")),
}

_WEBHOOK_PATH_ITEM: dict[str, Rule] = {
    **{keyword: no(_WEBHOOK_ONLY_BODY) for keyword in _PATH_ITEM},
    **{
        method: yes(
            "its request is the webhook's payload (the first method only)",
            ("one", "WebhookOperation"),
        )
        for method in (*_OPERATION_METHODS, "query")
    },
    "$ref": no("a webhook's or callback's path item is not followed through $ref"),
}

REGISTRY: dict[str, dict[str, Rule]] = {
    "OpenAPI": {
        "openapi": yes("the version decides how the document is validated and read"),
        "$self": no("the document's own URI is not used: references are bundled first"),
        "info": yes("package metadata", ("one", "Info")),
        "jsonSchemaDialect": no("schemas are read as the OpenAPI dialect whatever it says"),
        "servers": yes("the first server's URL is the default base_url", ("list", "Server")),
        "paths": yes("the SDK's methods", ("map", "PathItem")),
        "webhooks": yes("payload models in <package>/webhooks.py", ("map", "WebhookPathItem")),
        "components": yes("models and reusable parts", ("one", "Components")),
        "security": yes("the credentials every request sends by default"),
        "tags": yes("resource classes and their docstrings", ("list", "Tag")),
        "externalDocs": yes("the project's documentation URL", ("one", "ExternalDocumentation")),
    },
    "Info": {
        "title": yes("package metadata, README and docstrings"),
        "summary": no(_NOT_SHOWN),
        "description": yes("the generated README's introduction"),
        "termsOfService": no(_NOT_SHOWN),
        "contact": yes("package metadata (authors)", ("one", "Contact")),
        "license": yes("package licence (SPDX)", ("one", "License")),
        "version": yes("the package version"),
    },
    "Contact": {
        "name": yes("package metadata (authors)"),
        "url": yes("package metadata (project URLs)"),
        "email": yes("package metadata (authors)"),
    },
    "License": {
        "name": yes("the SPDX licence it names"),
        "identifier": yes("the package's SPDX licence"),
        "url": no("the licence is identified by name or SPDX identifier, not URL"),
    },
    "Server": {
        "url": yes("a server Client(server=...) offers (the first: the default base_url)"),
        "description": yes("the server's name in Client(server=...) (and its docstring)"),
        "name": yes("the server's name in Client(server=...) (and its docstring)"),
        "variables": yes("arguments of the client", ("map", "ServerVariable")),
        "(not the first)": no(
            "an operation or path is sent to its first server only; the others are not offered"
        ),
    },
    "ServerVariable": {
        "default": yes("the argument's value when not given"),
        "enum": yes("the values the argument accepts (a Literal)"),
        "description": yes("documents the argument in the client's docstring"),
    },
    "Components": {
        "schemas": yes("models, enums and aliases", ("map", "Schema")),
        "responses": yes("reached by $ref", ("map", "Response")),
        "parameters": yes("reached by $ref", ("map", "Parameter")),
        "examples": yes("reached by $ref", ("map", "Example")),
        "requestBodies": yes("reached by $ref", ("map", "RequestBody")),
        "headers": no("response headers are not read"),
        "securitySchemes": yes("the client's credentials", ("map", "SecurityScheme")),
        "links": no("links are not generated"),
        "callbacks": yes("reached by $ref", ("map", "Callback")),
        "pathItems": yes("reached by $ref", ("map", "PathItem")),
        "mediaTypes": yes("reached by $ref", ("map", "MediaType")),
    },
    "PathItem": _PATH_ITEM,
    "WebhookPathItem": _WEBHOOK_PATH_ITEM,
    "Operation": _OPERATION,
    "WebhookOperation": _WEBHOOK_OPERATION,
    "Callback": {
        "(expression)": yes(
            "the first expression's request is a payload model", ("one", "WebhookPathItem")
        ),
        "(not the first expression)": no("only a callback's first expression is parsed"),
    },
    "ExternalDocumentation": {
        "url": yes("the project's documentation URL (the document's); an operation's docstring"),
        "description": no(_NOT_SHOWN),
    },
    "Parameter": {
        "name": yes("the argument's wire name"),
        "in": yes("where the value is sent"),
        "description": yes("docstrings"),
        "required": yes("a required argument"),
        "deprecated": yes("a DeprecationWarning when the argument is passed"),
        "allowEmptyValue": no("not read: a value is sent as given, empty or not"),
        "style": yes("the serialization (form, simple, label, matrix, deepObject...)"),
        "explode": yes("the serialization of lists and objects"),
        "allowReserved": yes("reserved characters are sent unescaped"),
        "schema": yes("the argument's type", ("one", "Schema")),
        "example": yes(_SAMPLES),
        "examples": yes(_SAMPLES, ("map", "Example")),
        "content": yes(
            "the first media type's schema types the argument; that it is sent in the default "
            "style, not encoded as that media type, is warned (parameter-content)",
            ("map", "MediaType"),
        ),
    },
    "RequestBody": {
        "description": yes("docstrings"),
        "content": yes("the body's media types and type", ("map", "MediaType")),
        "required": yes("a required body argument"),
    },
    "MediaType": {
        "schema": yes("the body's or response's type", ("one", "Schema")),
        "example": yes(_SAMPLES),
        "examples": yes(_SAMPLES, ("map", "Example")),
        "encoding": yes("read for its parts' styles", ("map", "Encoding")),
        "itemSchema": yes(
            "types the items of a streamed response (an event stream's events, JSON Lines, "
            "json-seq); a request body is typed by `schema`"
        ),
        "itemEncoding": no("a streamed item is decoded by its media type"),
        "prefixEncoding": no("the parts are encoded by their types"),
        "description": no(_NOT_SHOWN),
    },
    "Encoding": {
        "style": yes(
            "form (the default) and deepObject (bracket notation) are how a form body's "
            "properties are sent; other styles are not",
            only=("form", "deepObject"),
        ),
        "contentType": no("a part is sent with the content type its type gives"),
        "headers": no("a part's headers are not sent"),
        "explode": yes(
            "a form body's arrays repeat their key (explode: true); explode: false is not honoured",
            only=(True,),
        ),
        "allowReserved": no("a part is encoded by its type"),
        "encoding": no("a part is encoded by its type"),
        "prefixEncoding": no("a part is encoded by its type"),
        "itemEncoding": no("a part is encoded by its type"),
    },
    "Response": {
        "summary": no(_NOT_SHOWN),
        "description": yes("the method's docstring (its Responses: section)"),
        "headers": no("response headers are not typed: read them from the raw response"),
        "content": yes("the return or error type", ("map", "MediaType")),
        "links": no("links are not generated"),
    },
    "Example": {
        "summary": no(_NOT_SHOWN),
        "description": no(_NOT_SHOWN),
        "value": yes(_SAMPLES),
        "dataValue": no("not used for samples: `value` is"),
        "serializedValue": no("not used for samples: `value` is"),
        "externalValue": no("external examples are not fetched"),
    },
    "Link": {
        keyword: no(_UNREAD_OBJECT)
        for keyword in (
            "operationRef",
            "operationId",
            "parameters",
            "requestBody",
            "description",
            "server",
            "body",
        )
    },
    "Header": {
        keyword: no(_UNREAD_OBJECT)
        for keyword in (
            "description",
            "required",
            "deprecated",
            "allowEmptyValue",
            "style",
            "explode",
            "allowReserved",
            "schema",
            "example",
            "examples",
            "content",
        )
    },
    "Tag": {
        "name": yes("the resource class's name"),
        "summary": no(_NOT_SHOWN),
        "description": yes("the resource class's docstring"),
        "externalDocs": no(_NOT_SHOWN),
        "parent": no("tags are not nested: each is a resource of its own"),
        "kind": no("every tag is read as a resource"),
    },
    "Reference": {
        "$ref": yes("followed"),
        "summary": no("the referenced object's own text is used"),
        "description": no("the referenced object's own text is used"),
    },
    "Schema": _SCHEMA,
    "Discriminator": {
        "propertyName": yes("the field that picks the variant"),
        "mapping": yes("the values that pick each variant"),
        "defaultMapping": no("an unknown value parses as UnknownVariant instead"),
    },
    "XML": {
        keyword: no(_UNREAD_OBJECT)
        for keyword in ("name", "namespace", "prefix", "attribute", "wrapped", "nodeType")
    },
    "SecurityScheme": {
        "type": yes("how credentials are sent"),
        "description": yes("docstring of the client's credential argument"),
        "name": yes("the API key's header, query or cookie name"),
        "in": yes("where the API key is sent"),
        "scheme": yes("bearer or basic"),
        "bearerFormat": no(_NOT_SHOWN),
        "flows": yes("read for its flows", ("one", "OAuthFlows")),
        "openIdConnectUrl": no("the SDK takes a token obtained elsewhere (a bearer token)"),
        "oauth2MetadataUrl": no("the SDK takes a token obtained elsewhere (a bearer token)"),
        "deprecated": no("the credential argument is not marked deprecated"),
    },
    "OAuthFlows": {
        flow: yes("read for its URLs", ("one", "OAuthFlow"))
        for flow in ("implicit", "password", "authorizationCode", "deviceAuthorization")
    }
    | {
        "clientCredentials": yes(
            "the client fetches its tokens (client_id=, client_secret=)",
            ("one", "ClientCredentialsFlow"),
        )
    },
    "ClientCredentialsFlow": {
        "tokenUrl": yes("where the client fetches its tokens (relative: to the base URL)"),
        "scopes": yes("documents the scopes= the client may ask for"),
        "refreshUrl": no(
            "the client fetches a new token with its credentials instead of refreshing one"
        ),
        "authorizationUrl": no("not part of this flow"),
        "deviceAuthorizationUrl": no("not part of this flow"),
    },
    "OAuthFlow": {
        keyword: no("the SDK takes an access token obtained elsewhere (a bearer token)")
        for keyword in (
            "authorizationUrl",
            "tokenUrl",
            "refreshUrl",
            "scopes",
            "deviceAuthorizationUrl",
        )
    },
}

HONOURED_EXTENSIONS: dict[str, str] = {
    "x-enum-varnames": "enum member names",
    "x-enumNames": "enum member names",
    "x-enum-descriptions": "enum member docstrings",
    "x-enumDescriptions": "enum member docstrings",
}

_REPEATS_SHOWN = 5
_UNKNOWN = no("not a keyword of this object in any OpenAPI version: ignored")
_OWN_REF = frozenset({"Schema", "PathItem", "WebhookPathItem"})  # $ref is their own keyword
_NOT_FIRST = REGISTRY["Server"]["(not the first)"]
_Found = tuple[str, str, str, Rule]  # (object type, keyword, pointer, rule)


def not_honoured(document: Any) -> list[Diagnostic]:
    """One `not-honoured` warning per keyword the generator does not honour, at its pointer;
    past the first few of one (object type, keyword), one warning counts the rest."""
    places: dict[tuple[str, str], list[str]] = {}
    rules: dict[tuple[str, str], Rule] = {}
    for kind, keyword, where, rule in walk(document):
        places.setdefault((kind, keyword), []).append(where)
        rules[(kind, keyword)] = rule
    found: list[Diagnostic] = []
    for (kind, keyword), pointers in places.items():
        reason = rules[(kind, keyword)].note
        name = keyword if keyword.startswith("(") else repr(keyword)
        for where in pointers[:_REPEATS_SHOWN]:
            found.append(
                warning("not-honoured", f"{name} ({kind}) is not honoured: {reason}", where)
            )
        rest = len(pointers) - _REPEATS_SHOWN
        if rest > 0:
            found.append(
                warning(
                    "not-honoured",
                    f"{name} ({kind}) is not honoured either at {rest} more place(s) like this one",
                    pointers[_REPEATS_SHOWN],
                )
            )
    return found


def _same(value: Any, allowed: Any) -> bool:
    return type(value) is type(allowed) and value == allowed


# A pointer as a chain of (parent, token): its text is built only for a warning.
_Where = tuple["_Where | None", str | int]


def _pointer(where: _Where | None) -> str:
    tokens: list[str | int] = []
    while where is not None:
        where, token = where
        tokens.append(token)
    return child("#", *reversed(tokens))


def walk(document: Any) -> Iterator[_Found]:
    """Every keyword of the document the generator does not honour, in document order.

    Follows the object model (not `$ref`s: every referenced object is walked where it
    stands), iteratively, each node once; the values of keywords that are not honoured are
    not entered (their warning covers them)."""
    stack: list[tuple[str, Any, _Where | None]] = [("OpenAPI", document, None)]
    seen: set[int] = set()
    while stack:
        kind, node, where = stack.pop()
        if not isinstance(node, dict) or id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node.get("$ref"), str) and kind not in _OWN_REF:
            kind = "Reference"
        registry = REGISTRY[kind]
        children: list[tuple[str, Any, _Where | None]] = []
        first = True
        for keyword, value in node.items():
            if not isinstance(keyword, str) or keyword.startswith("x-"):
                continue
            at = (where, keyword)
            if kind == "Callback":  # keys are runtime expressions: the first one is read
                rule = REGISTRY[kind]["(expression)" if first else "(not the first expression)"]
                if not first:
                    yield kind, "(not the first expression)", _pointer(at), rule
                    continue
                first = False
            else:
                rule = registry.get(keyword, _UNKNOWN)
            if not rule.honoured:
                yield kind, keyword, _pointer(at), rule
            elif rule.only is not None and not any(_same(value, v) for v in rule.only):
                yield kind, keyword, _pointer(at), Rule(honoured=False, note=rule.note)
            elif rule.walk is not None:
                shape, inner = rule.walk
                if shape == "one" or (shape == "schemas" and isinstance(value, dict)):
                    children.append((inner, value, at))
                elif shape == "map" and isinstance(value, dict):
                    children.extend(
                        (inner, item, (at, key))
                        for key, item in value.items()
                        if isinstance(key, str) and not key.startswith("x-")
                    )
                elif isinstance(value, list):
                    if inner == "Server" and not _pointer(at).startswith("#/servers"):
                        # The document's servers are offered (Client(server=...)); an
                        # operation's or path's first one only is used.
                        for index in range(1, len(value)):
                            yield "Server", "(not the first)", _pointer((at, index)), _NOT_FIRST
                        value = value[:1]
                    children.extend((inner, item, (at, index)) for index, item in enumerate(value))
        stack.extend(reversed(children))
