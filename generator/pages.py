"""Site index → page plan: every page of the site, as a URL, a title and its HTML content.

The plan is engine-neutral: each page is HTML wrapped in the minimum front matter a Markdown
site engine needs. The theme (theme_overrides/) adds the header, footer and navigation.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Iterator

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from markupsafe import Markup, escape

from .escaping import json_text, safe_url, url_scheme
from .glossary import Glossary
from .images import PhotoLibrary
from .images.library import image_sources
from .images.card import CardText
from .index import SiteIndex
from .listings import ListingPage, listings, paginate_listing
from .loader import Kind
from .outputs import OutputFile
from .markup import BodyRenderer, is_external, relative_url
from .parallel import render_all
from .search import FILTERS, SEARCH_URL, search_record
from .siteinfo import SiteInfo
from .social import modified_at, record_head, share_links
from .taxonomies import taxonomy
from .views import LATEST_FILE, LATEST_READER, LATEST_SHOWN, Link, Section, Teaser, Views
from .vietnamese import alphabet_letter


@dataclass(frozen=True)
class Page:
    url: str  # site-relative: "" for the home page, "mo-hinh/cho-con/"
    title: str
    html: str
    description: str = ""
    # Hints for the theme: hidden sidebars, the record kind (for styling), canonical data.
    meta: dict[str, Any] = field(default_factory=dict)
    updated: dt.datetime | None = None  # newest record shown, for the sitemap's lastmod
    # URLs of the records whose content the page shows (its own, its teasers'): an edit to
    # one of them, and only then, changes the page while the index keeps its structure.
    shows: frozenset[str] = frozenset()
    # A record page's search document (search_index.search_document), made where the page is
    # planned: in the planner's worker processes, as marking its words is work per record.
    search_html: str | None = None

    @property
    def path(self) -> str:
        """Source file that yields this URL in a directory-URL engine (MkDocs, Hugo, Zensical)."""
        return f"{self.url}index.md"


@dataclass(frozen=True)
class Unplanned:
    """A record or listing page the planner was told not to plan again (buildcache/plan.py)."""

    url: str

    @property
    def path(self) -> str:
        return f"{self.url}index.md"


def make_environment() -> Environment:
    """Jinja for page fragments; `href` makes a site-relative URL relative to the page.

    Autoescape escapes every text for HTML; `href` also keeps an address from being anything
    but a link (see escaping.safe_url): an unsafe one becomes "#", a link to nowhere.
    """
    env = Environment(
        loader=PackageLoader("generator", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
    )

    @pass_context
    def href(context, target: str) -> str:
        if not (is_external(target) or url_scheme(target)):
            target = relative_url(context["page_url"], target)
        return safe_url(target) or "#"

    @pass_context
    def srcset(context, variants) -> str:
        return ", ".join(f"{relative_url(context['page_url'], v.url)} {v.width}w" for v in variants)

    env.filters["href"] = href
    env.filters["srcset"] = srcset
    env.filters["abbr"] = escape  # Planner replaces it with the site's glossary
    return env


class Planner:
    """Plans all pages of a site from its index."""

    def __init__(self, index: SiteIndex, site: SiteInfo | None = None,
                 glossary: Glossary | None = None, workers: int = 1, photos: PhotoLibrary | None = None):
        self.index = index
        self.workers = workers  # processes rendering record pages (parallel.py)
        self.photos = photos
        self._share_images: dict[int, str] = {}
        self._site_card: str | None = None
        self.views = Views(index, photos)
        self.glossary = glossary or Glossary()
        self.bodies = BodyRenderer(glossary=self.glossary.terms, photos=photos)
        self.env = make_environment()
        self.env.globals["teaser"] = self._teaser_html
        self.env.filters["abbr"] = self.glossary.abbreviate
        self.site = site or SiteInfo()
        # The same teaser (latest news, a unit's models) appears on thousands of pages; its
        # HTML only depends on the page's depth (see markup.relative_url), so render it once.
        self._teasers: dict[tuple[int, int, int], Markup] = {}
        self._prepared = False

    @pass_context
    def _teaser_html(self, context, teaser: Teaser, level: int) -> Markup:
        return self.teaser_markup(context["page_url"], teaser, level)

    def teaser_markup(self, page_url: str, teaser: Teaser, level: int) -> Markup:
        depth = page_url.count("/")
        key = (id(teaser), level, depth)
        html = self._teasers.get(key)
        if html is None:
            template = self.env.get_template("_teaser.html")
            html = Markup(template.render(t=teaser, level=level, root="../" * depth))
            self._teasers[key] = html
        return html

    def _render(self, template: str, page_url: str, **context: Any) -> str:
        return self.env.get_template(template).render(page_url=page_url, **context)

    def prepare_images(self) -> None:
        """Process every published photo and name every share card, before any page is rendered.

        Record pages may be rendered in forked workers, which must find every photo ready.
        Teasers show photos: none may be made before this (Views caches them).
        """
        if self.photos is None or self._prepared:
            return
        self._prepared = True
        records = [entry for kind in Kind for entry in self.index.by_kind[kind]]
        self.photos.prepare([src for entry in records for src in image_sources(entry.fields, entry.body)])
        self._share_images = {id(entry): self._share_image(entry) for entry in records}
        self.share_image()

    def _share_image(self, entry) -> str:
        image = getattr(entry.fields, "image", None)
        photo = self.photos.photo(image.src) if image is not None else None
        if photo is not None:
            return photo.og.url
        return self.photos.card_url(CardText(self.site.name, entry.kind.plural_label, entry.title))

    def share_image(self, entry=None) -> str | None:
        """Site-relative URL of the raster share image of a record (or of the site)."""
        if self.photos is None:
            return None
        if entry is None:
            if self._site_card is None:
                self._site_card = self.photos.card_url(CardText(self.site.name, "", self.site.description or self.site.name))
            return self._site_card
        if id(entry) not in self._share_images:  # the preview renders one record, unprepared
            image = getattr(entry.fields, "image", None)
            self.photos.prepare([image.src] if image is not None else [])
            self._share_images[id(entry)] = self._share_image(entry)
        return self._share_images[id(entry)]

    def image_files(self):
        return self.photos.files() if self.photos is not None else iter(())

    def pages(self, replan: set[str] | None = None) -> Iterator[Page | Unplanned]:
        """Every page; with `replan`, record and listing pages whose URL is not in it come as
        `Unplanned` (the last build's are still right: see buildcache/plan.py)."""
        self.prepare_images()
        yield self.home()
        yield self.units_page()
        yield self.search_page()
        records = [entry for kind in Kind for entry in self.index.by_kind[kind]]
        if replan is None:
            yield from render_all(self.entry_page, records, self.workers)
        else:
            planned = iter(render_all(self.entry_page, [e for e in records if e.url in replan], self.workers))
            for entry in records:
                yield next(planned) if entry.url in replan else Unplanned(entry.url)
        for listing in listings(self.index):
            for listing_page in paginate_listing(listing):
                if replan is None or listing_page.url in replan:
                    yield self.listing_page(listing_page)
                else:
                    yield Unplanned(listing_page.url)

    def latest_file(self) -> OutputFile:
        """LATEST_FILE: the newest news as teasers, in the HTML a record page shows them in
        (addresses relative to a record page: LATEST_READER)."""
        items = [{"url": relative_url(LATEST_READER, t.url), "html": str(self.teaser_markup(LATEST_READER, t, 3))}
                 for t in self.views.latest()]
        return OutputFile(LATEST_FILE, json_text({"shown": LATEST_SHOWN, "items": items}).encode("utf-8"))

    def entry_page(self, entry) -> Page:
        self.views.shown = shown = {entry.url}
        try:
            body = self.bodies.render(entry.body, entry.url)
            view = self.views.entry(entry, body.html)
            share = {"links": share_links(entry, self.site), "url": self.site.absolute(entry.url), "date_text": view.date_text}
            search = search_record(entry, view, self.views, body.lead_text, body.rest_text)
            html = self._render("entry.html", entry.url, view=view, share=share, search=search)
        finally:
            self.views.shown = None
        meta = {"hide": ["navigation", "toc"], "kind": entry.kind.value, "date": view.date_iso or None,
                **record_head(entry, self.index, self.site, self.share_image(entry), self.share_image())}
        page = Page(entry.url, entry.title, html, entry.summary, meta, updated=modified_at(entry), shows=frozenset(shown))
        from .search_index import search_document  # search_index plans with Page: imported here

        return dataclasses.replace(page, search_html=search_document(page))

    def listing_page(self, page: ListingPage) -> Page:
        self.views.shown = shown = set()
        try:
            return self._listing_page(page, shown)
        finally:
            self.views.shown = None

    def _listing_page(self, page: ListingPage, shown: set[str]) -> Page:
        teasers = self.views.teasers(page.entries)
        html = self._render("listing.html", page.url, page=page, teasers=teasers)
        description = page.listing.description or page.listing.title
        updated = max((e.dated_at for e in page.entries if e.dated_at), default=None)
        meta = {"hide": ["navigation", "toc"], "listing": True, **self.site_head(page.url, description, f"{page.title} – {self.site.name}")}
        return Page(page.url, page.title, html, description, meta, updated=updated, shows=frozenset(shown))

    def search_page(self) -> Page:
        """The full search page; the browser fills it from the Pagefind index."""
        html = self._render("search.html", SEARCH_URL, filters=FILTERS)
        description = "Tìm tin tức, mô hình, khen thưởng và đơn vị; gõ có dấu hay không dấu đều được."
        return Page(SEARCH_URL, "Tìm kiếm", html, description, {"hide": ["navigation", "toc"], "search": True})

    def units_page(self) -> Page:
        """Units A–Z, grouped by first letter in Vietnamese alphabetical order."""
        groups: dict[str, list[Link]] = {}
        for unit in self.index.by_kind[Kind.UNIT]:  # already in Vietnamese order
            models = len(self.index.group(Kind.MODEL, "unit", unit.slug))
            groups.setdefault(alphabet_letter(unit.title), []).append(Link(unit.title, unit.url, models))
        html = self._render("units.html", "don-vi/", groups=list(groups.items()), total=len(self.index.by_kind[Kind.UNIT]))
        return Page("don-vi/", "Đơn vị", html, "Danh sách các đơn vị theo thứ tự chữ cái.", {"hide": ["navigation", "toc"], "listing": True})

    def home(self) -> Page:
        """A news portal's front page: the lead story, a grid of featured stories, a block per
        category, the latest news; the counts come last."""
        index = self.index
        news = index.by_kind[Kind.NEWS]
        models = index.by_kind[Kind.MODEL]
        with_photo = [e for e in news if self.views.photo_of(e)]
        lead = next((e for e in news if e.fields.featured and self.views.photo_of(e)), None) \
            or next(iter(with_photo), None) or next(iter(news), None)
        others = [e for e in news if e is not lead]
        featured_models = [e for e in models if e.fields.featured] or models
        grid = sorted(
            [e for e in others if self.views.photo_of(e)][:4] + [e for e in featured_models if self.views.photo_of(e)][:2],
            key=lambda e: -e.sort_date.timestamp(),
        )[:4]
        shown = {id(e) for e in grid} | {id(lead)}
        blocks = []
        for term, _count in index.terms(Kind.NEWS, "category"):
            items = [e for e in index.group(Kind.NEWS, "category", term.slug) if id(e) not in shown][:4]
            if items:
                url = taxonomy(Kind.NEWS, "category").term_url(term.slug)
                blocks.append(Section(term.label, self.views.teasers(items), Link(f"Xem thêm {term.label}", url), term.slug))
        counts = [
            Link("đơn vị", "don-vi/", len(index.by_kind[Kind.UNIT])),
            Link("mô hình", "mo-hinh/", len(models)),
            Link("khen thưởng", "khen-thuong/", len(index.by_kind[Kind.COMMENDATION])),
            Link("tin bài", "tin-tuc/", len(news)),
        ]
        description = self.site.description or f"{counts[0].count} đơn vị, {counts[1].count} mô hình tiêu biểu, {counts[2].count} khen thưởng."
        html = self._render(
            "home.html", "",
            site_name=self.site.name,
            counts=counts,
            lead=self.views.teaser(lead) if lead else None,
            latest=self.views.teasers(others[:8]),
            grid=self.views.teasers(grid),
            blocks=blocks[:4],
            models=self.views.teasers(featured_models[:6]),
            commendations=self.views.teasers(index.by_kind[Kind.COMMENDATION][:5]),
        )
        # No title: the theme then titles the home page with the site name alone.
        return Page("", "", html, description, {"hide": ["navigation", "toc"], "home": True,
                                                **self.site_head("", description)})

    def site_head(self, url: str, description: str, title: str = "") -> dict[str, Any]:
        """Open Graph tags for the home and listing pages (records get theirs from social.py)."""
        image = self.share_image()
        tags = [
            ("property", "og:type", "website"),
            ("property", "og:site_name", self.site.name),
            ("property", "og:locale", "vi_VN"),
            ("property", "og:title", title or self.site.name),
            ("property", "og:description", description),
            ("property", "og:url", self.site.absolute(url)),
            ("name", "twitter:card", "summary_large_image"),
        ]
        if image:
            tags += [("property", "og:image", self.site.absolute(image)), ("property", "og:image:width", "1200"),
                     ("property", "og:image:height", "630"), ("name", "twitter:image", self.site.absolute(image))]
        return {"social": [list(tag) for tag in tags]}
