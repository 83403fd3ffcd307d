"""Builds the Pagefind search index, into the site's `pagefind/` folder.

Engine-neutral: Pagefind reads HTML only. Records mark what is indexed themselves
(`data-pagefind-body` on the article, filters and metadata; see generator/search.py); pages
without it (home, listings, pagination, hand-written pages) are not search results.

Two ways in. `index_site` indexes a finished site. A build instead gives Pagefind each record's
article as a small standalone document while the core plans pages (`with_search_documents`),
and starts indexing them (`start_indexing`) before the site engine renders a single page:
Pagefind then runs on the second core while the engine renders on the first. Pagefind only
reads what is inside `data-pagefind-body`, so both ways give the same index.

Large sites are indexed in shards: Pagefind's search compares every matching page with every
posting of the matched words (time grows with their product, worse than linearly with the
number of records), so at 10,000 records a common syllable took seconds; split into bundles of
a few thousand records (`SHARD_RECORDS`), merged in the browser (`pagefind.mergeIndex`), each search
costs a fraction of it. The price is bytes: each shard loads its own index chunk for each word
(bench/RESULTS.md, "Search (issue 11)"). The first shard is the bundle in `pagefind/`, the
others are bundles in its subfolders, listed in `pagefind/shards.json` for the search box.

A sharded site is indexed twice: the lead bundle (`pagefind/` and its shards) holds each
record without the words of its body after the lead (generator/search_lead.py), in fewer,
larger shards, so the search box's searches, which it answers when it finds enough records,
are fast and load few bytes; the full bundle (`pagefind/full/`, its shards listed in
`pagefind/full/shards.json`) holds every word: the search page asks it, and the box when the
lead's records are too few (search.js: Engine).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import html
import json
import os
import re
import shutil
import subprocess
import threading
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, TypeVar

from markupsafe import escape
from pagefind_bin import get_executable

from .filetree import files_under
from .outputs import KeptPage
from .pages import Page
from .pagefind_bundle import prune_fragments, seed_fragments
from .publish import tied_to_this_process
from .publish.links import link_in_place, link_tree
from .publish.swap import remove_in_background, set_aside

# One language for the whole site: Vietnamese has no Pagefind stemmer, and a page that
# forgets `lang` must not end up in a separate index the search box never loads.
LANGUAGE = "vi"
SEARCHABLE = "data-pagefind-body"
BUNDLE = "pagefind"  # the folder the search box loads the index from
SHARDS_FILE = "shards.json"  # in BUNDLE: the subfolders holding the other shards' bundles
# A site of more records is indexed in shards, a lead and a full bundle; this many records, about,
# per shard of the lead bundle (times LEAD_SHARD_FACTOR) and of the full one (times
# FULL_SHARD_FACTOR). Measured at 10,000 records (bench/RESULTS.md, "Search (issue 11)").
SHARD_RECORDS = 1250
MAX_SHARDS = 8
# The full bundle's shards hold up to 2,500 records: since the indexed words end in WORD_END, only a
# query's last word extends, so a search computes little and its time is in loading the index
# chunks of its words, one per word per shard, each at least Pagefind's chunk size (20,000
# word positions) whatever the word: 4 shards at 10,000 records typed faster than 8 (p95 at
# 100 ms per key 352 → 289 ms, issue 11, session 16).
FULL_SHARD_FACTOR = 2
# Pagefind processes indexing shards at once: one each keeps a core about busy (2 measured
# best on 2 cores, bench/RESULTS.md "Issue 13"); each holds one shard's index in memory.
CONCURRENT_SHARDS = 2
# The lead bundle's shards are larger: without the body words a search costs far less, and
# each shard loads its own index chunk of each word; 2 shards at 10,000 records measured better
# than 4 (bytes and time; bench/RESULTS.md, "Search (issue 11)").
LEAD_SHARD_FACTOR = 4
MAX_LEAD_SHARDS = 4
FULL = "full"  # in BUNDLE: the full bundle (its shards in its own shards.json)
# The body words of a record (generator/search.py: SearchRecord.body_words), as the record
# template writes them: left out of the lead bundle. Pagefind leaves them out itself
# (`--exclude-selectors`), so both bundles index the same files (hard links), without a second
# copy of every document.
LEAD_EXCLUDED = 'span[data-pagefind-weight="0.5"]'
VOCABULARY = "_gs-tu-vung"  # each shard's document holding every word (see _vocabulary_of)
VOCABULARY_FILTER = "gs_tu_vung"  # search.js: VOCABULARY_FILTER

T = TypeVar("T")

if TYPE_CHECKING:
    from .buildcache.documents import DocumentMemo


class IndexingFailed(Exception):
    pass


@dataclass(frozen=True)
class IndexReport:
    pages: int
    output: str


def index_site(site_dir: Path) -> IndexReport:
    """Run the Pagefind binary shipped by `pagefind[bin]` over a finished site: over its record
    pages as Pagefind indexes them (`indexed_page`), written beside the site."""
    work = site_dir.parent / f".{site_dir.name}-search-index"
    shutil.rmtree(work, ignore_errors=True)
    try:
        documents = []
        for path in site_dir.rglob("*.html"):
            page = indexed_page(path.read_text("utf-8")) if _searchable(path) else None
            if page is not None:
                documents.append(path.relative_to(site_dir))
                (work / "documents" / documents[-1]).parent.mkdir(parents=True, exist_ok=True)
                (work / "documents" / documents[-1]).write_text(page, "utf-8")
        if not documents:  # Pagefind makes no index of nothing: one page no query word matches
            (work / "documents" / VOCABULARY).mkdir(parents=True)
            (work / "documents" / VOCABULARY / "index.html").write_text(_vocabulary_of({WORD_END}), "utf-8")
        # Pagefind adds its files to a bundle folder already there: the last index's chunks and
        # fragments (records since made drafts among them) would stay published beside the new ones.
        shutil.rmtree(site_dir / BUNDLE, ignore_errors=True)
        if not sharded(len(documents)):
            command = _command(work / "documents", "--output-path", str(site_dir / BUNDLE))
            report = _finish(subprocess.Popen(command, **_PIPES, **tied_to_this_process()))
            _one_bundle(site_dir / BUNDLE)
            return report
        job = IndexingJob(work / "documents", work / "index", documents)
        return job.finish_into(site_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _one_bundle(bundle: Path) -> None:
    """Says that `bundle` is the whole index: no other shard, no full bundle (`full/shards.json`
    is `null`; the search box asks for it, and a missing file would be a 404 in every page's
    console)."""
    (bundle / SHARDS_FILE).write_text("[]", "utf-8")
    (bundle / FULL).mkdir(exist_ok=True)
    (bundle / FULL / SHARDS_FILE).write_text("null", "utf-8")


def sharded(documents: int) -> bool:
    """Whether a site of `documents` search documents is indexed in shards, as a lead and a
    full bundle."""
    return documents > SHARD_RECORDS


def shard_count(documents: int) -> int:
    """The full bundle's shards."""
    return _shards(documents, SHARD_RECORDS * FULL_SHARD_FACTOR, MAX_SHARDS)


