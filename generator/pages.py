"""Site index → page plan: every page of the site, as a URL, a title and its HTML content.

The plan is engine-neutral: each page is HTML wrapped in the minimum front matter a Markdown
site engine needs. The theme (theme_overrides/) adds the header, footer and navigation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Iterator

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from markupsafe import Markup, escape

from .glossary import Glossary
from .index import SiteIndex
from .listings import ListingPage, listings, paginate_listing
from .loader import Kind
from .markup import BodyRenderer, is_external, relative_url
from .parallel import render_all
from .search import FILTERS, SEARCH_URL, search_record
from .siteinfo import SiteInfo
from .social import record_head, share_links
from .views import Link, Teaser, Views
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

    @property
    def path(self) -> str:
        """Source file that yields this URL in a directory-URL engine (MkDocs, Hugo, Zensical)."""
        return f"{self.url}index.md"


def make_environment() -> Environment:
    """Jinja for page fragments; `href` makes a site-relative URL relative to the page."""
    env = Environment(
        loader=PackageLoader("generator", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
    )

    @pass_context
    def href(context, target: str) -> str:
        return target if is_external(target) else relative_url(context["page_url"], target)

    env.filters["href"] = href
    env.filters["abbr"] = escape  # Planner replaces it with the site's glossary
    return env


class Planner:
    """Plans all pages of a site from its index."""

    def __init__(self, index: SiteIndex, site: SiteInfo | None = None,
                 glossary: Glossary | None = None, workers: int = 1):
        self.index = index
        self.workers = workers  # processes rendering record pages (parallel.py)
        self.views = Views(index)
        self.glossary = glossary or Glossary()
        self.bodies = BodyRenderer(glossary=self.glossary.terms)
        self.env = make_environment()
        self.env.globals["teaser"] = self._teaser_html
        self.env.filters["abbr"] = self.glossary.abbreviate
        self.site = site or SiteInfo()
        # The same teaser (latest news, a unit's models) appears on thousands of pages; its
        # HTML only depends on the page's depth (see markup.relative_url), so render it once.
        self._teasers: dict[tuple[int, int, int], Markup] = {}

    @pass_context
    def _teaser_html(self, context, teaser: Teaser, level: int) -> Markup:
        depth = context["page_url"].count("/")
        key = (id(teaser), level, depth)
        html = self._teasers.get(key)
        if html is None:
            template = self.env.get_template("_teaser.html")
            html = Markup(template.render(t=teaser, level=level, root="../" * depth))
            self._teasers[key] = html
        return html

    def _render(self, template: str, page_url: str, **context: Any) -> str:
        return self.env.get_template(template).render(page_url=page_url, **context)

    def pages(self) -> Iterator[Page]:
        yield self.home()
        yield self.units_page()
        yield self.search_page()
        records = [entry for kind in Kind for entry in self.index.by_kind[kind]]
        yield from render_all(self.entry_page, records, self.workers)
        for listing in listings(self.index):
            for listing_page in paginate_listing(listing):
                yield self.listing_page(listing_page)

    def entry_page(self, entry) -> Page:
        body = self.bodies.render(entry.body, entry.url)
        view = self.views.entry(entry, body.html)
        share = {"links": share_links(entry, self.site), "url": self.site.absolute(entry.url), "date_text": view.date_text}
        search = search_record(entry, view, self.views, body.lead_text, body.rest_text)
        html = self._render("entry.html", entry.url, view=view, share=share, search=search)
        meta = {"hide": ["navigation", "toc"], "kind": entry.kind.value, "date": view.date_iso or None,
                **record_head(entry, self.index, self.site)}
        return Page(entry.url, entry.title, html, entry.summary, meta, updated=entry.published_at)

    def listing_page(self, page: ListingPage) -> Page:
        teasers = self.views.teasers(page.entries)
        html = self._render("listing.html", page.url, page=page, teasers=teasers)
        description = page.listing.description or page.listing.title
        updated = max((e.dated_at for e in page.entries if e.dated_at), default=None)
        return Page(page.url, page.title, html, description, {"hide": ["toc"], "listing": True}, updated=updated)

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
        return Page("don-vi/", "Đơn vị", html, "Danh sách các đơn vị theo thứ tự chữ cái.", {"hide": ["toc"], "listing": True})

    def home(self) -> Page:
        index = self.index
        news = index.by_kind[Kind.NEWS]
        models = index.by_kind[Kind.MODEL]
        lead = next((e for e in news if e.fields.featured), news[0] if news else None)
        featured = [e for e in models if e.fields.featured][:6] or models[:6]
        counts = [
            Link("đơn vị", "don-vi/", len(index.by_kind[Kind.UNIT])),
            Link("mô hình", "mo-hinh/", len(models)),
            Link("khen thưởng", "khen-thuong/", len(index.by_kind[Kind.COMMENDATION])),
            Link("tin bài", "tin-tuc/", len(news)),
        ]
        description = f"{counts[0].count} đơn vị, {counts[1].count} mô hình tiêu biểu, {counts[2].count} khen thưởng."
        html = self._render(
            "home.html", "",
            site_name=self.site.name,
            tagline=description,
            counts=counts,
            lead=self.views.teaser(lead) if lead else None,
            latest=self.views.teasers([e for e in news if e is not lead][:8]),
            featured=self.views.teasers(featured),
            commendations=self.views.teasers(index.by_kind[Kind.COMMENDATION][:5]),
        )
        # No title: the theme then titles the home page with the site name alone.
        return Page("", "", html, description, {"hide": ["navigation", "toc"], "home": True})
