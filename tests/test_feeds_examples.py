"""Feeds of a small project, value by value (generator/feeds.py, no build): which feeds exist,
what each holds, and every field of an item in RSS 2.0, Atom and JSON Feed. The sample's feeds
as the core plans them: test_feeds_core.py; as built: test_portal.py."""

from __future__ import annotations

import datetime as dt
import json
from xml.etree import ElementTree

import pytest

from conftest import index_of
from generator.feeds import EMPTY_FEED_DATE, EMPTY_SITEMAP, Feed, FeedWriter, feed_files, feeds
from generator.loader import Kind
from generator.siteinfo import SiteInfo

SITE = SiteInfo("Gương sáng Thử", "https://vd.vn/tinh")
ATOM, DC = "{http://www.w3.org/2005/Atom}", "{http://purl.org/dc/elements/1.1/}"
PHOTO = b"\x89PNG\r\n\x1a\n" + b"\0" * 92  # 100 bytes: the enclosure's length is the file's size


@pytest.fixture
def index(project):
    """Two units, three news items (one with every field), a model and a commendation."""
    project.add_unit()
    project.add_unit("con", "Chi bộ Ấp Bắc")
    project.add_model(unit="con", tags="[Chuyển đổi số]")
    project.write("tin-tuc/day-du.md", (
        "---\ntitle: Tin đầy đủ & <mới>\ndate: 2024-05-01 08:00\ncategory: dan-van\nsummary: Sapo của tin.\n"
        "author: Minh Anh\nsource: Báo Quảng Trị\nimage: {src: images/a.svg}\nunits: [so-gd-dt]\n"
        "tags: [Chuyển đổi số, Thanh niên]\n---\nNội dung.\n"))
    project.write("tin-tuc/nguon.md", "---\ntitle: Tin có nguồn\ndate: 2024-04-01\ncategory: dan-van\nsource: Báo Nhân Dân\n---\n")
    project.write("tin-tuc/tran.md", "---\ntitle: Tin trần\ndate: 2024-03-01 07:00\ncategory: hoc-tap-va-lam-theo-bac\n---\n")
    project.write("khen-thuong/bk.md", (
        "---\ntitle: Bằng khen\nrecipient: {name: Chi bộ Ấp Bắc, kind: Tập thể, unit: con}\nform: Bằng khen\n"
        "authority: UBND tỉnh\nyear: 2023\nreason: Có thành tích xuất sắc.\n---\n"))
    (project.root / "docs" / "images" / "a.svg").write_bytes(PHOTO)
    return index_of(project)


def described(feed: Feed):
    return feed.name, feed.title, feed.description, feed.page_url, [e.url for e in feed.entries], feed.json


def test_the_site_has_an_all_news_feed_one_per_category_and_one_per_unit_with_records(index):
    assert [described(feed) for feed in feeds(index, SITE)] == [
        ("tin-tuc", "Gương sáng Thử – Tin tức", "Tin tức mới nhất", "tin-tuc/",
         ["tin-tuc/day-du/", "tin-tuc/nguon/", "tin-tuc/tran/"], True),
        ("chuyen-muc/dan-van", "Gương sáng Thử – Dân vận", "Tin tức chuyên mục Dân vận", "chuyen-muc/dan-van/",
         ["tin-tuc/day-du/", "tin-tuc/nguon/"], False),
        ("chuyen-muc/hoc-tap-va-lam-theo-bac", "Gương sáng Thử – Học tập và làm theo Bác",
         "Tin tức chuyên mục Học tập và làm theo Bác", "chuyen-muc/hoc-tap-va-lam-theo-bac/", ["tin-tuc/tran/"], False),
        # A unit's feed merges its news, models and commendations, newest first.
        ("don-vi/con", "Gương sáng Thử – Chi bộ Ấp Bắc", "Tin tức, mô hình và khen thưởng của Chi bộ Ấp Bắc", "don-vi/con/",
         ["mo-hinh/chuyen-doi-so/", "khen-thuong/bk/"], False),
        ("don-vi/so-gd-dt", "Gương sáng Thử – Đảng ủy Sở Giáo dục và Đào tạo",
         "Tin tức, mô hình và khen thưởng của Đảng ủy Sở Giáo dục và Đào tạo", "don-vi/so-gd-dt/", ["tin-tuc/day-du/"], False),
    ]
    feed = feeds(index, SITE)[0]
    assert (feed.rss_path, feed.atom_path, feed.json_path) == ("rss/tin-tuc.rss.xml", "rss/tin-tuc.atom.xml", "rss/tin-tuc.json")


