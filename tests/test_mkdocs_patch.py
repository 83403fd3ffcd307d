"""What a build after edits to records only may keep of the previous site (generator/mkdocs_patch.py);
the build itself against a cold one: test_buildcache.py."""

from __future__ import annotations

import os
from pathlib import Path

from generator.mkdocs_patch import _same_file, nav_paths
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


def test_a_generated_file_is_kept_when_its_bytes_are_the_previous_sites_or_its_name_says_so(tmp_path: Path):
    docs, site = tmp_path / "docs", tmp_path / "site"
    docs.mkdir(), site.mkdir()
    (docs / "feed.xml").write_bytes(b"<rss>1</rss>")
    os.link(docs / "feed.xml", site / "feed.xml")
    assert _same_file(docs / "feed.xml", site / "feed.xml")  # the very file
    (site / "feed.xml").unlink()
    (site / "feed.xml").write_bytes(b"<rss>1</rss>")  # a copy (a CI cache restored)
    assert _same_file(docs / "feed.xml", site / "feed.xml")
    (site / "feed.xml").write_bytes(b"<rss>2</rss>")  # same size, other bytes
    assert not _same_file(docs / "feed.xml", site / "feed.xml")
    # A photo variant's name carries the digest of its photo and settings: its size is enough.
    (docs / "a-0123456789-320.webp").write_bytes(b"RIFF1")
    (site / "a-0123456789-320.webp").write_bytes(b"RIFF2")
    assert _same_file(docs / "a-0123456789-320.webp", site / "a-0123456789-320.webp", by_name=True)
    (site / "a-0123456789-320.webp").write_bytes(b"RIFF22")
    assert not _same_file(docs / "a-0123456789-320.webp", site / "a-0123456789-320.webp", by_name=True)
    assert not _same_file(docs / "a-0123456789-320.webp", site / "missing.webp", by_name=True)

