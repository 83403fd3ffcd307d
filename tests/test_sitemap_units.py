"""Which hand-written pages the sitemap lists, and under which URL."""

from __future__ import annotations

from generator.sitemap import SitemapUrl, handwritten_urls


def test_hand_written_pages_get_directory_urls_and_private_ones_are_left_out(tmp_path):
    docs = tmp_path / "docs"
    for name in (
        "index.md", "lien-he.md", "huong-dan/index.md", "huong-dan/viet-bai.md", "kho/README.md",
        "_nhap/ban-nhap.md", "mot/_rieng.md", ".an/trang.md", "tin-tuc/sinh-ra.md", "images/anh.png", "ghi-chu.txt",
    ):
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("# Trang\n", "utf-8")
    found = handwritten_urls(docs, generated={"tin-tuc/sinh-ra.md"})
    assert found == [
        SitemapUrl("huong-dan/"), SitemapUrl("huong-dan/viet-bai/"), SitemapUrl(""), SitemapUrl("kho/"),
        SitemapUrl("lien-he/"),
    ]
    assert all(url.lastmod is None for url in found)


def test_a_sitemap_index_names_each_part_by_its_public_url(monkeypatch):
    import datetime as dt
    import xml.etree.ElementTree as ET

    from generator import sitemap
    from generator.siteinfo import SiteInfo

    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    monkeypatch.setattr(sitemap, "URLS_PER_FILE", 2)
    urls = [sitemap.SitemapUrl(f"tin-tuc/{n}/", dt.datetime(2025, 1, 2, tzinfo=dt.timezone.utc)) for n in range(4)]
    files = {f.path: f.data for f in sitemap.sitemap_files(urls, SiteInfo(url="https://vd.gov.vn/tinh/"))}
    assert sorted(files) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap.xml"]  # exactly full parts: no empty third
    for data in files.values():
        assert data.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    index = ET.fromstring(files["sitemap.xml"])
    assert index.tag == ns + "sitemapindex"
    assert [(part.tag, [(child.tag, child.text) for child in part]) for part in index] == [
        (ns + "sitemap", [(ns + "loc", "https://vd.gov.vn/tinh/sitemap-1.xml")]),
        (ns + "sitemap", [(ns + "loc", "https://vd.gov.vn/tinh/sitemap-2.xml")]),
    ]
    part = ET.fromstring(files["sitemap-2.xml"])
    assert part.tag == ns + "urlset"
    assert [[(c.tag, c.text) for c in url] for url in part] == [
        [(ns + "loc", "https://vd.gov.vn/tinh/tin-tuc/2/"), (ns + "lastmod", "2025-01-02T00:00:00+00:00")],
        [(ns + "loc", "https://vd.gov.vn/tinh/tin-tuc/3/"), (ns + "lastmod", "2025-01-02T00:00:00+00:00")],
    ]
    assert [u.tag for u in part] == [ns + "url", ns + "url"]


def test_a_sitemap_of_exactly_the_limit_is_one_file(monkeypatch):
    from generator import sitemap
    from generator.siteinfo import SiteInfo

    monkeypatch.setattr(sitemap, "URLS_PER_FILE", 3)
    files = [f.path for f in sitemap.sitemap_files([sitemap.SitemapUrl(f"{n}/") for n in range(3)], SiteInfo(url="https://vd.gov.vn/"))]
    assert files == ["sitemap.xml"]