def test_each_feed_holds_at_most_fifty_records(project):
    project.add_unit()
    for n in range(1, 53):
        project.write(f"tin-tuc/tin-{n:02d}.md", f"---\ntitle: Tin {n}\ndate: 2024-01-{1 + n % 28:02d} 08:{n:02d}\n"
                                                 "category: dan-van\nunits: [so-gd-dt]\n---\n")
    for feed in feeds(index_of(project), SITE):
        assert len(feed.entries) == 50, feed.name
    news = index_of(project).by_kind[Kind.NEWS]
    assert [e.url for e in feeds(index_of(project), SITE)[-1].entries] == [e.url for e in news[:50]]


def files_of(index, docs_dir, name="tin-tuc", photos=None):
    feed = next(f for f in feeds(index, SITE) if f.name == name)
    return {file.path: file.data for file in FeedWriter(index, SITE, docs_dir, photos).files(feed)}


def test_feeds_are_written_compactly_and_the_json_feed_one_value_a_line(index, project):
    files = files_of(index, project.root / "docs")
    assert files["rss/tin-tuc.rss.xml"].startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<rss ")
    assert files["rss/tin-tuc.atom.xml"].startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<feed ")
    assert b"\n" not in files["rss/tin-tuc.rss.xml"].split(b"\n", 1)[1]
    assert b"\n" not in files["rss/tin-tuc.atom.xml"].split(b"\n", 1)[1]
    assert files["rss/tin-tuc.json"].startswith('{\n "version": "https://jsonfeed.org/version/1.1",\n "title": "Gương sáng'.encode())


def test_an_rss_item_says_everything_the_record_has(index, project):
    files = files_of(index, project.root / "docs")
    assert list(files) == ["rss/tin-tuc.rss.xml", "rss/tin-tuc.atom.xml", "rss/tin-tuc.json"]
    channel = ElementTree.fromstring(files["rss/tin-tuc.rss.xml"]).find("channel")
    assert channel.findtext("title") == "Gương sáng Thử – Tin tức"
    assert channel.findtext("link") == "https://vd.vn/tinh/tin-tuc/"
    assert channel.findtext("description") == "Tin tức mới nhất"
    assert channel.findtext("language") == "vi"
    assert channel.findtext("generator") == "Gương sáng"
    assert channel.findtext("lastBuildDate") == "Wed, 01 May 2024 08:00:00 +0700"
    assert [(link.get("href"), link.get("rel")) for link in channel.findall(f"{ATOM}link")] == [
        ("https://vd.vn/tinh/rss/tin-tuc.rss.xml", "self")]
    first, source_only, bare = channel.findall("item")
    assert first.findtext("title") == "Tin đầy đủ & <mới>"
    assert first.findtext("link") == "https://vd.vn/tinh/tin-tuc/day-du/"
    assert first.find("guid").text == "https://vd.vn/tinh/tin-tuc/day-du/" and first.find("guid").get("isPermaLink") == "true"
    assert first.findtext("description") == "Sapo của tin."
    assert first.findtext("pubDate") == "Wed, 01 May 2024 08:00:00 +0700"
    assert first.findtext(f"{DC}creator") == "Minh Anh"  # the author before the source
    assert [c.text for c in first.findall("category")] == ["Dân vận", "Chuyển đổi số", "Thanh niên"]
    assert first.find("enclosure").attrib == {"url": "https://vd.vn/tinh/images/a.svg", "length": "100", "type": "image/svg+xml"}
    assert source_only.findtext(f"{DC}creator") == "Báo Nhân Dân"
    assert source_only.findtext("pubDate") == "Mon, 01 Apr 2024 00:00:00 +0700"
    assert bare.find(f"{DC}creator") is None and bare.find("description") is None and bare.find("enclosure") is None


