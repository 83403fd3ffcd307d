"""What the built sample publishes beyond pages: feeds, sitemap, social tags, open data,
statistics, glossary and footer blocks. Checked against the published records themselves."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import feedparser
import pytest
from PIL import Image

from generator.audit import site_pages
from generator.glossary import Glossary
from generator.index import build_index
from generator.loader import Kind
from generator.site import Project, check, now_in_vietnam

REPO = Path(__file__).resolve().parent.parent
SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml site_url
SAMPLE_NEWS = "tin-tuc/hoc-tap-va-lam-theo-bac-bang-nhung-viec-lam-thuong-xuyen-thiet-thuc/"
HIDDEN = ("nhap-dien-dan-sinh-hoat", "tuong-lai-tin-hen-gio")  # a draft and a future-dated news


@pytest.fixture(scope="module")
def index():
    """The sample's published records, as the build computed them."""
    return build_index(check(Project.at(REPO)).entries, now_in_vietnam())


def absolute(url: str) -> str:
    return SITE_URL + url


def html_pages(site: Path) -> list[Path]:
    """Reader pages (not the web editor at /admin/), but the 404 page."""
    return [site / page for page in site_pages(site) if page != "404.html"]


def head_of(html: str) -> str:
    return html.split("</head>", 1)[0]


def meta(html: str, key: str) -> list[str]:
    pattern = rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">'
    return [unescape(value) for value in re.findall(pattern, html)]


# Feeds ----------------------------------------------------------------------------------------


def parsed(site: Path, path: str):
    feed = feedparser.parse((site / path).read_bytes())
    assert not feed.bozo, f"{path}: {feed.get('bozo_exception')}"
    return feed


def test_every_feed_is_valid(sample_site):
    files = sorted(p for p in (sample_site / "rss").rglob("*.xml") if p.name != "sitemap.xml")
    assert len(files) >= 2 * (1 + 3)  # all news, and at least three categories
    for path in files:
        feed = parsed(sample_site, path.relative_to(sample_site).as_posix())
        assert feed.version in {"rss20", "atom10"}
        # RSS says it in <language>, Atom in xml:lang on <feed>; feedparser reads both.
        assert feed.feed.language == "vi", path


@pytest.mark.parametrize("path", ["rss/tin-tuc.rss.xml", "rss/tin-tuc.atom.xml"])
def test_all_news_feed_holds_exactly_the_published_news(sample_site, index, path):
    feed = parsed(sample_site, path)
    expected = [absolute(e.url) for e in index.by_kind[Kind.NEWS]]
    assert [item.link for item in feed.entries] == expected  # newest first
    assert not any(hidden in (sample_site / path).read_text("utf-8") for hidden in HIDDEN)


def test_news_items_carry_date_in_vietnam_time_author_category_and_image(sample_site, index):
    rss = (sample_site / "rss/tin-tuc.rss.xml").read_text("utf-8")
    atom = (sample_site / "rss/tin-tuc.atom.xml").read_text("utf-8")
    assert "+0700</pubDate>" in rss and "+07:00</published>" in atom
    item = next(i for i in parsed(sample_site, "rss/tin-tuc.rss.xml").entries if i.link == absolute(SAMPLE_NEWS))
    assert item.title.startswith("Học tập và làm theo Bác Hồ")
    assert item.summary.startswith("Hằng năm")
    assert item.author == "Báo Quảng Trị"
    assert "Học tập và làm theo Bác" in [tag.term for tag in item.tags]
    # Raster, as feed readers and Zalo need: the photo's largest published JPEG, with its size.
    enclosure = item.enclosures[0]
    assert re.fullmatch(re.escape(SITE_URL) + r"anh/nguoi-chup-anh-[0-9a-f]{10}-512\.jpg", enclosure.href)
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) == (sample_site / enclosure.href[len(SITE_URL):]).stat().st_size
    assert int(item.enclosures[0].length) > 0
    assert parsed(sample_site, "rss/tin-tuc.rss.xml").feed.link == absolute("tin-tuc/")


