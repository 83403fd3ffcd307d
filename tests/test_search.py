"""The search index: what records give it, what it leaves out, and the Vietnamese rules it uses."""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from pathlib import Path

from generator.vietnamese import dj_aliases, fold

SAMPLE_MODEL = "mo-hinh/dan-van-kheo-trong-chuyen-doi-so-nganh-giao-duc/"


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text("utf-8")


def test_dj_aliases_spell_words_with_dj_as_typed_without_diacritics():
    assert dj_aliases("Đảng viên đã đến thôn") == "dang da den"
    assert dj_aliases(unicodedata.normalize("NFD", "Đoàn kết")) == "doan"
    assert dj_aliases("Sở GD&ĐT") == "dt"
    assert dj_aliases("Thuỷ lợi nội đồng") == "dong"
    assert dj_aliases("Không có chữ nào") == ""


def test_fold_is_what_the_search_box_applies():
    assert fold("ĐẢNG VIÊN") == fold("đảng viên") == fold(unicodedata.normalize("NFD", "Đảng viên")) == "dang vien"
    assert fold("hoà") == fold("hòa") == "hoa"


def test_record_pages_carry_their_filters_metadata_and_aliases(sample_site):
    html = read(sample_site, SAMPLE_MODEL)
    article = html[html.index("<article class=\"gs-entry"):html.index("</article>")]
    assert "data-pagefind-body" in article
    filters = dict(re.findall(r'data-pagefind-filter="(\w+)">([^<]+)<', article))
    assert filters == {
        "loai": "Mô hình", "don_vi": "Đảng ủy Sở Giáo dục và Đào tạo", "phong_trao": "Dân vận khéo",
        "linh_vuc": "Chuyển đổi số", "nam": "2024",
    }
    meta = dict(re.findall(r'data-pagefind-meta="(\w+)">([^<]+)<', article))
    assert meta["kind"] == "Mô hình" and meta["unit"] == "Đảng ủy Sở Giáo dục và Đào tạo"
    aliases = re.search(r"<div hidden>¦ (.*?)</div>", article, re.S).group(1)
    assert "dang" in aliases.split() and "doi" in aliases.split()
    # The title is the article's heading, so Pagefind indexes it with a heading's weight.
    assert article.count("<h1>") == 1 and html.count("<h1") == 1
    # Page furniture inside the article (share links, print address) is not searchable text.
    for furniture in ('class="gs-share"', 'class="gs-print-only"'):
        tag = re.search(rf"<[^<>]*{furniture}[^<>]*>", article).group(0)
        assert "data-pagefind-ignore" in tag, tag


def test_every_image_the_index_names_is_a_published_file(sample_site):
    """A result's image: the photo's published thumbnail (never the original, held back with
    its metadata), or a drawing served as it is."""
    images = []
    for fragment in (sample_site / "pagefind").rglob("*.pf_fragment"):
        data = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        if "image" in data["meta"]:
            images.append((data["url"], data["meta"]["image"]))
    assert len(images) >= 5
    for url, image in images:
        published = (sample_site / url.lstrip("/") / image).resolve()
        assert published.is_file() and published.is_relative_to(sample_site.resolve()), (url, image)
        assert "/anh/" in published.as_posix() or published.suffix == ".svg", (url, image)


def test_only_published_records_are_indexed(sample_site):
    entry = json.loads((sample_site / "pagefind" / "pagefind-entry.json").read_text())
    records = [p for p in sample_site.glob("*/*/index.html") if p.parent.parent.name in {"tin-tuc", "mo-hinh", "khen-thuong", "don-vi"}]
    indexed = [p for p in records if "data-pagefind-body" in p.read_text("utf-8")]
    assert entry["languages"]["vi"]["page_count"] == len(indexed) == 26
    for listing in ("", "tin-tuc/", "mo-hinh/phong-trao/dan-van-kheo/", "tim-kiem/", "gioi-thieu/"):
        assert "data-pagefind-body" not in read(sample_site, listing)
    assert not (sample_site / "tin-tuc" / "tuong-lai-tin-hen-gio-dang").exists()


