"""Builds that overlap or die: one at a time, a complete site at every moment, nothing left running.

Real builds in real processes, watched from outside as a web server and a reader would see them.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import REPO, copy_sample
from site_reader import Reader
from generator.engine import build_site, site_lock
from generator.publish import FileLock, project_lock, tied_to_this_process

# Pagefind names its filter files by content hash, in hash-map order (see test_publishing.py):
# the rest of the file list is the same in every build of the same input.
UNSTABLE = ("pagefind/filter/", "pagefind/pagefind.", "pagefind/pagefind-entry.json")
MUST_HAVE = ("index.html", "sitemap.xml", "pagefind/pagefind.js", "mo-hinh/index.html", "404.html")


def start_build(config: Path, site: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "--config", str(config), "build", "--site-dir", str(site), *extra],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def tree(folder_fd: int) -> dict[str, tuple[int, int]]:
    """path → (size, mtime) of every file under an open folder, wherever the folder is moved meanwhile."""
    found = {}
    for top, _, files, top_fd in os.fwalk(".", dir_fd=folder_fd):
        for name in files:
            stat = os.stat(name, dir_fd=top_fd, follow_symlinks=False)
            found[os.path.normpath(os.path.join(top, name))] = (stat.st_size, stat.st_mtime_ns)
    return found


class LiveSiteWatcher:
    """What a web server serving `site` sees while builds run.

    A reader process reads `site/index.html` as fast as it can. A thread walks the whole
    published folder again and again: every folder it ever finds at `site` must be complete,
    and never change while it is there (a build writes elsewhere, then swaps).
    """

    def __init__(self, site: Path):
        self.site = site
        self.reads = self.misses = 0
        self.trees: dict[tuple[int, int], set[str]] = {}  # folder → digests of its contents seen
        self.incomplete: list[str] = []
        self._stop = threading.Event()
        self._walker = threading.Thread(target=self._walk)

    def __enter__(self) -> "LiveSiteWatcher":
        self._reader = Reader(self.site)
        self._walker.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._walker.join()
        self.reads, self.misses = self._reader.finish()

    def _walk(self) -> None:
        while not self._stop.is_set():
            fd = os.open(self.site, os.O_RDONLY | os.O_DIRECTORY)
            try:
                # A folder is its inode, and its ctime: the inode of a deleted site is soon reused.
                stat = os.fstat(fd)
                folder = (stat.st_ino, stat.st_ctime_ns)
                files = tree(fd)
            finally:
                os.close(fd)
            missing = [name for name in MUST_HAVE if name not in files]
            if missing:
                self.incomplete.append(f"{folder}: {missing}")
            digest = hashlib.sha256(repr(sorted(files.items())).encode()).hexdigest()
            self.trees.setdefault(folder, set()).add(digest)
            time.sleep(0.01)

    def files_of(self) -> set[str]:
        fd = os.open(self.site, os.O_RDONLY | os.O_DIRECTORY)
        try:
            return {name for name in tree(fd) if not name.startswith(UNSTABLE)}
        finally:
            os.close(fd)


class Outputs:
    """A build process's stdout and stderr, read as they come (to see it start waiting)."""

    WAITING = "Đang có một lần dựng khác"

    def __init__(self, process: subprocess.Popen):
        self.process = process
        self.out: list[str] = []
        self.err: list[str] = []
        self.waiting = threading.Event()
        self._readers = [threading.Thread(target=self._read, args=(process.stdout, self.out)),
                         threading.Thread(target=self._read, args=(process.stderr, self.err))]
        for reader in self._readers:
            reader.start()

    def _read(self, stream, lines: list[str]) -> None:
        for line in stream:
            lines.append(line)
            if self.WAITING in line:
                self.waiting.set()

    def finish(self, timeout: float = 300) -> tuple[str, str]:
        self.process.wait(timeout)
        for reader in self._readers:
            reader.join(timeout)
        return "".join(self.out), "".join(self.err)