def test_category_and_unit_feeds_hold_exactly_their_published_records(sample_site, index):
    categories = index.terms(Kind.NEWS, "category")
    assert categories
    for term, count in categories:
        feed = parsed(sample_site, f"rss/chuyen-muc/{term.slug}.rss.xml")
        expected = {absolute(e.url) for e in index.by_kind[Kind.NEWS] if e.terms["category"].slug == term.slug}
        assert {item.link for item in feed.entries} == expected and len(expected) == count
    for unit in index.by_kind[Kind.UNIT]:
        expected = {absolute(e.url) for kind in (Kind.NEWS, Kind.MODEL, Kind.COMMENDATION) for e in index.group(kind, "unit", unit.slug)}
        path = sample_site / f"rss/don-vi/{unit.slug}.atom.xml"
        if not expected:
            assert not path.exists()
            continue
        assert {item.link for item in parsed(sample_site, f"rss/don-vi/{unit.slug}.atom.xml").entries} == expected


def test_json_feed_lists_the_published_news(sample_site, index):
    document = json.loads((sample_site / "rss/tin-tuc.json").read_text("utf-8"))
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert [item["url"] for item in document["items"]] == [absolute(e.url) for e in index.by_kind[Kind.NEWS]]
    assert all(item["date_published"].endswith("+07:00") and item["content_text"] for item in document["items"])


def test_feeds_are_linked_from_every_head_and_listed_on_the_rss_page(sample_site):
    for page in html_pages(sample_site):
        head = head_of(page.read_text("utf-8"))
        feeds = re.findall(r'<link rel="alternate" type="application/(?:rss\+xml|atom\+xml|feed\+json)"[^>]+href="([^"]+)"', head)
        resolved = {(page.parent / href).resolve().relative_to(sample_site.resolve()).as_posix() for href in feeds}
        assert {"rss/tin-tuc.rss.xml", "rss/tin-tuc.atom.xml", "rss/tin-tuc.json"} <= resolved, page
    category = head_of((sample_site / "chuyen-muc/hoc-tap-va-lam-theo-bac/index.html").read_text("utf-8"))
    assert 'href="../../rss/chuyen-muc/hoc-tap-va-lam-theo-bac.rss.xml"' in category
    rss_page = (sample_site / "rss/index.html").read_text("utf-8")
    listed = {
        (sample_site / "rss" / href).resolve().relative_to((sample_site / "rss").resolve()).as_posix()
        for href in re.findall(r'class="gs-feed" href="([^"]+)"', rss_page)
    }
    on_disk = {p.relative_to(sample_site / "rss").as_posix() for p in (sample_site / "rss").rglob("*")
               if p.suffix in {".xml", ".json"} and p.name != "sitemap.xml"}  # see feeds.EMPTY_SITEMAP
    assert listed == on_disk
    footer = (sample_site / "gioi-thieu/index.html").read_text("utf-8")
    assert '<a href="../rss/">RSS</a>' in footer


# Search engines ------------------------------------------------------------------------------


def sitemap(site: Path) -> dict[str, str | None]:
    root = ET.parse(site / "sitemap.xml").getroot()
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    return {u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns) for u in root.findall("s:url", ns)}


def test_sitemap_lists_every_page_that_exists_and_nothing_else(sample_site, index):
    urls = sitemap(sample_site)
    for url in urls:
        path = urlsplit(url).path.lstrip("/")
        assert (sample_site / path / "index.html").is_file(), url
    built = {absolute(p.parent.relative_to(sample_site).as_posix() + "/").replace(SITE_URL + "./", SITE_URL) for p in html_pages(sample_site)}
    assert set(urls) == built
    for entry in index.by_url.values():
        assert urls[absolute(entry.url)], f"no lastmod for {entry.url}"
    assert urls[absolute("tin-tuc/")].startswith(index.by_kind[Kind.NEWS][0].published_at.date().isoformat())
    assert "Sitemap: " + absolute("sitemap.xml") in (sample_site / "robots.txt").read_text("utf-8")
    assert not (sample_site / "sitemap.xml.gz").exists()  # MkDocs' own, undated sitemap is not built


def test_every_page_has_a_canonical_link(sample_site):
    for page in html_pages(sample_site):
        url = absolute(page.parent.relative_to(sample_site).as_posix() + "/").replace(SITE_URL + "./", SITE_URL)
        assert f'<link rel="canonical" href="{url}">' in page.read_text("utf-8"), page


EXPECTED_TYPE = {Kind.NEWS: "NewsArticle", Kind.MODEL: "Article", Kind.COMMENDATION: "Article", Kind.UNIT: "Organization"}


