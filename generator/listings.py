"""Listing pages: which lists the site has (Hugo's sections and taxonomy terms), paginated.

URL scheme (site-relative):
    tin-tuc/                         all news            chuyen-muc/<slug>/    a category
    mo-hinh/                         all models          mo-hinh/phong-trao/<slug>/, linh-vuc/<slug>/, nam/<year>/
    khen-thuong/                     all commendations   khen-thuong/nam/<year>/, cap-khen/<slug>/, hinh-thuc/<slug>/
    the/<slug>/                      a tag               don-vi/<id>/<kind>/   a unit's records of one kind
Page n > 1 of any listing is at <listing>trang/<n>/.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import paginate

from .index import SiteIndex
from .loader import Kind
from .records import Entry, recent_first
from .taxonomies import PAGINATION_SEGMENT, of_kind
from .views import Link

PER_PAGE = 20


@dataclass(frozen=True)
class Facet:
    """A group of links to other listings, shown on a listing's first page ("Theo phong trào")."""

    title: str
    links: list[Link]


@dataclass(frozen=True)
class Listing:
    url: str
    title: str
    entries: list[Entry]
    description: str = ""
    facets: tuple[Facet, ...] = ()
    parent: Link | None = None


@dataclass(frozen=True)
class ListingPage:
    listing: Listing
    number: int
    count: int  # pages in the listing
    entries: list[Entry]
    first_item: int
    last_item: int

    @property
    def url(self) -> str:
        return page_url(self.listing.url, self.number)

    @property
    def title(self) -> str:
        title = self.listing.title
        return title if self.number == 1 else f"{title} – Trang {self.number}"

    def pager(self) -> list[Link]:
        """Links to nearby pages, with "…" gaps, as on Vietnamese news portals: 1 … 4 5 6 … 20.

        paginate slices the pages (paginate_listing); its `link_map` leaves the first and last
        pages out of its window and puts its gaps where they would then double up, so joining
        them back would take as much code as this window.
        """
        if self.count <= 1:
            return []
        links: list[Link] = []
        shown = sorted({1, self.count, *range(max(1, self.number - 2), min(self.count, self.number + 2) + 1)})
        previous = 0
        for number in shown:
            if number - previous > 1:
                links.append(Link("…", ""))
            links.append(Link(str(number), page_url(self.listing.url, number)))
            previous = number
        return links

    @property
    def previous_url(self) -> str | None:
        return page_url(self.listing.url, self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return page_url(self.listing.url, self.number + 1) if self.number < self.count else None


def page_url(listing_url: str, number: int) -> str:
    return listing_url if number == 1 else f"{listing_url}{PAGINATION_SEGMENT}/{number}/"


def paginate_listing(listing: Listing, per_page: int = PER_PAGE) -> Iterator[ListingPage]:
    first = paginate.Page(listing.entries, page=1, items_per_page=per_page)
    count = max(first.page_count, 1)
    for number in range(1, count + 1):
        page = first if number == 1 else paginate.Page(listing.entries, page=number, items_per_page=per_page)
        yield ListingPage(listing, number, count, list(page.items), page.first_item or 0, page.last_item or 0)


# Each section's listing: its kind, title and the sentence that introduces it.
SECTIONS = (
    (Kind.NEWS, "Tin tức", "Tin tức mới nhất, xếp theo thời gian đăng."),
    (Kind.MODEL, "Mô hình tiêu biểu", "Các mô hình, cách làm hay do các đơn vị đăng ký thực hiện."),
    (Kind.COMMENDATION, "Khen thưởng", "Các tập thể, cá nhân được biểu dương, khen thưởng."),
)


def listings(index: SiteIndex) -> Iterator[Listing]:
    """Every listing of the site, from the index; each entry appears in O(1) listings."""
    for kind, title, intro in SECTIONS:
        taxonomies = of_kind(kind)
        facets = tuple(
            Facet(t.facet_title, [Link(term.label, t.term_url(term.slug), n) for term, n in index.terms(kind, t.name)])
            for t in taxonomies
        )
        yield Listing(f"{kind.value}/", title, index.by_kind[kind], intro, facets)
        parent = Link(title, f"{kind.value}/")
        for t in taxonomies:
            for term, _ in index.terms(kind, t.name):
                yield Listing(t.term_url(term.slug), f"{t.title_prefix}{term.label}",
                              index.group(kind, t.name, term.slug), parent=parent)

    tagged: dict[str, list[Entry]] = {}
    for (kind, taxonomy, slug), entries in index.groups.items():
        if taxonomy == "tag":
            tagged.setdefault(slug, []).extend(entries)
    for slug, entries in tagged.items():
        yield Listing(f"the/{slug}/", f"Thẻ: {index.labels[('tag', slug)]}", recent_first(entries))

    for unit in index.by_kind[Kind.UNIT]:
        for kind in (Kind.MODEL, Kind.COMMENDATION, Kind.NEWS):
            entries = index.group(kind, "unit", unit.slug)
            if entries:
                yield Listing(f"{unit.url}{kind.value}/", f"{kind.plural_label} – {unit.title}", entries,
                              parent=Link(unit.title, unit.url))