def lead_shard_count(documents: int) -> int:
    return _shards(documents, SHARD_RECORDS * LEAD_SHARD_FACTOR, MAX_LEAD_SHARDS)


def _shards(documents: int, per_shard: int, most: int) -> int:
    return max(1, min(most, -(-documents // per_shard)))


def shard_of(document: Path, shards: int) -> int:
    """A document's shard: stable across builds, so an unchanged site gets the same bundles."""
    return zlib.crc32(document.parent.as_posix().encode("utf-8")) % shards


def _searchable(path: Path) -> bool:
    with open(path, "rb") as page:
        return SEARCHABLE.encode() in page.read()


def search_document(page: Page) -> str | None:
    """A record page's article as a standalone HTML document, or None for other pages.

    Only the article: the blocks after it ("Các tin khác", "Mới nhất") are not indexed
    (`data-pagefind-ignore`), yet they were half of each document, so Pagefind parsed twice
    what it indexes, and a new or retitled record changed the document of every page listing
    it, so every search shard was indexed again (IndexingJob keeps unchanged shards). The
    template marks the article's end (`RECORD_END`) because `</article>` is no safe end: a
    body may hold an article, and the portal's story cards are articles. Only escaped text
    follows the marker, so its last occurrence is the template's own."""
    article = indexed_page(page.html)
    if article is None:
        return None
    end = article.rfind(RECORD_END)
    article = article[:end] if end >= 0 else article
    return (
        f'<!doctype html><html lang="{LANGUAGE}"><head><meta charset="utf-8">'
        f"<title>{escape(page.title)}</title></head><body>{article}</body></html>"
    )


RECORD_END = "<!--gs:end-of-record-->"

# Ends every word Pagefind indexes, so that a query word the reader has finished typing can be
# sent as that word only (search.js: indexSpelling). Pagefind extends every query word to each
# indexed word it begins, and Vietnamese syllables begin many ("da" → dân, đảng, danh, dạy…):
# that was most of a search's time, and it matched words the reader did not type (bench/
# RESULTS.md, issue 11, session 15). A letter, as Pagefind keeps only letters and digits in a
# word; one no language here writes. search.js takes it out of what results show.
WORD_END = "\u01c2"
_TAG_SPLIT = re.compile(r"(<[^>]*>)")
_WORD_END_AT = re.compile(r"(?<=\w)(?!\w)")  # a literal replacement: the fastest sub there is
_REFERENCE = re.compile(rf"&#?\w+{WORD_END};")
# Filter and metadata values are not words: they must reach the box as typed. Except the title,
# whose words Pagefind weighs in ranking (`metaWeights`): ended as the text's, or a query's
# finished words never match it and titles lose their rank (bench/RESULTS.md, issue 11,
# session 16: exact titles at 1,000 records, hit@1 100 → 92 %). The page shows it plain
# (search.js: plainData).
_VALUE = re.compile(r'<\w+[^>]*\sdata-pagefind-(?:filter=|meta="(?!title"))')


def end_words(html: str) -> str:
    """`html` with WORD_END after each word of its text; tags, character references and the
    text of filter and metadata elements but the title (which hold text only) left as they
    are. About 0.7 ms for a news article, in the planner's workers (pages.py: Page.search_html)."""
    parts = _TAG_SPLIT.split(html)  # text, tag, text, tag…, text
    for i in range(0, len(parts), 2):
        if i and _VALUE.match(parts[i - 1]):
            continue
        text = _WORD_END_AT.sub(WORD_END, parts[i])
        parts[i] = _REFERENCE.sub(lambda match: match[0].replace(WORD_END, ""), text) if "&" in text else text
    return "".join(parts)


def indexed_page(html: str) -> str | None:
    """A built page as Pagefind indexes it (its record's article with `end_words`), or None
    when it is no record page."""
    start = html.find(SEARCHABLE)
    if start < 0:
        return None
    start = html.index(">", start) + 1
    end = html.rfind(RECORD_END)
    end = end if end >= start else len(html)
    return html[:start] + end_words(html[start:end]) + html[end:]


def with_search_documents(planned: Iterable[T], folder: Path) -> Iterator[T]:
    """Pass a page plan through, keeping `folder` in step: one document per record page, at
    the page's own URL (so result links are right), rewritten only when it changed."""
    kept: set[str] = set()  # relative POSIX paths
    for item in planned:
        if isinstance(item, Page) and (document := item.search_html or search_document(item)) is not None:
            path = folder / item.url / "index.html"
            data = document.encode("utf-8")
            if not (path.exists() and path.read_bytes() == data):
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
            kept.add(path.relative_to(folder).as_posix())
        elif isinstance(item, KeptPage) and item.searchable:  # unchanged since the last build
            kept.add(PurePosixPath(item.url, "index.html").as_posix())
        yield item
    # files_under, not rglob: Path objects for 10,000 documents were most of this walk's second.
    for relative, entry in files_under(folder):
        if entry.name == "index.html" and relative not in kept:
            os.unlink(entry.path)


class IndexingJob:
    """Pagefind indexing a folder of search documents in the background: one process, or one
    per shard, `CONCURRENT_SHARDS` at a time (so the peak memory is that many shards')."""

    def __init__(self, documents: Path, output: Path, found: list[Path] | None = None,
                 shard_cache: Path | None = None, memo: DocumentMemo | None = None):
        shutil.rmtree(output, ignore_errors=True)
        self.output = output
        self._shard_cache = shard_cache
        # Beside the documents, not in the cache: CI keeps the cache, but not the documents,
        # so links to them would only make it a copy of them.
        self._shard_inputs = output.with_name(output.name + "-inputs") if shard_cache is not None else None
        self.reused_shards = 0
        # What the documents' digests and words are, read again only where a document changed
        # since the last build (buildcache/documents.py); without a memo, every one is read.
        if found is None and memo is not None:
            found = [Path(relative) for relative in memo.digests()]  # the build's scan, not a second walk
        if found is None:
            found = [Path(relative) for relative, _entry in files_under(documents) if relative.endswith(".html")]
        if memo is None:
            from .buildcache.documents import DocumentMemo  # the build cache's package imports this module

            memo = DocumentMemo(documents)
        self._memo = memo
        self._cancelled = False
        self._lock = threading.Lock()  # cancel() must not miss a shard's process being started
        self._process: subprocess.Popen | None = None  # the one process of an unsharded index
        self._running: set[subprocess.Popen] = set()  # the shards' processes running now
        self._reports: list[IndexReport] = []
        self._error: Exception | None = None
        if not sharded(len(found)):
            # Tied to the build: a killed build must not leave Pagefind running (issue 9).
            self._process = subprocess.Popen(_command(documents, "--output-path", str(output)), **_PIPES,
                                             **tied_to_this_process())
            self._thread = None
            return
        split = output.with_name(output.name + "-shards")
        for leftover in [split, *split.parent.glob(f"{split.name}-old-*")]:  # of killed builds
            shutil.rmtree(leftover, ignore_errors=True)
        self._split = split
        self._full_jobs = 0
        self._bundles = [("full", shard_count(len(found)), output / FULL), ("lead", lead_shard_count(len(found)), output)]
        # A thread that lives until the last shard is indexed prepares the shards' documents,
        # off the build's main thread, and starts the threads that start Pagefind (`_run_jobs`).
        self._thread = threading.Thread(target=self._run_shards, args=(documents, found), daemon=True)
        self._thread.start()

    def _run_shards(self, documents: Path, found: list[Path]) -> None:
        complete = False
        try:
            # Each document is read at most once, for the vocabulary and for the digests of the
            # shards holding it, and only if it changed since the last build (the memo); only
            # the shards indexed again get a folder of their documents (the split of every
            # document into a folder per shard and bundle, 20,000 links and folders at 10,000
            # records, and reading them back for the digests, were most of the CPU of a build
            # whose shards were nearly all reused).
            digests = self._memo.digests([document.as_posix() for document in found])
            hashes = {document: bytes.fromhex(digests[document.as_posix()]) for document in found}
            vocabulary = _vocabulary_of(self._memo.words(_tokens, _token_words))
            self._memo.save()
            hashes[Path(VOCABULARY, "index.html")] = hashlib.sha256(vocabulary.encode("utf-8")).digest()
            # (a shard's documents, its own output, Pagefind's options for its bundle)
            jobs: list[tuple[list[Path], Path, tuple[str, ...]]] = []
            layout: list[tuple[Path, Path]] = []  # (a shard's output, where it goes in the bundle)
            for name, shards, bundle in self._bundles:
                options = ("--exclude-selectors", LEAD_EXCLUDED) if name == "lead" else ()
                members: dict[int, list[Path]] = {}
                for document in found:
                    members.setdefault(shard_of(document, shards), []).append(document)
                for k, shard in enumerate(sorted(members)):
                    jobs.append((members[shard], self._split / "out" / name / str(k), options))
                    layout.append((self._split / "out" / name / str(k), bundle / f"s{k}" if k else bundle))
                if name == "full":
                    self._full_jobs = len(jobs)
            digests = [_shard_digest(shard_documents, hashes, options) for shard_documents, _, options in jobs]

            def prepare(position: int) -> Path:
                """The folder Pagefind indexes for a shard: its documents and the vocabulary."""
                shard_documents, output, _ = jobs[position]
                key = output.relative_to(self._split / "out").as_posix()
                return self._shard_input(self._shard_inputs or self._split / "in", key, documents, shard_documents,
                                         vocabulary)

            self._run_jobs(jobs, digests, prepare)
            if self._cancelled:
                return
            # Each bundle's first shard holds the others in its subfolders: moved in that order.
            for output, place in sorted(layout, key=lambda pair: len(pair[1].parts)):
                place.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(str(output), str(place))
            for _, shards, bundle in self._bundles:
                names = [f"s{k}" for k in range(1, shards) if (bundle / f"s{k}").is_dir()]
                # A new file: the shard's own files may be hard links into the shard cache.
                (bundle / SHARDS_FILE).unlink(missing_ok=True)
                (bundle / SHARDS_FILE).write_text(json.dumps(names), "utf-8")
            complete = True
        except Exception as error:  # noqa: BLE001 (raised again by finish_into, in the build's thread)
            self._error = error
        finally:
            if complete:
                _discard(self._split)
            else:
                shutil.rmtree(self._split, ignore_errors=True)

    def _run_jobs(self, jobs: list[tuple[list[Path], Path, tuple[str, ...]]], digests: list[str],
                  prepare: Callable[[int], Path]) -> None:
        """Pagefind on each shard, `CONCURRENT_SHARDS` processes at a time, reports in job order.

        Shards are independent, and one Pagefind process keeps about one core busy: while the
        theme renders, the two share the cores with it; once it is done, two shards at a time
        finish the index in half the time (a build's wall time ends with the last shard).
        Largest shards first (the lead bundle's hold up to twice the records), so that the last
        ones to finish are short."""
        reports: list[IndexReport | None] = [None] * len(jobs)
        keys = [output.relative_to(self._split / "out").as_posix() for _, output, _ in jobs]  # "full/3"
        stamps = [self._stamp(key) for key in keys]
        kept_shards = {position: self._kept_shard(keys[position], digests[position], stamps[position])
                       for position in range(len(jobs))}
        to_index = [position for position, kept in kept_shards.items() if kept is None]
        pending = iter(sorted(to_index, key=lambda position: -len(jobs[position][0])))
        # When every shard to index runs at once (after an edit: the record's lead shard and its
        # full shard, ~3,400 and ~2,000 records of 10,070 search documents), the largest ends the build; the others yield it
        # the CPU they share with the build's own work (−1.7 s an edit at 10,000 records,
        # bench/RESULTS.md "Session 12"). Not in a cold build: there, shards follow each other.
        critical = max(to_index, key=lambda position: len(jobs[position][0]), default=None)
        if len(to_index) > CONCURRENT_SHARDS:
            critical = None
        errors: list[Exception] = []

        def runner() -> None:
            # Each runner starts its own processes: the kernel ties a child to the thread
            # that started it (tied_to_this_process), so the runner lives until they end.
            while True:
                with self._lock:
                    position = next(pending, None)
                    if position is None or self._cancelled or errors:
                        return
                    _, output, options = jobs[position]
                    folder = prepare(position)
                    seeded = self._seed(keys[position], output, stamps[position])
                    process = subprocess.Popen(_command(folder, *options, "--output-path", str(output)), **_PIPES,
                                               **tied_to_this_process())
                    self._running.add(process)
                    if critical is not None and position != critical:
                        _lower_priority(process)
                try:
                    reports[position] = _finish(process)
                    prune_fragments(output, seeded)
                    self._keep_shard(keys[position], digests[position], output, reports[position])
                except Exception as error:  # noqa: BLE001 (re-raised below, in job order)
                    with self._lock:
                        errors.append(error)
                finally:
                    with self._lock:
                        self._running.discard(process)

        runners = [threading.Thread(target=runner, daemon=True) for _ in range(min(CONCURRENT_SHARDS, len(to_index)))]
        for thread in runners:
            thread.start()
        # The shards kept from the last build are linked while Pagefind indexes the others:
        # after one edit, nine of eleven shards at 10,000 records (16,000 files), which held
        # back the start of the two processes that end the build (bench/RESULTS.md, "Session 12").
        for position, kept in kept_shards.items():
            if kept is not None:
                link_tree(kept.folder, jobs[position][1])
                reports[position] = kept.report
                self.reused_shards += 1
        for thread in runners:
            thread.join()
        self._forget_shards_except(set(keys))
        if errors:
            raise errors[0]
        self._reports = [report for report in reports if report is not None]

    def finish_into(self, site_dir: Path) -> IndexReport:
        """Wait for Pagefind, then move its bundle (and its shards' bundles) into the built site."""
        if self._thread is None:
            report = _finish(self._process)
        else:
            self._thread.join()
            if isinstance(self._error, IndexingFailed):
                raise self._error
            if self._error is not None:
                raise IndexingFailed(f"Không dựng được chỉ mục tìm kiếm: {self._error}") from self._error
            # The full bundle's shards (indexed first), less each shard's vocabulary document.
            report = IndexReport(sum(r.pages - 1 for r in self._reports[:self._full_jobs]),
                                 "\n".join(r.output for r in self._reports))
        if not (self.output / SHARDS_FILE).exists():  # one shard: the search box asks all the same
            _one_bundle(self.output)
        target = site_dir / BUNDLE
        shutil.rmtree(target, ignore_errors=True)
        shutil.move(str(self.output), str(target))
        return report

    # Per-shard reuse: Pagefind cannot update an index, but a shard's bundle depends only on
    # the documents in its folder (and Pagefind's version), so an edit re-indexes only the
    # shards whose documents changed (one of the full bundle's and one of the lead's, unless
    # the edit changed the site's vocabulary, which every shard holds). Each shard's output is
    # kept as hard links under `shard_cache/<bundle>/<k>/`, with the digest of its input
    # written last, so a shard whose keeping was interrupted is never trusted.
    def _stamp(self, key: str) -> dict:
        """The kept shard's stamp ({} if none): the digest of its input, what Pagefind said."""
        if self._shard_cache is None:
            return {}
        try:
            stamp = json.loads((self._shard_cache / key / _SHARD_STAMP).read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        return stamp if isinstance(stamp, dict) else {}

    def _kept_shard(self, key: str, digest: str, stamp: dict) -> "_KeptShard | None":
        place = self._shard_cache / key if self._shard_cache is not None else None
        if place is None or stamp.get("digest") != digest or not (place / "bundle").is_dir():
            return None
        return _KeptShard(place / "bundle", IndexReport(int(stamp.get("pages", 0)), str(stamp.get("output", ""))))

    def _seed(self, key: str, output: Path, stamp: dict) -> set[str]:
        """Start a shard indexed again from its previous version's fragments, if the same
        Pagefind wrote them (pagefind_bundle.py): it then writes only the changed pages'."""
        if self._shard_cache is None or stamp.get("pagefind") != _PAGEFIND_VERSION:
            return set()
        return seed_fragments(self._shard_cache / key / "bundle", output)

    def _shard_input(self, root: Path, key: str, documents: Path, members: list[Path], vocabulary: str) -> Path:
        """The shard's input folder under `root`, kept from its last indexing (a new one in the
        work folder without a build cache), brought up to date: a hard
        link to each of its documents, and the vocabulary. A document the build rewrote is the
        same file (written in place: `with_search_documents`): only the links to documents that
        joined, left or were replaced (another inode) change, and the vocabulary if it did.
        Laying out the lead shard's 3,400 folders and links held back the Pagefind process
        that ends a build after one edit at 10,000 records (bench/RESULTS.md, "Session 12")."""
        place = root / key
        listing = root / f"{key}.json"  # relative path → inode linked
        try:
            linked = json.loads(listing.read_text("utf-8"))
        except (OSError, ValueError):
            linked = None
        if not isinstance(linked, dict) or not place.is_dir():
            shutil.rmtree(place, ignore_errors=True)
            linked = {}
        listing.unlink(missing_ok=True)  # not trusted while it changes
        wanted = {document.as_posix(): self._memo.inode(document.as_posix()) for document in members}
        for relative, inode in linked.items():
            if wanted.get(relative) != inode or inode is None:
                (place / relative).unlink(missing_ok=True)
                if relative not in wanted:  # a record's folder holds its document alone
                    with contextlib.suppress(OSError):
                        (place / relative).parent.rmdir()
        kept = {}
        for relative, inode in wanted.items():
            if inode is None or linked.get(relative) != inode:
                if not link_in_place(documents / relative, place / relative):
                    shutil.copy2(documents / relative, place / relative)
                    inode = None  # a copy (another file system) would miss the next in-place rewrite
            kept[relative] = inode
        marker = place / VOCABULARY / "index.html"
        marker.parent.mkdir(parents=True, exist_ok=True)
        if not marker.is_file() or marker.read_text("utf-8") != vocabulary:
            marker.write_text(vocabulary, "utf-8")
        listing.write_text(json.dumps(kept), "utf-8")
        return place

    def _keep_shard(self, key: str, digest: str, output: Path, report: IndexReport) -> None:
        if self._shard_cache is None:
            return
        place = self._shard_cache / key
        shutil.rmtree(place, ignore_errors=True)
        link_tree(output, place / "bundle")
        stamp = {"digest": digest, "pages": report.pages, "output": report.output, "pagefind": _PAGEFIND_VERSION}
        (place / (_SHARD_STAMP + ".tmp")).write_text(json.dumps(stamp), "utf-8")
        os.replace(place / (_SHARD_STAMP + ".tmp"), place / _SHARD_STAMP)

    def _forget_shards_except(self, keys: set[str]) -> None:
        """Remove the kept bundles and input folders (with their listings) of shards no longer made."""
        if self._shard_cache is None:
            return
        for root in (self._shard_cache, self._shard_inputs):
            for bundle in root.iterdir() if root.is_dir() else ():
                for place in bundle.iterdir() if bundle.is_dir() else ():
                    if f"{bundle.name}/{place.name.removesuffix('.json')}" in keys:
                        continue
                    if place.is_dir():
                        shutil.rmtree(place, ignore_errors=True)
                    else:
                        place.unlink(missing_ok=True)

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            processes = [self._process, *self._running] if self._process is not None else list(self._running)
        for process in processes:
            process.kill()
            process.wait()
        if self._thread is not None:
            self._thread.join()


_SHARD_STAMP = "stamp.json"


@dataclass
class _KeptShard:
    folder: Path  # the shard's Pagefind output, as hard links
    report: IndexReport


def _shard_digest(documents: list[Path], hashes: dict[Path, bytes], options: tuple[str, ...]) -> str:
    """What a shard's bundle depends on: its documents and the vocabulary document (names and
    bytes: `hashes`, SHA-256 by path), Pagefind's version and the options it runs with. In the
    order of the paths' parts, as Pagefind's input folder would be listed."""
    digest = hashlib.sha256(json.dumps([_PAGEFIND_VERSION, _OPTIONS, options]).encode("utf-8"))
    for path in sorted([*documents, Path(VOCABULARY, "index.html")], key=lambda path: path.parts):
        digest.update(path.as_posix().encode("utf-8") + b"\0")
        digest.update(hashes[path])
    return digest.hexdigest()


def _lower_priority(process: subprocess.Popen) -> None:
    """Give `process` a smaller share of the CPU than the build's other processes (niceness 10)."""
    with contextlib.suppress(AttributeError, OSError):  # no setpriority (Windows), or ended already
        os.setpriority(os.PRIO_PROCESS, process.pid, 10)


def _discard(folder: Path) -> None:
    """Delete the shards' work folder without making the build wait: a link to every document
    per bundle (20,000 at 10,000 records), whose unlinking took the last 30 s of a build on a
    busy disk (bench/RESULTS.md, "Session 4"). The next build sweeps up what is left."""
    remove_in_background(set_aside(folder, prefix=f"{folder.name}-old-"))


_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w+")


def _tokens(text: str) -> set[str]:
    """A document's distinct white-space-separated tokens, tags left out, lower case."""
    return set(html.unescape(_TAG.sub(" ", text)).lower().split())


def _token_words(token: str) -> list[str]:
    """A token's words (`_tokens`). A word never spans white space, so the words of a
    document's distinct tokens are the words of its text: the tokens repeat (news reuse their
    syllables), and the word pattern then runs over each distinct token once instead of every
    character of every document (2.6 times faster, the same set; DocumentMemo.words)."""
    return _WORD.findall(token)


def _vocabulary_of(words: set[str]) -> str:
    """The document holding each of these words (every search document's `_token_words` of its `_tokens`) once,
    indexed in every shard and filtered out of every search (`VOCABULARY_FILTER`).
    Pagefind leaves out of a search the words its index does not hold ("dang uy phuong" is
    searched as "dang uy" where no record has "phuong"), so a shard without a word would
    answer with records that lack it; with this document every shard knows every word, and a
    shard where no record holds it answers with nothing."""
    return (f'<!doctype html><html lang="{LANGUAGE}"><head><meta charset="utf-8"><title>{VOCABULARY}</title></head>'
            f'<body><div {SEARCHABLE} data-pagefind-filter="{VOCABULARY_FILTER}:1">{escape(" ".join(sorted(words)))}</div>'
            "</body></html>")


def start_indexing(documents: Path, output: Path, shard_cache: Path | None = None,
                   memo: DocumentMemo | None = None) -> IndexingJob:
    return IndexingJob(documents, output, shard_cache=shard_cache, memo=memo)


_PAGEFIND_VERSION = importlib.metadata.version("pagefind_bin")
_PIPES = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "text": True}


_OPTIONS = ["--force-language", LANGUAGE]


def _command(site: Path, *output: str) -> list[str]:
    return [str(get_executable()), "--site", str(site), *_OPTIONS, *output]


def _finish(process: subprocess.Popen) -> IndexReport:
    stdout, stderr = process.communicate()
    if process.returncode != 0:
        raise IndexingFailed(f"Không dựng được chỉ mục tìm kiếm (Pagefind):\n{stdout}\n{stderr}")
    return IndexReport(_indexed_pages(stdout), stdout)


def _indexed_pages(output: str) -> int:
    for line in output.splitlines():
        words = line.split()
        if words[:1] == ["Indexed"] and words[2:3] == ["pages"]:
            return int(words[1])
    return 0
