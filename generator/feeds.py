"""News feeds: RSS 2.0 and Atom (with feedgen) and JSON Feed 1.1, from published records only.

Feeds: all news; one per news category; one per unit (its news, models and commendations).
Each holds the newest `FEED_LIMIT` records. A record's feed item is built once and shared by
every feed that lists it, so the work per record stays O(1).
"""

from __future__ import annotations

import datetime as dt
import heapq
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from feedgen.entry import FeedEntry
from feedgen.ext.base import BaseEntryExtension
from feedgen.feed import FeedGenerator

from .escaping import json_text
from .index import SiteIndex
from .loader import Kind
from .outputs import KeptFile, OutputFile
from .records import Entry, recent_first_key
from .schema import TIME_ZONE, NewsFields
from .siteinfo import SiteInfo, media_type

FEED_LIMIT = 50
EMPTY_FEED_DATE = dt.datetime(2000, 1, 1, tzinfo=TIME_ZONE)  # fixed, so an empty feed is not rewritten each build
FEED_DIR = "rss/"
# The all-news feeds; the theme (theme_overrides/main.html) links them from every page's head.
ALL_NEWS = "tin-tuc"


@dataclass(frozen=True)
class Feed:
    name: str  # path under rss/ without extension, e.g. "chuyen-muc/dan-van"
    title: str
    description: str
    page_url: str  # the listing or record page the feed follows
    entries: list[Entry]
    json: bool = False  # also publish a JSON Feed

    @property
    def rss_path(self) -> str:
        return f"{FEED_DIR}{self.name}.rss.xml"

    @property
    def atom_path(self) -> str:
        return f"{FEED_DIR}{self.name}.atom.xml"

    @property
    def json_path(self) -> str:
        return f"{FEED_DIR}{self.name}.json"

    @property
    def paths(self) -> list[str]:
        """The files this feed publishes."""
        return [self.rss_path, self.atom_path] + ([self.json_path] if self.json else [])


def feeds(index: SiteIndex, site: SiteInfo) -> list[Feed]:
    """Every feed of the site, newest records first, at most FEED_LIMIT each."""
    news = index.by_kind[Kind.NEWS]
    found = [Feed(ALL_NEWS, f"{site.name} – Tin tức", "Tin tức mới nhất", "tin-tuc/", news[:FEED_LIMIT], json=True)]
    for term, _ in index.terms(Kind.NEWS, "category"):
        entries = index.group(Kind.NEWS, "category", term.slug)[:FEED_LIMIT]
        found.append(Feed(f"chuyen-muc/{term.slug}", f"{site.name} – {term.label}",
                          f"Tin tức chuyên mục {term.label}", f"chuyen-muc/{term.slug}/", entries))
    for unit in index.by_kind[Kind.UNIT]:
        groups = [index.group(kind, "unit", unit.slug)[:FEED_LIMIT] for kind in (Kind.NEWS, Kind.MODEL, Kind.COMMENDATION)]
        entries = list(heapq.merge(*groups, key=recent_first_key))[:FEED_LIMIT]
        if entries:
            found.append(Feed(f"don-vi/{unit.slug}", f"{site.name} – {unit.title}",
                              f"Tin tức, mô hình và khen thưởng của {unit.title}", unit.url, entries))
    return found


class AtomLinkAttributes(BaseEntryExtension):
    """Puts back the rel/type/length of an Atom entry's links, which feedgen 1.0.0 drops (its
    atom_entry rebinds `link` to the new element before reading them), so that an image
    enclosure is not read as a second alternate link."""

    def __init__(self) -> None:
        self.links: dict[str, dict[str, str]] = {}

    def extend_atom(self, entry):
        for element in entry:
            if isinstance(element.tag, str) and element.tag.rsplit("}", 1)[-1] == "link":
                for name, value in self.links.get(element.get("href"), {}).items():
                    element.set(name, value)
        return entry


