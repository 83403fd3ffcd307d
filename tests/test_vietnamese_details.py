"""Details of the Vietnamese rules that whole-word examples miss: digits and other scripts in
dictionary order, case as the last difference, dates in lists, heading anchors' separator."""

from __future__ import annotations

import datetime as dt

from generator.vietnamese import format_day, format_moment, format_number, format_short_date, heading_slug, sort_key


def test_digits_sort_before_letters_by_value_and_other_scripts_after_them():
    words = ["Tổ 9", "Tổ a", "Tổ 1", "Tổ α", "Tổ z", "Tổ ²"]
    assert sorted(words, key=sort_key) == ["Tổ 1", "Tổ ²", "Tổ 9", "Tổ a", "Tổ z", "Tổ α"]


def test_lower_case_comes_first_when_only_case_differs():
    assert sorted(["An", "an", "AN"], key=sort_key) == ["an", "An", "AN"]
    assert sorted(["Hà nội", "hà Nội"], key=sort_key) == ["hà Nội", "Hà nội"]


def test_dates_read_as_vietnamese_news_sites_write_them():
    moment = dt.datetime(2024, 3, 5, 8, 30)
    assert format_short_date(moment.date()) == "05/03/2024"
    assert format_day(moment.date()) == "Thứ Ba, 05/03/2024"
    assert format_moment(moment) == "Thứ Ba, 05/03/2024 08:30"
    assert format_number(12816) == "12.816" and format_number(63.2, "#,##0.0") == "63,2"


def test_heading_anchors_use_the_separator_they_are_given():
    assert heading_slug("Đảng bộ Khối", "_") == "dang_bo_khoi"
    assert heading_slug("Đảng bộ Khối", "-") == "dang-bo-khoi"
