"""Writing the plan into docs/: only changes, stale pages removed, hand-written pages safe."""

from __future__ import annotations

import pytest

from generator.outputs import OutputFile
from generator.pages import Page
from generator.writer import WouldOverwrite, write_pages


def test_unchanged_pages_are_not_rewritten_and_stale_ones_removed(tmp_path):
    first = write_pages([Page("tin-tuc/a/", "A", "<p>a</p>"), Page("tin-tuc/b/", "B", "<p>b</p>")], tmp_path)
    assert (first.written, first.unchanged, first.removed) == (2, 0, 0)
    second = write_pages([Page("tin-tuc/a/", "A", "<p>a</p>")], tmp_path)
    assert (second.written, second.unchanged, second.removed) == (0, 1, 1)
    assert not (tmp_path / "tin-tuc" / "b").exists()
    assert "/tin-tuc/" in (tmp_path / ".gitignore").read_text("utf-8")


def test_a_hand_written_page_is_never_overwritten(tmp_path):
    (tmp_path / "gioi-thieu").mkdir()
    (tmp_path / "gioi-thieu" / "index.md").write_text("# Giới thiệu", "utf-8")
    with pytest.raises(WouldOverwrite):
        write_pages([Page("gioi-thieu/", "Trùng", "<p>x</p>")], tmp_path)
    assert (tmp_path / "gioi-thieu" / "index.md").read_text("utf-8") == "# Giới thiệu"


def test_titles_with_yaml_syntax_are_quoted_exactly(tmp_path):
    write_pages([Page("x/", 'Chủ đề: "Dân vận khéo" # 1', "<p>x</p>")], tmp_path)
    import yaml

    text = (tmp_path / "x" / "index.md").read_text("utf-8")
    assert yaml.safe_load(text.split("---")[1])["title"] == 'Chủ đề: "Dân vận khéo" # 1'


def test_test_projects_are_copied_without_the_pages_a_local_build_generated(tmp_path, monkeypatch):
    # A local `make build` leaves generated pages in the repo's docs/; copied into a test
    # project they made "nothing was written" checks fail (tests/test_atomic_build.py).
    import conftest
    from generator.site import Project, generate

    repo = tmp_path / "repo"
    conftest.copy_sample(repo)
    hand_written = {p.relative_to(repo / "docs") for p in (repo / "docs").rglob("*")}
    generate(Project.at(repo), now=conftest.NOW)  # what a local build leaves behind
    (repo / "docs" / ".generated.pending").write_text("trang-dang-viet/index.md\n", "utf-8")  # a killed one
    (repo / "docs" / "trang-dang-viet").mkdir()
    (repo / "docs" / "trang-dang-viet" / "index.md").write_text("---\ngenerated: true\n---\n", "utf-8")
    assert (repo / "docs" / "mo-hinh" / "index.md").is_file()
    monkeypatch.setattr(conftest, "REPO", repo)
    conftest.copy_sample(tmp_path / "copy")
    assert {p.relative_to(tmp_path / "copy" / "docs") for p in (tmp_path / "copy" / "docs").rglob("*")} == hand_written


def test_photo_variants_are_hard_links_into_the_cache_and_replaced_when_their_content_differs(tmp_path, monkeypatch):
    import os

    from generator.outputs import LinkedFile

    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "320.avif").write_bytes(b"avif bytes")
    (cache / "other.avif").write_bytes(b"other, longer avif bytes")
    docs = tmp_path / "docs"
    write_pages([LinkedFile("anh/a-320.avif", cache / "320.avif")], docs)
    assert (docs / "anh" / "a-320.avif").stat().st_ino == (cache / "320.avif").stat().st_ino
    # Same name, other content (a different size): replaced whole, never written into.
    report = write_pages([LinkedFile("anh/a-320.avif", cache / "other.avif")], docs)
    assert report.written == 1 and (docs / "anh" / "a-320.avif").read_bytes() == b"other, longer avif bytes"
    assert (cache / "320.avif").read_bytes() == b"avif bytes"
    assert sorted(p.name for p in (docs / "anh").iterdir()) == ["a-320.avif"]  # no staged leftovers
    # Across file systems (no hard links): a copy.
    def no_links(source, target):
        raise OSError(18, "Invalid cross-device link")
    monkeypatch.setattr(os, "link", no_links)
    write_pages([LinkedFile("anh/b-320.avif", cache / "320.avif")], docs)
    assert (docs / "anh" / "b-320.avif").read_bytes() == b"avif bytes"
    assert (docs / "anh" / "b-320.avif").stat().st_ino != (cache / "320.avif").stat().st_ino


def test_a_page_written_while_docs_is_scanned_is_not_taken_for_a_hand_written_one(tmp_path, monkeypatch):
    """`check` beside a preview writing docs/ (`cms serve`): the writer lists a page as pending,
    writes it, lists it in the manifest, then clears the pending list, all while the scan walks."""
    import generator.docsfolder as docsfolder
    from generator.docsfolder import scan_docs

    docs = tmp_path / "docs"
    (docs / "tin-tuc").mkdir(parents=True)
    (docs / "gioi-thieu.md").write_text("# Giới thiệu\n", "utf-8")
    walk = docsfolder.walk_published

    def walk_while_a_page_is_written(folder, root, visit, **options):
        write_pages([OutputFile("tin-tuc/bai-moi/index.md", "# Bài mới\n".encode())], docs)  # the preview, meanwhile
        yield from walk(folder, root, visit, **options)

    monkeypatch.setattr(docsfolder, "walk_published", walk_while_a_page_is_written)
    assert scan_docs(docs, tmp_path).pages == {"gioi-thieu/": "gioi-thieu.md"}
