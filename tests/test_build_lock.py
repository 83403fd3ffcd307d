"""The pieces of the atomic build (generator/publish/) used on their own: the build lock and its
Vietnamese messages, and helper processes tied to the build. Fast, for `make mutation`; whole
builds taking turns are in test_atomic_build.py."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import threading
import time

import pytest

from generator.publish import BuildBusy, FileLock, hold_locks, project_lock, stop_on_termination, tied_to_this_process
from generator.publish.lock import POLL, _duration


def test_the_project_lock_is_in_its_build_folder(tmp_path):
    assert project_lock(tmp_path) == tmp_path / "build" / ".lock"


def test_the_holder_writes_its_process_id_and_lets_go(tmp_path):
    lock = FileLock(tmp_path / "build" / ".lock")  # the folder is made when missing
    assert not lock.held
    lock.acquire(wait=0)
    assert lock.held
    assert (tmp_path / "build" / ".lock").read_text("ascii") == f"{os.getpid()}\n"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE((tmp_path / "build" / ".lock").stat().st_mode) == 0o644 & ~umask  # others may read who holds it
    lock.release()
    assert not lock.held
    other = FileLock(tmp_path / "build" / ".lock")
    other.acquire(wait=0)  # free again
    other.release()


def test_a_second_build_says_who_holds_the_lock_waits_and_then_gives_up_in_vietnamese(tmp_path):
    path = tmp_path / ".site.lock"
    holder = FileLock(path)
    holder.acquire(wait=0)
    said: list[str] = []
    started = time.monotonic()
    with pytest.raises(BuildBusy) as refused:
        FileLock(path).acquire(wait=0.5, say=said.append, what="thư mục site/")
    waited = time.monotonic() - started
    holder.release()
    pid = os.getpid()
    assert said == [f"Đang có một lần dựng khác (tiến trình {pid}) dùng thư mục site/; lần dựng này chờ nó xong "
                    "(tối đa 0.5 giây). Nhấn Ctrl+C để thôi."]  # said once, not at every try
    assert str(refused.value) == (
        f"Lần dựng khác (tiến trình {pid}) vẫn chưa xong sau 0.5 giây; lần dựng này dừng, trang đang "
        f"xuất bản giữ nguyên. Hãy chạy lại khi lần dựng kia xong (khóa: {path})."
    )
    assert 0.5 <= waited < 0.5 + POLL + 1.5  # it waited as long as asked, not much longer


def test_the_wait_ends_as_soon_as_the_holder_lets_go(tmp_path):
    path = tmp_path / ".site.lock"
    holder = FileLock(path)
    holder.acquire(wait=0)
    threading.Timer(0.3, holder.release).start()
    waiting = FileLock(path)
    started = time.monotonic()
    waiting.acquire(wait=30, say=lambda message: None)
    assert time.monotonic() - started < 5
    assert path.read_text("ascii") == f"{os.getpid()}\n"
    waiting.release()


def test_a_lock_file_without_a_process_id_names_no_process_and_the_folder_by_default(tmp_path):
    path = tmp_path / ".site.lock"
    holder = FileLock(path)
    holder.acquire(wait=0)
    path.write_text("abc\n", "ascii")
    said: list[str] = []
    with pytest.raises(BuildBusy):
        FileLock(path).acquire(wait=0, say=said.append)  # what is locked: the lock's folder
    holder.release()
    assert said[0].startswith(f"Đang có một lần dựng khác dùng {tmp_path}; lần dựng này chờ nó xong")


@pytest.mark.parametrize("written", ["bản nháp".encode(), b"\xff\xfe"])
def test_a_lock_file_that_is_not_ascii_names_no_process(tmp_path, written):
    path = tmp_path / ".site.lock"
    holder = FileLock(path)
    holder.acquire(wait=0)
    path.write_bytes(written)
    said: list[str] = []
    with pytest.raises(BuildBusy):
        FileLock(path).acquire(wait=0, say=said.append, what="thư mục site/")
    holder.release()
    assert said[0].startswith("Đang có một lần dựng khác dùng thư mục site/; lần dựng này chờ nó xong")


def test_long_waits_are_told_in_minutes():
    assert [_duration(s) for s in (0.3, 12.5, 119, 120, 1800, 7200)] == [
        "0.3 giây", "12.5 giây", "119 giây", "2 phút", "30 phút", "120 phút"]


def test_hold_locks_holds_every_lock_for_the_block_and_lets_go_even_on_error(tmp_path):
    first, second = tmp_path / "a.lock", tmp_path / "b" / "b.lock"
    with pytest.raises(RuntimeError), hold_locks([first, second], wait=0):
        for path in (first, second):
            with pytest.raises(BuildBusy):
                FileLock(path).acquire(wait=0, say=lambda message: None)
        raise RuntimeError("build failed")
    for path in (first, second):
        again = FileLock(path)
        again.acquire(wait=0)  # free again
        again.release()


def test_a_helper_process_dies_with_the_thread_that_started_it():
    # The kernel signals a tied child when the thread that forked it ends, as when the build
    # that started Pagefind is killed.
    children: list[subprocess.Popen] = []
    options = tied_to_this_process()
    starter = threading.Thread(target=lambda: children.append(subprocess.Popen(["sleep", "60"], **options)))
    starter.start()
    starter.join()
    (child,) = children
    try:
        assert child.wait(timeout=5) == -signal.SIGKILL
    finally:
        child.kill()


def test_a_helper_process_lives_while_its_thread_does():
    child = subprocess.Popen(["sleep", "60"], **tied_to_this_process())
    try:
        with pytest.raises(subprocess.TimeoutExpired):
            child.wait(timeout=0.5)
    finally:
        child.kill()
        child.wait()


@pytest.fixture
def handlers_put_back():
    """The test process's signal handlers and unraisable hook, put back afterwards."""
    names = [name for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    before = {name: signal.getsignal(getattr(signal, name)) for name in names}
    hook = sys.unraisablehook
    yield names
    sys.unraisablehook = hook
    for name, handler in before.items():
        signal.signal(getattr(signal, name), handler)


def test_a_server_stopped_by_sigterm_or_sighup_stops_as_on_ctrl_c(handlers_put_back):
    # Python runs `finally` blocks (the preview's temporary site removed) on Ctrl+C only.
    stop_on_termination()
    for name in handlers_put_back:
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), getattr(signal, name))
            time.sleep(5)  # the handler raises here, in the main thread


def test_a_stop_arriving_while_a_finaliser_runs_is_not_lost(handlers_put_back):
    stop_on_termination()
    finalised: list[str] = []

    class Finalised:
        def __del__(self):
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.5)  # the handler raises here, inside the finaliser, where Python drops it
            finalised.append("went on")

    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        Finalised()
        time.sleep(5)  # raised again here, in ordinary code, waking the wait
    assert finalised == []  # the finaliser was interrupted: the first KeyboardInterrupt was dropped
    assert time.monotonic() - started < 2
