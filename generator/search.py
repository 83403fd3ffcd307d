"""What each record gives the search index, and the search page.

Engine-neutral: records carry their search data as `data-pagefind-*` attributes in their own
HTML (see templates/entry.html), so any engine that renders the page tree produces an
indexable site; `search_index.py` then runs Pagefind over the built HTML.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import escape

from .loader import Kind
from .markup import relative_url
from .records import Entry
from .schema import CommendationFields, ModelFields, NewsFields
from .vietnamese import DJ_NOISE_ALIASES, dj_aliases, fold
from .views import EntryView, Link, Views

# Filter keys (in URLs: /tim-kiem/?q=…&don_vi=…) and the Vietnamese labels shown for them, in
# the order the search page lists them.
FILTERS: dict[str, str] = {
    "loai": "Loại",
    "don_vi": "Đơn vị",
    "phong_trao": "Phong trào",
    "linh_vuc": "Lĩnh vực",
    "chuyen_muc": "Chuyên mục",
    "nam": "Năm",
}

# Marks where a record's indexed text ends and its folded aliases begin, so the browser can
# cut the aliases out of excerpts. Not a word character: Pagefind does not index it.
ALIAS_MARK = "¦"

SEARCH_URL = "tim-kiem/"



@dataclass(frozen=True)
class SearchRecord:
    """One record as the search index sees it, beyond its visible text."""

    filters: list[tuple[str, str]]  # (filter key, value); a key may repeat
    meta: dict[str, str]  # shown in results: kind, date, unit
    title_aliases: str  # the folded title when it has đ-words, weighted like the title
    text_aliases: str  # folded đ-words of the rest (running text: not the commonest)
    alias_mark: str = ALIAS_MARK


def search_record(entry: Entry, view: EntryView, views: Views, body_lead: str) -> SearchRecord:
    """What a record page gives the index; `body_lead` is the text of the indexed part of its
    body (search_lead.py)."""
    teaser = views.teaser(entry)
    units = [views.unit_link(u) for u in _unit_ids(entry)]
    filters: list[tuple[str, str]] = [("loai", entry.kind.label)]
    filters += [("don_vi", unit.text) for unit in units if unit]
    for key, term in (("phong_trao", "movement"), ("linh_vuc", "field"), ("chuyen_muc", "category")):
        if term in entry.terms:
            filters.append((key, entry.terms[term].label))
    if entry.year:
        filters.append(("nam", str(entry.year)))
    meta = {"kind": entry.kind.label, "date": teaser.date_text, "unit": teaser.unit.text if teaser.unit else ""}
    if view.image:
        # Said explicitly: Pagefind 1.5 takes a record's first <img> otherwise, and keeps its alt
        # text undecoded ("&lt;" where the caption has "<").
        meta |= {"image": relative_url(entry.url, view.image.src), "image_alt": view.image.alt}
    return SearchRecord(
        # Pagefind 1.5 decodes a filter's text twice ("&amp;lt;" becomes "<"): escaped once
        # here and once by the template, it indexes the value as typed.
        filters=[(key, str(escape(value))) for key, value in filters],
        meta={k: v for k, v in meta.items() if v},
        # The whole folded title, not only its đ-words: Pagefind ranks words of a query found
        # next to each other higher, and a title is short.
        title_aliases=fold(entry.title) if dj_aliases(entry.title) else "",
        # Titles and names (units, movements, tags) keep every alias: "dat do" must find "Đất
        # Đỏ", "dang uy" "Đảng ủy". Running text leaves out the commonest, which only add noise.
        text_aliases=" ".join(filter(None, (
            dj_aliases(_name_text(view)), dj_aliases(_prose_text(view, body_lead), skip=DJ_NOISE_ALIASES)))),
    )


def _unit_ids(entry: Entry) -> list[str]:
    fields = entry.fields
    if entry.kind is Kind.UNIT:
        return [entry.slug]  # filtering by a unit shows the unit itself too
    if isinstance(fields, ModelFields):
        return [fields.unit]
    if isinstance(fields, CommendationFields):
        return [fields.recipient.unit] if fields.recipient.unit else []
    if isinstance(fields, NewsFields):
        return list(fields.units)
    return []


def _prose_text(view: EntryView, body_lead: str) -> str:
    """The record's running text in the index: summary, the body's lead, results, caption, and
    the card's row labels (the same few words on every record)."""
    parts = [view.entry.summary, body_lead, *view.results, *(row.label for row in view.rows)]
    if view.image:
        parts += [view.image.caption or "", view.image.credit or ""]
    return " ".join(p for p in parts if p)


def _name_text(view: EntryView) -> str:
    """The record's names in the index: its kind, the card's values (units, movements…), tags."""
    parts = [view.kind_label]
    for row in view.rows:
        parts += [v.text if isinstance(v, Link) else v for v in row.values]
    parts += [t.text for t in view.tags]
    return " ".join(p for p in parts if p)
