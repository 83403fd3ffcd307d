"""Instrumenting the generator from a bench script: code run around each call of a function."""
import functools
import os
import resource
import threading
import time


def around(owner, name, enter, leave):
    """Replace `owner.name` by a wrapper that calls `enter()` before each call and
    `leave(what enter returned)` after it, also when the call raises."""
    wrapped = getattr(owner, name)

    @functools.wraps(wrapped)
    def wrapper(*args, **kwargs):
        token = enter()
        try:
            return wrapped(*args, **kwargs)
        finally:
            leave(token)
    setattr(owner, name, wrapper)


class Timeline:
    """Wall-clock moments of a build, in seconds from the timeline's creation, from any thread."""

    def __init__(self):
        self._clock = time.perf_counter
        self._start = self._clock()
        self._lock = threading.Lock()
        self.events: list[tuple[float, str]] = []

    def note(self, what: str) -> None:
        with self._lock:
            self.events.append((self._clock() - self._start, what))

    def spans(self, owner, name: str, label: str) -> None:
        """Note each call of `owner.name` starting and ending."""
        around(owner, name, lambda: self.note(f"{label} start"), lambda _: self.note(f"{label} end"))

    def pagefind_processes(self, search_index) -> None:
        """Note each Pagefind process of `search_index` (the module) as its end is waited on."""
        finish = search_index._finish

        def timed_finish(process):
            started = self._clock() - self._start
            report = finish(process)
            shard = "/".join(part for part in process.args[2].split("/")[-3:] if part != "input")
            self.note(f"  pagefind {shard} ({report.pages} pages) ran until here, waited on from {started:.1f}")
            return report

        search_index._finish = timed_finish

    def print(self, digits: int = 1) -> None:
        """The moments in order (a span entered many times in the same instant, once), then CPU and load."""
        shown = set()
        for at, what in sorted(self.events):
            if (round(at, digits), what) not in shown:
                shown.add((round(at, digits), what))
                print(f"{at:7.{digits}f}  {what}")
        ru, me = resource.getrusage(resource.RUSAGE_CHILDREN), resource.getrusage(resource.RUSAGE_SELF)
        print("cpu: build process %.1f s, children (workers, Pagefind) %.1f s; load %s" % (
            me.ru_utime + me.ru_stime, ru.ru_utime + ru.ru_stime, os.getloadavg()))
