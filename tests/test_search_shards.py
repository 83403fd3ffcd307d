"""The sharded search index (generator/search_index.py): how it is built must not change what it holds."""

from __future__ import annotations

import hashlib
import html
import re
import json
import subprocess
import time
from pathlib import Path

import pytest

from generator import search_index
from generator.search_index import VOCABULARY, IndexingJob, _command, _finish, _vocabulary_of, shard_of
from search_fixture import document_words


def _vocabulary_document(paths) -> str:
    """The vocabulary document of these search documents, as the build makes it."""
    return _vocabulary_of(set().union(*(document_words(path.read_text("utf-8")) for path in paths)))


def lead_document(document: str) -> str:
    """A search document without its body words: what the lead bundle was built from before
    Pagefind left them out itself (`--exclude-selectors`)."""
    return re.sub(r'<span data-pagefind-weight="0\.5">[^<]*</span>', "", document)


def _write_documents(folder: Path, count: int) -> None:
    for number in range(count):
        page = folder / "tin-tuc" / f"tin-{number}" / "index.html"
        page.parent.mkdir(parents=True)
        body = " ".join(f"Xã Đông{number % 7} dân vận khéo, lần {number}." for _ in range(5))
        page.write_text(
            f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Tin {number}</title></head><body>'
            f'<article data-pagefind-body><h1>Tin số {number}</h1><p>{body}</p>'
            f'<span data-pagefind-weight="0.5">lời sau đoạn mở đầu {number}</span></article></body></html>',
            "utf-8")


