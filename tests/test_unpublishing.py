"""Withdrawing a published record: the very next build drops it from every output."""

from __future__ import annotations

import gzip
import os
import unicodedata
import zlib
from pathlib import Path

from conftest import copy_sample
from generator.engine import build_site
from generator.site import Project, check

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


DRAFT = "nhap-dien-dan-sinh-hoat-chi-bo-hoc-tap-va-lam-theo-bac"
SECOND_NEWS = "lan-toa-mo-hinh-dan-van-kheo-trong-chuyen-doi-so-nganh-giao-duc"  # no Markdown image in its body
SCHEDULED = "tuong-lai-tin-hen-gio-dang"


def with_gps(source: Path, target: Path) -> None:
    """A copy of a sample photo carrying a GPS position in its EXIF, as phones write it."""
    from PIL import Image

    with Image.open(source) as image:
        exif = Image.Exif()
        exif[0x8825] = {1: "N", 2: (16.0, 49.0, 0.0), 3: "E", 4: (107.0, 5.0, 0.0)}
        image.save(target, exif=exif)


def add_front_matter(entry: Path, lines: str, body: str = "") -> None:
    text = entry.read_text("utf-8")
    assert text.startswith("---\n")
    head, _, rest = text[len("---\n"):].partition("\n---\n")
    entry.write_text(f"---\n{lines}\n{head}\n---\n{body}{rest}", "utf-8")


def test_no_original_in_the_media_folder_and_no_image_of_an_unpublished_record_is_published(tmp_path):
    """docs/images/ holds editors' originals (with the phone's GPS position) and the photos of
    records not yet public: only a published record's photos go out, as variants without
    metadata, and SVG drawings a published record shows."""
    config = copy_sample(tmp_path / "src")
    docs, entries = tmp_path / "src" / "docs", tmp_path / "src" / "entries"
    for name in ("anh-tin-nhap.jpg", "anh-tin-hen-gio.jpg", "anh-khong-bai-nao-dung.jpg", "Ảnh hội nghị.jpg", "tru-so.jpg",
                 "dan-tu-word.jpg"):
        with_gps(docs / "images" / "tach-ca-phe.jpg", docs / "images" / name)
    (docs / "images" / "IMG_0001.HEIC").write_bytes(b"\0\0\0\x18ftypheic GPS")  # from an iPhone, never referred to
    # Copied from a Mac: the name's accents decomposed (NFD), the entry's composed (NFC).
    os.rename(docs / "images" / "Ảnh hội nghị.jpg", docs / "images" / unicodedata.normalize("NFD", "Ảnh hội nghị.jpg"))
    (docs / "images" / "so-do-tin-nhap.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', "utf-8")
    add_front_matter(entries / "tin-tuc" / f"{DRAFT}.md", "image: {src: images/anh-tin-nhap.jpg}",
                     "![Sơ đồ](images/so-do-tin-nhap.svg)\n\n")
    add_front_matter(entries / "tin-tuc" / f"{SCHEDULED}.md", "image: {src: images/anh-tin-hen-gio.jpg}")
    # A published story's photo written as VS Code pastes it: a URL, spaces escaped, title in single quotes.
    # And one pasted from a word processor as raw HTML, in a body with no Markdown image.
    add_front_matter(entries / "tin-tuc" / f"{NEWS}.md", "", "![Hội nghị biểu dương](images/%E1%BA%A2nh%20h%E1%BB%99i%20ngh%E1%BB%8B.jpg 'Văn phòng')\n\n")
    # With a dead link from the old portal it came from: a warning, the site still built.
    add_front_matter(entries / "tin-tuc" / f"{SECOND_NEWS}.md", "",
                     '<p><img src="images/dan-tu-word.jpg" alt="Dán từ Word"></p>\n\n<img src="/uploads/2019/anh-cu.jpg">\n\n')
    (warning,) = [p for p in check(Project.at(tmp_path / "src")).problems if "anh-cu" in p.message]
    assert warning.severity == "warning" and warning.message == "không tìm thấy tệp ảnh docs/uploads/2019/anh-cu.jpg."

    # A hand-written page's photo is the maintainers' choice, published as MkDocs publishes it.
    with (docs / "gioi-thieu.md").open("a", encoding="utf-8") as page:
        page.write("\n![Trụ sở](images/tru-so.jpg)\n")
    site = build_site(config, tmp_path / "site")

    assert sorted(path.name for path in (site / "images").iterdir()) == ["le-ky-ket.svg", "tru-so.jpg"]
    assert '<img alt="Trụ sở" src="../images/tru-so.jpg"' in (site / "gioi-thieu" / "index.html").read_text("utf-8")
    for path, text in output_texts(site):
        assert not any(name in path or name in text for name in ("anh-tin-nhap", "anh-tin-hen-gio", "so-do-tin-nhap")), path
        if path.endswith((".jpg", ".jpeg", ".png", ".webp", ".avif")) and path != "images/tru-so.jpg":
            assert b"GPS" not in (site / path).read_bytes()[:4096], path
    page = (site / "tin-tuc" / NEWS / "index.html").read_text("utf-8")
    figure = page[page.index('<figure class="gs-figure">'):]
    figure = figure[:figure.index("</figure>")]
    assert "<picture>" in figure and "../../anh/anh-hoi-nghi-" in figure
    assert '<span class="gs-caption">Hội nghị biểu dương</span>' in figure and "Ảnh: Văn phòng" in figure
    pasted = (site / "tin-tuc" / SECOND_NEWS / "index.html").read_text("utf-8")
    assert '<img src="../../anh/dan-tu-word-' in pasted and 'alt="Dán từ Word"' in pasted

    # Published at last: its photo goes out as variants, the original still does not.
    text = (entries / "tin-tuc" / f"{DRAFT}.md").read_text("utf-8")
    (entries / "tin-tuc" / f"{DRAFT}.md").write_text(text.replace("draft: true\n", ""), "utf-8")
    site = build_site(config, tmp_path / "site")
    page = (site / "tin-tuc" / DRAFT / "index.html").read_text("utf-8")
    assert "../../anh/anh-tin-nhap-" in page and "../../images/so-do-tin-nhap.svg" in page
    assert sorted(path.name for path in (site / "images").iterdir()) == ["le-ky-ket.svg", "so-do-tin-nhap.svg", "tru-so.jpg"]


def test_withheld_files_by_example(tmp_path):
    from generator.images.library import withheld_files

    docs = tmp_path / "docs"
    for name in ("images/a.jpg", "images/IMG_1.HEIC", "images/so-do.svg", "images/nhap.svg", "images/ghi-chu.md",
                 "hinh-ve/khac.svg", "rss/tin-tuc.xml"):
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("x", "utf-8")
    shown = ["images/so-do.svg", "images/a.jpg"]  # by published records
    hidden = ["images/nhap.svg", "/hinh-ve/khac.svg", "images/so-do.svg"]  # by drafts and scheduled ones
    assert withheld_files(docs, docs / "images", shown, hidden) == {
        "images/a.jpg", "images/IMG_1.HEIC",  # the media folder's photos and files: never as they are
        "images/nhap.svg", "hinh-ve/khac.svg",  # what only unpublished records show, wherever it is
    }
    # docs/ itself named as the media folder: its generated feeds and data are not held back.
    assert withheld_files(docs, docs / ".", shown, []) == set()
