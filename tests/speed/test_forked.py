"""Work done in a forked child: the same answer as done here, whatever happens to the child."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from aiosdkgen import pipeline, render
from aiosdkgen.render.modules import model_modules
from aiosdkgen.speed import Speedups, forked

ROOT = Path(__file__).resolve().parents[2]


def _pid_and_square(value: int) -> tuple[int, int]:
    return os.getpid(), value * value


def test_the_answer_comes_from_a_child_process() -> None:
    pid, square = forked.start(_pid_and_square, 12)()
    assert square == 144
    assert pid != os.getpid() if sys.platform == "linux" else pid == os.getpid()


def _dies_in_the_child(parent: int) -> str:
    if os.getpid() != parent:
        os._exit(3)  # killed, out of memory: no answer comes back
    return "computed by the parent"


def test_a_child_that_dies_is_replaced_by_computing_here() -> None:
    assert forked.start(_dies_in_the_child, os.getpid())() == "computed by the parent"


def _fails(message: str) -> None:
    raise ValueError(message)


def test_an_error_in_the_child_is_raised_here(capfd: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(ValueError, match="the spec is odd"):
        forked.start(_fails, "the spec is odd")()
    assert "Traceback" not in capfd.readouterr().err  # reported once, by the caller


def test_rendering_split_with_a_child_gives_the_same_files(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    api = pipeline.build_api(ROOT / "specs" / "showcase.yaml")
    options = pipeline.default_options(api)
    assert len(model_modules(api)) >= 4
    alone = render.render(api, options)
    monkeypatch.setattr(render, "_FORK_FROM_MODULES", 2)
    monkeypatch.setattr(render, "_PARENT_SHARE", 3)
    started = []

    def start(function: Callable[..., Any], *args: Any) -> Callable[[], Any]:
        started.append(args)
        return real_start(function, *args)

    real_start = forked.start
    monkeypatch.setattr(forked, "start", start)
    split = render.render(api, options, Speedups(cache=False))
    assert len(started) == 1 and started[0][0]  # a child rendered some model modules
    assert list(split) == list(alone)
    assert split == alone
