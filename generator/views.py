"""What templates show: small, ready-to-print view objects computed from the site index.

Templates stay thin: every label, date text and link target is decided here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .escaping import web_address
from .images import Photo, PhotoLibrary
from .images.library import credit_text
from .index import RELATED_LIMIT, SiteIndex
from .loader import Kind
from .records import Entry
from .taxonomies import taxonomy
from .schema import CommendationFields, ModelFields, NewsFields, UnitFields
from .vietnamese import format_day, format_moment, format_short_date

# Record pages fill their "Mới nhất" list from this one file, in the browser: were the list in
# each page, editing one of the newest stories would change every record page (thousands of
# pages planned, rendered and indexed again for a typo). Readers without scripts get the link to
# all news instead.
LATEST_FILE = "tin-tuc/moi-nhat.json"
LATEST_SHOWN = 5
# Its teasers' addresses are written for a record page, as the pages that load it see them:
# every record page is two folders deep (Entry.url: "tin-tuc/<slug>/"), so the HTML is put in
# as it is, and is the very teaser HTML the record pages' other blocks use.
LATEST_READER = "tin-tuc/-/"


@dataclass(frozen=True)
class Link:
    text: str
    url: str  # site-relative; templates turn it into a page-relative href
    count: int | None = None


@dataclass(frozen=True)
class Teaser:
    """One record in a list: what a reader needs to decide whether to open it."""

    title: str
    url: str
    kind: Kind
    kind_label: str
    date_text: str
    date_iso: str
    summary: str
    unit: Link | None
    photo: Photo | None = None
    section: str = ""  # the record's category, movement or form: shown above titles in grids


@dataclass(frozen=True)
class Row:
    """One line of a record's metadata card: a label and one or more values (links or text)."""

    label: str
    values: tuple[Link | str, ...]


@dataclass(frozen=True)
class Section:
    title: str
    items: list[Teaser]
    more: Link | None = None
    slug: str = ""
    source: str = ""  # site-relative file the browser fills `items` from (LATEST_FILE)


@dataclass(frozen=True)
class ImageView:
    src: str
    alt: str
    caption: str | None
    credit: str | None
    photo: Photo | None = None  # None for SVG drawings, served as they are


@dataclass
class EntryView:
    entry: Entry
    kind_label: str
    date_text: str
    date_iso: str
    rows: list[Row]
    image: ImageView | None
    body_html: str
    results: list[str]
    sections: list[Section]
    tags: list[Link]
    breadcrumbs: list[Link] = field(default_factory=list)
    section: str = ""


def date_texts(entry: Entry) -> tuple[str, str]:
    """(human text, ISO 8601) of a record's date, or its year when it has no date."""
    moment = entry.published_at
    if moment is None:
        return (str(entry.year) if entry.year else "", str(entry.year or ""))
    if entry.has_time:
        return format_moment(moment), moment.isoformat()
    return format_day(moment.date()), moment.date().isoformat()


