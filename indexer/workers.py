"""Worker processes of a build die with the build.

A reindex killed mid-way (SIGKILL, OOM) must not leave its pool workers running:
an orphaned worker would go on writing its segment into the killed build's
``.building-*`` folder, re-creating it after the next reindex removed it as stale.
:func:`pool` gives a ``spawn`` pool whose workers ask Linux to kill them when their
parent dies (``prctl(PR_SET_PDEATHSIG)``); elsewhere the pool is a plain one.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import sys

log = logging.getLogger(__name__)

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int) -> None:
    """Pool initializer: this process is killed when its parent dies (Linux)."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
                log.warning("prctl(PR_SET_PDEATHSIG) failed: errno %d", ctypes.get_errno())
        except (OSError, AttributeError) as exc:   # no libc prctl: keep working
            log.warning("worker cannot follow its parent's death: %s", exc)
    if os.getppid() != parent_pid:   # the parent died before the request took effect
        os._exit(1)


def start_worker(parent_pid: int) -> None:
    """Pool initializer: the worker dies with its parent (`die_with_parent`) and leaves Ctrl-C
    to it. A terminal's Ctrl-C reaches every process of the foreground group: a worker that took
    it died with a KeyboardInterrupt traceback, the pool replaced it and waited for the tasks it
    had lost, and `kyoten reindex` hung instead of stopping. The parent stops on its
    KeyboardInterrupt and terminates its workers (`pool` users do, `with` or `terminate`)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(parent_pid)


def pool(processes: int):
    """A ``spawn`` process pool (the caller may be a multi-threaded server process,
    where fork could copy a held lock into the child) whose workers die with it and
    leave Ctrl-C to it (`start_worker`)."""
    import multiprocessing

    return multiprocessing.get_context("spawn").Pool(
        processes, initializer=start_worker, initargs=(os.getpid(),))
