"""The search documents' memo (generator/buildcache/documents.py): a build reads again only the
documents changed since the last one, and what it answers is what reading them all gives."""

from __future__ import annotations

import os
from pathlib import Path

from generator.buildcache.documents import DocumentMemo
from generator.buildcache.fingerprint import file_digest
from generator.search_index import _token_words, _tokens

from search_fixture import document_words


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<article data-pagefind-body><p>{text}</p></article>", "utf-8")
    return path


def _every_word(folder: Path) -> set[str]:
    """Every document read whole: what the memo must answer."""
    return set().union(*(document_words(path.read_text("utf-8")) for path in folder.rglob("*.html")))


def _build(folder: Path, memo_file: Path) -> DocumentMemo:
    """What a build does with the memo: digests, then words, then keep it."""
    memo = DocumentMemo.open(folder, memo_file, salt="code")
    memo.digests()
    memo.words(_tokens, _token_words)
    memo.save()
    return memo


def _age(path: Path, seconds: int = 10) -> None:
    """As if written `seconds` earlier: a file older than the last scan, not racy."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns - seconds * 10**9))


def test_an_edit_reads_only_the_documents_it_changed(tmp_path):
    folder, memo_file = tmp_path / "documents", tmp_path / "memo.pickle"
    pages = [_write(folder, f"tin-{n}", f"Xã Đông{n} dân vận khéo") for n in range(5)]
    for page in pages:
        _age(page)
    assert _build(folder, memo_file).read_again == 5
    _write(folder, "tin-1", "Phường Tây mới")  # a word new to the site, "đông1" gone
    (folder / "tin-3" / "index.html").unlink()
    _write(folder, "tin-9", "Thôn Bắc")
    memo = DocumentMemo.open(folder, memo_file, salt="code")
    digests = memo.digests()
    assert memo.read_again == 2
    assert digests == {p.relative_to(folder).as_posix(): file_digest(p.read_bytes()) for p in folder.rglob("*.html")}
    words = memo.words(_tokens, _token_words)
    assert words == _every_word(folder)
    assert {"phường", "tây", "bắc"} <= words and not {"đông1", "đông3"} & words


def test_a_document_changed_within_the_clock_tick_of_the_last_scan_is_read_again(tmp_path):
    """Git's racy rule: a file whose modification time is not older than the scan may have
    been rewritten since, same size, same time; its stat cannot tell, so it is read again."""
    folder, memo_file = tmp_path / "documents", tmp_path / "memo.pickle"
    old, racy = _write(folder, "cu", "Xã Đông"), _write(folder, "moi", "Xã Nam")
    _age(old)
    _age(racy, -60)  # not older than the scan: as if written in its clock tick, or later
    _build(folder, memo_file)
    stat = racy.stat()
    racy.write_text(racy.read_text("utf-8").replace("Nam", "Bac"), "utf-8")  # same size
    os.utime(racy, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # and the same stat as scanned
    memo = DocumentMemo.open(folder, memo_file, salt="code")
    memo.digests()
    assert memo.read_again == 1  # the racy one; the old one comes from the memo
    assert memo.words(_tokens, _token_words) == {"xã", "đông", "bac"}


def test_the_memo_of_other_code_is_not_trusted(tmp_path):
    folder, memo_file = tmp_path / "documents", tmp_path / "memo.pickle"
    _age(_write(folder, "tin", "Xã Đông"))
    _build(folder, memo_file)
    memo = DocumentMemo.open(folder, memo_file, salt="other code")
    memo.digests()
    assert memo.read_again == 1


def test_an_entry_copied_over_with_its_old_time_is_read_again(tmp_path):
    """`cp -p` writes into the same inode and sets the old modification time; the inode's
    change time still moves, and the entries' memo compares it (`with_ctime`)."""
    folder, memo_file = tmp_path / "entries", tmp_path / "memo.pickle"
    folder.mkdir()
    entry = folder / "tin.md"
    entry.write_text("title: Nam\n", "utf-8")
    _age(entry)
    memo = DocumentMemo.open(folder, memo_file, with_words=False, with_ctime=True)
    memo.digests(suffix="")
    memo.save()
    stat = entry.stat()
    entry.write_text("title: Bac\n", "utf-8")
    os.utime(entry, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    memo = DocumentMemo.open(folder, memo_file, with_words=False, with_ctime=True)
    assert memo.digests(suffix="") == {"tin.md": file_digest(b"title: Bac\n")}
    assert memo.read_again == 1
