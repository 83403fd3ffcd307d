"""The replaced site kept as the next build's starting point (generator/publish/spare.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.buildcache.fingerprint import site_files
from generator.publish import publish, staging_folder, swap
from generator.publish.spare import discard_spare, fill_from_spare, keep_spare, spare_folder


def write(root: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, "utf-8")


def tree(root: Path) -> dict[str, str]:
    """Every file under `root` with its text, and every folder (ending in /)."""
    found: dict[str, str] = {}
    for folder, folders, names in os.walk(root):
        relative = Path(folder).relative_to(root).as_posix()
        if relative != ".":
            found[relative + "/"] = ""
        for name in names:
            found[Path(relative, name).as_posix()] = (Path(folder) / name).read_text("utf-8")
    return found


@pytest.fixture
def published(tmp_path: Path) -> Path:
    """A published site whose spare is the site it replaced: most files the very same."""
    site = tmp_path / "site"
    write(site, {"index.html": "trang chủ mới", "tin-tuc/a/index.html": "bài A", "tin-tuc/b/index.html": "bài B",
                 "tin-tuc/moi/index.html": "bài mới", "anh/x.jpg": "ảnh", "pagefind/p.js": "chỉ mục mới"})
    spare = spare_folder(site)
    write(spare, {"index.html": "trang chủ cũ", "tin-tuc/da-go/index.html": "bài đã gỡ", "chuyen-muc/cu/index.html": "cũ",
                  "pagefind/p.js": "chỉ mục cũ", "pagefind/f/1.pf": "mảnh"})
    for shared in ("tin-tuc/a/index.html", "tin-tuc/b/index.html", "anh/x.jpg"):
        (spare / shared).parent.mkdir(parents=True, exist_ok=True)
        os.link(site / shared, spare / shared)
    return site


def test_the_staging_folder_holds_exactly_the_kept_files_as_the_published_sites_own(published, monkeypatch):
    monkeypatch.setattr("generator.publish.spare.remove_in_background", lambda folder: None)
    staging = staging_folder(published)
    inodes = {relative: inode for relative, (_size, inode) in site_files(published).items()}
    kept = ["tin-tuc/a/index.html", "tin-tuc/moi/index.html", "anh/x.jpg", "tin-tuc/khong-co/index.html"]

    missing = fill_from_spare(staging, published, inodes, kept, "pagefind")

    assert missing == ["tin-tuc/khong-co/index.html"]  # not in the published site: the build makes it
    assert not spare_folder(published).exists()
    # What linking the kept files into an empty folder leaves: nothing else, no empty folder.
    assert tree(staging) == {"tin-tuc/": "", "tin-tuc/a/": "", "tin-tuc/a/index.html": "bài A",
                             "tin-tuc/moi/": "", "tin-tuc/moi/index.html": "bài mới", "anh/": "", "anh/x.jpg": "ảnh"}
    for relative in ("tin-tuc/a/index.html", "tin-tuc/moi/index.html", "anh/x.jpg"):
        assert (staging / relative).stat().st_ino == (published / relative).stat().st_ino
    # The published site is untouched.
    assert tree(published)["index.html"] == "trang chủ mới" and tree(published)["tin-tuc/b/index.html"] == "bài B"


def test_a_spare_file_that_is_not_the_published_one_is_replaced_not_written_into(published):
    (spare_folder(published) / "tin-tuc" / "moi").mkdir(parents=True)
    (spare_folder(published) / "tin-tuc" / "moi" / "index.html").write_text("bản cũ", "utf-8")
    staging = staging_folder(published)
    inodes = {relative: inode for relative, (_size, inode) in site_files(published).items()}

    assert fill_from_spare(staging, published, inodes, ["tin-tuc/moi/index.html"], "pagefind") == []

    assert (staging / "tin-tuc" / "moi" / "index.html").read_text("utf-8") == "bài mới"
    assert (published / "tin-tuc" / "moi" / "index.html").read_text("utf-8") == "bài mới"


def test_without_a_spare_nothing_is_done(tmp_path):
    site = tmp_path / "site"
    write(site, {"index.html": "trang"})
    staging = staging_folder(site)
    assert fill_from_spare(staging, site, {"index.html": 1}, ["index.html"], "pagefind") is None
    assert staging.is_dir() and not any(staging.iterdir())


@pytest.mark.parametrize("exchange", [True, False], ids=["rename-exchange", "two-renames"])
def test_publish_hands_back_the_replaced_site_to_keep_as_the_spare(tmp_path, monkeypatch, exchange):
    if exchange and swap._renameat2() is None:
        pytest.skip("no renameat2 on this system")
    if not exchange:
        monkeypatch.setattr(swap, "_exchange", lambda first, second: False)
    site = tmp_path / "site"
    write(site, {"index.html": "cũ"})
    staging = staging_folder(site)
    write(staging, {"index.html": "mới"})

    replaced = publish(staging, site, keep_replaced=True)
    keep_spare(replaced, site)

    assert (site / "index.html").read_text("utf-8") == "mới"
    assert (spare_folder(site) / "index.html").read_text("utf-8") == "cũ"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.spare", "site"]  # nothing for the sweep
    discard_spare(site)
    assert not spare_folder(site).exists()
