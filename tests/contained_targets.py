"""Functions run in contained children by tests/test_contained.py.

A module of their own, importing almost nothing: the child imports the
module a target lives in, and a test module would drag pytest and the
whole service in with it.
"""

from __future__ import annotations

import os
import signal
import time

from ingest.errors import NotFound


def allocate(megabytes: int) -> int:
    return len(bytearray(megabytes * 1024 * 1024))


def linger(seconds: float) -> str:
    time.sleep(seconds)
    return "late"


def crash() -> None:
    os.kill(os.getpid(), signal.SIGSEGV)


def refuse() -> None:
    raise NotFound("no page 9")


def pid() -> int:
    return os.getpid()
