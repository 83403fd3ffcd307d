"""The atomic build step (generator/engine.py) with the engine's work faked: fast, so that
`make mutation` can judge every change to it. Real builds are tested in test_publishing.py."""

from __future__ import annotations

import fcntl
import logging
import os
import stat
import threading
import time
from pathlib import Path

import pytest

from generator import engine
from generator.publish import BuildBusy, FileLock, swap


@pytest.fixture(autouse=True)
def no_build_cache(monkeypatch):
    """These tests are about the lock and the swap, with MkDocs faked: the incremental cache
    (tests/test_buildcache.py) would see no change between two fake builds and skip the second."""
    monkeypatch.setattr(engine, "open_cache", lambda *args, **kwargs: None)


@pytest.fixture
def config(tmp_path: Path) -> Path:
    (tmp_path / "src" / "docs").mkdir(parents=True)
    path = tmp_path / "src" / "mkdocs.yml"
    # The project's own plugin: the build tells it how long to wait for the project's lock.
    # Its build events never run, since MkDocs' build is faked.
    path.write_text("site_name: Thử\nplugins:\n  - guong-sang\n", "utf-8")
    return path


def is_locked(path: Path) -> bool:
    """Whether some open file holds the flock on `path` (a second open file cannot take it)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)


@pytest.fixture
def builds(monkeypatch):
    """What each build writes (or raises), and where MkDocs was asked to write it."""
    seen: list[dict] = []

    def fake_build(config):
        staging = Path(config.site_dir)
        seen.append({"site_dir": staging, "strict": config.strict, "site_name": config.site_name,
                     "lock_wait": config.plugins["guong-sang"].lock_wait,
                     "locks_held": sorted(p.name for p in staging.parent.glob(".*.lock") if is_locked(p))})
        step = seen_steps.pop(0)
        if isinstance(step, BaseException):
            (Path(config.site_dir) / "half.html").write_text("nửa chừng", "utf-8")
            raise step
        for name, text in step.items():
            (Path(config.site_dir) / name).write_text(text, "utf-8")

    seen_steps: list = []
    monkeypatch.setattr(engine, "mkdocs_build", fake_build)
    return seen, seen_steps


def siblings(site: Path) -> list[str]:
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith(f".{site.name}-"))


def wait_until_gone(site: Path, seconds: float = 20) -> None:
    """The replaced site is deleted in the background."""
    deadline = time.monotonic() + seconds
    while siblings(site) and time.monotonic() < deadline:
        time.sleep(0.05)


def test_a_first_build_creates_the_site_readable_by_a_web_server(config, builds, tmp_path):
    seen, steps = builds
    steps.append({"index.html": "mới"})
    site = tmp_path / "out" / "site"
    assert engine.build_site(config, site) == site.resolve()
    assert (site / "index.html").read_text("utf-8") == "mới"
    assert stat.S_IMODE(site.stat().st_mode) == 0o755
    # MkDocs wrote into a staging folder beside the site, never into the site itself.
    assert seen[0]["site_dir"].parent == site.parent.resolve() and seen[0]["site_dir"].name.startswith(".site-")
    assert seen[0]["strict"] is False
    assert siblings(site) == []


def test_a_second_build_replaces_the_whole_site(config, builds, tmp_path):
    _, steps = builds
    steps += [{"index.html": "cũ", "old.html": "trang cũ"}, {"index.html": "mới"}]
    site = tmp_path / "site"
    engine.build_site(config, site)
    engine.build_site(config, site)
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]
    assert (site / "index.html").read_text("utf-8") == "mới"
    wait_until_gone(site)
    assert siblings(site) == []  # the old site and the staging folder are both gone


@pytest.mark.parametrize("failure", [RuntimeError("trang hỏng"), KeyboardInterrupt()])
def test_a_failed_build_keeps_the_old_site_and_leaves_nothing_behind(config, builds, tmp_path, failure):
    _, steps = builds
    steps += [{"index.html": "cũ"}, failure]
    site = tmp_path / "site"
    engine.build_site(config, site)
    with pytest.raises(type(failure)):
        engine.build_site(config, site)
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]
    assert (site / "index.html").read_text("utf-8") == "cũ"
    assert siblings(site) == []


def test_leftovers_of_killed_builds_are_swept_up(config, builds, tmp_path):
    _, steps = builds
    steps.append({"index.html": "mới"})
    site = tmp_path / "site"
    for name in (".site-abc123", ".site-old-xyz"):
        (tmp_path / name / "site").mkdir(parents=True)
    (tmp_path / ".other-keep").mkdir()
    engine.build_site(config, site)
    assert siblings(site) == []
    assert (tmp_path / ".other-keep").is_dir()  # only this site's leftovers


def test_strict_is_passed_to_the_engine(config, builds, tmp_path):
    seen, steps = builds
    steps.append({"index.html": "mới"})
    engine.build_site(config, tmp_path / "site", strict=True)
    assert seen[0]["strict"] is True


def test_the_site_folder_defaults_to_the_configured_one(config, builds):
    _, steps = builds
    steps.append({"index.html": "mới"})
    site = engine.build_site(config)
    assert site == (config.parent / "site").resolve()
    assert (site / "index.html").read_text("utf-8") == "mới"


def test_serve_passes_the_config_and_address_with_live_reload(config, monkeypatch):
    calls = []
    monkeypatch.setattr(engine, "mkdocs_serve", lambda *args, **kwargs: calls.append((args, kwargs)))
    engine.serve_site(config.parent / "." / config.name, dev_addr="127.0.0.1:8123")
    assert calls == [((str(config.resolve()),), {"dev_addr": "127.0.0.1:8123", "livereload": True})]


def test_the_build_reads_the_given_config_into_a_new_nested_folder(config, builds, tmp_path):
    seen, steps = builds
    steps.append({"index.html": "mới"})
    site = tmp_path / "xa" / "hon" / "site"  # parents that do not exist yet
    engine.build_site(config, site)
    assert (site / "index.html").is_file()
    assert seen[0]["site_name"] == "Thử"  # the given mkdocs.yml, not one in the working folder


def test_a_stray_file_named_like_a_leftover_does_not_stop_the_build(config, builds, tmp_path):
    _, steps = builds
    steps.append({"index.html": "mới"})
    (tmp_path / ".site-ghi-chu").write_text("không phải thư mục", "utf-8")
    engine.build_site(config, tmp_path / "site")
    assert (tmp_path / "site" / "index.html").is_file()


@pytest.mark.parametrize("step", [{"index.html": "mới"}, RuntimeError("trang hỏng")], ids=["built", "failed"])
def test_plugins_start_as_for_a_build_and_shut_down(config, builds, tmp_path, monkeypatch, step):
    _, steps = builds
    steps.append(step)
    events = []
    real_load = engine.load_config

    def load(*args, **kwargs):
        loaded = real_load(*args, **kwargs)
        loaded.plugins.on_startup = lambda **kw: events.append(("startup", kw))
        loaded.plugins.on_shutdown = lambda: events.append(("shutdown", {}))
        return loaded

    monkeypatch.setattr(engine, "load_config", load)
    if isinstance(step, BaseException):
        with pytest.raises(type(step)):
            engine.build_site(config, tmp_path / "site")
    else:
        engine.build_site(config, tmp_path / "site")
    assert events == [("startup", {"command": "build", "dirty": False}), ("shutdown", {})]


@pytest.mark.parametrize("exchange", [True, False], ids=["rename-exchange", "two-renames"])
def test_the_replaced_site_waits_beside_the_new_one_under_a_name_the_next_build_sweeps(config, builds, tmp_path, monkeypatch, exchange):
    if exchange and swap._renameat2() is None:
        pytest.skip("no renameat2 on this system")
    if not exchange:  # systems or file systems without renameat2(RENAME_EXCHANGE)
        monkeypatch.setattr(swap, "_exchange", lambda first, second: False)
    _, steps = builds
    steps += [{"index.html": "cũ"}, {"index.html": "mới"}, {"index.html": "mới nữa"}]
    removed = []
    monkeypatch.setattr(swap, "remove_in_background", removed.append)
    site = tmp_path / "site"
    engine.build_site(config, site)
    engine.build_site(config, site)
    (old,) = removed
    assert old.parent == site.parent.resolve() and old.name.startswith(".site-")
    replaced = old if exchange else old / "site"  # the exchange leaves the old site in the staging folder
    assert (replaced / "index.html").read_text("utf-8") == "cũ"
    assert (site / "index.html").read_text("utf-8") == "mới"
    engine.build_site(config, site)  # a build cut short before the removal: the next one sweeps up
    assert not old.exists()
    assert (site / "index.html").read_text("utf-8") == "mới nữa"


def test_the_build_holds_the_site_folders_lock_beside_it_and_then_lets_go(config, builds, tmp_path):
    seen, steps = builds
    steps += [{"index.html": "mới"}, {"index.html": "mới nữa"}]
    site = tmp_path / "site"
    engine.build_site(config, site)
    # Beside the site, so that it survives the swap and every build into site/ takes the same one.
    assert engine.site_lock(site) == tmp_path / ".site.lock"
    assert seen[0]["locks_held"] == [".site.lock"]
    assert not is_locked(tmp_path / ".site.lock")
    engine.build_site(config, site)  # the next build can take it again
    assert seen[1]["locks_held"] == [".site.lock"]


def test_a_build_that_cannot_get_the_lock_in_time_gives_up_and_touches_nothing(config, builds, tmp_path, caplog):
    seen, steps = builds
    steps += [{"index.html": "cũ"}, {"index.html": "mới"}]
    site = tmp_path / "site"
    engine.build_site(config, site)
    (tmp_path / ".site-leftover").mkdir()  # swept only by a build that holds the lock
    other = FileLock(engine.site_lock(site))
    other.acquire(wait=0)
    # Should the wait given be ignored (30 minutes by default), let go after a while: the build
    # then runs, and the test fails instead of hanging.
    safety = threading.Timer(10, other.release)
    safety.start()
    try:
        with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.guong-sang"), pytest.raises(BuildBusy):
            engine.build_site(config, site, wait=0.3)
    finally:
        safety.cancel()
        other.release()
    assert len(seen) == 1  # MkDocs never ran
    assert (site / "index.html").read_text("utf-8") == "cũ"
    assert siblings(site) == [".site-leftover"]
    assert any("site/" in record.getMessage() for record in caplog.records)  # says what it waits for


def test_the_wait_is_passed_to_the_plugin_that_locks_the_project(config, builds, tmp_path):
    seen, steps = builds
    steps += [{"index.html": "mới"}, {"index.html": "mới nữa"}]
    engine.build_site(config, tmp_path / "site", wait=12.5)
    engine.build_site(config, tmp_path / "site")
    assert seen[0]["lock_wait"] == 12.5
    assert seen[1]["lock_wait"] == engine.DEFAULT_WAIT