def test_every_record_page_has_social_tags_and_valid_json_ld(sample_site, index):
    for entry in index.by_url.values():
        head = head_of((sample_site / entry.url / "index.html").read_text("utf-8"))
        assert meta(head, "og:type") == ["article"]
        assert meta(head, "og:locale") == ["vi_VN"]
        assert meta(head, "og:title") == [entry.title]
        assert meta(head, "og:url") == [absolute(entry.url)]
        # A raster 1200×630 image for every record: its photo cropped, or a card with its title.
        image = meta(head, "og:image")[0]
        assert image.startswith(SITE_URL + "anh/") and image.endswith(".jpg"), image
        with Image.open(sample_site / image[len(SITE_URL):]) as card:
            assert (card.format, card.size) == ("JPEG", (1200, 630))
        assert meta(head, "og:image:width") == ["1200"] and meta(head, "og:image:height") == ["630"]
        assert meta(head, "article:section")
        assert meta(head, "article:tag") == [tag.label for tag in entry.tags]
        assert meta(head, "twitter:card") == ["summary_large_image"]
        if entry.published_at:
            assert meta(head, "article:published_time") == [entry.published_at.isoformat()]
        scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', head, re.S)
        documents = [json.loads(s) for s in scripts]
        assert [d["@type"] for d in documents] == [EXPECTED_TYPE[entry.kind], "BreadcrumbList"]
        assert documents[0]["url"] == absolute(entry.url)
        trail = documents[1]["itemListElement"]
        assert [i["position"] for i in trail] == [1, 2, 3] and trail[-1]["item"] == absolute(entry.url)


def test_news_json_ld_is_a_news_article_with_publisher_and_date(sample_site):
    head = head_of((sample_site / SAMPLE_NEWS / "index.html").read_text("utf-8"))
    article = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', head, re.S).group(1))
    assert article["headline"].startswith("Học tập và làm theo Bác Hồ")  # Vietnamese kept as text
    assert article["datePublished"] == "2024-05-19T08:00:00+07:00"
    assert article["publisher"]["name"] == "Gương sáng"
    assert article["author"] == {"@type": "Organization", "name": "Báo Quảng Trị"}


def test_record_pages_have_plain_share_links_and_print_address(sample_site, index):
    for entry in index.by_url.values():
        html = (sample_site / entry.url / "index.html").read_text("utf-8")
        links = dict(re.findall(r'class="gs-share__link gs-share__link--(\w+)" href="([^"]+)"', html))
        page_url = absolute(entry.url)
        assert links["facebook"].startswith("https://www.facebook.com/sharer/sharer.php?u=http")
        assert links["zalo"].startswith("https://sp.zalo.me/")
        assert unescape(links["email"]).startswith("mailto:?subject=")
        assert links["copy"] == page_url
        shared = {k: parse_qs(urlsplit(unescape(links[k])).query) for k in ("facebook", "zalo", "email")}
        assert shared["facebook"]["u"] == shared["zalo"]["url"] == shared["email"]["body"] == [page_url]
        assert shared["email"]["subject"] == [entry.title]
        assert f"Địa chỉ: {page_url}" in html


