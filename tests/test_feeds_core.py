"""The sample's feeds as the core plans them, without the engine: which records each feed holds
and what each item says (RSS 2.0, Atom, JSON Feed). The built site's copies: test_portal.py."""

from __future__ import annotations

import json

import feedparser
import pytest

from conftest import plan_sample_portal, shared_scope
from generator.loader import Kind
from generator.outputs import OutputFile

SITE = "https://guong-sang.example.vn/tinh/"
SAMPLE_NEWS = "tin-tuc/hoc-tap-va-lam-theo-bac-bang-nhung-viec-lam-thuong-xuyen-thiet-thuc/"


@pytest.fixture(scope=shared_scope)
def planned():
    index, items = plan_sample_portal(SITE)
    return index, {item.path: item.data for item in items if isinstance(item, OutputFile)}


def parsed(files, path):
    feed = feedparser.parse(files[path])
    assert not feed.bozo, f"{path}: {feed.get('bozo_exception')}"
    return feed


@pytest.mark.parametrize("fmt", ["rss.xml", "atom.xml"])
def test_all_news_feed_is_the_published_news_newest_first(planned, fmt):
    index, files = planned
    feed = parsed(files, f"rss/tin-tuc.{fmt}")
    assert [item.link for item in feed.entries] == [SITE + e.url for e in index.by_kind[Kind.NEWS]]
    assert feed.feed.title == "Gương sáng Quảng Trị – Tin tức" and feed.feed.language == "vi"
    assert feed.feed.link == SITE + "tin-tuc/"
    assert feed.feed.subtitle == "Tin tức mới nhất"
    newest = index.by_kind[Kind.NEWS][0].sort_date
    assert feed.feed.updated_parsed[:6] == newest.astimezone(tz=None).utctimetuple()[:6]


def test_items_carry_title_summary_date_author_categories_and_image(planned):
    _, files = planned
    rss = files["rss/tin-tuc.rss.xml"].decode("utf-8")
    atom = files["rss/tin-tuc.atom.xml"].decode("utf-8")
    assert "+0700</pubDate>" in rss and "+07:00</published>" in atom and "+07:00</updated>" in atom
    for path in ("rss/tin-tuc.rss.xml", "rss/tin-tuc.atom.xml"):
        item = next(i for i in parsed(files, path).entries if i.link == SITE + SAMPLE_NEWS)
        assert item.id == SITE + SAMPLE_NEWS
        assert item.title.startswith("Học tập và làm theo Bác Hồ")
        assert item.summary.startswith("Hằng năm")
        assert item.author == "Báo Quảng Trị"
        assert [tag.term for tag in item.tags][0] == "Học tập và làm theo Bác"
        (enclosure,) = item.enclosures
        # A raster share image made by the build (Facebook and Zalo refuse SVG), with its real size.
        assert enclosure.href.startswith(SITE + "anh/") and enclosure.href.endswith(".jpg")
        assert enclosure.type == "image/jpeg" and int(enclosure.length) > 1000
        assert item.published.startswith("2024-05-19T08:00:00") or "19 May 2024 08:00:00 +0700" in item.published
    assert "<dc:creator>Báo Quảng Trị</dc:creator>" in rss
    # Atom keeps the enclosure an enclosure, not a second alternate link.
    assert 'rel="enclosure"' in atom and 'type="text/html"' in atom


def test_category_and_unit_feeds_hold_exactly_their_records(planned):
    index, files = planned
    categories = index.terms(Kind.NEWS, "category")
    assert len(categories) >= 3
    for term, count in categories:
        feed = parsed(files, f"rss/chuyen-muc/{term.slug}.rss.xml")
        assert [item.link for item in feed.entries] == [SITE + e.url for e in index.group(Kind.NEWS, "category", term.slug)]
        assert len(feed.entries) == count
        assert feed.feed.title == f"Gương sáng Quảng Trị – {term.label}"
        assert feed.feed.subtitle == f"Tin tức chuyên mục {term.label}"
        assert feed.feed.link == SITE + f"chuyen-muc/{term.slug}/"
    with_feed = 0
    for unit in index.by_kind[Kind.UNIT]:
        records = [e for kind in (Kind.NEWS, Kind.MODEL, Kind.COMMENDATION) for e in index.group(kind, "unit", unit.slug)]
        path = f"rss/don-vi/{unit.slug}.atom.xml"
        if not records:
            assert path not in files
            continue
        with_feed += 1
        feed = parsed(files, path)
        expected = sorted(records, key=lambda e: (-e.sort_date.timestamp(), e.slug))
        assert [item.link for item in feed.entries] == [SITE + e.url for e in expected]
        assert feed.feed.title == f"Gương sáng Quảng Trị – {unit.title}"
        assert feed.feed.subtitle == f"Tin tức, mô hình và khen thưởng của {unit.title}"
        assert any(link.href == SITE + unit.url and link.rel == "alternate" for link in feed.feed.links)
        assert any(link.href == SITE + path and link.rel == "self" for link in feed.feed.links)
    assert with_feed >= 3
    assert sorted(p for p in files if p.endswith("sitemap.xml") and p.startswith("rss/")) == [
        "rss/chuyen-muc/sitemap.xml", "rss/don-vi/sitemap.xml", "rss/sitemap.xml",
    ]


def test_json_feed_lists_the_published_news_with_their_details(planned):
    index, files = planned
    document = json.loads(files["rss/tin-tuc.json"])
    assert {k: v for k, v in document.items() if k != "items"} == {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Gương sáng Quảng Trị – Tin tức",
        "description": "Tin tức mới nhất",
        "home_page_url": SITE + "tin-tuc/",
        "feed_url": SITE + "rss/tin-tuc.json",
        "language": "vi",
        "authors": [{"name": "Gương sáng Quảng Trị"}],
    }
    news = index.by_kind[Kind.NEWS]
    assert [item["url"] for item in document["items"]] == [SITE + e.url for e in news]
    for item, entry in zip(document["items"], news):
        assert item["id"] == item["url"] and item["title"] == entry.title and item["language"] == "vi"
        assert item["content_text"] == (entry.summary or entry.title)
        assert item["date_published"] == entry.sort_date.isoformat() and item["date_published"].endswith("+07:00")
        assert item["tags"][0] == entry.terms["category"].label
        assert item.get("summary") == (entry.summary or None)
    sample = next(i for i in document["items"] if i["url"] == SITE + SAMPLE_NEWS)
    assert sample["authors"] == [{"name": "Báo Quảng Trị"}] and sample["image"].startswith(SITE + "anh/") and sample["image"].endswith(".jpg")
    assert "rss/tin-tuc.json" in files and not any(p.endswith(".json") for p in files if p.startswith("rss/chuyen-muc/"))
