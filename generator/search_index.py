"""Builds the Pagefind search index, into the site's `pagefind/` folder.

Engine-neutral: Pagefind reads HTML only. Records mark what is indexed themselves
(`data-pagefind-body` on the article, filters and metadata; see generator/search.py); pages
without it (home, listings, pagination, hand-written pages) are not search results.

Two ways in. `index_site` indexes a finished site. A build instead gives Pagefind each record's
article as a small standalone document while the core plans pages (`with_search_documents`),
and starts indexing them (`start_indexing`) before the site engine renders a single page:
Pagefind then runs on the second core while the engine renders on the first. Pagefind only
reads what is inside `data-pagefind-body`, so both ways give the same index.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, TypeVar

from markupsafe import escape
from pagefind_bin import get_executable

from .outputs import KeptPage
from .pages import Page
from .publish import tied_to_this_process

# One language for the whole site: Vietnamese has no Pagefind stemmer, and a page that
# forgets `lang` must not end up in a separate index the search box never loads.
LANGUAGE = "vi"
SEARCHABLE = "data-pagefind-body"
BUNDLE = "pagefind"  # the folder the search box loads the index from

T = TypeVar("T")


class IndexingFailed(Exception):
    pass


@dataclass(frozen=True)
class IndexReport:
    pages: int
    output: str


def index_site(site_dir: Path) -> IndexReport:
    """Run the Pagefind binary shipped by `pagefind[bin]` over a finished site."""
    return _finish(subprocess.Popen(_command(site_dir, "--output-subdir", BUNDLE), **_PIPES, **tied_to_this_process()))


def search_document(page: Page) -> str | None:
    """A record page's article as a standalone HTML document, or None for other pages."""
    if SEARCHABLE not in page.html:
        return None
    return (
        f'<!doctype html><html lang="{LANGUAGE}"><head><meta charset="utf-8">'
        f"<title>{escape(page.title)}</title></head><body>{page.html}</body></html>"
    )


def with_search_documents(planned: Iterable[T], folder: Path) -> Iterator[T]:
    """Pass a page plan through, keeping `folder` in step: one document per record page, at
    the page's own URL (so result links are right), rewritten only when it changed."""
    kept: set[Path] = set()
    for item in planned:
        if isinstance(item, Page) and (document := search_document(item)) is not None:
            path = folder / item.url / "index.html"
            data = document.encode("utf-8")
            if not (path.exists() and path.read_bytes() == data):
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
            kept.add(path)
        elif isinstance(item, KeptPage) and item.searchable:  # unchanged since the last build
            kept.add(folder / item.url / "index.html")
        yield item
    for stale in set(folder.rglob("index.html")) - kept:
        stale.unlink()


class IndexingJob:
    """Pagefind indexing a folder of search documents in the background."""

    def __init__(self, documents: Path, output: Path):
        shutil.rmtree(output, ignore_errors=True)
        self.output = output
        # Tied to the build: a killed build must not leave Pagefind running (issue 9).
        self._process = subprocess.Popen(_command(documents, "--output-path", str(output)), **_PIPES,
                                         **tied_to_this_process())

    def finish_into(self, site_dir: Path) -> IndexReport:
        """Wait for Pagefind, then move its bundle into the built site."""
        report = _finish(self._process)
        target = site_dir / BUNDLE
        shutil.rmtree(target, ignore_errors=True)
        shutil.move(str(self.output), str(target))
        return report

    def cancel(self) -> None:
        self._process.kill()
        self._process.wait()


def start_indexing(documents: Path, output: Path) -> IndexingJob:
    return IndexingJob(documents, output)


_PIPES = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "text": True}


def _command(site: Path, *output: str) -> list[str]:
    return [str(get_executable()), "--site", str(site), "--force-language", LANGUAGE, *output]


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