def _bundle_digest(bundle: Path, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """Every file of the bundles but those Pagefind names in hash-map order (filters, meta,
    entry), and but the subfolders named in `skip` (other bundles inside this one)."""
    return {p.relative_to(bundle).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(bundle.rglob("*")) if p.is_file() and p.relative_to(bundle).parts[0] not in skip
            and "filter" not in p.relative_to(bundle).parts and not p.name.startswith(("pagefind.", "pagefind-entry"))}


def test_the_vocabulary_holds_the_words_of_every_document_once(tmp_path):
    texts = [
        "<p>Đảng ủy&nbsp;xã Đông&amp;Tây, ĐOÀN Thanh niên</p><p>snake_case và số 2026</p>",
        "<title>ΟΔΟΣ Σ</title><p>dân vận<b>khéo</b> a\u00a0b\tc\u2003d&#8203;e</p>",
        "<p>Dân Vận khéo: đã, đang và sẽ</p>",
    ]
    paths = []
    for number, text in enumerate(texts):
        paths.append(tmp_path / f"{number}.html")
        paths[-1].write_text(text, "utf-8")
    # What the vocabulary must hold, said the simplest way: every word of every document.
    expected: set[str] = set()
    for text in texts:
        expected.update(re.findall(r"\w+", html.unescape(re.sub(r"<[^>]*>", " ", text)).lower()))
    document = _vocabulary_document(paths)
    words = html.unescape(re.search(r"<div [^>]*>([^<]*)</div>", document).group(1)).split(" ")
    assert words == sorted(expected)
    assert {"đảng", "tây", "đoàn", "snake_case", "2026", "dân", "khéo", "οδος"} <= set(words)


@pytest.fixture
def small_shards(monkeypatch):
    monkeypatch.setattr(search_index, "SHARD_RECORDS", 5)  # 4 full shards and 2 lead shards of 40 documents


def test_shards_indexed_at_once_give_the_index_of_shards_one_after_another(tmp_path, small_shards, monkeypatch):
    documents = tmp_path / "documents"
    _write_documents(documents, 40)
    bundles = {}
    for concurrent in (1, 2):
        monkeypatch.setattr(search_index, "CONCURRENT_SHARDS", concurrent)
        site = tmp_path / f"site-{concurrent}"
        site.mkdir()
        report = IndexingJob(documents, tmp_path / f"index-{concurrent}").finish_into(site)
        assert report.pages == 40  # the full bundle's records, vocabulary documents not counted
        bundles[concurrent] = _bundle_digest(site / "pagefind")
    assert bundles[1] == bundles[2]
    assert (tmp_path / "site-2" / "pagefind" / "full" / "shards.json").read_text("utf-8") == \
        '["s1", "s2", "s3"]'
    assert (tmp_path / "site-2" / "pagefind" / "shards.json").read_text("utf-8") == '["s1"]'


def test_cancelling_stops_every_shard_being_indexed(tmp_path, small_shards):
    documents = tmp_path / "documents"
    _write_documents(documents, 40)
    job = IndexingJob(documents, tmp_path / "index")
    started = []
    while job._thread.is_alive() and not started:  # wait for the first shards' processes
        with job._lock:
            started = list(job._running)
    job.cancel()
    assert not job._thread.is_alive()
    assert all(process.returncode is not None for process in started)
    assert not job._running or all(process.returncode is not None for process in job._running)
    assert not (tmp_path / "index-shards").exists()  # the shards' work folder is removed


def test_the_lead_bundle_indexes_each_document_without_its_body_words(tmp_path, small_shards):
    """The lead bundle's shards index the full documents with Pagefind leaving the body words
    out: the index of documents without them (`lead_document`), built as before."""
    documents = tmp_path / "documents"
    _write_documents(documents, 40)
    site = tmp_path / "site"
    site.mkdir()
    IndexingJob(documents, tmp_path / "index").finish_into(site)
    found = sorted(path.relative_to(documents) for path in documents.rglob("*.html"))
    vocabulary = _vocabulary_document(documents / document for document in found)
    for k, bundle, skip in ((0, site / "pagefind", ("full", "s1")), (1, site / "pagefind" / "s1", ())):
        copies = tmp_path / f"lead-{k}"
        for document in found:
            if shard_of(document, 2) == k:
                target = copies / document
                target.parent.mkdir(parents=True)
                target.write_text(lead_document((documents / document).read_text("utf-8")), "utf-8")
        (copies / VOCABULARY).mkdir()
        (copies / VOCABULARY / "index.html").write_text(vocabulary, "utf-8")
        assert "lời sau đoạn mở đầu" not in "".join(p.read_text("utf-8") for p in copies.rglob("tin-*/index.html"))
        _finish(subprocess.Popen(_command(copies, "--output-path", str(tmp_path / f"out-{k}")),
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
        assert _bundle_digest(bundle, (*skip, "shards.json")) == _bundle_digest(tmp_path / f"out-{k}")


def test_the_shards_work_folder_goes_once_the_index_is_complete(tmp_path, small_shards):
    documents = tmp_path / "documents"
    _write_documents(documents, 40)
    site = tmp_path / "site"
    site.mkdir()
    (tmp_path / "index-shards-old-killed" / "index-shards").mkdir(parents=True)  # a killed build's
    job = IndexingJob(documents, tmp_path / "index")
    assert not (tmp_path / "index-shards-old-killed").exists()
    job.finish_into(site)
    assert not (tmp_path / "index-shards").exists()  # set aside at once, deleted in the background
    for _ in range(100):
        if not list(tmp_path.glob("index-shards*")):
            break
        time.sleep(0.1)
    assert not list(tmp_path.glob("index-shards*"))
    assert json.loads((site / "pagefind" / "full" / "shards.json").read_text("utf-8"))


def test_a_shard_indexed_again_starts_from_its_previous_fragments_and_ends_as_a_cold_index(tmp_path, small_shards):
    """After an edit, the shards holding the record are indexed again, seeded with their
    previous fragments (generator/pagefind_bundle.py): Pagefind writes only the edited page's,
    the seeded ones it no longer names are removed, and the bundles are those of a cold index."""
    documents = tmp_path / "documents"
    _write_documents(documents, 40)
    cache = tmp_path / "shard-cache"
    first = tmp_path / "site-1"
    first.mkdir()
    IndexingJob(documents, tmp_path / "index", shard_cache=cache).finish_into(first)
    edited = documents / "tin-tuc" / "tin-7" / "index.html"
    edited.write_text(edited.read_text("utf-8").replace("Tin số 7", "Tin số 7 dân vận"), "utf-8")  # words of the site
    again = tmp_path / "site-2"
    again.mkdir()
    job = IndexingJob(documents, tmp_path / "index", shard_cache=cache)
    job.finish_into(again)
    assert job.reused_shards == 4  # 6 shards: one of each bundle indexed again
    cold = tmp_path / "site-cold"
    cold.mkdir()
    IndexingJob(documents, tmp_path / "index-cold").finish_into(cold)
    assert _bundle_digest(again / "pagefind") == _bundle_digest(cold / "pagefind")
    # The re-indexed shards' unchanged fragments are the previous build's files, not new ones.
    shard = shard_of(Path("tin-tuc/tin-7/index.html"), 4)
    bundle = "full" if shard == 0 else f"full/s{shard}"
    before = {p.name: p.stat().st_ino for p in (first / "pagefind" / bundle / "fragment").iterdir()}
    after = {p.name: p.stat().st_ino for p in (again / "pagefind" / bundle / "fragment").iterdir()}
    assert len(set(before) - set(after)) == 1 and len(set(after) - set(before)) == 1  # the edited page's
    assert all(after[name] == before[name] for name in set(before) & set(after))