def test_two_builds_at_once_take_turns_and_a_reader_always_finds_a_complete_site(tmp_path):
    config = copy_sample(tmp_path / "src")
    site = build_site(config, tmp_path / "site")
    with LiveSiteWatcher(site) as watcher:
        expected = watcher.files_of()
        # A build in progress, held still: the test holds the site's lock as a running build
        # does, so both builds must wait, then take turns. (Started one after the other, an
        # incremental build of the sample could finish before the second process had started.)
        running = FileLock(site_lock(site))
        running.acquire(say=lambda message: None)
        # Each build has an edit to publish: with nothing changed, the build cache would leave
        # the site as it is (generator/buildcache/) and there would be nothing to take turns at.
        edit_hand_written_page(config)
        first = Outputs(start_build(config, site))
        assert first.waiting.wait(60), "the first build did not wait for the running one"
        edit_hand_written_page(config)
        second = Outputs(start_build(config, site))
        assert second.waiting.wait(60), "the second build did not wait for the running one"
        running.release()
        first_out, first_err = first.finish()
        second_out, second_err = second.finish()
        time.sleep(0.2)
    assert first.process.returncode == 0, first_err
    assert second.process.returncode == 0, second_err
    assert "chờ" in first_err and "chờ" in second_err
    assert "Đã dựng trang vào" in first_out and "Đã dựng trang vào" in second_out

    assert watcher.reads > 1000 and watcher.misses == 0, (watcher.reads, watcher.misses)
    assert watcher.incomplete == []
    # Two sites were live: the first build's, then the one of the build that got the lock first,
    # holding both edits (the other then found nothing new to publish: generator/buildcache/).
    # Each stayed the same for as long as it was live; the live site was never written into.
    assert len(set().union(*watcher.trees.values())) == 2, watcher.trees
    assert (site / "gioi-thieu" / "index.html").read_text("utf-8").count("Đã cập nhật.") == 2
    assert all(len(digests) == 1 for digests in watcher.trees.values()), watcher.trees
    assert watcher.files_of() == expected
    assert site.is_dir() and not site.is_symlink()  # CI artifacts and `mv site public` take it as it is
    assert not list(tmp_path.glob(".site-*/")) or _gone_soon(tmp_path)  # replaced sites are deleted


def edit_hand_written_page(config: Path) -> None:
    page = config.parent / "docs" / "gioi-thieu.md"
    page.write_text(page.read_text("utf-8") + "\nĐã cập nhật.\n", "utf-8")


