"""Drives one generated SDK (or the raw aiohttp floor) against bench/server.py.

Runs in the SDK runtime interpreter, outside the bench package (standalone: the SDK's own
dependencies only), with the SDK's output directory on ``sys.path``:

    python bench/driver.py runtime --sdk aiosdkgen --path DIR --base-url URL --operation items \
        --concurrency 64 --requests 2000 --rounds 5
    python bench/driver.py parse --sdk aiosdkgen --path DIR --base-url URL --rounds 7

Prints one JSON object on stdout. Each peer is called the way its README shows, with its
defaults; the per-peer code is in the ``Adapter`` subclasses below.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import importlib
import json
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

import aiohttp
import pydantic

PACKAGE = "sdk"
EXPECTED = {"items": 50, "documents": 200}  # list lengths served by bench/server.py
PATHS = {"items": "/items", "documents": "/documents"}


def sdk(module: str = "") -> Any:
    return importlib.import_module(f"{PACKAGE}.{module}" if module else PACKAGE)


class Adapter:
    """How one SDK is set up, called and closed."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    async def open(self) -> None:
        pass

    async def call(self, operation: str) -> Any:
        raise NotImplementedError

    async def close(self) -> None:
        pass

    async def parse_functions(self, rounds: int) -> Callable[[bytes], Any]:
        """A function turning the /documents body into the SDK's typed result, as it does."""
        raise NotImplementedError


class Floor(Adapter):
    """Raw aiohttp and json.loads: the cheapest way to get the data, untyped."""

    async def open(self) -> None:
        self.session = aiohttp.ClientSession()

    async def call(self, operation: str) -> Any:
        async with self.session.get(self.base_url + PATHS[operation]) as response:
            response.raise_for_status()
            return json.loads(await response.read())

    async def close(self) -> None:
        await self.session.close()


class TypedFloor(Floor):
    """Raw aiohttp and pydantic's `TypeAdapter.validate_json` into plain models of the same
    shape: the cheapest way to get typed data. What an SDK costs over this is its machinery;
    what this costs over the floor is typed parsing itself."""

    async def open(self) -> None:
        await super().open()
        self.adapters: dict[str, pydantic.TypeAdapter[Any]] = {
            "items": pydantic.TypeAdapter(list[FloorItem]),
            "documents": pydantic.TypeAdapter(list[FloorDocument]),
        }

    async def call(self, operation: str) -> Any:
        async with self.session.get(self.base_url + PATHS[operation]) as response:
            response.raise_for_status()
            return self.adapters[operation].validate_json(await response.read())


class Aiosdkgen(Adapter):
    async def open(self) -> None:
        self.client = sdk().Client(base_url=self.base_url)

    async def call(self, operation: str) -> Any:
        if operation == "items":
            return await self.client.bench.list_items()
        return await self.client.bench.list_documents()

    async def close(self) -> None:
        await self.client.close()

    async def parse_functions(self, rounds: int) -> Callable[[bytes], Any]:
        # The SDK's own decoding step: a raw response's parse() is what list_documents() runs on
        # the body. parse() caches its result, so every run gets its own response, fetched
        # beforehand (the body is the same bytes as `content`).
        responses = [
            await self.client.bench.with_raw_response.list_documents() for _ in range(rounds)
        ]

        def parse(content: bytes) -> Any:
            raw = responses.pop()
            assert len(raw.content) == len(content)
            return raw.parse()

        return parse


class OpenapiPythonClient(Adapter):
    async def open(self) -> None:
        self.client = sdk().Client(base_url=self.base_url)
        self.items = sdk("api.bench.list_items")
        self.documents = sdk("api.bench.list_documents")

    async def call(self, operation: str) -> Any:
        module = self.items if operation == "items" else self.documents
        return await module.asyncio(client=self.client)

    async def close(self) -> None:
        await self.client.get_async_httpx_client().aclose()

    async def parse_functions(self, rounds: int) -> Callable[[bytes], Any]:
        httpx = importlib.import_module("httpx")

        def parse(content: bytes) -> Any:
            response = httpx.Response(
                200, content=content, headers={"Content-Type": "application/json"}
            )
            return self.documents._parse_response(client=self.client, response=response)

        return parse


class OpenapiGenerator(Adapter):
    async def open(self) -> None:
        package = sdk()
        self.api_client = package.ApiClient(package.Configuration(host=self.base_url))
        self.api = package.BenchApi(self.api_client)

    async def call(self, operation: str) -> Any:
        if operation == "items":
            return await self.api.list_items()
        return await self.api.list_documents()

    async def close(self) -> None:
        await self.api_client.close()

    async def parse_functions(self, rounds: int) -> Callable[[bytes], Any]:
        def parse(content: bytes) -> Any:
            # What ApiClient.response_deserialize does with a JSON body.
            return self.api_client.deserialize(
                content.decode("utf-8"), "List[Document]", "application/json"
            )

        return parse


class OpenapiPythonGenerator(Adapter):
    async def open(self) -> None:
        self.config = sdk("api_config").APIConfig(base_path=self.base_url)
        self.service = sdk("services.async_bench_service")

    async def call(self, operation: str) -> Any:
        if operation == "items":
            return await self.service.listItems(api_config_override=self.config)
        return await self.service.listDocuments(api_config_override=self.config)

    async def parse_functions(self, rounds: int) -> Callable[[bytes], Any]:
        document = sdk("models").Document

        def parse(content: bytes) -> Any:
            # Its generated code: `body = await response.json()` then `Document(**item)`.
            return [document(**item) for item in json.loads(content.decode("utf-8"))]

        return parse


