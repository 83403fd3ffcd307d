"""What each record gives the search index, and the search page.

Engine-neutral: records carry their search data as `data-pagefind-*` attributes in their own
HTML (see templates/entry.html), so any engine that renders the page tree produces an
indexable site; `search_index.py` then runs Pagefind over the built HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import escape

from .loader import Kind
from .markup import relative_url
from .records import Entry
from .schema import CommendationFields, ModelFields, NewsFields
from .vietnamese import DJ_NOISE_WORDS, canonical_tones, dj_aliases, fold, tone_aliases
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

# Marks where a record's indexed text ends and its names and aliases begin, so the browser can
# cut them out of excerpts. Not a word character: Pagefind does not index it.
ALIAS_MARK = "¦"

SEARCH_URL = "tim-kiem/"



@dataclass(frozen=True)
class SearchRecord:
    """One record as the search index sees it, beyond its visible text."""

    filters: list[tuple[str, str]]  # (filter key, value); a key may repeat
    meta: dict[str, str]  # shown in results: kind, date, unit
    names: str  # the card's values (units, movements…), indexed out of the excerpts' text
    body_words: str  # each word of the body after its lead once, with its aliases (search_lead.py)
    title_aliases: str  # the title in canonical tone placement and folded, where they differ
    text_aliases: str  # canonical tone placement and folded đ-words of the rest
    alias_mark: str = ALIAS_MARK


def search_record(entry: Entry, view: EntryView, views: Views, body_lead: str, body_rest: str = "") -> SearchRecord:
    """What a record page gives the index; `body_lead` is the text of the part of its body
    indexed as text, `body_rest` the text of the rest (search_lead.py)."""
    teaser = views.teaser(entry)
    units = [views.unit_link(u) for u in _unit_ids(entry)]
    filters: list[tuple[str, str]] = [("loai", entry.kind.label)]
    filters += [("don_vi", unit.text) for unit in units if unit]
    for key, term in (("phong_trao", "movement"), ("linh_vuc", "field"), ("chuyen_muc", "category")):
        if term in entry.terms:
            filters.append((key, entry.terms[term].label))
    if entry.year:
        filters.append(("nam", str(entry.year)))
    # The title said explicitly, the record's own whatever <h1> a body holds; its words end in
    # search_index.WORD_END as the text's do (Pagefind ranks by them), search.js shows it plain.
    meta = {"title": entry.title, "kind": entry.kind.label, "date": teaser.date_text, "unit": teaser.unit.text if teaser.unit else ""}
    names, prose = _name_text(view), _prose_text(view, body_lead)
    # Whole titles, not only their changed words: Pagefind ranks words of a query found next to
    # each other higher, and a title is short.
    title_forms = [canonical_tones(entry.title), fold(entry.title) if dj_aliases(entry.title) else ""]
    title_aliases = " ".join(dict.fromkeys(form for form in title_forms if form and form != entry.title))
    # Titles and names (units, movements, tags) keep every đ-alias: "dat do" must find "Đất
    # Đỏ", "dang uy" "Đảng ủy". Running text leaves out the commonest, which only add noise.
    text_aliases = " ".join(filter(None, (
        tone_aliases(names), dj_aliases(names), tone_aliases(prose), dj_aliases(prose, skip=DJ_NOISE_WORDS))))
    indexed = " ".join((entry.title, title_aliases, names, prose, text_aliases))
    if view.image:
        # Said explicitly: Pagefind 1.5 takes a record's first <img> otherwise, and keeps its alt
        # text undecoded ("&lt;" where the caption has "<"). A photo's smallest published
        # JPEG, never its original, which is not published (images/library.py: withheld_files).
        photo = view.image.photo
        shown = photo.thumbnail.url if photo is not None else view.image.src
        meta |= {"image": relative_url(entry.url, shown), "image_alt": view.image.alt}
    return SearchRecord(
        # Pagefind 1.5 decodes a filter's text twice ("&amp;lt;" becomes "<"): escaped once
        # here and once by the template, it indexes the value as typed.
        filters=[(key, str(escape(value))) for key, value in filters],
        meta={k: v for k, v in meta.items() if v},
        names=_card_values(view),
        # Every đ-alias here, the commonest too ("duoc chon" is typed as well): one position
        # per record at a low weight adds little noise to the ranking.
        body_words=_new_words(" ".join((body_rest, tone_aliases(body_rest), dj_aliases(prose), dj_aliases(body_rest))), indexed),
        title_aliases=title_aliases,
        text_aliases=text_aliases,
    )


_WORD = re.compile(r"\w+")


def _new_words(text: str, indexed: str) -> str:
    """Each word of `text` once (lower case), leaving out the words already in `indexed`. One
    position per record instead of one per occurrence keeps the postings of common syllables
    small; what is lost is their order, so phrases deep in a body rank like scattered words."""
    known = {word.lower() for word in _WORD.findall(indexed)}
    words = dict.fromkeys(word.lower() for word in _WORD.findall(text))
    return " ".join(word for word in words if word not in known)


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


def _prose_text(view: EntryView, body_text: str) -> str:
    """The record's running text in the index: summary, body, results, caption."""
    parts = [view.entry.summary, body_text, *view.results]
    if view.image:
        parts += [view.image.caption or "", view.image.credit or ""]
    return " ".join(p for p in parts if p)


def _card_values(view: EntryView) -> str:
    """The card's values (units, movements, fields, years…) without their labels: the card is
    kept out of the indexed text, so excerpts never run "Chuyên mục … Đơn vị …" into prose,
    and its values are indexed after ALIAS_MARK instead."""
    return " · ".join(v.text if isinstance(v, Link) else str(v) for row in view.rows for v in row.values)


def _name_text(view: EntryView) -> str:
    """The record's names in the index: its kind, the card's values (units, movements…), tags."""
    parts = [view.kind_label, _card_values(view), *(t.text for t in view.tags)]
    return " ".join(p for p in parts if p)
