"""Withdrawing a published record: the very next build drops it from every output."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

from conftest import copy_sample
from generator.engine import build_site

NEWS = "hoc-tap-va-lam-theo-bac-bang-nhung-viec-lam-thuong-xuyen-thiet-thuc"
MODEL = "quy-vuot-kho-sepon"


def output_texts(site: Path):
    """Every file of a built site as text; Pagefind's index files are gzip-compressed."""
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":
                try:
                    data = gzip.decompress(data)
                except (OSError, EOFError, zlib.error):
                    pass
            yield path.relative_to(site).as_posix(), data.decode("utf-8", errors="ignore")


def files_naming(site: Path, slug: str) -> set[str]:
    return {path for path, text in output_texts(site) if slug in text or slug in path}


def kinds_of_output(paths: set[str]) -> set[str]:
    kinds = set()
    for path in paths:
        if path == "sitemap.xml":
            kinds.add("sitemap")
        elif path.startswith("rss/") and path.endswith((".xml", ".json")):
            kinds.add("feeds")
        elif path.startswith("pagefind/"):
            kinds.add("search index")
        elif path.startswith("du-lieu/") and path.endswith((".csv", ".json")):
            kinds.add("open data")
        elif path.endswith(".html"):
            kinds.add("pages")
    return kinds


def make_draft(entry: Path) -> None:
    text = entry.read_text("utf-8")
    assert text.startswith("---\n")
    entry.write_text("---\ndraft: true\n" + text[len("---\n"):], "utf-8")


def test_a_record_made_a_draft_is_gone_from_every_output_after_one_build(tmp_path):
    config = copy_sample(tmp_path / "src")
    site = build_site(config, tmp_path / "site")
    news_before = files_naming(site, NEWS)
    model_before = files_naming(site, MODEL)
    # Both records are really everywhere first, so their absence below means something.
    assert {"sitemap", "feeds", "search index", "pages"} <= kinds_of_output(news_before)
    assert {"sitemap", "search index", "open data", "pages"} <= kinds_of_output(model_before)

    entries = tmp_path / "src" / "entries"
    make_draft(entries / "tin-tuc" / f"{NEWS}.md")
    make_draft(entries / "mo-hinh" / f"{MODEL}.md")
    site = build_site(config, tmp_path / "site")

    assert files_naming(site, NEWS) == set()
    assert files_naming(site, MODEL) == set()
    assert not (site / "tin-tuc" / NEWS).exists() and not (site / "mo-hinh" / MODEL).exists()
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    assert sitemap.count("<url>") > 50  # the rest of the site is still listed
