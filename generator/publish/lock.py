"""One build at a time: advisory file locks, held for the whole build.

Two builds into one site folder, or two builds writing one project's docs/ tree, used to swap in
each other's half-written output (issue 9). flock(2) is the standard tool: the lock belongs to
an open file, so the kernel releases it when the holder exits or is killed; there is no stale
lock file to remove by hand. The holder writes its process id into the file, for the message.
"""

from __future__ import annotations

import fcntl
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

DEFAULT_WAIT = 30 * 60.0  # seconds: longer than any real build (10,000 records take about a minute)
POLL = 0.2


def project_lock(root: Path) -> Path:
    """The lock of a project's generated files (docs/ and the build/ work folder)."""
    return root / "build" / ".lock"


class BuildBusy(Exception):
    """Another build held the lock for longer than this one would wait."""


class FileLock:
    """An exclusive flock on `path`, taken by `acquire` and dropped by `release`."""

    def __init__(self, path: Path):
        self.path = path
        self._fd: int | None = None

    def acquire(self, wait: float = DEFAULT_WAIT, say: Callable[[str], None] = print, what: str = "") -> None:
        """Take the lock; if another process holds it, say so once and wait up to `wait`
        seconds, then raise BuildBusy. `what` names what is locked, for the messages."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            _acquire(fd, self.path, wait, say, what or str(self.path.parent))
        except BaseException:
            os.close(fd)
            raise
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the file drops the lock
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None


@contextmanager
def hold_locks(paths: list[Path], wait: float = DEFAULT_WAIT, say: Callable[[str], None] = print,
               what: str = "") -> Iterator[None]:
    """Hold every lock in `paths`, in order, for the duration of the block."""
    locks = [FileLock(path) for path in paths]
    try:
        for lock in locks:
            lock.acquire(wait, say, what)
        yield
    finally:
        for lock in reversed(locks):
            lock.release()


def _acquire(fd: int, path: Path, wait: float, say: Callable[[str], None], what: str) -> None:
    deadline = time.monotonic() + wait
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        holder = _holder(path)
        if not told:
            say(f"Đang có một lần dựng khác{holder} dùng {what}; lần dựng này chờ nó xong "
                f"(tối đa {_duration(wait)}). Nhấn Ctrl+C để thôi.")
            told = True
        if time.monotonic() >= deadline:
            raise BuildBusy(
                f"Lần dựng khác{holder} vẫn chưa xong sau {_duration(wait)}; lần dựng này dừng, trang đang "
                f"xuất bản giữ nguyên. Hãy chạy lại khi lần dựng kia xong (khóa: {path})."
            )
        time.sleep(min(POLL, max(0.0, deadline - time.monotonic())))


def _holder(path: Path) -> str:
    try:
        pid = path.read_text("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (tiến trình {pid})" if pid.isdigit() else ""


def _duration(seconds: float) -> str:
    if seconds >= 120:
        return f"{round(seconds / 60)} phút"
    return f"{seconds:g} giây"
