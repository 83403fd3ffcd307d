"""Processes that end cleanly: helpers die with the build, servers stopped by a signal clean up.

A SIGKILLed build cannot clean up after itself, and Pagefind, left alone, ran on for seconds
to minutes (issue 9). Linux can send a child a signal when its parent dies
(prctl(PR_SET_PDEATHSIG)); Python exposes no binding for it, hence ctypes. Elsewhere the child
is started as before.

The preview servers (`serve`, `preview`, `cms serve`) keep a whole site in a temporary folder,
removed when they stop; Python runs that clean-up on Ctrl+C (KeyboardInterrupt) but not when a
service manager, a closed terminal or a test stops the server with SIGTERM or SIGHUP.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from functools import cache

_PR_SET_PDEATHSIG = 1


def tied_to_this_process() -> dict:
    """Extra `subprocess.Popen` arguments: the child is killed when this process dies.

    The kernel ties the child to the thread that starts it; start it from a thread that lives
    as long as the build (the main thread, or MkDocs' rebuild thread in `serve`).
    """
    prctl = _prctl()
    if prctl is None:
        return {}
    parent = os.getpid()

    def tie() -> None:  # runs in the child, between fork and exec: keep it minimal
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the parent died before the tie was made
            os._exit(1)

    return {"preexec_fn": tie}


def stop_on_termination() -> None:
    """Take SIGTERM and SIGHUP as Ctrl+C, so that a stopped server runs its `finally` blocks.

    Without it each stopped preview left its site in /tmp (1.2 GB at 10,000 records with
    photos; 26 folders after one test run). Call it from the main thread, where Python runs
    signal handlers.
    """
    for name in ("SIGTERM", "SIGHUP"):  # Windows has no SIGHUP
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _interrupt)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


@cache
def _prctl():
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