class FeedWriter:
    """Renders feeds; caches each record's feed item so shared items are built once."""

    def __init__(self, index: SiteIndex, site: SiteInfo, docs_dir: Path | None = None, photos=None):
        self.index = index
        self.site = site
        self.docs_dir = docs_dir
        self.photos = photos  # images.PhotoLibrary: enclosures are its raster variants
        self._items: dict[int, FeedEntry] = {}
        self._sizes: dict[str, int] = {}

    def files(self, feed: Feed) -> list[OutputFile]:
        generator = self._generator(feed)
        rss = generator.rss_str(pretty=False)
        # Each format's "self" link names its own file.
        generator.link([{"href": self.site.absolute(feed.atom_path), "rel": "self"}, self._alternate(feed)], replace=True)
        files = [OutputFile(feed.rss_path, rss), OutputFile(feed.atom_path, generator.atom_str(pretty=False))]
        if feed.json:
            files.append(OutputFile(feed.json_path, self.json_feed(feed)))
        return files

    def _generator(self, feed: Feed) -> FeedGenerator:
        site = self.site
        generator = FeedGenerator()
        generator.load_extension("dc")
        generator.id(site.absolute(feed.atom_path))
        generator.title(feed.title)
        generator.subtitle(feed.description)  # RSS <description> as well
        # feedgen takes RSS's channel <link> from the last link given: the page the feed follows.
        generator.link([{"href": site.absolute(feed.rss_path), "rel": "self"}, self._alternate(feed)])
        generator.language("vi")
        generator.author({"name": site.name})
        generator.generator("Gương sáng")
        newest = feed.entries[0].sort_date if feed.entries else EMPTY_FEED_DATE
        generator.updated(newest)
        generator.lastBuildDate(newest)  # the newest item, so unchanged feeds stay unchanged
        for entry in feed.entries:
            generator.add_entry(self._item(entry), order="append")
        return generator

    def _alternate(self, feed: Feed) -> dict[str, str]:
        return {"href": self.site.absolute(feed.page_url), "rel": "alternate"}

    def _item(self, entry: Entry) -> FeedEntry:
        cached = self._items.get(id(entry))
        if cached is not None:
            return cached
        url = self.site.absolute(entry.url)
        item = FeedEntry()
        item.load_extension("dc")
        item.register_extension("atomlinks", AtomLinkAttributes, atom=True, rss=False)
        item.atomlinks.links[url] = {"rel": "alternate", "type": "text/html"}
        item.id(url)
        item.guid(url, permalink=True)
        item.title(entry.title)
        item.link(href=url, rel="alternate")
        if entry.summary:
            item.summary(entry.summary)
        item.published(entry.sort_date)
        item.updated(entry.sort_date)
        if author := author_of(entry):
            item.author({"name": author})
            item.dc.dc_creator(author)  # RSS <author> needs an e-mail address; Dublin Core does not
        for term in categories_of(entry):
            item.category(term=term, label=term)
        image = getattr(entry.fields, "image", None)
        if (variant := self._raster(image)) is not None:
            src, size, kind = self.site.absolute(variant[0]), variant[1].stat().st_size, "image/jpeg"
            item.enclosure(src, str(size), kind)
            item.atomlinks.links[src] = {"rel": "enclosure", "type": kind, "length": str(size)}
        elif image is not None:
            src, size, kind = self.site.absolute(image.src), self._size(image.src), media_type(image.src)
            item.enclosure(src, size, kind)
            item.atomlinks.links[src] = {"rel": "enclosure", "type": kind, "length": str(size)}
        self._items[id(entry)] = item
        return item

    def _raster(self, image):
        if image is None or self.photos is None:
            return None
        return self.photos.largest_jpeg(image.src)

    def _size(self, src: str) -> int:
        if src not in self._sizes:
            path = self.docs_dir / src if self.docs_dir else None
            self._sizes[src] = path.stat().st_size if path and path.is_file() else 0
        return self._sizes[src]

    def json_feed(self, feed: Feed) -> bytes:
        """JSON Feed 1.1 (jsonfeed.org); feedgen does not write this format and it is plain JSON."""
        site = self.site
        items = []
        for entry in feed.entries:
            item = {
                "id": site.absolute(entry.url),
                "url": site.absolute(entry.url),
                "title": entry.title,
                "content_text": entry.summary or entry.title,
                "date_published": entry.sort_date.isoformat(),
                "tags": categories_of(entry),
                "language": "vi",
            }
            if entry.summary:
                item["summary"] = entry.summary
            if author := author_of(entry):
                item["authors"] = [{"name": author}]
            image = getattr(entry.fields, "image", None)
            if (variant := self._raster(image)) is not None:
                item["image"] = site.absolute(variant[0])
            elif image is not None:
                item["image"] = site.absolute(image.src)
            items.append(item)
        document = {
            "version": "https://jsonfeed.org/version/1.1",
            "title": feed.title,
            "description": feed.description,
            "home_page_url": site.absolute(feed.page_url),
            "feed_url": site.absolute(feed.json_path),
            "language": "vi",
            "authors": [{"name": site.name}],
            "items": items,
        }
        return json_text(document, indent=1).encode("utf-8")


def author_of(entry: Entry) -> str | None:
    fields = entry.fields
    if isinstance(fields, NewsFields):
        return fields.author or fields.source
    return None


def categories_of(entry: Entry) -> list[str]:
    """The record's kind of list value (category, movement, form…) then its tags, as labels."""
    return [term.label for term in entry.terms.values()] + [tag.label for tag in entry.tags]


EMPTY_SITEMAP = b'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>\n'


def feed_files(index: SiteIndex, site: SiteInfo, all_feeds: list[Feed], docs_dir: Path | None = None, photos=None,
               kept: Callable[[Feed], bool] = lambda feed: False):
    """Every feed's files; a feed `kept` says is unchanged since the last build is not
    written again (feedgen builds a feed in ~20 ms: 160 feeds were 2-3 s of a build after
    one edit at 10,000 records)."""
    writer = FeedWriter(index, site, docs_dir, photos)
    folders: set[str] = set()
    for feed in all_feeds:
        if kept(feed):
            yield from (KeptFile(path) for path in feed.paths)
        else:
            yield from writer.files(feed)
        folders.add(feed.rss_path.rsplit("/", 1)[0])
    # Material's script takes every <link rel="alternate"> for a translation of the site and
    # fetches sitemap.xml beside it; for a feed link that is rss/sitemap.xml. An empty, valid
    # sitemap there keeps every page free of 404s (and console errors).
    for folder in sorted(folders):
        yield OutputFile(f"{folder}/sitemap.xml", EMPTY_SITEMAP)
