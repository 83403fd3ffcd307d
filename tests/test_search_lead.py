"""The search index reads a record's lead as text (title, summary, the body's first blocks) and the
rest of its body as words."""

from __future__ import annotations

import re
from pathlib import Path

from generator.markup import BodyRenderer
from generator.search_lead import INDEXED_BLOCKS

LONG_NEWS = "tin-tuc/hoc-tap-va-lam-theo-bac-bang-nhung-viec-lam-thuong-xuyen-thiet-thuc/"
BODY = "Mở đầu & [liên kết](x/)  \ndòng hai\n\n## Kết quả\n\n- Một\n    - Lồng\n\nẢnh ![](a.png)\n\n---\n\nCuối\n"


def test_blocks_after_the_lead_are_marked_and_nothing_else_changes():
    whole = BodyRenderer(lead=10).render(BODY, "tin-tuc/x/").html
    marked = BodyRenderer(lead=2).render(BODY, "tin-tuc/x/").html
    assert "data-pagefind-ignore" not in whole  # a short body is indexed whole
    assert re.sub(r' data-pagefind-ignore(="")?', "", marked) == whole
    ignored = re.findall(r"<(\w+) data-pagefind-ignore", marked)
    assert ignored == ["ul", "p", "hr", "p"]  # top-level blocks only: the nested list is inside one


def test_the_lead_text_is_what_the_aliases_are_computed_from():
    rendered = BodyRenderer(lead=2).render(BODY, "tin-tuc/x/")
    assert rendered.lead_text.split() == ["Mở", "đầu", "&", "liên", "kết", "dòng", "hai", "Kết", "quả"]


def test_raw_html_leaves_no_placeholder_in_the_indexed_text():
    """Found while writing examples for make mutation: Python-Markdown's placeholders for raw HTML
    ("\x02wzxhzdk:1\x03") were indexed, so "wzxhzdk" was a word of every such record."""
    rendered = BodyRenderer(lead=1).render(
        'Mở <span class="x">đầu</span>\n\nCuối <b>đậm</b> <br>\n\n<div>Khối HTML</div>\n', "tin-tuc/x/")
    assert rendered.lead_text.split() == ["Mở", "đầu"]
    assert rendered.rest_text.split() == ["Cuối", "đậm"]


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


def test_the_rest_of_the_body_is_indexed_as_its_words_once(sample_site: Path):
    html = (sample_site / LONG_NEWS / "index.html").read_text("utf-8")
    words = re.search(r'<span data-pagefind-weight="0.5">([^<]*)</span></div>', html).group(1).split()
    assert len(words) == len(set(words))  # once each: postings stay small
    body = html[html.index('<div class="gs-entry__body">'):]
    rest = body[body.index("data-pagefind-ignore"): body.index("\n</div>\n")].lower()
    assert len(words) > 20 and all(word in rest or word.isascii() for word in words)  # (ascii: đ-aliases)
    # a word only deep in the body is there, with its folded đ-spelling
    rendered = BodyRenderer(lead=1).render("Mở đầu.\n\nĐảng ủy phường Đông Lễ.\n", "tin-tuc/x/")
    assert rendered.lead_text == "Mở đầu." and rendered.rest_text == "Đảng ủy phường Đông Lễ."
