"""Listing a folder tree on strings (generator/filetree.py): what the sitemap, the search
documents and the build cache's digests see."""

from __future__ import annotations

import os

from generator.filetree import files_under


def test_files_are_listed_by_relative_posix_path_with_their_entries(tmp_path):
    (tmp_path / "tin-tuc" / "a").mkdir(parents=True)
    (tmp_path / "tin-tuc" / "a" / "index.html").write_text("a")
    (tmp_path / "lien-he.md").write_text("b")
    found = dict(files_under(tmp_path))
    assert sorted(found) == ["lien-he.md", "tin-tuc/a/index.html"]
    assert found["tin-tuc/a/index.html"].path == str(tmp_path / "tin-tuc" / "a" / "index.html")


def test_skipped_names_leave_out_files_and_whole_folders(tmp_path):
    (tmp_path / "_nhap").mkdir()
    (tmp_path / "_nhap" / "x.md").write_text("x")
    (tmp_path / ".an.md").write_text("x")
    (tmp_path / "gioi-thieu.md").write_text("x")
    hidden = lambda name: name.startswith((".", "_"))  # noqa: E731
    assert [relative for relative, _ in files_under(tmp_path, skip=hidden)] == ["gioi-thieu.md"]


def test_symlinked_folders_are_walked_only_when_asked(tmp_path):
    (tmp_path / "that").mkdir()
    (tmp_path / "that" / "f.md").write_text("x")
    (tmp_path / "root").mkdir()
    os.symlink(tmp_path / "that", tmp_path / "root" / "link")
    assert [relative for relative, _ in files_under(tmp_path / "root")] == ["link/f.md"]
    assert [relative for relative, _ in files_under(tmp_path / "root", follow_symlinks=False)] == ["link"]


def test_a_missing_folder_lists_nothing(tmp_path):
    assert list(files_under(tmp_path / "khong-co")) == []