# Open data -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name,kind", [("mo-hinh", Kind.MODEL), ("khen-thuong", Kind.COMMENDATION), ("don-vi", Kind.UNIT)])
def test_csv_has_a_bom_and_round_trips_to_the_json(sample_site, index, name, kind):
    raw = (sample_site / f"du-lieu/{name}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    records = json.loads((sample_site / f"du-lieu/{name}.json").read_text("utf-8"))
    assert [r["url"] for r in rows] == [absolute(e.url) for e in index.by_kind[kind]]

    def as_cell(value):
        return "" if value is None else "; ".join(value) if isinstance(value, list) else str(value)

    assert rows == [{key: as_cell(value) for key, value in record.items()} for record in records]
    package = json.loads((sample_site / "du-lieu/datapackage.json").read_text("utf-8"))
    resource = next(r for r in package["resources"] if r["name"] == name)
    assert [f["name"] for f in resource["schema"]["fields"]] == list(rows[0])
    assert (sample_site / "du-lieu" / resource["path"]).is_file()


def test_open_data_publishes_no_contact_details(sample_site):
    for path in (sample_site / "du-lieu").glob("*.csv"):
        text = path.read_text("utf-8-sig")
        assert "@" not in text and "phone" not in text.lower()
    header = (sample_site / "du-lieu/khen-thuong.csv").read_text("utf-8-sig").splitlines()[0]
    assert "recipient_name" in header and "recipient_position" in header
    page = (sample_site / "du-lieu/index.html").read_text("utf-8")
    assert "<h1" in page and "Dữ liệu mở" in page and 'href="../du-lieu/mo-hinh.csv"' in page


# Statistics ----------------------------------------------------------------------------------


def stat_table(html: str, slug: str) -> dict[str, int]:
    section = html.split(f'id="{slug}"', 1)[1].split("</section>", 1)[0]
    rows = re.findall(r'<tr><th scope="row">(?:<a [^>]+>)?([^<]+)(?:</a>)?</th><td>(\d+)</td></tr>', section)
    return {unescape(label): int(value) for label, value in rows}


def test_statistics_equal_counts_computed_from_the_records(sample_site, index):
    html = (sample_site / "thong-ke/index.html").read_text("utf-8")
    models, awards = index.by_kind[Kind.MODEL], index.by_kind[Kind.COMMENDATION]
    expected = {
        "mo-hinh-theo-phong-trao": Counter(e.terms["movement"].label for e in models),
        "mo-hinh-theo-linh-vuc": Counter(e.terms["field"].label if "field" in e.terms else "Chưa ghi lĩnh vực" for e in models),
        "mo-hinh-theo-nam": Counter(str(e.fields.year) for e in models),
        "mo-hinh-theo-don-vi": Counter(index.unit(e.fields.unit).title for e in models),
        "khen-thuong-theo-hinh-thuc": Counter(e.terms["form"].label for e in awards),
        "khen-thuong-theo-cap-khen": Counter(e.terms["authority"].label for e in awards),
        "khen-thuong-theo-nam": Counter(str(e.fields.year) for e in awards),
    }
    for slug, counts in expected.items():
        assert stat_table(html, slug) == dict(counts), slug
    units = len({e.fields.unit for e in models})
    assert f"{len(models)} mô hình tiêu biểu do {units} trong số {len(index.by_kind[Kind.UNIT])} đơn vị đăng ký" in html
    assert html.count('<svg role="img"') == len(expected)
    assert html.count('class="gs-chart__bar"') == sum(min(len(c), 15) for c in expected.values())


# Glossary and footer -------------------------------------------------------------------------


def test_abbreviations_are_explained_in_generated_and_hand_written_pages(sample_site):
    news = (sample_site / SAMPLE_NEWS / "index.html").read_text("utf-8")
    summary = news.split('class="gs-entry__summary">', 1)[1].split("</p>", 1)[0]
    assert '<abbr title="công chức, viên chức">CCVC</abbr>' in summary
    assert '<abbr title="người lao động">NLĐ</abbr>' in summary
    body = news.split('class="gs-entry__body">', 1)[1]
    assert "<abbr title=" in body
    about = (sample_site / "gioi-thieu/index.html").read_text("utf-8")
    assert '<abbr title="Ủy ban nhân dân">UBND</abbr>' in about


def test_glossary_wraps_whole_words_and_escapes_text():
    glossary = Glossary({"DN": "doanh nghiệp", "NLĐ": "người lao động", "GD&ĐT": "Giáo dục và Đào tạo"})
    html = glossary.abbreviate("DN & NLĐ; DNA; Sở GD&ĐT <b>")
    assert html == (
        '<abbr title="doanh nghiệp">DN</abbr> &amp; <abbr title="người lao động">NLĐ</abbr>; DNA; '
        'Sở <abbr title="Giáo dục và Đào tạo">GD&amp;ĐT</abbr> &lt;b&gt;'
    )
    assert Glossary().abbreviate("<i>") == "&lt;i&gt;"


def test_footer_has_related_websites_and_feedback_on_every_page(sample_site):
    for page in html_pages(sample_site):
        html = page.read_text("utf-8")
        assert "Liên kết website" in html and 'href="https://chinhphu.vn/"' in html, page
        assert re.search(r'<a class="gs-feedback" href="mailto:[^"]+">Phản hồi</a>', html), page


def test_nothing_unpublished_leaks_into_data_files(sample_site):
    for path in list((sample_site / "du-lieu").iterdir()) + list((sample_site / "rss").rglob("*")) + [sample_site / "sitemap.xml"]:
        if path.is_file():
            text = path.read_text("utf-8-sig")
            assert not any(hidden in text for hidden in HIDDEN + ("NHÁP", "TƯƠNG LAI")), path
