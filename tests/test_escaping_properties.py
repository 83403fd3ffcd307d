"""Hostile strings against each escaping function: whatever an editor types, a reader gets it
back as typed (once decoded for its context), and nothing leaves that context."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser

from hypothesis import example, given, settings
from hypothesis import strategies as st
from jinja2 import Environment

from generator.escaping import FORMULA_STARTS, SAFE_SCHEMES, csv_cell, json_text, safe_url, web_address
from generator.glossary import Glossary, load_glossary
from generator.loader import Kind
from generator.markup import BodyRenderer
from generator.opendata import Column, Dataset, csv_bytes
from generator.pages import make_environment
from generator.site import Project, check
from generator.theme_fixes import escape_text_meta
from generator.views import Link, Teaser

FAST = settings(max_examples=100, deadline=None)
# Pieces of markup, entities and address tricks, mixed into arbitrary text.
HOSTILE = st.sampled_from([
    "<", ">", "&", '"', "'", "`", "</script>", "<script>", "<!--", "-->", "]]>", "&amp;", "&lt;", "&copy;", "&#34;",
    "<img src=x onerror=alert(1)>", '"><b>', "\u2028", "\u2029", "\t", "\n", "\r", "\x00", " ", "javascript:", "=", "@",
])
hostile_text = st.lists(st.one_of(HOSTILE, st.text(max_size=8)), max_size=12).map("".join)

TEASER = make_environment().get_template("_teaser.html")
LINK = make_environment().from_string('<a href="{{ target | href }}">x</a>')
# What Material prints of a page's metadata; MkDocs renders themes without autoescaping.
MATERIAL = Environment(autoescape=False).from_string(
    '<title>{{ meta.title }} - Site</title><meta name="description" content="{{ meta.description }}">'
    '<h1>{{ meta.title | e }}</h1>')


class Reader(HTMLParser):
    """A document as a browser reads it: text, attributes and the elements it creates."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def browser_scheme(url: str) -> str:
    """The scheme WHATWG's URL parser reads: C0 and spaces trimmed, tabs and newlines removed."""
    url = url.strip("".join(map(chr, range(0x21)))).replace("\t", "").replace("\n", "").replace("\r", "")
    match = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", url)
    return match.group(1).lower() if match else ""


# JSON (feeds, open data, JSON-LD) --------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | hostile_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(hostile_text, inner, max_size=4),
    max_leaves=8,
)


@FAST
@given(json_values, st.sampled_from([None, 1]))
def test_json_text_reads_back_the_same_and_holds_no_markup(value, indent):
    text = json_text(value, indent)
    assert json.loads(text) == value
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}


@FAST
@given(st.dictionaries(st.sampled_from(["name", "headline"]), hostile_text, min_size=1))
def test_json_ld_stays_inside_its_script_element(data):
    page = Reader(f'<script type="application/ld+json">{json_text(data)}</script><p>after</p>')
    assert [tag for tag, _ in page.elements] == ["script", "p"]
    assert json.loads(page.text[0]) == data


# CSV (open data) ------------------------------------------------------------------------------


@FAST
@given(hostile_text)
@example("=HYPERLINK(\"http://x\",\"y\")")
@example("\t=1+1")
def test_csv_cell_never_starts_a_formula_and_keeps_the_text(value):
    cell = csv_cell(value)
    assert not cell.startswith(FORMULA_STARTS)
    assert cell in (value, "'" + value)


@FAST
@given(st.lists(st.tuples(hostile_text, st.lists(hostile_text, max_size=3), st.integers(-5, 5)), max_size=5))
def test_open_data_csv_gives_every_cell_back_neutralised(rows):
    dataset = Dataset("x", "X", Kind.MODEL, (Column("text", "", "string", None), Column("list", "", "array", None),
                                             Column("number", "", "integer", None)))
    records = [{"text": text, "list": items, "number": number} for text, items, number in rows]
    read = list(csv.reader(io.StringIO(csv_bytes(dataset, records).decode("utf-8-sig"), newline="")))
    assert read[0] == ["text", "list", "number"]
    assert read[1:] == [[csv_cell(text), csv_cell("; ".join(items)), str(number)] for text, items, number in rows]


# Addresses in href and src ---------------------------------------------------------------------

schemes = st.sampled_from(["javascript", "JaVaScRiPt", "data", "vbscript", "http", "https", "mailto", "file", ""])
noise = st.sampled_from(["", "\t", "\n", " ", "\x00", "\x1f", "\r\n"])


@st.composite
def addresses(draw) -> str:
    scheme = draw(schemes)
    if scheme and draw(st.booleans()):  # hide the scheme the way browsers forgive
        cut = draw(st.integers(0, len(scheme)))
        scheme = scheme[:cut] + draw(noise) + scheme[cut:]
    return draw(noise) + scheme + (":" if scheme else "") + draw(hostile_text)


@FAST
@given(st.one_of(addresses(), hostile_text))
@example("java\tscript:alert(1)")
@example(" \x01javascript:alert(1)")
@example('https://example.org/"><script>alert(1)</script>')
def test_safe_url_is_a_link_a_browser_reads_as_http_mailto_tel_or_relative(url):
    safe = safe_url(url)
    if safe is None:
        return
    assert browser_scheme(safe) in SAFE_SCHEMES | {""}
    assert not re.search(r"[\x00-\x20\x7f\"'<>\\`]", safe)
    assert browser_scheme(safe) == browser_scheme(url) or browser_scheme(safe) == ""


