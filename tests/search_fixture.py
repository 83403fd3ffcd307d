"""A small site made to test Vietnamese search: near-identical spellings, an NFD file, đ words.

QUERIES is the query set: each query, the filters it runs with, and the record that must be
among the top results. bench/search_bench.py reuses the query classes at 10,000 records.
"""

from __future__ import annotations

import shutil
import textwrap
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

UNITS = {
    "so-gd-dt": "Đảng ủy Sở Giáo dục và Đào tạo",
    "xa-huong-phung": "Đảng bộ xã Hướng Phùng",
    "uy-ban-kiem-tra": "Ủy ban Kiểm tra Đảng ủy Khối",  # A–Z heading "U", not "Ủ"
    "ap-bac": "Ấp Bắc",  # A–Z heading "Â", not "Ấ"
}

# A long story that names a unit and a phrase only deep in its body (after 8 paragraphs):
# the whole body is searchable, not only its lead.
_FILLER = [
    "Buổi sáng, người dân trong thôn cùng nhau dọn vệ sinh đường làng, trồng thêm hàng cây xanh.",
    "Nhiều hộ gia đình chuyển sang trồng rau sạch, bán cho các bếp ăn của trường học trong xã.",
    "Hội Phụ nữ tổ chức lớp dạy nấu ăn dinh dưỡng cho các bà mẹ có con nhỏ.",
    "Thanh niên tình nguyện sửa lại nhà văn hóa thôn sau mùa mưa bão.",
    "Hội Nông dân hướng dẫn bà con cách ủ phân hữu cơ từ rơm rạ.",
    "Trạm y tế xã khám bệnh miễn phí cho người cao tuổi vào cuối tuần.",
    "Các cháu thiếu nhi thi vẽ tranh về quê hương, trưng bày tại nhà văn hóa.",
    "Thư viện xã nhận thêm hai trăm đầu sách do các nhà hảo tâm tặng.",
]
LONG_BODY = "\n\n".join(_FILLER + [
    "Cuối buổi, Đảng ủy phường Đông Lễ trao giấy khen cho các gia đình tiêu biểu.",
])