def test_an_atom_entry_keeps_its_links_apart_and_names_its_own_file(index, project):
    feed = ElementTree.fromstring(files_of(index, project.root / "docs")["rss/tin-tuc.atom.xml"])
    assert feed.findtext(f"{ATOM}id") == "https://vd.vn/tinh/rss/tin-tuc.atom.xml"
    assert feed.findtext(f"{ATOM}updated") == "2024-05-01T08:00:00+07:00"
    assert feed.findtext(f"{ATOM}subtitle") == "Tin tức mới nhất"
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Gương sáng Thử"
    assert [(link.get("href"), link.get("rel")) for link in feed.findall(f"{ATOM}link")] == [
        ("https://vd.vn/tinh/rss/tin-tuc.atom.xml", "self"), ("https://vd.vn/tinh/tin-tuc/", "alternate")]
    first, source_only, bare = feed.findall(f"{ATOM}entry")
    assert first.findtext(f"{ATOM}id") == "https://vd.vn/tinh/tin-tuc/day-du/"
    assert first.findtext(f"{ATOM}title") == "Tin đầy đủ & <mới>"
    assert first.findtext(f"{ATOM}summary") == "Sapo của tin."
    assert first.findtext(f"{ATOM}published") == first.findtext(f"{ATOM}updated") == "2024-05-01T08:00:00+07:00"
    assert first.findtext(f"{ATOM}author/{ATOM}name") == "Minh Anh"
    assert [(c.get("term"), c.get("label")) for c in first.findall(f"{ATOM}category")] == [
        ("Dân vận", "Dân vận"), ("Chuyển đổi số", "Chuyển đổi số"), ("Thanh niên", "Thanh niên")]
    assert [link.attrib for link in first.findall(f"{ATOM}link")] == [
        {"href": "https://vd.vn/tinh/tin-tuc/day-du/", "rel": "alternate", "type": "text/html"},
        {"href": "https://vd.vn/tinh/images/a.svg", "rel": "enclosure", "type": "image/svg+xml", "length": "100"},
    ]
    assert source_only.findtext(f"{ATOM}author/{ATOM}name") == "Báo Nhân Dân"
    assert bare.find(f"{ATOM}author") is None and bare.find(f"{ATOM}summary") is None
    assert [link.get("rel") for link in bare.findall(f"{ATOM}link")] == ["alternate"]


def test_a_json_feed_item_says_everything_the_record_has(index, project):
    document = json.loads(files_of(index, project.root / "docs")["rss/tin-tuc.json"])
    first, source_only, bare = document.pop("items")
    assert document == {
        "version": "https://jsonfeed.org/version/1.1", "title": "Gương sáng Thử – Tin tức", "description": "Tin tức mới nhất",
        "home_page_url": "https://vd.vn/tinh/tin-tuc/", "feed_url": "https://vd.vn/tinh/rss/tin-tuc.json",
        "language": "vi", "authors": [{"name": "Gương sáng Thử"}],
    }
    assert first == {
        "id": "https://vd.vn/tinh/tin-tuc/day-du/", "url": "https://vd.vn/tinh/tin-tuc/day-du/",
        "title": "Tin đầy đủ & <mới>", "content_text": "Sapo của tin.", "summary": "Sapo của tin.",
        "date_published": "2024-05-01T08:00:00+07:00", "tags": ["Dân vận", "Chuyển đổi số", "Thanh niên"],
        "language": "vi", "authors": [{"name": "Minh Anh"}], "image": "https://vd.vn/tinh/images/a.svg",
    }
    assert source_only["authors"] == [{"name": "Báo Nhân Dân"}]
    # Without a summary the title is the text; no author, no image.
    assert bare == {
        "id": "https://vd.vn/tinh/tin-tuc/tran/", "url": "https://vd.vn/tinh/tin-tuc/tran/", "title": "Tin trần",
        "content_text": "Tin trần", "date_published": "2024-03-01T07:00:00+07:00", "tags": ["Học tập và làm theo Bác"],
        "language": "vi",
    }


def test_a_unit_feed_names_no_author_for_models_and_commendations(index, project):
    rss = ElementTree.fromstring(files_of(index, project.root / "docs", "don-vi/con")["rss/don-vi/con.rss.xml"])
    model, commendation = rss.find("channel").findall("item")
    assert model.find(f"{DC}creator") is None and commendation.find(f"{DC}creator") is None
    assert commendation.findtext("description") == "Có thành tích xuất sắc."
    assert [c.text for c in model.findall("category")] == ["Dân vận khéo", "Chuyển đổi số"]
    assert [c.text for c in commendation.findall("category")] == ["Bằng khen", "UBND tỉnh"]
    # A model's date is 1 January of its year.
    assert model.findtext("pubDate") == "Mon, 01 Jan 2024 00:00:00 +0700"


