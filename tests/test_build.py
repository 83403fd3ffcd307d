"""The shipped sample, built with the real engine: pages, listings, links, exclusions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.vietnamese import sort_key

SAMPLE_MODEL = "mo-hinh/dan-van-kheo-trong-chuyen-doi-so-nganh-giao-duc/"
SAMPLE_NEWS = "tin-tuc/hoc-tap-va-lam-theo-bac-bang-nhung-viec-lam-thuong-xuyen-thiet-thuc/"


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text("utf-8")


def test_every_page_is_vietnamese(sample_site):
    pages = list(sample_site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        assert '<html lang="vi"' in page.read_text("utf-8"), page


@pytest.mark.parametrize(
    "url",
    [
        "", "tin-tuc/", "mo-hinh/", "khen-thuong/", "don-vi/", "gioi-thieu/", "lien-he/",
        SAMPLE_NEWS, SAMPLE_MODEL,
        "chuyen-muc/hoc-tap-va-lam-theo-bac/",
        "mo-hinh/phong-trao/dan-van-kheo/", "mo-hinh/linh-vuc/chuyen-doi-so/", "mo-hinh/nam/2024/",
        "khen-thuong/nam/2024/", "khen-thuong/cap-khen/tinh-uy/", "khen-thuong/hinh-thuc/bang-khen/",
        "don-vi/dang-uy-so-giao-duc-va-dao-tao/", "don-vi/dang-bo-tong-cong-ty-thuong-mai-quang-tri/mo-hinh/",
        "mo-hinh/quy-cho-con-sepon/", "mo-hinh/quy-vuot-kho-sepon/", "mo-hinh/hien-mau-blouse-trang-trai-tim-hong/",
        "mo-hinh/chi-so-hanh-phuc-petrolimex-quang-tri/",
    ],
)
def test_the_sample_has_its_pages(sample_site, url):
    assert (sample_site / url / "index.html").is_file()


def test_model_page_shows_card_commendations_and_related(sample_site):
    html = read(sample_site, SAMPLE_MODEL)
    assert "<title>Dân vận khéo trong chuyển đổi số" in html
    for label in ("Đơn vị", "Phong trào", "Lĩnh vực", "Năm đăng ký", "Tình trạng"):
        assert f"<dt>{label}</dt>" in html
    assert 'href="../../don-vi/dang-uy-so-giao-duc-va-dao-tao/"' in html
    assert "Khen thưởng cho mô hình" in html
    assert "bang-khen-tinh-uy-dang-uy-so-giao-duc-va-dao-tao" in html
    assert "Mới nhất" in html


def test_news_page_shows_date_image_credit_and_other_news(sample_site):
    html = read(sample_site, SAMPLE_NEWS)
    assert "Chủ Nhật, 19/05/2024 08:00" in html
    assert '<span class="gs-credit">Ảnh: Lav Varshney (CC0), qua gói scikit-image</span>' in html
    # The photo, as responsive variants in the site's own anh/ folder; the original is not published.
    assert re.search(r'<source type="image/webp" srcset="\.\./\.\./anh/nguoi-chup-anh-[0-9a-f]{10}-320\.webp 320w', html)
    assert re.search(r'<img src="\.\./\.\./anh/nguoi-chup-anh-[0-9a-f]{10}-512\.jpg"[^>]* width="512" height="512" alt="[^"]*" decoding', html)
    assert not (sample_site / "images" / "nguoi-chup-anh.jpg").exists()
    assert "Các tin khác" in html
    assert "Tiêu biểu, mô hình “Dân vận khéo” ngày càng lan tỏa sâu rộng" in html


def test_home_page_counts_published_records(sample_site):
    html = read(sample_site, "")
    assert re.search(r"<strong>9</strong> đơn vị", html)
    assert re.search(r"<strong>9</strong> mô hình", html)
    assert re.search(r"<strong>4</strong> tin bài", html)  # draft and future news left out


def test_drafts_and_future_records_leak_nowhere(sample_site):
    for path in sample_site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".xml", ".json", ".txt"}:
            text = path.read_text("utf-8", errors="replace")
            for secret in ("NHÁP", "TƯƠNG LAI", "nhap-dien-dan-sinh-hoat", "tuong-lai-tin-hen-gio"):
                assert secret not in text, f"{secret} leaked into {path}"


def test_units_are_listed_in_vietnamese_order(sample_site):
    html = read(sample_site, "don-vi/")
    names = re.findall(r'<li><a href="\.\./don-vi/[^"]+/">([^<]+)</a>', html) or re.findall(
        r'<li><a href="[^"]+/">(Đảng[^<]+|Chi bộ[^<]+)</a>', html
    )
    assert len(names) == 9
    assert names == sorted(names, key=sort_key)
    assert names.index("Chi bộ Báo Quảng Trị") < names.index("Đảng bộ Công ty Xăng dầu Quảng Trị")


def test_heading_anchors_keep_dj(sample_site):
    assert 'id="dang-bo-khoi-va-cac-don-vi"' in read(sample_site, "gioi-thieu/")


# Links, anchors, assets and loads from other hosts: tests/test_audit.py, with the site audit.


def test_photo_variants_and_share_cards_are_published_as_hard_links_not_copies(sample_site):
    """16 files a photo and a card a record: MkDocs copying them was most of a photo build's I/O."""
    docs = sample_site.parent / "src" / "docs"
    published = [path for path in (sample_site / "anh").rglob("*") if path.is_file()]
    assert any(path.suffix == ".webp" for path in published) and any("chia-se" in path.parts for path in published)
    for path in published:
        source = docs / path.relative_to(sample_site)
        assert path.stat().st_ino == source.stat().st_ino, path


def test_a_broken_entry_fails_the_build_and_keeps_the_old_site(tmp_path):
    import subprocess
    import sys

    from conftest import copy_sample

    config = copy_sample(tmp_path / "src")
    site = tmp_path / "src" / "site"
    site.mkdir()
    (site / "index.html").write_text("trang cũ", "utf-8")
    (tmp_path / "src" / "entries" / "mo-hinh" / "hong.md").write_text(
        "---\ntitle: Hỏng\nunit: khong-co-don-vi\nmovement: Dân vận khéo\nyear: 2024\n---\n", "utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--config", str(config), "build"],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert result.returncode == 1
    assert "entries/mo-hinh/hong.md:3: unit: không có đơn vị “khong-co-don-vi”" in result.stderr
    assert "Traceback" not in result.stderr
    assert (site / "index.html").read_text("utf-8") == "trang cũ"
    assert not list((tmp_path / "src").glob(".site-*"))