# (path under entries/, front matter, body)
RECORDS: list[tuple[str, str, str]] = [
    ("mo-hinh/to-hoa-giai.md", """
        title: "Tổ hòa giải giỏi ở thôn Cồn Tiên"
        unit: xa-huong-phung
        movement: dan-van-kheo
        field: phap-luat
        year: 2023
        """, "Tổ hòa giải thôn Cồn Tiên giúp bà con giải quyết mâu thuẫn ngay tại thôn."),
    ("mo-hinh/kenh-muong.md", """
        title: "Kiên cố hóa kênh mương thuỷ lợi nội đồng"
        unit: xa-huong-phung
        movement: thi-dua-yeu-nuoc
        field: san-xuat-kinh-doanh
        year: 2022
        """, "Người dân góp công làm kênh mương, chủ động nước tưới cho ruộng lúa."),
    ("mo-hinh/khuyen-hoc.md", """
        title: "Sáng kiến khuyến học của chi đoàn thanh niên"
        unit: so-gd-dt
        movement: hoc-tap-va-lam-theo-bac
        field: giao-duc
        year: 2024
        """, "Chi đoàn vận động quỹ học bổng cho học sinh nghèo vượt khó."),
    ("tin-tuc/so-y-te.md", """
        title: "Sở Y tế tổng kết công tác năm"
        date: 2024-12-20 09:00
        category: xay-dung-dang
        """, "Hội nghị tổng kết công tác năm của ngành y."),
    ("tin-tuc/so-hoa-tai-lieu.md", """
        title: "Số hóa tài liệu lưu trữ"
        date: 2024-11-02
        category: hoat-dong-doanh-nghiep
        """, "Toàn bộ tài liệu lưu trữ được quét và lưu trên máy chủ."),
    ("tin-tuc/dang-vien-tre.md", """
        title: "Đảng viên trẻ xung kích chuyển đổi số"
        date: 2025-03-26 08:00
        category: xay-dung-dang
        units: [so-gd-dt]
        """, "Các đảng viên trẻ hướng dẫn người dân dùng dịch vụ công trực tuyến."),
    ("tin-tuc/ban-nhap.md", """
        title: "Bản nháp bímậtxyz"
        date: 2025-01-01
        draft: true
        category: dan-van
        """, "Không bao giờ được xuất bản."),
    ("tin-tuc/tuong-lai.md", """
        title: "Tin tương lai hẹngiờxyz"
        date: 2099-01-01
        category: dan-van
        """, "Chưa đến ngày đăng."),
    ("khen-thuong/bang-khen-doan.md", """
        title: "Bằng khen cho Đoàn thanh niên Sở Giáo dục và Đào tạo"
        recipient: {name: "Đoàn thanh niên Sở Giáo dục và Đào tạo", kind: "tập thể", unit: so-gd-dt}
        form: bang-khen
        authority: ubnd-tinh
        year: 2024
        """, "Có thành tích xuất sắc trong phong trào thanh niên tình nguyện."),
    # Old tone placement (hoà, khoẻ, thuỷ, uỷ, toạ) in title and body.
    ("mo-hinh/hoa-thuan.md", """
        title: "Khu dân cư hoà thuận, khoẻ mạnh"
        unit: uy-ban-kiem-tra
        movement: dan-van-kheo
        field: phap-luat
        year: 2024
        """, "Các hộ nuôi thuỷ sản cùng Uỷ ban xã mở buổi toạ đàm về giữ gìn vệ sinh."),
    ("tin-tuc/ngay-hoi-thon.md", """
        title: "Ngày hội ở thôn Bến Than"
        date: 2025-04-10
        category: dan-van
        """, LONG_BODY),
    # Marks typed by the reader decide what is highlighted: "chuyển đổi số" is not "Chuyên", "Sở".
    ("tin-tuc/chuyen-de-so.md", """
        title: "Chuyên đề của Sở Tư pháp"
        date: 2025-05-02
        category: dan-van
        """, "Chuyên đề năm nay của Sở bàn về chuyển đổi số trong công tác hộ tịch."),
    # A phrase, and the same syllables apart (repeated, so they weigh more word by word).
    ("tin-tuc/nuoi-ong.md", """
        title: "Mô hình kinh tế hộ gia đình ở Cam Lộ"
        date: 2025-06-01
        category: dan-van
        """, "Anh Hùng nuôi ong lấy mật trên đồi keo, mỗi năm thu vài tạ."),
    ("tin-tuc/nuoi-ca.md", """
        title: "Nuôi cá lồng và trồng cây ăn quả"
        date: 2025-06-02
        category: dan-van
        """, "Nuôi cá, nuôi gà, nuôi lợn. Ong bay qua vườn. Lấy nước tưới cây. Mật độ cây vừa phải. "
             "Nuôi cá lồng. Ong vàng. Lấy giống tốt. Mật mía."),
    # A time written with another offset is shown in Vietnam time: 07:30 UTC is 14:30.
    ("tin-tuc/gio-utc.md", """
        title: "Tin đăng theo giờ quốc tế"
        date: 2026-11-25T07:30:00+00:00
        category: dan-van
        """, "Bản tin viết theo giờ UTC."),
]
NFD_FILES = {"mo-hinh/khuyen-hoc.md"}  # written decomposed, as pasted from macOS or Word


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def write_project(root: Path) -> Path:
    """The fixture's sources (with the repo's theme and configuration); returns mkdocs.yml."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "theme_overrides", root / "theme_overrides")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    docs = root / "docs"
    docs.mkdir()
    for page in ("gioi-thieu.md", "lien-he.md"):
        shutil.copy(REPO / "docs" / page, docs / page)
    entries = root / "entries"
    (entries / "don-vi").mkdir(parents=True)
    shutil.copy(REPO / "entries" / "danh-muc.yml", entries / "danh-muc.yml")
    for unit_id, name in UNITS.items():
        (entries / "don-vi" / f"{unit_id}.md").write_text(f'---\nid: {unit_id}\nname: "{name}"\n---\n{name}.\n', "utf-8")
    for path, front, body in RECORDS:
        text = "---\n" + textwrap.dedent(front).strip() + "\n---\n" + body + "\n"
        target = entries / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(nfd(text) if path in NFD_FILES else text, "utf-8")
    return root / "mkdocs.yml"


@dataclass(frozen=True)
class Query:
    case: str  # which class of query this covers
    text: str
    expected: str  # URL path of the record that must be in the top results
    top: int = 3
    filters: dict[str, list[str]] = field(default_factory=dict)


# (query, record with that exact spelling, record with another spelling of the same letters)
EXACT_FIRST = [
    ("sở", "/tin-tuc/so-y-te/", "/tin-tuc/so-hoa-tai-lieu/"),
    ("số", "/tin-tuc/so-hoa-tai-lieu/", "/tin-tuc/so-y-te/"),
    # One word in either tone placement, above another word with the same letters (hóa).
    ("hòa", "/mo-hinh/hoa-thuan/", "/tin-tuc/so-hoa-tai-lieu/"),
    ("hoà", "/mo-hinh/hoa-thuan/", "/tin-tuc/so-hoa-tai-lieu/"),
    ("hòa", "/mo-hinh/to-hoa-giai/", "/tin-tuc/so-hoa-tai-lieu/"),
    ("hoà", "/mo-hinh/to-hoa-giai/", "/tin-tuc/so-hoa-tai-lieu/"),
]

QUERIES = [
    Query("exact", "Kiên cố hóa kênh mương", "/mo-hinh/kenh-muong/"),
    Query("no diacritics", "kien co hoa kenh muong", "/mo-hinh/kenh-muong/"),
    Query("partial word", "kenh mu", "/mo-hinh/kenh-muong/"),
    Query("other tone placement", "hoà giải", "/mo-hinh/to-hoa-giai/"),
    Query("other tone placement", "thủy lợi", "/mo-hinh/kenh-muong/"),
    Query("other tone placement", "hòa thuận", "/mo-hinh/hoa-thuan/", top=1),
    Query("other tone placement", "khỏe mạnh", "/mo-hinh/hoa-thuan/", top=1),
    Query("other tone placement", "thủy sản", "/mo-hinh/hoa-thuan/", top=1),
    Query("other tone placement", "ủy ban xã", "/mo-hinh/hoa-thuan/", top=1),
    Query("other tone placement", "tọa đàm", "/mo-hinh/hoa-thuan/", top=1),
    Query("body only", "dang uy phuong dong le", "/tin-tuc/ngay-hoi-thon/", top=1),
    Query("body only", "Đảng ủy phường", "/tin-tuc/ngay-hoi-thon/", top=3),
    Query("body only", "dang uy", "/tin-tuc/ngay-hoi-thon/", top=10),
    Query("phrase", "nuoi ong lay mat", "/tin-tuc/nuoi-ong/", top=1),
    Query("NFD page", "khuyến học", "/mo-hinh/khuyen-hoc/"),
    Query("NFD query", nfd("kênh mương thủy lợi"), "/mo-hinh/kenh-muong/"),
    Query("upper case", "ĐẢNG VIÊN TRẺ", "/tin-tuc/dang-vien-tre/"),
    Query("phrase", "chuyển đổi số", "/tin-tuc/dang-vien-tre/", top=1),
    Query("đ words without diacritics", "dang vien tre", "/tin-tuc/dang-vien-tre/", top=1),
    Query("đ words without diacritics", "doan thanh nien", "/khen-thuong/bang-khen-doan/", top=2),
    Query("đ words with diacritics", "Đoàn thanh niên", "/khen-thuong/bang-khen-doan/", top=2),
    Query("filter", "thanh nien", "/mo-hinh/khuyen-hoc/", top=1, filters={"loai": ["Mô hình"]}),
    Query("filter", "", "/mo-hinh/kenh-muong/", top=1, filters={"nam": ["2022"]}),
    Query("filter", "dao tao", "/khen-thuong/bang-khen-doan/", top=1, filters={"don_vi": ["Đảng ủy Sở Giáo dục và Đào tạo"], "loai": ["Khen thưởng"]}),
]


def document_words(text: str) -> set[str]:
    """A search document's words as the vocabulary document takes them (search_index:
    `_token_words` of each of its `_tokens`)."""
    from generator.search_index import _token_words, _tokens

    return {word for token in _tokens(text) for word in _token_words(token)}