@FAST
@given(st.one_of(addresses(), hostile_text))
def test_a_website_link_is_always_http_or_https(url):
    address = web_address(url)
    assert address is None or browser_scheme(address) in ("http", "https")


def test_ordinary_addresses_are_left_as_they_are():
    for url in ("https://quangtri.gov.vn/", "mailto:a@b.vn?subject=Ph%E1%BA%A3n", "../../images/a.svg", "tel:+84233"):
        assert safe_url(url) == url
    assert safe_url("images/ảnh lễ.jpg") == "images/ảnh%20lễ.jpg"


@FAST
@given(st.one_of(addresses(), hostile_text), st.sampled_from(["", "tin-tuc/", "tin-tuc/a/"]))
def test_the_href_filter_of_page_fragments_only_makes_safe_links(target, page_url):
    html = LINK.render(target=target, page_url=page_url)
    (tag, attributes), = Reader(html).elements
    assert browser_scheme(attributes["href"]) in SAFE_SCHEMES | {""}
    assert not re.search(r"[\x00-\x20\"'<>\\`]", attributes["href"])


# HTML: page fragments, Material's metadata, abbreviations ---------------------------------------


@FAST
@given(hostile_text, hostile_text, hostile_text)
def test_a_teaser_shows_any_title_summary_and_unit_as_typed(title, summary, unit):
    teaser = Teaser(title, "tin-tuc/a/", Kind.NEWS, "Tin tức", "1/1/2024", "2024-01-01", summary, Link(unit, "don-vi/b/"))
    html = TEASER.render(t=teaser, level=3, root="../", page_url="")
    page = Reader(html)
    assert [tag for tag, _ in page.elements] == ["li", "div", "h3", "a", "p", "span", "time", "a"] + (["p"] if summary else [])
    text = "".join(page.text)
    assert title in text and unit in text and summary.strip() in text


@FAST
@given(hostile_text, hostile_text)
def test_material_prints_escaped_metadata_as_typed(title, description):
    meta = {"title": title, "description": description}
    escape_text_meta(meta)
    escape_text_meta(meta)  # twice, as a preview may: never escaped twice
    page = Reader(MATERIAL.render(meta=meta))
    assert [tag for tag, _ in page.elements] == ["title", "meta", "h1"]
    assert page.elements[1][1]["content"] == description
    assert "".join(page.text) == f"{title} - Site{title}"


GLOSSARY = {"GD&ĐT": 'Giáo dục & Đào tạo "mới"', "DN": "doanh <b>nghiệp</b>", "BTV": "Ban 'Thường vụ' &amp; <"}


class Abbreviations(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.text, self.found, self.tags, self._title = [], [], [], None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self._title = dict(attrs).get("title")

    def handle_endtag(self, tag):
        self._title = None

    def handle_data(self, data):
        self.text.append(data)
        if self._title is not None:
            self.found.append((data, self._title))


@FAST
@given(st.lists(st.one_of(st.sampled_from(sorted(GLOSSARY)), hostile_text), max_size=8).map(" ".join),
       st.dictionaries(st.sampled_from(["DN", "BTV", "CCVC"]), hostile_text, min_size=1))
def test_abbreviations_keep_the_text_and_any_meaning_as_typed(text, meanings):
    glossary = Glossary({**GLOSSARY, **meanings})
    page = Abbreviations(str(glossary.abbreviate(text)))
    assert "".join(page.text) == text
    assert set(page.tags) <= {"abbr"}
    assert all(glossary.terms[word] == title for word, title in page.found)


def test_meanings_with_quotes_ampersands_and_markup_are_escaped():
    """Issue 14: `'GD&ĐT': 'Giáo dục & Đào tạo "mới"'` must not break the title attribute."""
    glossary = Glossary(GLOSSARY)
    html = str(glossary.abbreviate("Sở GD&ĐT và DN, BTV"))
    assert html == ('Sở <abbr title="Giáo dục &amp; Đào tạo &#34;mới&#34;">GD&amp;ĐT</abbr> và '
                    '<abbr title="doanh &lt;b&gt;nghiệp&lt;/b&gt;">DN</abbr>, '
                    '<abbr title="Ban &#39;Thường vụ&#39; &amp;amp; &lt;">BTV</abbr>')
    body = BodyRenderer(glossary=glossary.terms).render("Sở GD&ĐT họp với DN.", "tin-tuc/a/").html
    page = Abbreviations(body)
    assert set(page.tags) <= {"p", "abbr"}
    assert sorted(page.found) == [("DN", GLOSSARY["DN"]), ("GD&ĐT", GLOSSARY["GD&ĐT"])]


# viet-tat.yml ---------------------------------------------------------------------------------


def test_an_empty_abbreviation_is_left_out_with_a_warning_on_its_line(project):
    project.write("viet-tat.yml", 'DN: doanh nghiệp\n"": không có chữ viết tắt\n" ": chỉ có dấu cách\n')
    glossary, problems = load_glossary(project.root / "entries")
    assert glossary.terms == {"DN": "doanh nghiệp"}
    assert [(p.line, p.severity) for p in problems] == [(2, "warning"), (3, "warning")]
    assert "chữ viết tắt để trống" in problems[0].message
    checked = check(Project.at(project.root))
    assert any(p.path.endswith("entries/viet-tat.yml") and p.line == 2 for p in checked.problems)


def test_an_empty_abbreviation_never_wraps_the_space_between_words():
    glossary = Glossary({"": "rỗng", "DN": "doanh nghiệp"})
    assert str(glossary.abbreviate("a b")) == "a b"
