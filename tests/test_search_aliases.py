"""Which đ-words a record gives the index in folded spelling, and the ranking hook of the box."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from generator.vietnamese import DJ_FUNCTION_WORDS, dj_aliases

REPO = Path(__file__).resolve().parent.parent
ALIASES = re.compile(r'<div hidden>¦ <span data-pagefind-weight="7">([^<]*)</span> ([^<]*)</div>')


def test_function_words_are_left_out_by_whole_word_only():
    text = "Đã có 12 đảng viên đang đến dự đề án được duyệt để đổi mới"
    assert dj_aliases(text) == "da dang dang den de duoc de doi"
    # "đảng", "đề", "đổi" fold like "đang", "để", "đối" but are words readers search for
    assert dj_aliases(text, skip=DJ_FUNCTION_WORDS) == "dang de doi"
    assert dj_aliases(unicodedata.normalize("NFD", text), skip=DJ_FUNCTION_WORDS) == "dang de doi"


def test_record_pages_give_no_aliases_for_function_words(sample_site: Path):
    pages = [p for p in sample_site.glob("*/*/index.html") if "data-pagefind-body" in p.read_text("utf-8")]
    uses_duoc = 0
    for page in pages:
        html = page.read_text("utf-8")
        found = ALIASES.search(html)
        if not found:
            continue
        text_aliases = found.group(2)
        article = html[html.index("<article"):html.index("<div hidden>¦")]
        uses_duoc += "được" in article.lower()
        # "duoc" can only come from "được" here ("da", "den" also fold "đá", "đèn")
        assert "duoc" not in text_aliases.split(), page
    assert uses_duoc >= 3  # the sample's records do say "được", so the check above can fail


def test_the_search_module_passes_its_ranking_options_to_pagefind():
    module = (REPO / "theme_overrides" / "assets" / "javascripts" / "search.js").read_text("utf-8")
    # bench/search_bench.py --ranking replaces this one line in a built site
    assert len(re.findall(r"^export const RANKING = .*;$", module, re.MULTILINE)) == 1
    assert re.search(r"pf\.options\(\{[^}]*ranking: RANKING", module)
