"""The search index reads a record's whole body (a limit to its first blocks stays possible)."""

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


def test_a_long_record_page_indexes_its_whole_body(sample_site: Path):
    assert INDEXED_BLOCKS is None
    html = (sample_site / LONG_NEWS / "index.html").read_text("utf-8")
    body = html[html.index('<div class="gs-entry__body">'):]
    body = body[: body.index("\n</div>\n")]
    blocks = re.findall(r"^<(p|h\d|ul|ol|table|blockquote)\b([^>]*)>", body, re.MULTILINE)
    assert len(blocks) > 5
    assert all("data-pagefind-ignore" not in attrs for _, attrs in blocks)
    assert "Thực hiện có hiệu quả, chất lượng việc tổ chức diễn đàn sinh hoạt chi bộ" in body


def test_the_whole_body_text_is_what_the_aliases_are_computed_from():
    rendered = BodyRenderer().render(BODY, "tin-tuc/x/")
    assert "data-pagefind-ignore" not in rendered.html
    assert rendered.lead_text.split()[-3:] == ["Lồng", "Ảnh", "Cuối"]