class Photos:
    """A photo library with a JPEG variant of images/a.svg (what the build makes of a photo)."""

    def __init__(self, file):
        self.file, self.asked = file, []

    def largest_jpeg(self, src):
        self.asked.append(src)
        return ("anh/a-1200.jpg", self.file) if src == "images/a.svg" else None


def test_an_image_with_a_raster_variant_is_enclosed_as_that_jpeg(index, project, tmp_path):
    variant = tmp_path / "a-1200.jpg"
    variant.write_bytes(b"\xff\xd8" + b"\0" * 1998)
    photos = Photos(variant)
    files = files_of(index, project.root / "docs", photos=photos)
    enclosure = ElementTree.fromstring(files["rss/tin-tuc.rss.xml"]).find("channel/item/enclosure")
    assert enclosure.attrib == {"url": "https://vd.vn/tinh/anh/a-1200.jpg", "length": "2000", "type": "image/jpeg"}
    atom = ElementTree.fromstring(files["rss/tin-tuc.atom.xml"]).find(f"{ATOM}entry")
    assert atom.findall(f"{ATOM}link")[1].attrib == {
        "href": "https://vd.vn/tinh/anh/a-1200.jpg", "rel": "enclosure", "type": "image/jpeg", "length": "2000"}
    assert json.loads(files["rss/tin-tuc.json"])["items"][0]["image"] == "https://vd.vn/tinh/anh/a-1200.jpg"
    assert photos.asked and set(photos.asked) == {"images/a.svg"}


def test_an_image_file_that_is_not_there_is_enclosed_with_length_zero(index, project):
    (project.root / "docs" / "images" / "a.svg").unlink()
    rss = ElementTree.fromstring(files_of(index, project.root / "docs")["rss/tin-tuc.rss.xml"])
    assert rss.find("channel/item/enclosure").get("length") == "0"
    rss = ElementTree.fromstring(files_of(index, None)["rss/tin-tuc.rss.xml"])
    assert rss.find("channel/item/enclosure").get("length") == "0"


def test_an_image_folder_is_no_file_and_its_size_is_read_once(index, project):
    docs = project.root / "docs"
    writer = FeedWriter(index, SITE, docs)
    assert writer._size("images") == 0
    assert writer._size("images/a.svg") == 100
    (docs / "images" / "a.svg").write_bytes(PHOTO * 2)
    assert writer._size("images/a.svg") == 100, "read once per build"


def test_a_record_in_several_feeds_is_one_shared_item(index, project):
    writer = FeedWriter(index, SITE, project.root / "docs")
    entry = index.by_kind[Kind.NEWS][0]
    assert writer._item(entry) is writer._item(entry)


def test_an_empty_feed_has_a_fixed_date_so_it_is_not_rewritten(index):
    empty = Feed("trong", "Trống", "Không có tin", "tin-tuc/", [])
    rss = ElementTree.fromstring(FeedWriter(index, SITE).files(empty)[0].data)
    assert rss.findtext("channel/lastBuildDate") == "Sat, 01 Jan 2000 00:00:00 +0700"
    assert EMPTY_FEED_DATE == dt.datetime(2000, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def test_every_feed_folder_has_an_empty_sitemap_beside_its_feeds(index, project):
    files = [(f.path, f.data) for f in feed_files(index, SITE, feeds(index, SITE), project.root / "docs")]
    paths = [path for path, _ in files]
    assert paths[-3:] == ["rss/sitemap.xml", "rss/chuyen-muc/sitemap.xml", "rss/don-vi/sitemap.xml"]
    assert all(data == EMPTY_SITEMAP for path, data in files if path.endswith("sitemap.xml"))
    assert EMPTY_SITEMAP == (b'<?xml version="1.0" encoding="UTF-8"?>\n'
                             b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>\n')
    assert paths[:3] == ["rss/tin-tuc.rss.xml", "rss/tin-tuc.atom.xml", "rss/tin-tuc.json"]
    assert len(paths) == 3 + 2 * 4 + 3
    # The writer reads image sizes from the docs folder it is given.
    rss = ElementTree.fromstring(dict(files)["rss/tin-tuc.rss.xml"])
    assert rss.find("channel/item/enclosure").get("length") == "100"
