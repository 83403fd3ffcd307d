"""Non-page files in the plan: written, kept when unchanged, removed when gone, never over
hand-written files; and the sitemap's split for very large sites."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from generator import sitemap
from generator.outputs import OutputFile
from generator.pages import Page
from generator.siteinfo import SiteInfo
from generator.writer import WouldOverwrite, write_pages


def test_files_are_tracked_like_pages(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    plan = [Page("rss/", "RSS", "<p>x</p>"), OutputFile("rss/a.rss.xml", b"<rss/>"), OutputFile("rss/b.rss.xml", b"<rss/>")]
    assert write_pages(plan, docs).written == 3
    assert (docs / "rss/a.rss.xml").read_bytes() == b"<rss/>"

    report = write_pages([plan[0], OutputFile("rss/a.rss.xml", b"<rss/>")], docs)
    assert (report.written, report.unchanged, report.removed) == (0, 2, 1)
    assert not (docs / "rss/b.rss.xml").exists()


def test_a_file_never_replaces_a_hand_written_one(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "robots.txt").write_text("User-agent: *\nDisallow: /\n")
    with pytest.raises(WouldOverwrite):
        write_pages([OutputFile("robots.txt", b"User-agent: *\n")], docs)
    assert "Disallow" in (docs / "robots.txt").read_text()


def test_a_very_large_sitemap_becomes_a_sitemap_index(monkeypatch):
    monkeypatch.setattr(sitemap, "URLS_PER_FILE", 2)
    moment = dt.datetime(2025, 1, 2, 3, 4, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    urls = [sitemap.SitemapUrl(f"tin-tuc/{n}/", moment) for n in range(5)]
    files = {f.path: f.data for f in sitemap.sitemap_files(urls, SiteInfo(url="https://example.vn"))}
    assert sorted(files) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"]
    index = ET.fromstring(files["sitemap.xml"])
    assert index.tag.endswith("sitemapindex") and len(index) == 3
    first = ET.fromstring(files["sitemap-1.xml"])
    assert [u[0].text for u in first] == ["https://example.vn/tin-tuc/0/", "https://example.vn/tin-tuc/1/"]
    assert first[0][1].text == "2025-01-02T03:04:00+07:00"
