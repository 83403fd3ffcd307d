"""generator/escaping/ by example: the exact text each context gets. The properties in
test_escaping_properties.py hold for any input; these pin the lists they are written against
(which characters start a formula, which schemes are links), so that changing a list fails."""

from __future__ import annotations

import pytest

from generator.escaping import csv_cell, json_text, safe_url, url_scheme, web_address


@pytest.mark.parametrize("typed", ["=1+1", "+84 233 3852", "-5", "@SUM(A1)", "\tẩn", "\rẩn"])
def test_a_cell_a_spreadsheet_would_run_gets_an_apostrophe(typed):
    assert csv_cell(typed) == "'" + typed


@pytest.mark.parametrize("typed", ["Đảng bộ", "a=b", "", " =1", "'=1"])
def test_other_cells_are_kept_as_typed(typed):
    assert csv_cell(typed) == typed


def test_json_escapes_exactly_the_characters_that_could_end_a_script_or_a_line():
    assert json_text({"a": "</script><!-- & \u2028\u2029 ư"}) == (
        '{"a":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\\u2029 ư"}')
    assert json_text([1, {"b": 2}], indent=2) == '[\n  1,\n  {\n    "b": 2\n  }\n]'


@pytest.mark.parametrize(("typed", "link"), [
    (" \t https://a.vn/x y\n", "https://a.vn/x%20y"),  # outer spaces and controls dropped, as browsers do
    ("\x00https://a.vn", "https://a.vn"),
    ("HTTPS://A.VN", "HTTPS://A.VN"),
    ("http://a.vn", "http://a.vn"),
    ("mailto:ban@a.vn", "mailto:ban@a.vn"),
    ("tel:0233", "tel:0233"),
    ("tin-tuc/", "tin-tuc/"),
    ("!x", "!x"),  # the first printable character is kept
    ('images/ảnh "lạ" <1>.svg', "images/ảnh%20%22lạ%22%20%3C1%3E.svg"),
    ("a\x7fb\x9fc`'\\", "a%7Fb%C2%9Fc%60%27%5C"),
    ("java\tscript:alert(1)", "java%09script:alert(1)"),  # no longer a scheme, a harmless path
])
def test_a_link_is_kept_with_its_unsafe_characters_percent_encoded(typed, link):
    assert safe_url(typed) == link


@pytest.mark.parametrize("typed", ["javascript:alert(1)", "JAVASCRIPT:x", " data:text/html,x", "ftp://a.vn", "x1+.-:y"])
def test_other_schemes_are_never_links(typed):
    assert safe_url(typed) is None


def test_the_scheme_is_read_as_a_browser_reads_it():
    assert [url_scheme(u) for u in ("HTTPS://A.VN", "x1+.-:y", "1x:y", "tin-tuc/", "a/b:c")] == ["https", "x1+.-", "", "", ""]


@pytest.mark.parametrize(("typed", "link"), [
    (None, None), ("", None), ("https://a.vn/", "https://a.vn/"), ("HTTP://A.VN", "HTTP://A.VN"),
    ("mailto:ban@a.vn", None), ("tin-tuc/", None), ("javascript:x", None), (" https://a.vn/ a", "https://a.vn/%20a"),
])
def test_a_units_website_is_linked_only_as_an_absolute_web_address(typed, link):
    assert web_address(typed) == link