ADAPTERS: dict[str, type[Adapter]] = {
    "floor": Floor,
    "typed-floor": TypedFloor,
    "aiosdkgen": Aiosdkgen,
    "openapi-python-client": OpenapiPythonClient,
    "openapi-generator": OpenapiGenerator,
    "openapi-python-generator": OpenapiPythonGenerator,
}


def adapter_name(sdk_name: str) -> str:
    """The adapter of an SDK: ``aiosdkgen@REV`` (aiosdkgen at another revision) is aiosdkgen's."""
    name = sdk_name.split("@", 1)[0]
    if name not in ADAPTERS:
        raise SystemExit(f"unknown --sdk {sdk_name!r}: one of {', '.join(sorted(ADAPTERS))}")
    return name


async def one_round(
    adapter: Adapter, operation: str, concurrency: int, requests: int
) -> dict[str, Any]:
    remaining = requests
    ok = 0
    errors: list[str] = []

    async def worker() -> None:
        nonlocal remaining, ok
        while remaining > 0:
            remaining -= 1
            try:
                result = await adapter.call(operation)
            except Exception as exc:  # a failed request is counted, not fatal
                errors.append(f"{type(exc).__name__}: {exc}"[:300])
                continue
            if len(result) == EXPECTED[operation]:
                ok += 1
            else:
                errors.append(f"unexpected result of length {len(result)}")

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    wall = time.perf_counter() - started
    return {
        "requests": requests,
        "ok": ok,
        "errors": len(errors),
        "first_error": errors[0] if errors else "",
        "wall_s": wall,
        "rps": requests / wall,
    }


async def runtime(args: argparse.Namespace) -> dict[str, Any]:
    adapter = ADAPTERS[adapter_name(args.sdk)](args.base_url)
    await adapter.open()
    try:
        # Warm-up: connections opened, lazily built validators built.
        warmup = await one_round(adapter, args.operation, args.concurrency, args.warmup)
        rounds = [
            await one_round(adapter, args.operation, args.concurrency, args.requests)
            for _ in range(args.rounds)
        ]
    finally:
        await adapter.close()
    return {
        "warmup": warmup,
        "rounds": rounds,
        "median_rps": statistics.median(r["rps"] for r in rounds),
        "requests": sum(r["requests"] for r in rounds),
        "ok": sum(r["ok"] for r in rounds),
        "errors": sum(r["errors"] for r in rounds) + warmup["errors"],
    }


class FloorOwner(pydantic.BaseModel):
    id: int
    login: str
    email: str | None = None


class FloorItem(pydantic.BaseModel):
    id: int
    name: str
    description: str | None = None
    price: float
    quantity: int | None = None
    active: bool
    tags: list[str]
    owner: FloorOwner


class FloorSection(pydantic.BaseModel):
    id: int
    title: str
    weight: float | None = None
    items: list[FloorItem]


class FloorDocument(pydantic.BaseModel):
    id: int
    title: str
    summary: str | None = None
    revision: int | None = None
    published: bool | None = None
    sections: list[FloorSection]


def cpu_times(function: Callable[[bytes], Any], content: bytes, rounds: int) -> dict[str, Any]:
    """CPU seconds of `function(content)`: the first call apart (lazy set-up), then a median."""
    times = []
    for _ in range(rounds + 1):
        gc.collect()
        started = time.process_time()
        result = function(content)
        times.append(time.process_time() - started)
        if len(result) != EXPECTED["documents"]:
            raise AssertionError(f"parsed {len(result)} documents")
        del result
    return {"first_s": times[0], "median_s": statistics.median(times[1:]), "runs": times[1:]}


async def parse(args: argparse.Namespace) -> dict[str, Any]:
    async with (
        aiohttp.ClientSession() as session,
        session.get(args.base_url + PATHS["documents"]) as response,
    ):
        content = await response.read()
    result: dict[str, Any] = {"bytes": len(content)}
    floor = pydantic.TypeAdapter(list[FloorDocument])
    result["floor"] = cpu_times(floor.validate_json, content, args.rounds)
    result["json_loads"] = cpu_times(json.loads, content, args.rounds)
    adapter = ADAPTERS[adapter_name(args.sdk)](args.base_url)
    await adapter.open()
    try:
        result["sdk"] = cpu_times(
            await adapter.parse_functions(args.rounds + 1), content, args.rounds
        )
    finally:
        await adapter.close()
    if adapter_name(args.sdk) == "aiosdkgen":
        # The SDK's models under a plain TypeAdapter: separates model design from runtime.
        list_type: Any = list  # list[<a runtime class>]: opaque to the type checker
        models: pydantic.TypeAdapter[Any] = pydantic.TypeAdapter(list_type[sdk("models").Document])
        result["sdk_models_type_adapter"] = cpu_times(models.validate_json, content, args.rounds)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("mode", choices=["runtime", "parse"])
    parser.add_argument(
        "--sdk", required=True, help=f"one of {', '.join(sorted(ADAPTERS))}, or aiosdkgen@REV"
    )
    parser.add_argument("--path", help="directory holding the generated `sdk` package")
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--operation", choices=sorted(EXPECTED), default="items")
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=2, help="requests before the rounds")
    args = parser.parse_args()
    if args.path:
        sys.path.insert(0, args.path)
    result = asyncio.run(runtime(args) if args.mode == "runtime" else parse(args))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
