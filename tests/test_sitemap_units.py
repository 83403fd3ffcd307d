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
