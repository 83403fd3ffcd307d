import datetime as dt
import unicodedata

import pytest

from generator.vietnamese import fold, format_day, format_moment, nfc, slugify, sort_key
from generator.schema import TIME_ZONE


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.mark.parametrize(
    "title, slug",
    [
        ("Đảng bộ Khối", "dang-bo-khoi"),
        ("Dân vận khéo trong chuyển đổi số", "dan-van-kheo-trong-chuyen-doi-so"),
        ("“Blouse trắng - Trái tim hồng”", "blouse-trang-trai-tim-hong"),
        ("Quỹ “Vượt khó” 0%", "quy-vuot-kho-0"),
        ("ĐẢNG ỦY SỞ GD&ĐT", "dang-uy-so-gd-dt"),
    ],
)
def test_slugs_are_lowercase_ascii_with_d_for_dj(title, slug):
    assert slugify(title) == slug
    assert slugify(nfd(title)) == slug


def test_fold_removes_tones_marks_and_dj_for_nfc_and_nfd():
    assert fold("Đảng viên TRẺ") == "dang vien tre"
    assert fold(nfd("Thủy lợi nội đồng")) == "thuy loi noi dong"
    assert fold("hoà giải") == fold("hòa giải")


def test_vietnamese_alphabetical_order():
    words = ["Zalo", "Đông Hà", "Ưu tiên", "Ăn", "Ân", "An", "Dung", "Ơn", "Ông", "Oanh", "Uống", "Hàng", "Hà Nội"]
    assert sorted(words, key=sort_key) == [
        "An", "Ăn", "Ân", "Dung", "Đông Hà", "Hà Nội", "Hàng", "Oanh", "Ông", "Ơn", "Uống", "Ưu tiên", "Zalo",
    ]


def test_sort_key_puts_each_marked_letter_after_its_base_letter():
    # Why sort_key exists: code-point order puts Đ, Ơ, Ư after Z; the alphabet puts each
    # right after d, o, u (a ă â b c d đ e ê … o ô ơ p … u ư v … z).
    words = ["Zalo", "Ưu", "Đông", "Em", "Ơn", "Dung", "Phú", "đào", "Vân", "dân", "Uy", "Ông"]
    assert sorted(words, key=sort_key) == ["dân", "Dung", "đào", "Đông", "Em", "Ông", "Ơn", "Phú", "Uy", "Ưu", "Vân", "Zalo"]


def test_tone_is_a_secondary_difference_in_dictionary_order():
    syllables = ["bạ", "bá", "bã", "bả", "bà", "ba", "bb"]
    assert sorted(syllables, key=sort_key) == ["ba", "bà", "bả", "bã", "bá", "bạ", "bb"]


def test_sort_key_is_the_same_for_nfc_and_nfd():
    assert sort_key(nfd("Đảng ủy Khối")) == sort_key("Đảng ủy Khối")


def test_dates_read_like_vietnamese_news_sites():
    assert format_day(dt.date(2026, 11, 25)) == "Thứ Tư, 25/11/2026"
    assert format_moment(dt.datetime(2024, 5, 19, 8, 0, tzinfo=TIME_ZONE)) == "Chủ Nhật, 19/05/2024 08:00"


def test_nfc():
    assert nfc(nfd("Việt")) == "Việt"
