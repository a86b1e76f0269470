"""Auto-pagination on real specs: how many of GitHub's and Stripe's list operations are detected
as paginated, by style, and their generated SDKs paging through local servers on 127.0.0.1
that answer as GitHub (`GET /orgs/{org}/repos`, `Link` headers) and Stripe (`GET
/v1/customers`, `has_more` and `starting_after`) do."""

from __future__ import annotations

import copy
import importlib
import json
import subprocess
import sys
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from aiohttp import web
from aiosdkgen import parser
from aiosdkgen.spec import load

pytestmark = pytest.mark.slow

Start = Callable[[web.Application], Awaitable[str]]


def github_spec(corpus: Path) -> Path:
    return corpus / "github" / "generated" / "api.github.com.json"


def stripe_spec(corpus: Path) -> Path:
    return corpus / "directory" / "api" / "stripe.com.json"


def styles(spec: Path) -> Counter[str]:
    api = parser.parse(load(spec))
    operations = [op for r in api.resources for op in r.operations] + list(api.root_operations)
    return Counter(op.pagination.style for op in operations if op.pagination is not None)


def test_github_and_stripe_list_operations_detected(corpus_cache: Path) -> None:
    # Hand-checked samples in the branch's report; the misses are GitHub's cursor lists whose
    # spec documents no `Link` header (dependabot alerts, hook deliveries...).
    assert styles(github_spec(corpus_cache)) == {"link": 191, "page": 69}
    assert styles(stripe_spec(corpus_cache)) == {"starting_after": 99, "cursor": 7}


def generated(spec: Path, out: Path, package: str) -> Iterator[ModuleType]:
    run = subprocess.run(
        [sys.executable, "-m", "aiosdkgen", "generate", str(spec), "-o", str(out),
         "--package-name", package],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    sys.path.insert(0, str(out))
    try:
        yield importlib.import_module(package)
    finally:
        sys.path.remove(str(out))
        for name in [m for m in sys.modules if m.split(".")[0] == package]:
            del sys.modules[name]


@pytest.fixture(scope="module")
def github_sdk(
    corpus_cache: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ModuleType]:
    yield from generated(github_spec(corpus_cache), tmp_path_factory.mktemp("gh"), "gh_pages")


@pytest.fixture(scope="module")
def stripe_sdk(
    corpus_cache: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ModuleType]:
    yield from generated(stripe_spec(corpus_cache), tmp_path_factory.mktemp("st"), "st_pages")


async def test_github_org_repos_follow_link_headers(
    github_sdk: ModuleType, corpus_cache: Path, server: Start
) -> None:
    spec = json.loads(github_spec(corpus_cache).read_text())
    template = spec["components"]["examples"]["minimal-repository-items"]["value"][0]
    seen: list[str] = []

    async def repos(request: web.Request) -> web.Response:
        seen.append(request.raw_path)
        assert request.headers["Authorization"] == "Bearer ghp_test"
        page = int(request.query.get("page", "1"))
        body = []
        for index in range(2 if page < 3 else 1):
            repo = copy.deepcopy(template)
            repo["id"], repo["name"] = page * 10 + index, f"repo-{page}-{index}"
            body.append(repo)
        links = []
        if page < 3:
            # As GitHub does: the next page under the organization's id, not its name.
            following = request.url.with_path("/organizations/42/repos").with_query(
                per_page=2, page=page + 1
            )
            links.append(f'<{following}>; rel="next"')
        links.append(f'<{request.url.with_query(per_page=2, page=3)}>; rel="last"')
        return web.json_response(body, headers={"Link": ", ".join(links)})

    app = web.Application()
    app.router.add_get("/orgs/octo-org/repos", repos)
    app.router.add_get("/organizations/42/repos", repos)
    base = await server(app)
    models = importlib.import_module("gh_pages.models")
    async with github_sdk.Client(
        base_url=base, headers={"Authorization": "Bearer ghp_test"}
    ) as client:
        first = await client.repos.list_for_org("octo-org", per_page=2)
        assert [repo.name for repo in first] == ["repo-1-0", "repo-1-1"]
        names = []
        async for repo in client.repos.list_for_org("octo-org", per_page=2):
            assert isinstance(repo, models.MinimalRepository)
            names.append(repo.name)
    assert names == ["repo-1-0", "repo-1-1", "repo-2-0", "repo-2-1", "repo-3-0"]
    # The spec's defaults (type, sort, page) are sent; the next pages are the Link header's.
    assert seen == [
        "/orgs/octo-org/repos?type=all&sort=created&per_page=2&page=1",
        "/orgs/octo-org/repos?type=all&sort=created&per_page=2&page=1",
        "/organizations/42/repos?per_page=2&page=2",
        "/organizations/42/repos?per_page=2&page=3",
    ]


async def test_stripe_customers_page_with_starting_after(
    stripe_sdk: ModuleType, server: Start
) -> None:
    ids = [f"cus_{i:03}" for i in range(7)]
    seen: list[str] = []

    async def customers(request: web.Request) -> web.Response:
        seen.append(request.raw_path)
        after = request.query.get("starting_after")
        start = ids.index(after) + 1 if after else 0
        limit = int(request.query.get("limit", "10"))
        data: list[dict[str, Any]] = [
            {"id": i, "object": "customer", "created": 1700000000, "livemode": False}
            for i in ids[start : start + limit]
        ]
        more = start + limit < len(ids)
        return web.json_response(
            {"object": "list", "data": data, "has_more": more, "url": "/v1/customers"}
        )

    app = web.Application()
    app.router.add_get("/v1/customers", customers)
    base = await server(app)
    async with stripe_sdk.Client(base_url=base, bearer_auth="sk_test_x") as client:
        found = [customer.id async for customer in client.get_customers(limit=3)]
        pages = [page async for page in client.get_customers(limit=5, email="a@b.c").pages()]
    assert found == ids
    assert seen[:3] == [
        "/v1/customers?limit=3",
        "/v1/customers?limit=3&starting_after=cus_002",
        "/v1/customers?limit=3&starting_after=cus_005",
    ]
    assert [len(page.items) for page in pages] == [5, 2]
    assert [page.body.has_more for page in pages] == [True, False]
    assert seen[3:] == [
        "/v1/customers?email=a%40b.c&limit=5",
        "/v1/customers?email=a%40b.c&limit=5&starting_after=cus_004",
    ]
