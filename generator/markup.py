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

from .images.library import PhotoLibrary, credit_text, markdown_image_path, normalised_src
from .rawhtml import removed_markup
from .search_lead import IGNORE_ATTRIBUTE, INDEXED_BLOCKS, SearchLead
from .vietnamese import heading_slug

_TAGS = (nh3.ALLOWED_TAGS | {"figure", "figcaption", "picture", "source"}) - {"center", "strike", "tt", "acronym", "map", "area"}
_ATTRIBUTES = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    **{f"h{level}": {"id"} for level in range(1, 7)},
    "abbr": {"title"},
    "img": {"alt", "src", "width", "height", "title", "srcset", "sizes", "loading", "decoding"},
    "source": {"srcset", "sizes", "type", "width", "height"},
    "figure": {"class"},
    "span": {"class"},
    "a": {"href", "hreflang", "title"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    # Footnotes: the reference (<sup id="fnref:1">) and the note (<li id="fn:1">) link to each
    # other; only the ids the footnotes extension gives are kept (see `keep`).
    "sup": {"id"},
    "li": {"id"},
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
    photos: PhotoLibrary | None = None  # responsive variants of body photos (images/library.py)

    def __post_init__(self) -> None:
        self._lead = SearchLead(self.lead)
        self._md = markdown.Markdown(
            extensions=[*self.extensions, "abbr", HeadingIds(), Figures(self.photos), self._lead],
            extension_configs={
                "abbr": {"glossary": self.glossary},
                "footnotes": {"BACKLINK_TITLE": "Quay lại chỗ chú thích %d trong bài"},
                # align="…" (allowed on cells) rather than style="text-align: …" (removed).
                "tables": {"use_align_attribute": True},
            },
            output_format="html",
        )

    def render(self, body: str, page_url: str) -> RenderedBody:
        self._md.reset()
        raw_html = self._md.convert(body)
        dropped: list[str] = []

        def keep(tag: str, attribute: str, value: str) -> str | None:
            if attribute == "class":  # only the classes this module gives figures
                return value if value in _CLASSES else None
            if attribute == "id" and tag in ("sup", "li"):  # only footnotes' own ids
                return value if value.startswith(("fn:", "fnref:")) else None
            if attribute == "srcset":
                candidates = [part.strip().split() for part in value.split(",") if part.strip()]
                if any(not c or is_external(c[0]) for c in candidates):
                    return None
                return ", ".join(" ".join([relative_url(page_url, c[0].lstrip("/")), *c[1:]]) for c in candidates)
            if attribute not in ("src", "href") or value.startswith("#"):
                return value
            if attribute == "src" and tag == "img" and self.photos is not None:
                # An image inside a line of text, or written as raw <img>: not a figure, but
                # the original is never published, so its photo's JPEG for browsers stands in.
                photo = self.photos.photo(normalised_src(markdown_image_path(value)))
                if photo is not None:
                    return relative_url(page_url, photo.img.url)
            if is_external(value):
                if attribute == "src":  # a page must not load anything from another host
                    if tag in _TAGS:  # else the whole element goes, and `removed` says so
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


_CLASSES = {"gs-figure", "gs-caption", "gs-credit"}
# Body photos are at most the text column's width.
BODY_SIZES = "(min-width: 60em) 720px, 100vw"


class _FigureProcessor(Treeprocessor):
    def __init__(self, md: markdown.Markdown, photos: PhotoLibrary | None):
        super().__init__(md)
        self.photos = photos

    def run(self, root: etree.Element) -> None:
        for paragraph in list(root.iter("p")):
            children = list(paragraph)
            if len(children) != 1 or children[0].tag != "img" or (paragraph.text or "").strip() or (children[0].tail or "").strip():
                continue
            self._to_figure(paragraph, children[0])

    def _to_figure(self, paragraph: etree.Element, img: etree.Element) -> None:
        caption, credit = img.get("alt", ""), img.attrib.pop("title", "")
        paragraph.remove(img)
        paragraph.tag = "figure"
        paragraph.set("class", "gs-figure")
        photo = self.photos.photo(normalised_src(markdown_image_path(img.get("src", "")))) if self.photos else None
        if photo is not None:
            picture = etree.SubElement(paragraph, "picture")
            srcset = lambda variants: ", ".join(f"{v.url} {v.width}w" for v in variants)  # noqa: E731
            for mime, variants in photo.sources:
                etree.SubElement(picture, "source", {"type": mime, "srcset": srcset(variants), "sizes": BODY_SIZES})
            etree.SubElement(picture, "img", {
                "src": photo.img.url, "srcset": srcset(photo.fallback), "sizes": BODY_SIZES,
                "width": str(photo.width), "height": str(photo.height), "alt": caption,
                "loading": "lazy", "decoding": "async",
            })
        else:
            paragraph.append(img)
        if caption or credit:
            figcaption = etree.SubElement(paragraph, "figcaption")
            if caption:
                etree.SubElement(figcaption, "span", {"class": "gs-caption"}).text = caption
            if credit:
                span = etree.SubElement(figcaption, "span", {"class": "gs-credit"})
                span.text = credit_text(credit)
                span.tail = ""
            if caption and credit:
                figcaption[0].tail = " "


class Figures(Extension):
    """A photo alone in its paragraph becomes a <figure>: the Markdown image's text is the
    caption and its title the credit, `![Lễ ký kết](images/a.jpg "Ảnh: Báo Quảng Trị")`.
    """

    def __init__(self, photos: PhotoLibrary | None = None):
        super().__init__()
        self.photos = photos

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_FigureProcessor(md, self.photos), "figures", 4)


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
