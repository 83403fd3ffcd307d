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

import _thread
import ctypes
import os
import signal
import sys
import threading
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

    Python drops an exception raised while a finaliser runs (a `__del__`, a generator closed by
    the garbage collector), reporting it to `sys.unraisablehook` and going on: a stop arriving
    then is lost, and the server runs on (the one cause found for a preview in CI still running
    30 s after SIGTERM; builds run in the main thread, where handlers run, creating garbage).
    The hook asks again, a moment later: asked from the hook itself, the handler would run in
    the hook, whose exceptions are dropped too.
    """
    for name in ("SIGTERM", "SIGHUP"):  # Windows has no SIGHUP
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _interrupt)
    previous = sys.unraisablehook

    def ask_again(report) -> None:
        if report.exc_type is KeyboardInterrupt and not sys.is_finalizing():  # no new threads then
            again = threading.Timer(0.05, _signal_main_thread)
            again.daemon = True
            again.start()
        else:
            previous(report)

    sys.unraisablehook = ask_again


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _signal_main_thread() -> None:
    if hasattr(signal, "pthread_kill"):  # a signal, unlike interrupt_main, ends a wait the thread is in
        signal.pthread_kill(threading.main_thread().ident, signal.SIGTERM)
    else:  # Windows
        _thread.interrupt_main(signal.SIGTERM)


@cache
def _prctl():
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
