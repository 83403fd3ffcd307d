"""Vietnamese details readers see: Vietnam time for every date, A–Z headings of alphabet letters."""

from __future__ import annotations

import re

import pytest

from generator.engine import build_site
from generator.schema import parse_moment
from generator.vietnamese import alphabet_letter
from search_fixture import write_project


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("details")
    return build_site(write_project(root / "src"), root / "site")


def test_times_written_with_another_offset_are_read_as_vietnam_time():
    assert parse_moment("2026-11-25T07:30:00+00:00").isoformat() == "2026-11-25T14:30:00+07:00"
    assert parse_moment("2026-11-25T20:00:00Z").isoformat() == "2026-11-26T03:00:00+07:00"  # the next day there
    assert parse_moment("2026-11-25 07:30").isoformat() == "2026-11-25T07:30:00+07:00"  # no offset: Vietnam time


def test_a_record_dated_in_utc_shows_vietnam_time(fixture_site):
    html = (fixture_site / "tin-tuc" / "gio-utc" / "index.html").read_text("utf-8")
    assert '<time datetime="2026-11-25T14:30:00+07:00">Thứ Tư, 25/11/2026 14:30</time>' in html
    assert "07:30" not in html


def test_alphabet_letters_leave_tone_marks_out():
    assert [alphabet_letter(t) for t in ("Ủy ban", "Ấp Bắc", "Ắc quy", "đảng bộ", "Ừ", "Éo", "«Quỹ»")] == \
        ["U", "Â", "Ă", "Đ", "Ư", "E", "Q"]


def test_units_a_to_z_headings_are_letters_of_the_alphabet_in_order(fixture_site):
    html = (fixture_site / "don-vi" / "index.html").read_text("utf-8")
    headings = re.findall(r'<h2 id="chu-\d+">([^<]+)</h2>', html)
    # "Ấp Bắc" under Â, "Đảng ủy…", "Đảng bộ…" under Đ, "Ủy ban…" under U (not Ấ, Ủ)
    assert headings == ["Â", "Đ", "U"]
