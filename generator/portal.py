"""Everything a Vietnamese public portal publishes beyond record and listing pages.

Wraps the page plan: adds feed links to the pages feeds follow, the "RSS", "Dữ liệu mở" and
"Thống kê" pages, the feed and open-data files, and finally the sitemap of every page planned
(so it can only list pages that exist) and robots.txt.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Union

from .feeds import Feed, feed_files, feeds
from .index import SiteIndex
from .loader import Kind
from .opendata import DATA_DIR, DATASETS
from .opendata import data_files
from .outputs import KeptFile, KeptPage, OutputFile
from .pages import Page, Planner, Unplanned
from .search_index import SEARCHABLE
from .sitemap import SitemapUrl, handwritten_urls, robots_txt, sitemap_files
from .statistics import statistics
from .writer import file_stat, previously_generated

Planned = Union[Page, OutputFile, KeptPage, KeptFile]


@dataclass(frozen=True)
class PagePlan:
    """What the build cache keeps of a planned page (see buildcache/plan.py)."""

    url: str
    lastmod: dt.datetime | None
    shows: frozenset[str]
    searchable: bool
    digest: str = ""  # of its file, when kept from the last build


def feed_unchanged(feed: Feed, edited: set[str], docs_dir: Path, previous_files: dict[str, tuple[int, int]]) -> bool:
    """Whether a feed's files in `docs_dir` are what planning it again would write: it lists
    none of the `edited` records (which records it lists is fixed by the site index's
    structure, see buildcache/plan.py), and each file has the stat the last build left
    (`previous_files`; `mkdocs serve` and the preview write there without the build cache)."""
    if any(entry.url in edited for entry in feed.entries):
        return False
    return all((before := previous_files.get(path)) is not None and file_stat(docs_dir / path) == before
               for path in feed.paths)


FEEDS_PAGE = "rss/"
DATA_PAGE = DATA_DIR
STATS_PAGE = "thong-ke/"
TYPE_LABELS = {"string": "văn bản", "integer": "số nguyên", "date": "ngày (YYYY-MM-DD)", "array": "danh sách"}


@dataclass(frozen=True)
class FeedLink:
    label: str
    page_url: str
    count: int
    rss_path: str
    atom_path: str
    json_path: str | None


class Portal:
    def __init__(self, planner: Planner, docs_dir: Path | None = None, replan: set[str] | None = None,
                 previous: dict[str, PagePlan] | None = None, edited: set[str] | None = None,
                 previous_files: dict[str, tuple[int, int]] | None = None):
        """With `replan`, only the record and listing pages at these URLs are planned; the
        others are kept as `previous` (the last build's plan, by path) describes them.
        With `edited` (the URLs of the records changed since), a feed listing none of them is
        kept too, if its files in the docs tree have the stat (size, mtime) `previous_files` gives."""
        self.planner = planner
        self.replan = replan
        self.previous = previous or {}
        self.edited = edited
        self.previous_files = previous_files or {}
        self.planned: dict[str, PagePlan] = {}  # every page of this plan, filled by `plan`
        self.index: SiteIndex = planner.index
        self.site = planner.site
        self.docs_dir = docs_dir
        self.feeds = feeds(self.index, self.site)
        self._feeds_by_page = {feed.page_url: feed for feed in self.feeds}

    def plan(self) -> Iterator[Planned]:
        """The whole site: pages (as planned, plus portal pages), files, then the sitemap."""
        urls: list[SitemapUrl] = []
        generated: set[str] = set()
        for page in self._pages():
            generated.add(page.path)
            if isinstance(page, Unplanned):
                before = self.previous[page.path]
                self.planned[page.path] = before
                urls.append(SitemapUrl(page.url, before.lastmod))
                yield KeptPage(page.path, page.url, before.digest, before.searchable)
                continue
            page = self._with_feed_link(page)
            lastmod = page.updated or self._lastmod(page.url)
            self.planned[page.path] = PagePlan(page.url, lastmod, page.shows, SEARCHABLE in page.html)
            urls.append(SitemapUrl(page.url, lastmod))
            yield page
        yield from self.planner.image_files()
        yield self.planner.latest_file()
        yield from feed_files(self.index, self.site, self.feeds, self.docs_dir, self.planner.photos, self._feed_kept)
        yield from data_files(self.index, self.site)
        if self.docs_dir is not None:
            # Pages earlier builds generated are still in docs/ until the writer removes them
            # after this plan: a record withdrawn since (made a draft) is not hand-written.
            urls += handwritten_urls(self.docs_dir, generated | previously_generated(self.docs_dir))
        yield from sitemap_files(urls, self.site)
        yield robots_txt(self.site)

    def _feed_kept(self, feed: Feed) -> bool:
        if self.edited is None or self.docs_dir is None:
            return False
        return feed_unchanged(feed, self.edited, self.docs_dir, self.previous_files)

    def _pages(self) -> Iterable[Page | Unplanned]:
        yield from self.planner.pages(self.replan)
        yield self.feeds_page()
        yield self.data_page()
        yield self.statistics_page()

    def _with_feed_link(self, page: Page) -> Page:
        feed = self._feeds_by_page.get(page.url)
        if feed is None or feed.name == "tin-tuc":  # the all-news feeds are linked on every page
            return page
        link = {"title": feed.title, "rss": feed.rss_path, "atom": feed.atom_path}
        return dataclasses.replace(page, meta={**page.meta, "feed": link})

    def _lastmod(self, url: str) -> dt.datetime | None:
        """For pages without a date: a record's year, a unit's newest record, else the site's newest."""
        entry = self.index.by_url.get(url)
        if entry is None:
            return self._newest()
        if entry.year is not None:
            return entry.sort_date
        heads = [group[0].dated_at for kind in Kind if (group := self.index.group(kind, "unit", entry.slug))]
        return max((head for head in heads if head), default=None)

    def _newest(self) -> dt.datetime | None:
        heads = [entries[0].dated_at for entries in self.index.by_kind.values() if entries]
        return max((head for head in heads if head), default=None)

    def feeds_page(self) -> Page:
        def link(feed: Feed, label: str) -> FeedLink:
            return FeedLink(label, feed.page_url, len(feed.entries), feed.rss_path, feed.atom_path,
                            feed.json_path if feed.json else None)

        groups = [
            {"slug": "tin-tuc", "title": "Tin tức", "feeds": [link(self.feeds[0], "Tất cả tin tức")]},
            {"slug": "chuyen-muc", "title": "Theo chuyên mục",
             "feeds": [link(f, f.title.split(" – ", 1)[-1]) for f in self.feeds if f.name.startswith("chuyen-muc/")]},
            {"slug": "don-vi", "title": "Theo đơn vị (tin tức, mô hình, khen thưởng)",
             "feeds": [link(f, f.title.split(" – ", 1)[-1]) for f in self.feeds if f.name.startswith("don-vi/")]},
        ]
        html = self.planner._render("feeds.html", FEEDS_PAGE, groups=groups, site_name=self.site.name)
        return Page(FEEDS_PAGE, "RSS", html, "Các nguồn tin RSS, Atom và JSON Feed của trang.",
                    {"hide": ["toc"]}, updated=self._newest())

    def data_page(self) -> Page:
        datasets = [
            {
                "name": d.name, "title": d.title, "count": len(self.index.by_kind[d.kind]),
                "csv_path": f"{DATA_DIR}{d.name}.csv", "json_path": f"{DATA_DIR}{d.name}.json",
                "columns": [{"name": c.name, "title": c.title, "type_label": TYPE_LABELS[c.type]} for c in d.columns],
            }
            for d in DATASETS
        ]
        html = self.planner._render("opendata.html", DATA_PAGE, datasets=datasets, site_name=self.site.name,
                                    package_path=f"{DATA_DIR}datapackage.json")
        return Page(DATA_PAGE, "Dữ liệu mở", html, "Tải về dữ liệu mô hình, khen thưởng và đơn vị dạng CSV, JSON.",
                    {"hide": ["toc"]}, updated=self._newest())

    def statistics_page(self) -> Page:
        html = self.planner._render("statistics.html", STATS_PAGE, stats=statistics(self.index))
        return Page(STATS_PAGE, "Thống kê", html, "Số liệu mô hình và khen thưởng theo phong trào, lĩnh vực, năm và đơn vị.",
                    {"hide": ["navigation", "toc"]}, updated=self._newest())