def _gone_soon(folder: Path, timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while list(folder.glob(".site-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not list(folder.glob(".site-*"))


@pytest.mark.parametrize("locked", ["site", "project"])
def test_a_build_that_waited_too_long_refuses_in_vietnamese_and_touches_nothing(tmp_path, locked):
    config = copy_sample(tmp_path / "src")
    site = tmp_path / "site"
    path = site_lock(site) if locked == "site" else project_lock(tmp_path / "src")
    held = FileLock(path)
    held.acquire()
    try:
        started = time.monotonic()
        build = start_build(config, site, "--wait", "1")
        out, err = build.communicate(timeout=120)
    finally:
        held.release()
    assert build.returncode == 1
    assert f"Lần dựng khác (tiến trình {os.getpid()}) vẫn chưa xong sau 1 giây" in err
    assert "Traceback" not in err
    assert time.monotonic() - started < 60
    assert not site.exists() and not list(tmp_path.glob(".site-*"))
    assert not (tmp_path / "src" / "docs" / "mo-hinh").exists()  # the core wrote nothing either


def _children(pid: int) -> dict[int, str]:
    """Running (not zombie) children of `pid`: process id → command name."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        state, parent = stat[stat.rindex(")") + 2 :].split()[:2]
        if int(parent) == pid and state != "Z":
            found[int(entry)] = name
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parent-death signal is Linux's")
def test_a_tied_child_dies_with_its_parent_even_on_sigkill():
    parent = subprocess.Popen(
        [sys.executable, "-c", "import subprocess, sys, time\n"
         "from generator.publish import tied_to_this_process\n"
         "child = subprocess.Popen(['sleep', '60'], **tied_to_this_process())\n"
         "print(child.pid, flush=True); time.sleep(60)"],
        cwd=REPO, stdout=subprocess.PIPE, text=True,
    )
    child = int(parent.stdout.readline())
    assert _alive(child)
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 5
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not _alive(child)
    assert tied_to_this_process()  # on Linux the tie is really made


# Pagefind needs 0.3 s for the sample, so a real one killed or not would be gone before anyone
# looked. This stand-in, put where the build finds Pagefind, indexes for two minutes.
SLOW_PAGEFIND = """#!{python}
import time
time.sleep(120)
"""
BUILD_WITH_SLOW_PAGEFIND = """
import sys
from pathlib import Path
import generator.search_index
generator.search_index.get_executable = lambda: Path(sys.argv[1])
from generator.cli import main
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_killed_build_leaves_no_pagefind_running_and_the_next_build_cleans_up(tmp_path):
    config = copy_sample(tmp_path / "src")
    site = tmp_path / "site"
    pagefind_stand_in = tmp_path / "pagefind"
    pagefind_stand_in.write_text(SLOW_PAGEFIND.format(python=sys.executable), "utf-8")
    pagefind_stand_in.chmod(0o755)
    build = subprocess.Popen(
        [sys.executable, "-c", BUILD_WITH_SLOW_PAGEFIND, str(pagefind_stand_in),
         "--config", str(config), "build", "--site-dir", str(site)],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    pagefind = None
    while pagefind is None and build.poll() is None and time.monotonic() < deadline:
        pagefind = next((pid for pid, name in _children(build.pid).items() if name == "pagefind"), None)
        time.sleep(0.01)
    assert pagefind is not None, "the build never started Pagefind"
    time.sleep(0.5)  # the engine is rendering pages into the staging folder meanwhile
    build.kill()
    build.wait()
    deadline = time.monotonic() + 5
    while _alive(pagefind) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not _alive(pagefind), "Pagefind runs on after its build was killed"
    assert list(tmp_path.glob(".site-*")), "the killed build left no staging folder (nothing was tested)"
    assert not site.exists()  # a killed build publishes nothing

    (tmp_path / "src" / "docs" / ".generated.pending").write_text("mo-hinh/index.md\n", "utf-8")  # as if killed earlier
    build_site(config, site)
    assert (site / "index.html").is_file() and (site / "pagefind" / "pagefind.js").is_file()
    assert not list(tmp_path.glob(".site-*"))
    assert not (tmp_path / "src" / "docs" / ".generated.pending").exists()


def test_every_step_of_publishing_leaves_a_complete_site_in_place(tmp_path, monkeypatch):
    # A reader catches a gap between two renames only when the build is preempted there, so
    # check each file system step instead: after each, `site` must be a complete site.
    import generator.publish.swap as swap

    site = tmp_path / "site"
    for version in ("old", "new"):
        folder = site if version == "old" else swap.staging_folder(site)
        (folder / "pagefind").mkdir(parents=True)
        (folder / "index.html").write_text(version, "utf-8")
        (folder / "pagefind" / "pagefind.js").write_text(version, "utf-8")
        staging = folder
    steps: list[str] = []

    def checked(name, operation):
        def step(*args, **kwargs):
            result = operation(*args, **kwargs)
            steps.append(name)
            assert (site / "index.html").is_file() and (site / "pagefind" / "pagefind.js").is_file(), f"no site after {name}"
            return result
        return step

    monkeypatch.setattr(Path, "rename", checked("rename", Path.rename))
    monkeypatch.setattr(Path, "replace", checked("replace", Path.replace))
    monkeypatch.setattr(swap, "_exchange", checked("exchange", swap._exchange))
    swap.publish(staging, site)
    assert "exchange" in steps
    assert (site / "index.html").read_text("utf-8") == "new"
    assert _gone_soon(tmp_path)  # the old site is deleted in the background


def test_a_new_build_stops_the_pagefind_an_unfinished_one_left_running(tmp_path):
    """`mkdocs serve` goes on to the next rebuild after a failed one; the job of the failed one
    must not run on, unwaited for, beside the new build's."""
    from mkdocs.config import load_config

    from generator.search_index import IndexingJob

    documents = tmp_path / "documents"
    for number in range(300):  # enough for Pagefind to be still at work when the next build starts
        page = documents / f"trang-{number}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f"<html lang='vi'><body><main data-pagefind-body><h1>Trang {number}</h1>"
                        f"<p>{'Dân vận khéo trong chuyển đổi số. ' * 50}</p></main></body></html>", "utf-8")
    left_running = IndexingJob(documents, tmp_path / "index")
    config = load_config(str(copy_sample(tmp_path / "src")))
    plugin = config.plugins["guong-sang"]
    plugin._indexing = left_running
    try:
        plugin.on_pre_build(config)
        assert left_running._process.returncode is not None, "the unfinished build's Pagefind is still running"
    finally:
        plugin.on_build_error(RuntimeError("end of the test"))
        left_running.cancel()
