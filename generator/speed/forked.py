"""Compute something in a forked child process while the parent goes on with other work.

Generating from a large document has independent CPU-bound parts (validating the document,
rendering thousands of model modules); a forked child runs one of them on the machine's other
core. Fork makes this cheap: the child inherits its inputs, nothing is pickled but the result.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

T = TypeVar("T")


def _send(function: Callable[..., Any], args: tuple[Any, ...], connection: Connection) -> None:
    with connection:
        try:
            answer = function(*args)
        except BaseException:
            return  # no answer: the parent computes it again and reports the error its way
        connection.send(answer)


def start(function: Callable[..., T], *args: Any) -> Callable[[], T]:
    """Begin `function(*args)` in a forked child; the returned function waits for its result.

    Where fork is unavailable or unsafe (not Linux), or when the child dies without an answer
    (killed, out of memory, an exception), the result is computed in this process instead:
    the answer is the same, only later."""
    if sys.platform != "linux":
        return lambda: function(*args)
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    # The child would flush a copy of any buffered output when it exits.
    sys.stdout.flush()
    sys.stderr.flush()
    child = context.Process(target=_send, args=(function, args, sending), daemon=True)
    child.start()
    sending.close()

    def result() -> T:
        try:
            answer: T = receiving.recv()
        except EOFError:
            answer = function(*args)
        finally:
            receiving.close()
            child.join()
        return answer

    return result
