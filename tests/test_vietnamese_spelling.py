"""The reader's spelling, as search and the A–Z index see it (no build: `make mutation` runs these).

Old and new tone placement are one word (hoà = hòa); an A–Z index files by letter, and tone
marks are not letters while ă â đ ê ô ơ ư are.
"""

from __future__ import annotations

import unicodedata

from generator.vietnamese import alphabet_letter, canonical_tones, sort_key, tone_aliases


def test_old_tone_placement_is_written_the_new_way():
    assert canonical_tones("Hoà thuỷ khoẻ uỷ toạ") == "Hòa thủy khỏe ủy tọa"
    assert canonical_tones("HOÀ THUỶ, Khoẻ.") == "HÒA THỦY, Khỏe."


def test_new_placement_and_other_words_are_left_as_they_are():
    for text in ("Hòa thủy khỏe ủy tọa", "hoàng", "thuyền", "hóa", "quỷ", "QUỶ", "quà", "Đảng ủy"):
        assert canonical_tones(text) == text


def test_decomposed_input_comes_back_composed():
    assert canonical_tones(unicodedata.normalize("NFD", "Hoà thuỷ")) == "Hòa thủy"


def test_tone_aliases_lists_only_the_words_spelled_the_old_way():
    assert tone_aliases("Hoà giải, thuỷ lợi, hòa bình") == "Hòa thủy"
    assert tone_aliases("hòa bình, thủy lợi") == ""


def test_alphabet_letters_are_letters_without_tone_marks():
    assert [alphabet_letter(t) for t in ("Ủy ban", "ấp Bắc", "ắc quy", "đảng bộ", "ước mơ", "  «ơn»", "hòa")] == \
        ["U", "Â", "Ă", "Đ", "Ư", "Ơ", "H"]


def test_a_name_without_letters_files_under_no_letter():
    assert alphabet_letter("") == ""
    assert alphabet_letter("…") == ""


def test_other_scripts_sort_after_vietnamese_letters_by_code_point():
    assert sorted(["中文", "Ωmega", "Ánh", "9 giờ", "zeta"], key=sort_key) == ["9 giờ", "Ánh", "zeta", "Ωmega", "中文"]
