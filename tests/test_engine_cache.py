"""Which build cache a build opens (generator/engine.py: `open_cache`), with MkDocs faked: the
project's own folders, theme, configuration and editor bundle are its inputs, so that a change to
any of them rebuilds and nothing else does. The cache's own rules: test_buildcache.py."""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
from pathlib import Path

import pytest
from mkdocs.config import load_config

from generator import engine
from generator.publish import BuildBusy, FileLock, project_lock
from generator.buildcache.fingerprint import combine, config_digest, file_digest, tree_digests
from generator.cms.files import BUNDLE


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with its docs, records, theme folder and the web editor's bundle, each one file."""
    root = tmp_path / "du-an"
    for folder, name, text in [("tai-lieu", "index.md", "# Trang chủ"), ("ban-ghi", "tin-tuc/a.md", "---\ntitle: A\n---\n"),
                               ("giao-dien", "main.html", "{% extends 'base.html' %}")]:
        (root / folder / name).parent.mkdir(parents=True, exist_ok=True)
        (root / folder / name).write_text(text, "utf-8")
    (root / BUNDLE).parent.mkdir(parents=True)
    (root / BUNDLE).write_bytes(b"window.CMS = {};")
    (root / "mkdocs.yml").write_text(
        "site_name: Thử\ndocs_dir: tai-lieu\ntheme:\n  name: material\n  custom_dir: giao-dien\n"
        "plugins:\n  - guong-sang:\n      entries_dir: ban-ghi\n", "utf-8")
    return root


def test_the_cache_of_a_project_lives_in_its_build_folder_and_reads_its_own_inputs(project, tmp_path):
    config_file = project / "mkdocs.yml"
    site = tmp_path / "ra" / "site"
    cache = engine.open_cache(load_config(str(config_file)), config_file, site)
    assert cache.folder == project / "build" / "cache"
    assert cache.site_dir == site
    assert cache.previous == {}
    assert cache.entry_files == tree_digests(project / "ban-ghi") and list(cache.entry_files) == ["tin-tuc/a.md"]
    inputs = cache.inputs
    assert inputs["entries"] == combine(tree_digests(project / "ban-ghi"))
    assert inputs["docs"] == combine(tree_digests(project / "tai-lieu"))
    assert inputs["theme"] == combine(tree_digests(project / "giao-dien"))
    assert inputs["config"] == config_digest(config_file)
    assert inputs["cms"] == file_digest(b"window.CMS = {};")
    assert inputs["site_dir"] == str(site)  # outside the project: by its whole path
    inside = engine.open_cache(load_config(str(config_file)), config_file, project / "site")
    assert inside.inputs["site_dir"] == "site"  # inside: by its path there, so a moved checkout keeps its cache


def test_without_a_theme_folder_the_theme_is_no_input(project, tmp_path):
    config_file = project / "mkdocs.yml"
    config_file.write_text("site_name: Thử\ndocs_dir: tai-lieu\nplugins:\n  - guong-sang:\n      entries_dir: ban-ghi\n", "utf-8")
    cache = engine.open_cache(load_config(str(config_file)), config_file, tmp_path / "site")
    assert cache.inputs["theme"] == ""
    assert cache.inputs["docs"] == combine(tree_digests(project / "tai-lieu"))


@pytest.fixture
def builds(monkeypatch) -> list[Path]:
    """Where each faked MkDocs build wrote its one page."""
    seen: list[Path] = []

    def fake_build(config):
        seen.append(Path(config.site_dir))
        (Path(config.site_dir) / "index.html").write_text("<h1>Trang chủ</h1>", "utf-8")

    monkeypatch.setattr(engine, "mkdocs_build", fake_build)
    return seen


def test_a_build_with_no_change_keeps_the_site_and_any_change_of_input_rebuilds(project, tmp_path, builds, caplog):
    config_file, site = project / "mkdocs.yml", tmp_path / "site"
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.guong-sang")
    assert engine.build_site(config_file, site) == site.resolve()
    assert len(builds) == 1 and (project / "build" / "cache" / "stamp.json").is_file()

    assert engine.build_site(config_file, site) == site.resolve()
    assert len(builds) == 1, "nothing changed: the site stays as it is"
    assert "Không có thay đổi nào kể từ lần dựng trước: giữ nguyên trang đã dựng." in caplog.messages

    for changed in ("ban-ghi/tin-tuc/a.md", "tai-lieu/index.md", "giao-dien/main.html", BUNDLE):
        before = len(builds)
        (project / changed).write_text("thay đổi " + str(changed), "utf-8")
        engine.build_site(config_file, site)
        assert len(builds) == before + 1, f"{changed} changed: built again"
        engine.build_site(config_file, site)
        assert len(builds) == before + 1, f"{changed} unchanged since: not built again"

    # The same project built into another folder is another site.
    engine.build_site(config_file, tmp_path / "other")
    assert len(builds) == 6


def test_a_site_without_the_generator_has_no_cache(tmp_path, builds):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Trang", "utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: Thử\n", "utf-8")
    engine.build_site(tmp_path / "mkdocs.yml", tmp_path / "site")
    engine.build_site(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert len(builds) == 2, "no cache: every build builds"
    assert not (tmp_path / "build").exists()


def test_a_cache_that_cannot_be_written_only_warns(project, tmp_path, builds, caplog):
    (project / "build").mkdir()
    (project / "build" / "cache").write_text("không phải thư mục", "utf-8")  # build/cache/ cannot be made
    site = engine.build_site(project / "mkdocs.yml", tmp_path / "site")
    assert (site / "index.html").read_text("utf-8") == "<h1>Trang chủ</h1>"
    assert "Không ghi được bộ nhớ đệm của lần dựng (build/cache/)" in caplog.text


def test_a_scheduled_record_rebuilds_the_unchanged_site_once_it_is_due(project, tmp_path, monkeypatch):
    due = dt.datetime(2030, 1, 1, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    builds: list[bool] = []

    def fake_build(config):
        cache = config.plugins["guong-sang"].cache  # the build tells the plugin its cache
        builds.append(cache is not None)
        cache.next_publication = due  # what the plugin notes for a record dated `due`
        (Path(config.site_dir) / "index.html").write_text("<h1>Trang chủ</h1>", "utf-8")

    monkeypatch.setattr(engine, "mkdocs_build", fake_build)
    monkeypatch.setattr(engine, "now_in_vietnam", lambda: due - dt.timedelta(minutes=1))
    engine.build_site(project / "mkdocs.yml", tmp_path / "site")
    engine.build_site(project / "mkdocs.yml", tmp_path / "site")
    assert builds == [True], "not due yet: nothing to do"
    monkeypatch.setattr(engine, "now_in_vietnam", lambda: due)
    engine.build_site(project / "mkdocs.yml", tmp_path / "site")
    assert builds == [True, True]


def test_a_build_waits_for_the_projects_lock_and_says_what_it_waits_for(project, tmp_path, builds, caplog):
    other = FileLock(project_lock(project))
    other.acquire(wait=0)
    safety = threading.Timer(10, other.release)  # should the wait be ignored, fail instead of hanging
    safety.start()
    try:
        with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.guong-sang"), pytest.raises(BuildBusy):
            engine.build_site(project / "mkdocs.yml", tmp_path / "site", wait=0.2)
    finally:
        safety.cancel()
        other.release()
    assert builds == []
    assert [record.getMessage().split(";")[0] for record in caplog.records] == [
        f"Đang có một lần dựng khác (tiến trình {os.getpid()}) dùng thư mục docs/ và build/ của dự án"]