class Views:
    """Builds view objects; caches teasers so each record's teaser is computed once."""

    def __init__(self, index: SiteIndex, photos: PhotoLibrary | None = None):
        self.index = index
        self.photos = photos
        self._teasers: dict[int, Teaser] = {}
        # While a page is planned: the URLs of the records it shows as teasers (buildcache/
        # plan.py re-plans a page when one of them is edited).
        self.shown: set[str] | None = None

    def photo_of(self, entry: Entry) -> Photo | None:
        image = getattr(entry.fields, "image", None)
        return self.photos.photo(image.src) if image is not None and self.photos is not None else None

    def unit_link(self, unit_id: str | None) -> Link | None:
        unit = self.index.unit(unit_id)
        return Link(unit.title, unit.url) if unit else None

    def owner_unit(self, entry: Entry) -> Link | None:
        fields = entry.fields
        if isinstance(fields, ModelFields):
            return self.unit_link(fields.unit)
        if isinstance(fields, CommendationFields):
            return self.unit_link(fields.recipient.unit)
        if isinstance(fields, NewsFields) and fields.units:
            return self.unit_link(fields.units[0])
        if isinstance(fields, UnitFields):
            return self.unit_link(fields.parent)
        return None

    def teaser(self, entry: Entry) -> Teaser:
        if self.shown is not None:
            self.shown.add(entry.url)
        cached = self._teasers.get(id(entry))
        if cached is None:
            text, iso = date_texts(entry)
            if entry.kind is not Kind.NEWS:
                text = format_short_date(entry.published_at.date()) if entry.published_at else text
            cached = Teaser(
                entry.title, entry.url, entry.kind, entry.kind.label, text, iso,
                _shorten(entry.summary), self.owner_unit(entry), self.photo_of(entry), _section(entry),
            )
            self._teasers[id(entry)] = cached
        return cached

    def teasers(self, entries: list[Entry]) -> list[Teaser]:
        return [self.teaser(e) for e in entries]

    def latest(self) -> list[Teaser]:
        """The newest news for LATEST_FILE: enough that a page can leave out itself and the
        stories it lists in "Các tin khác" (index.related) and still show LATEST_SHOWN."""
        return self.teasers(self.index.by_kind[Kind.NEWS][: LATEST_SHOWN + 1 + RELATED_LIMIT])

    def term_link(self, entry: Entry, name: str) -> Link | None:
        term = entry.terms.get(name)
        return Link(term.label, taxonomy(entry.kind, name).term_url(term.slug)) if term else None

    def year_link(self, entry: Entry) -> Link:
        return Link(str(entry.year), taxonomy(entry.kind, "year").term_url(str(entry.year)))

    def entry(self, entry: Entry, body_html: str) -> EntryView:
        index = self.index
        fields = entry.fields
        rows: list[Row] = []
        sections: list[Section] = []
        results: list[str] = []

        def row(label: str, *values: Link | str | None) -> None:
            present = tuple(v for v in values if v)
            if present:
                rows.append(Row(label, present))

        def linked(kind: Kind, taxonomy: str, title: str, slug: str) -> None:
            # Units have paginated listings of their records (listings.py); a model's few
            # commendations and news are all shown.
            found = index.group(kind, taxonomy, entry.slug)
            limit = 10 if taxonomy == "unit" else 50
            if found:
                more = None
                if len(found) > limit and taxonomy == "unit":
                    more = Link(f"Xem tất cả {len(found)} {kind.label.lower()}", f"{entry.url}{kind.value}/")
                sections.append(Section(title, self.teasers(found[:limit]), more, slug))

        if isinstance(fields, NewsFields):
            row("Chuyên mục", self.term_link(entry, "category"))
            row("Tác giả", fields.author)
            row("Nguồn", fields.source)
            row("Đơn vị", *(self.unit_link(u) for u in fields.units))
            models = [index.model(m) for m in fields.models]
            row("Mô hình", *(Link(m.title, m.url) for m in models if m))
        elif isinstance(fields, ModelFields):
            row("Đơn vị", self.unit_link(fields.unit))
            row("Phong trào", self.term_link(entry, "movement"))
            row("Lĩnh vực", self.term_link(entry, "field"))
            row("Năm đăng ký", self.year_link(entry))
            if fields.period and (fields.period.from_ or fields.period.to):
                row("Thời gian thực hiện", _period_text(fields.period.from_, fields.period.to))
            row("Tình trạng", fields.status.value.capitalize() if fields.status else None)
            results = list(fields.results)
            linked(Kind.COMMENDATION, "model", "Khen thưởng cho mô hình", "khen-thuong")
            linked(Kind.NEWS, "model", "Tin tức về mô hình", "tin-tuc")
        elif isinstance(fields, CommendationFields):
            recipient = fields.recipient
            who = recipient.name + (f" — {recipient.position}" if recipient.position else "")
            row("Người/tập thể được khen", who)
            row("Đối tượng", recipient.kind.value.capitalize())
            row("Đơn vị", self.unit_link(recipient.unit))
            row("Hình thức", self.term_link(entry, "form"))
            row("Cấp khen", self.term_link(entry, "authority"))
            if fields.decision and (fields.decision.number or fields.decision.date):
                number = f"Số {fields.decision.number}" if fields.decision.number else ""
                when = f"ngày {format_short_date(fields.decision.date)}" if fields.decision.date else ""
                row("Quyết định", " ".join(p for p in (number, when) if p))
            row("Năm", self.year_link(entry))
            models = [index.model(m) for m in fields.models]
            row("Mô hình được khen", *(Link(m.title, m.url) for m in models if m))
        elif isinstance(fields, UnitFields):
            row("Tên viết tắt", fields.short_name)
            row("Loại đơn vị", entry.terms["kind"].label if "kind" in entry.terms else None)
            row("Trực thuộc", self.unit_link(fields.parent))
            # Only an http(s) address is a link; anything else (javascript:…) is shown as text.
            website = web_address(fields.website)
            row("Trang web", Link(fields.website, website) if website else fields.website)
            counts = [
                f"{len(index.group(kind, 'unit', entry.slug))} {kind.label.lower()}"
                for kind in (Kind.MODEL, Kind.COMMENDATION, Kind.NEWS)
            ]
            row("Số liệu", ", ".join(counts))
            linked(Kind.MODEL, "unit", "Mô hình của đơn vị", "mo-hinh")
            linked(Kind.COMMENDATION, "unit", "Khen thưởng", "khen-thuong")
            linked(Kind.NEWS, "unit", "Tin tức về đơn vị", "tin-tuc")
            children = index.group(Kind.UNIT, "parent", entry.slug)
            if children:
                sections.append(Section("Đơn vị trực thuộc", self.teasers(children), slug="don-vi"))

        related = index.related(entry)
        if related:
            title = "Các tin khác" if entry.kind is Kind.NEWS else f"{entry.kind.plural_label} khác"
            sections.append(Section(title, self.teasers(related), slug="lien-quan"))
        if index.by_kind[Kind.NEWS]:
            sections.append(Section("Mới nhất", [], Link("Tất cả tin tức", "tin-tuc/"), "moi-nhat", LATEST_FILE))

        image = getattr(fields, "image", None)
        text, iso = date_texts(entry)
        crumbs = [Link("Trang chủ", ""), Link(entry.kind.plural_label, f"{entry.kind.value}/"),
                  *[link for name in ("category", "movement", "form") if (link := self.term_link(entry, name))][:1]]
        # The label above the headline, unless the breadcrumb just above it already names it.
        section = _section(entry) if entry.kind is not Kind.UNIT else ""
        return EntryView(
            entry=entry,
            kind_label=entry.kind.label,
            date_text=text if entry.published_at else "",
            date_iso=iso if entry.published_at else "",
            rows=rows,
            image=ImageView(image.src.lstrip("/"), image.caption or entry.title, image.caption,
                            credit_text(image.credit), self.photo_of(entry)) if image else None,
            body_html=body_html,
            results=results,
            sections=sections,
            tags=[Link(t.label, f"the/{t.slug}/") for t in entry.tags],
            breadcrumbs=crumbs,
            section="" if section in {crumb.text for crumb in crumbs} else section,
        )


def _section(entry: Entry) -> str:
    for name in ("category", "movement", "form"):
        if name in entry.terms:
            return entry.terms[name].label
    return entry.kind.label


def _period_text(start, end) -> str:
    def text(value) -> str:
        return str(value) if isinstance(value, int) else format_short_date(value)

    if start and end:
        return f"{text(start)} – {text(end)}"
    return f"Từ {text(start)}" if start else f"Đến {text(end)}"


def _shorten(text: str, limit: int = 220) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:–- ") + "…"