def test_one_search_only_and_every_page_has_the_box(sample_site):
    assert not (sample_site / "search").exists()  # Material's lunr index is not built
    for url in ("", "tin-tuc/", SAMPLE_MODEL, "gioi-thieu/"):
        html = read(sample_site, url)
        assert 'role="search"' in html and 'data-gs-searchbox' in html
        assert "assets/javascripts/search.js" in html
    page = read(sample_site, "tim-kiem/")
    assert "data-gs-search-page" in page
    assert all(f'data-gs-filter="{key}"' in page for key in ("loai", "don_vi", "phong_trao", "linh_vuc", "chuyen_muc", "nam"))
    assert (sample_site / "pagefind" / "pagefind.js").exists()


def test_search_documents_follow_the_plan(tmp_path):
    from generator.pages import Page
    from generator.search_index import with_search_documents

    record = Page("tin-tuc/a/", "Tin “A”", '<article data-pagefind-body><h1>Tin “A”</h1></article>')
    listing = Page("tin-tuc/", "Tin tức", "<div>danh sách</div>")
    folder = tmp_path / "docs"
    assert list(with_search_documents([record, listing], folder)) == [record, listing]
    document = (folder / "tin-tuc/a/index.html").read_text("utf-8")
    assert document.startswith('<!doctype html><html lang="vi">') and "data-pagefind-body" in document
    assert not (folder / "tin-tuc/index.html").exists()  # listings are never results
    list(with_search_documents([listing], folder))  # the record was unpublished
    assert not (folder / "tin-tuc/a/index.html").exists()


def test_a_search_document_is_the_record_article_without_the_blocks_after_it(sample_site):
    """The related and latest blocks are not indexed: left out of the document, so a record
    shown in them does not change the documents (and search shards) of every page listing it.
    The built page is the example: what follows the article is the template's, not ours to guess."""
    from generator.pages import Page
    from generator.search_index import search_document

    html = read(sample_site, SAMPLE_MODEL)
    blocks = html[html.index('<section class="gs-section'):]
    teaser = re.search(r'class="gs-teaser__title"><a [^>]*>([^<]+)</a>', blocks).group(1)
    document = search_document(Page(SAMPLE_MODEL, "Mô hình", html))
    assert document.count("data-pagefind-body") == 1 and "gs-entry__body" in document
    assert 'data-pagefind-filter="don_vi"' in document  # the filters sit inside the article
    assert 'class="gs-section' not in document and 'class="gs-teaser' not in document
    assert teaser.strip() and teaser not in document.split("data-pagefind-body", 1)[1]


def test_pagefind_reads_each_word_of_a_record_ended_and_its_filters_as_typed():
    """Words end in WORD_END, so the box can ask for a finished word alone (search.js:
    indexSpelling); tags, character references, filter and metadata values (but the title, which
    Pagefind ranks by) and what follows the record are left as they are."""
    from generator.search_index import WORD_END, indexed_page

    page = ('<main><article class="gs-entry" data-pagefind-body><h1 class="t">Dân vận khéo &amp; TP.HCM</h1>'
            '<span data-pagefind-filter="don_vi">Sở Y tế</span><span data-pagefind-meta="title">A &lt;b&gt;</span> sau 2024'
            '</article><!--gs:end-of-record--><section>Các tin khác</section></main>')
    assert indexed_page(page).replace(WORD_END, "|") == (
        '<main><article class="gs-entry" data-pagefind-body><h1 class="t">Dân| vận| khéo| &amp; TP|.HCM|</h1>'
        '<span data-pagefind-filter="don_vi">Sở Y tế</span><span data-pagefind-meta="title">A| &lt;b|&gt;</span> sau| 2024|'
        '</article><!--gs:end-of-record--><section>Các tin khác</section></main>')
    assert indexed_page("<main><h1>Trang chủ</h1></main>") is None


def test_indexing_a_site_again_leaves_nothing_of_the_last_index(tmp_path):
    """The fast preview indexes the same site folder on every save: a record made a draft since
    must not stay published in the last index's files."""
    from generator.search_index import BUNDLE, index_site

    page = tmp_path / "bai" / "index.html"
    page.parent.mkdir()
    page.write_text("<html lang='vi'><body><main data-pagefind-body><h1>Dân vận khéo</h1></main></body></html>", "utf-8")
    index_site(tmp_path)
    stale = tmp_path / BUNDLE / "fragment" / "vi_ban-nhap-cu.pf_fragment"
    stale.write_bytes("bản nháp".encode())
    index_site(tmp_path)
    assert not stale.exists()
    assert (tmp_path / BUNDLE / "pagefind.js").is_file()
