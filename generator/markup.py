"""Entry bodies: Markdown → sanitised HTML, the same for every engine and every output.

Bodies are rendered here rather than by the site engine so that pages, feeds and the search
index share one safe HTML, and raw HTML from an editor never reaches readers unsanitised.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from xml.etree import ElementTree as etree

from .rawhtml import removed_markup
from .search_lead import IGNORE_ATTRIBUTE, INDEXED_BLOCKS, SearchLead
from .vietnamese import heading_slug

_TAGS = nh3.ALLOWED_TAGS - {"center", "strike", "tt", "acronym", "map", "area"}
_ATTRIBUTES = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    **{f"h{level}": {"id"} for level in range(1, 7)},
    "abbr": {"title"},
    "img": {"alt", "src", "width", "height", "title"},
    "a": {"href", "hreflang", "title"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "*": {IGNORE_ATTRIBUTE},  # blocks after the lead, kept out of the search index
}


def relative_url(from_url: str, to_url: str) -> str:
    """Link from a page at `from_url` to `to_url`, both site-relative ("tin-tuc/x/", "").

    Relative links keep the site working under any base path (GitHub Pages project sites,
    intranet folders). Going up to the root and down again, rather than finding the shortest
    path, makes a link depend only on the page's depth, so link-heavy fragments can be
    rendered once per depth and reused.
    """
    return "../" * from_url.count("/") + to_url or "./"


def is_external(url: str) -> bool:
    return "://" in url or url.startswith(("//", "mailto:", "tel:"))


@dataclass
class BodyRenderer:
    """Renders bodies with one reusable Markdown instance (building one costs more than a page)."""

    extensions: list = field(default_factory=lambda: ["tables", "sane_lists", "footnotes", "attr_list"])
    glossary: dict[str, str] = field(default_factory=dict)  # abbreviation → meaning (glossary.py)
    lead: int = INDEXED_BLOCKS  # body blocks the search index reads (search_lead.py)

    def __post_init__(self) -> None:
        self._lead = SearchLead(self.lead)
        self._md = markdown.Markdown(
            extensions=[*self.extensions, "abbr", HeadingIds(), self._lead],
            extension_configs={"abbr": {"glossary": self.glossary}},
            output_format="html",
        )

    def render(self, body: str, page_url: str) -> RenderedBody:
        self._md.reset()
        raw_html = self._md.convert(body)
        dropped: list[str] = []

        def keep(tag: str, attribute: str, value: str) -> str | None:
            if attribute not in ("src", "href") or value.startswith("#"):
                return value
            if is_external(value):
                if attribute == "src":  # a page must not load anything from another host
                    dropped.append(value)
                    return None
                return value
            return relative_url(page_url, value.lstrip("/"))

        clean = nh3.clean(
            raw_html, tags=_TAGS, attributes=_ATTRIBUTES, attribute_filter=keep,
            link_rel="noopener noreferrer",
        )
        return RenderedBody(clean, dropped, raw_html, self._lead.lead_text, self._lead.rest_text)


_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


class _HeadingIdProcessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        used: set[str] = set()
        for element in root.iter():
            if element.tag not in _HEADINGS:
                continue
            if "id" in element.attrib:  # set by the editor with attr_list
                used.add(element.attrib["id"])
                continue
            text = "".join(element.itertext())
            base = heading_slug(text, "-") or "muc"
            unique, number = base, 1
            while unique in used:
                unique, number = f"{base}_{number}", number + 1
            used.add(unique)
            element.set("id", unique)


class HeadingIds(Extension):
    """Anchors for body headings with the site's slug rules ("Đảng bộ" → #dang-bo).

    Python-Markdown's `toc` extension would do this too, but it also builds and renders a table
    of contents that record pages never show: a fifth of all Markdown time at 10,000 records.
    """

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # After attr_list (priority 8), so ids editors set themselves are kept.
        md.treeprocessors.register(_HeadingIdProcessor(md), "heading_ids", 5)


@dataclass(frozen=True)
class RenderedBody:
    html: str
    external_sources: list[str]
    unsanitised: str  # Markdown's output before nh3, for telling editors what was removed
    lead_text: str = ""  # text of the blocks the search index reads as text (search_lead.py)
    rest_text: str = ""  # text of the blocks after them, indexed as words

    @functools.cached_property
    def removed(self) -> tuple[str, ...]:
        """What the sanitiser dropped: "<script>", "onclick=", "javascript:".

        Only `check` asks, so page builds do not pay for a second HTML parse of every body.
        """
        return removed_markup(self.unsanitised, _TAGS, _ATTRIBUTES)
