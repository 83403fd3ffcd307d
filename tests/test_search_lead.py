"""The search index reads a record's lead: title, summary, card and the body's first blocks."""

from __future__ import annotations

import re
from pathlib import Path

from generator.search_lead import INDEXED_BLOCKS, indexed_part, mark_unindexed

LONG_NEWS = "tin-tuc/hoc-tap-va-lam-theo-bac-bang-nhung-viec-lam-thuong-xuyen-thiet-thuc/"
BODY = (
    '<p>Mở đầu &amp; <a href="x/">liên kết</a><br>dòng hai</p>\n<h2 id="ket-qua">Kết quả</h2>\n'
    "<ul>\n<li>Một<ul><li>Lồng</li></ul></li>\n</ul>\n<p>Ảnh <img alt=\"\" src=\"a.png\"></p>\n<hr>\n<p>Cuối</p>"
)


def test_blocks_after_the_lead_are_marked_and_nothing_else_changes():
    marked = mark_unindexed(BODY, keep=2)
    assert marked.replace(" data-pagefind-ignore", "") == BODY
    ignored = re.findall(r"<(\w+) data-pagefind-ignore", marked)
    assert ignored == ["ul", "p", "hr", "p"]  # top-level blocks only: the nested list is inside one


def test_a_short_body_is_indexed_whole():
    assert mark_unindexed(BODY, keep=10) == BODY
    assert indexed_part(BODY, keep=10) == BODY


def test_indexed_part_is_the_lead_the_aliases_are_computed_from():
    assert indexed_part(BODY, keep=2) == '<p>Mở đầu &amp; <a href="x/">liên kết</a><br>dòng hai</p>\n<h2 id="ket-qua">Kết quả</h2>\n'


def test_line_separators_inside_text_do_not_shift_the_marks():
    body = "<p>a\u2028b\u0085c</p>\n<p>d</p>"
    assert mark_unindexed(body, keep=1) == "<p>a\u2028b\u0085c</p>\n<p data-pagefind-ignore>d</p>"


def test_a_long_record_page_indexes_its_first_blocks_only(sample_site: Path):
    html = (sample_site / LONG_NEWS / "index.html").read_text("utf-8")
    body = html[html.index('<div class="gs-entry__body">'):]
    body = body[: body.index("\n</div>\n")]
    blocks = re.findall(r"^<(p|h\d|ul|ol|table|blockquote)\b([^>]*)>", body, re.MULTILINE)
    assert len(blocks) > INDEXED_BLOCKS
    assert all("data-pagefind-ignore" not in attrs for _, attrs in blocks[:INDEXED_BLOCKS])
    assert all("data-pagefind-ignore" in attrs for _, attrs in blocks[INDEXED_BLOCKS:])
    # the page still shows the whole body
    assert "Thực hiện có hiệu quả, chất lượng việc tổ chức diễn đàn sinh hoạt chi bộ" in body
