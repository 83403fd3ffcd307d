"""sitemap.xml (sitemaps.org) of every published page, and robots.txt pointing to it."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import urlsplit

from .filetree import files_under
from .outputs import OutputFile
from .siteinfo import SiteInfo

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
URLS_PER_FILE = 50_000  # the protocol's limit; larger sites get a sitemap index


@dataclass(frozen=True)
class SitemapUrl:
    url: str  # site-relative
    lastmod: dt.datetime | None = None


def handwritten_urls(docs_dir: Path, generated: set[str]) -> list[SitemapUrl]:
    """Pages editors wrote by hand in docs/ (directory URLs: "lien-he.md" → "lien-he/")."""
    found = []
    # None in or under a name starting with "." or "_", as MkDocs leaves those out.
    hidden = lambda name: name.startswith((".", "_"))  # noqa: E731
    handwritten = (relative for relative, _entry in files_under(docs_dir, skip=hidden) if relative.endswith(".md"))
    for relative in sorted(handwritten, key=lambda path: path.split("/")):
        if relative in generated:
            continue
        name = relative.rsplit("/", 1)[-1]
        if name in ("index.md", "README.md"):
            url = relative[: -len(name)]
        else:
            url = relative[: -len(".md")] + "/"
        found.append(SitemapUrl(url))
    return found


def _urlset(urls: Iterable[SitemapUrl], site: SiteInfo) -> bytes:
    root = ET.Element("urlset", xmlns=NAMESPACE)
    for item in urls:
        node = ET.SubElement(root, "url")
        ET.SubElement(node, "loc").text = site.absolute(item.url)
        if item.lastmod is not None:
            ET.SubElement(node, "lastmod").text = item.lastmod.isoformat(timespec="seconds")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def sitemap_files(urls: list[SitemapUrl], site: SiteInfo) -> Iterator[OutputFile]:
    if len(urls) <= URLS_PER_FILE:
        yield OutputFile("sitemap.xml", _urlset(urls, site))
        return
    index = ET.Element("sitemapindex", xmlns=NAMESPACE)
    for number, start in enumerate(range(0, len(urls), URLS_PER_FILE), start=1):
        name = f"sitemap-{number}.xml"
        yield OutputFile(name, _urlset(urls[start : start + URLS_PER_FILE], site))
        ET.SubElement(ET.SubElement(index, "sitemap"), "loc").text = site.absolute(name)
    yield OutputFile("sitemap.xml", ET.tostring(index, encoding="utf-8", xml_declaration=True))


def robots_txt(site: SiteInfo) -> OutputFile:
    # The web editor (/admin/, generator/cms/) is for editors, not for search engines.
    admin = urlsplit(site.absolute("admin/")).path
    text = f"User-agent: *\nAllow: /\nDisallow: {admin}\n\nSitemap: {site.absolute('sitemap.xml')}\n"
    return OutputFile("robots.txt", text.encode())
