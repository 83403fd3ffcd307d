"""Links and loads read from the built files: every internal target exists, nothing is foreign.

These checks read the markup only, so they run on thousands of pages in seconds; the browser
check (browser.py) confirms on the rendered page that nothing else is requested at run time.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import Finding

# <link rel> values that name a document rather than load a resource.
_NAVIGATIONAL_RELS = {"canonical", "alternate", "prev", "next", "author", "license", "help", "search"}


class PageLinks(HTMLParser):
    """The links, loaded resources and element ids of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []  # (tag, URL) of every href and src
        self.loads: list[str] = []  # URLs the browser fetches when the page loads
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("name"):
            self.ids.add(attributes["name"])
        for name in ("href", "src"):
            if attributes.get(name):
                self.links.append((tag, attributes[name]))
        for candidate in (attributes.get("srcset") or "").split(","):
            if candidate.strip():
                url = candidate.split()[0]
                self.links.append((tag, url))
                self.loads.append(url)
        if tag in {"script", "img", "iframe", "source", "audio", "video", "embed", "track"} and attributes.get("src"):
            self.loads.append(attributes["src"])
        rels = set((attributes.get("rel") or "").lower().split())
        if tag == "link" and attributes.get("href") and not rels & _NAVIGATIONAL_RELS:
            self.loads.append(attributes["href"])


def parse(path: Path) -> PageLinks:
    parser = PageLinks()
    parser.feed(path.read_text("utf-8"))
    return parser


def _is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc)


def broken_links(site: Path, pages: list[str], base_path: str = "/") -> list[Finding]:
    """Internal links whose file or #anchor does not exist.

    Relative links resolve against the page; root-absolute ones (the 404 page uses them, as it
    is served at any path) against `base_path`, the URL path the site is served under.
    """
    site = site.resolve()
    ids: dict[Path, set[str]] = {}  # each target parsed once, however many pages link to it
    broken = []
    for page in pages:
        path = site / page
        for _tag, link in parse(path).links:
            parts = urlsplit(link)
            if _is_external(link) or link.startswith(("mailto:", "tel:", "data:", "javascript:")):
                continue
            if parts.path.startswith("/"):
                inside = unquote(parts.path).removeprefix(base_path.rstrip("/")).lstrip("/")
                target = site / inside
            else:
                target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file() or not target.resolve().is_relative_to(site):
                broken.append(Finding("links", page, f"{link}: no such file"))
            elif parts.fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = parse(target).ids
                if unquote(parts.fragment) not in ids[target]:
                    broken.append(Finding("links", page, f"{link}: no such anchor"))
    return broken


def foreign_loads(site: Path, pages: list[str]) -> list[Finding]:
    """Scripts, styles, images, fonts… that the markup would fetch from another host."""
    return [
        Finding("hosts", page, f"loads {url}")
        for page in pages
        for url in parse(site.resolve() / page).loads
        if _is_external(url)
    ]


def count_loads(site: Path, pages: list[str]) -> int:
    return sum(len(parse(site.resolve() / page).loads) for page in pages)
