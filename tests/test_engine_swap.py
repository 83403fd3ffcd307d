"""The atomic build step (generator/engine.py) with the engine's work faked: fast, so that
`make mutation` can judge every change to it. Real builds are tested in test_publishing.py."""

from __future__ import annotations

import stat
import time
from pathlib import Path

import pytest

from generator import engine
from generator.publish import swap


@pytest.fixture
def config(tmp_path: Path) -> Path:
    (tmp_path / "src" / "docs").mkdir(parents=True)
    path = tmp_path / "src" / "mkdocs.yml"
    path.write_text("site_name: Thử\n", "utf-8")
    return path


@pytest.fixture
def builds(monkeypatch):
    """What each build writes (or raises), and where MkDocs was asked to write it."""
    seen: list[dict] = []

    def fake_build(config):
        seen.append({"site_dir": Path(config.site_dir), "strict": config.strict, "site_name": config.site_name})
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


def test_plugins_start_as_for_a_build_and_shut_down(config, builds, tmp_path, monkeypatch):
    _, steps = builds
    steps.append({"index.html": "mới"})
    events = []
    real_load = engine.load_config

    def load(*args, **kwargs):
        loaded = real_load(*args, **kwargs)
        loaded.plugins.on_startup = lambda **kw: events.append(("startup", kw))
        loaded.plugins.on_shutdown = lambda: events.append(("shutdown", {}))
        return loaded

    monkeypatch.setattr(engine, "load_config", load)
    engine.build_site(config, tmp_path / "site")
    assert events == [("startup", {"command": "build", "dirty": False}), ("shutdown", {})]


def test_the_replaced_site_waits_beside_the_new_one_under_a_name_the_next_build_sweeps(config, builds, tmp_path, monkeypatch):
    _, steps = builds
    steps += [{"index.html": "cũ"}, {"index.html": "mới"}, {"index.html": "mới nữa"}]
    removed = []
    monkeypatch.setattr(swap, "_remove_in_background", removed.append)
    site = tmp_path / "site"
    engine.build_site(config, site)
    engine.build_site(config, site)
    (old,) = removed
    assert old.parent == site.parent.resolve() and old.name.startswith(".site-")
    # Exchanged with the new site (renameat2), or moved into a folder of its own without it.
    replaced = old / "index.html" if (old / "index.html").exists() else old / "site" / "index.html"
    assert replaced.read_text("utf-8") == "cũ"
    engine.build_site(config, site)  # a build cut short before the removal: the next one sweeps up
    assert not old.exists()
