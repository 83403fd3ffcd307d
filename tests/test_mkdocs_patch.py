"""What a build after edits to records only may keep of the previous site (generator/mkdocs_patch.py);
the build itself against a cold one: test_buildcache.py."""

from __future__ import annotations

import os
from pathlib import Path

from generator.mkdocs_patch import nav_paths
from generator.publish.links import link_files


def test_the_navigation_lists_its_pages_when_the_configuration_titles_every_one():
    nav = [{"Trang chủ": "index.md"}, {"Hướng dẫn": [{"Bắt đầu": "huong-dan/index.md"}, {"Ảnh": "/huong-dan/anh.md"}]},
           {"Báo Quảng Trị": "https://baoquangtri.vn/"}]
    assert nav_paths(nav) == {"index.md", "huong-dan/index.md", "huong-dan/anh.md"}


def test_a_page_titling_itself_in_the_navigation_keeps_nothing():
    assert nav_paths(None) is None  # MkDocs' automatic navigation: every page, titled by itself
    assert nav_paths([{"Trang chủ": "index.md"}, "lien-he.md"]) is None
    assert nav_paths([{"Hướng dẫn": ["huong-dan/index.md"]}]) is None


def test_files_are_linked_into_a_new_tree_and_the_missing_ones_named(tmp_path: Path):
    old, new = tmp_path / "site", tmp_path / "staging"
    (old / "tin-tuc" / "a").mkdir(parents=True)
    (old / "tin-tuc" / "a" / "index.html").write_text("<h1>A</h1>", "utf-8")
    (old / "404.html").write_text("404", "utf-8")
    new.mkdir()
    missing = link_files(old, new, ["tin-tuc/a/index.html", "404.html", "tin-tuc/b/index.html"])
    assert missing == ["tin-tuc/b/index.html"]
    assert os.path.samefile(old / "tin-tuc" / "a" / "index.html", new / "tin-tuc" / "a" / "index.html")
    assert os.path.samefile(old / "404.html", new / "404.html")
    assert not (new / "tin-tuc" / "b").exists()  # no folder for a file that is not there
