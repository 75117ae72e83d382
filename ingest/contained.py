"""Run one function over an untrusted file in a child process with a time and memory cap.

The child comes from a fork server (``multiprocessing``'s "forkserver"): a
small single-threaded process started once, with the reading modules already
imported, so each run starts fast and never inherits the threads, locks or
connections of the process asking (an API process serving requests). The
child gets ``RLIMIT_AS``; the caller kills it when the time is up. A hostile
file can then exhaust only its own child: the caller gets ``ResourceLimit``
or ``ProcessingTimeout`` and carries on. A caller killed outright (SIGKILL, the
OOM killer) cannot kill its children: each asks the kernel for a SIGKILL when
its parent ends (``die_with_parent``), so none reads on alone.
"""

from __future__ import annotations

import ctypes
import multiprocessing as mp
import os
import resource
import signal
import sys
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from ingest.errors import CertverifyError, ProcessingTimeout, ResourceLimit

T = TypeVar("T")
PRELOAD = ["ingest.previews"]  # imported once in the fork server, not per run
_context_lock = threading.Lock()
_context: Any = None
_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def die_with_parent(parent: int) -> None:
    """Called first in a child process: it is killed when ``parent`` ends, however it ends.

    Linux's parent-death signal (``prctl(PR_SET_PDEATHSIG)``) follows the thread that
    forked the child; here that thread waits for the child until it ends
    (``run_contained``, ``pipeline.isolate.process_isolated``), so it is the parent's
    life that counts. Elsewhere nothing is set. A parent already gone: exit at once.
    """
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


def _forkserver() -> Any:
    global _context
    with _context_lock:
        if _context is None:
            context = mp.get_context("forkserver")
            context.set_forkserver_preload(PRELOAD)
            _context = context
        return _context


def run_contained(target: Callable[..., T], *args: Any, timeout_s: float, memory_mb: int) -> T:
    """``target(*args)`` in a child; its ``CertverifyError`` is raised here as is.

    ``target`` and its arguments and result cross a pipe, so they must pickle
    (a module-level function, plain values).
    """
    context = _forkserver()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, memory_mb, target, args), daemon=True)
    child.start()
    sender.close()
    answered = False
    try:
        answered = receiver.poll(timeout_s)
        if answered:
            outcome, value = receiver.recv()
            if outcome == "ok":
                result: T = value
                return result
            raise value
    except EOFError:
        pass  # the child died without a word: its limit, a crash, or the kernel
    finally:
        if child.is_alive():
            child.kill()
        child.join(5)
        receiver.close()
    if not answered:
        raise ProcessingTimeout(f"It took longer than {timeout_s:g} s and was stopped.")
    raise ResourceLimit(
        f"The reading process stopped (exit status {child.exitcode}) within its "
        f"{memory_mb} MB: the file may be built to exhaust readers."
    )


def _child(
    sender: Connection, memory_mb: int, target: Callable[..., Any], args: tuple[Any, ...]
) -> None:
    die_with_parent(os.getppid())  # the fork server, which ends with the process it serves
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        sender.send(("ok", target(*args)))
    except CertverifyError as e:
        sender.send(("error", type(e)(e.message)))
    except MemoryError:
        sender.send(("error", ResourceLimit(f"It needed more than {memory_mb} MB of memory.")))
    finally:
        sender.close()
