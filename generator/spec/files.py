"""Reading files whose path a user or a spec chose: only regular files, and only so much.

`/dev/zero` or `/dev/urandom` never end, a FIFO blocks until someone writes to it, and a socket
cannot be read at all: the spec, the files it refers to and an existing output's files are
opened without blocking and checked on the open file (no window for a swap in between).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

# The most bytes read from a spec or a file it refers to: Microsoft Graph's spec, the largest of
# the APIs.guru directory, is 20 MB, and a document takes about 30 times its size in memory once
# parsed (a 200 MB document ran out of memory).
MAX_SPEC_BYTES = 64 << 20


class NotRegularFile(OSError):
    """The path names a FIFO, a device, a socket or a directory."""


class TooLarge(OSError):
    """The file holds more than the caller's limit."""


def read(path: Path | str, limit: int | None = None) -> bytes:
    """The bytes of the regular file at `path` (symbolic links followed), at most `limit`."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as stream:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise NotRegularFile(f"{path} is not a regular file")
        raw = stream.read() if limit is None else stream.read(limit + 1)
    if limit is not None and len(raw) > limit:
        raise TooLarge(f"{path} holds more than {limit:,} bytes")
    return raw
