"""Nothing an editor types reaches a reader unescaped (issue 9, section 1).

One copy of the sample is built with a hostile marker in every free-text field of every kind
(found from the pydantic models, so a new field is covered without touching this file), in
every list label of danh-muc.yml and every meaning of viet-tat.yml, plus the reproductions of
the issue. Every file of the built site is then read: no marker may appear unescaped, each
must be there as typed once decoded for its format, and none may be escaped twice.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import logging
import re
import shutil
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, Iterator, Union, get_args, get_origin

import pytest
import yaml
from pydantic import BaseModel

from generator.catalogue import LIST_NAMES, load_catalogue
from generator.engine import build_site
from generator.escaping import FORMULA_STARTS, SAFE_SCHEMES, web_address
from generator.search_index import WORD_END
from generator.loader import Kind
from generator.siteinfo import DEFAULT_IMAGE
from generator.validate import _VOCABULARY_FIELDS, SCHEMAS
from generator.views import LATEST_FILE

from conftest import copy_sample
from test_escaping_properties import browser_scheme

# Text fields that are not free text: identifiers, references to other records, values from
# the configured lists (their labels get markers in danh-muc.yml instead), and addresses
# (checked by the reproductions below). Every other text field of a kind gets a marker.
NOT_FREE_TEXT = {("slug",), ("id",), ("unit",), ("units",), ("models",), ("parent",), ("recipient", "unit"),
                 ("website",), ("image", "src")}
# What an optional nested field needs besides its free text, to be valid when a record has none.
NESTED_REQUIRED = {("image",): {"src": DEFAULT_IMAGE}}

# Each marker starts like a spreadsheet formula (for the CSV files), holds an abbreviation (DN)
# so summaries go through the glossary, and tries to leave every context it may land in.
FORMULA_PREFIXES = ("=", "+", "-", "@")
MARKER = ('{prefix}{id} <script>alert("{id}")</script> "\'><img src=x onerror=alert(\'{id}\')> '
          '&copy; DN </title></textarea>]]>--> {id}.')
# What a marker looks like where it was not escaped, and where it was escaped twice.
UNESCAPED = ("<script>alert(", "<img src=x onerror", "</title></textarea>", "]]>-->")
TWICE_ESCAPED = ("&lt;script&gt;alert(", "&amp;copy;", "&amp;lt;", "&amp;#")

# The reproductions of issue 9, added beside the rewritten sample.
TAG = "<img src=x onerror=alert(1)>"
TITLE = "Doanh nghiệp <b onmouseover=alert(2)>x</b>"
UNIT_NAME = "Đảng bộ </script><script>alert(3)</script> & “Công ty”"
IMAGE = 'images/ảnh "lạ" <1>.svg'  # a file name with quotes, spaces and angle brackets
BAD_WEBSITES = {"xss-javascript": "javascript:alert(4)",
                "xss-quote": 'https://example.org/"><script>alert(5)</script>'}


def free_text_fields(model: type[BaseModel], prefix: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], bool]]:
    """(location, is a list) of every text field of `model`, nested models included."""
    for name, info in model.model_fields.items():
        location = (*prefix, info.alias or name)
        if location in NOT_FREE_TEXT:
            continue
        union = get_origin(info.annotation) in (Union, UnionType)
        for annotation in get_args(info.annotation) if union else (info.annotation,):
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                yield from free_text_fields(annotation, location)
            elif annotation is str:
                yield location, False
            elif get_origin(annotation) is list and _text_type(get_args(annotation)[0]) is str:
                yield location, True


def _text_type(annotation: Any) -> Any:
    """`str` for `str` and for a constrained `str` (schema.Text: `Annotated[str, ...]`)."""
    return get_args(annotation)[0] if get_origin(annotation) is Annotated else annotation


@dataclass
class Markers:
    """Every marker planted, by where it was planted ("mo-hinh title", "danh-muc forms 2")."""

    by_place: dict[str, str] = field(default_factory=dict)

    def new(self, place: str) -> str:
        number = len(self.by_place)
        marker = MARKER.format(prefix=FORMULA_PREFIXES[number % len(FORMULA_PREFIXES)], id=f"X{number:03d}")
        self.by_place[place] = marker
        return marker


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def plant(root: Path) -> Markers:
    """Put a marker into every free-text field of every record, list label and meaning."""
    markers = Markers()
    entries = root / "entries"
    catalogue, problems = load_catalogue(entries)
    assert catalogue is not None and not problems
    for kind, schema in SCHEMAS.items():
        fields = [(location, many) for location, many in free_text_fields(schema)
                  if location[0] not in _VOCABULARY_FIELDS[kind]]
        assert {(("title",), False), (("name",), False)} & set(fields) and (("tags",), True) in fields
        values = {location: markers.new(f"{kind.value} {'.'.join(location)}") for location, _ in fields}
        for path in sorted((entries / kind.value).glob("*.md")):
            front, body = split_front_matter(path.read_text("utf-8"))
            for name, list_name in _VOCABULARY_FIELDS[kind].items():  # labels change: refer by slug
                if front.get(name):
                    front[name] = getattr(catalogue, list_name).resolve(str(front[name])).slug
            for location, many in fields:
                parent = front
                for depth, key in enumerate(location[:-1]):
                    if not isinstance(parent.get(key), dict):
                        parent[key] = dict(NESTED_REQUIRED.get(location[: depth + 1], {}))
                    parent = parent[key]
                key = location[-1]
                parent[key] = [*(parent.get(key) or []), values[location]] if many else values[location]
            path.write_text("---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + body, "utf-8")
    lists = yaml.safe_load((entries / "danh-muc.yml").read_text("utf-8"))
    for list_name in LIST_NAMES:
        for number, term in enumerate(lists[list_name]):
            term["label"] = markers.new(f"danh-muc {list_name} {number}")
    (entries / "danh-muc.yml").write_text(yaml.safe_dump(lists, allow_unicode=True), "utf-8")
    glossary = yaml.safe_load((entries / "viet-tat.yml").read_text("utf-8"))
    glossary = {word: markers.new(f"viet-tat {word}") for word in glossary}
    (entries / "viet-tat.yml").write_text(yaml.safe_dump(glossary, allow_unicode=True), "utf-8")
    return markers


def add_reproductions(root: Path) -> None:
    entries = root / "entries"
    news = "date: 2024-06-01 08:00\ncategory: dan-van\n"
    (entries / "tin-tuc" / "xss-the.md").write_text(
        f"---\ntitle: Tin có thẻ lạ\n{news}tags: ['{TAG}', 'thẻ thường']\n---\nNội dung.\n", "utf-8")
    (entries / "tin-tuc" / "xss-tieu-de.md").write_text(
        f"---\ntitle: \"{TITLE}\"\n{news}units: [xss-script]\n---\nNội dung.\n", "utf-8")
    (entries / "don-vi" / "xss-script.md").write_text(
        f"---\nid: xss-script\nname: '{UNIT_NAME}'\nkind: dang-bo\n---\nMô tả.\n", "utf-8")
    (entries / "mo-hinh" / "xss-mo-hinh.md").write_text(
        "---\ntitle: Mô hình của đơn vị lạ\nunit: xss-script\nmovement: dan-van-kheo\nyear: 2024\n---\nNội dung.\n", "utf-8")
    shutil.copy(root / "docs" / DEFAULT_IMAGE, root / "docs" / IMAGE)
    (entries / "tin-tuc" / "xss-anh.md").write_text(
        f"---\ntitle: Tin có ảnh tên lạ\n{news}image: {{src: {json.dumps(IMAGE)}}}\n---\nNội dung.\n", "utf-8")


@dataclass(frozen=True)
class Hostile:
    site: Path
    markers: Markers


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Hostile:
    root = tmp_path_factory.mktemp("hostile")
    config = copy_sample(root / "src")
    markers = plant(root / "src")
    add_reproductions(root / "src")
    return Hostile(build_site(config, root / "site"), markers)


# Reading outputs as their readers do ----------------------------------------------------------


class TextAndAttributes(HTMLParser):
    """What a browser shows or keeps from an HTML document: its text and attribute values,
    entities decoded; and the elements it would create."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self.parts.extend(value for _, value in attrs if value)
        self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def parse_html(raw: str) -> TextAndAttributes:
    parser = TextAndAttributes()
    parser.feed(raw)
    parser.close()
    return parser


def json_strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item)


def pagefind_json(path: Path) -> Any | None:
    """A Pagefind fragment or metadata file, decoded (gzip + "pagefind_dcd" + JSON), or None."""
    data = gzip.decompress(path.read_bytes())
    data = data.removeprefix(b"pagefind_dcd")
    try:
        return json.loads(data)
    except ValueError:
        return None  # binary (CBOR) word and filter indexes


@dataclass
class Decoded:
    """What each output gives its reader, by relative path."""

    raw: dict[str, str] = field(default_factory=dict)  # text files as written
    text: dict[str, str] = field(default_factory=dict)  # their decoded text


def decode_site(site: Path) -> Decoded:
    decoded = Decoded()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        name = path.relative_to(site).as_posix()
        suffix = path.suffix
        if suffix in (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".woff", ".woff2", ".ttf", ".gz", ".wasm")\
                or name.startswith("pagefind/wasm"):
            continue
        if name.startswith("pagefind/") and suffix.startswith(".pf_"):
            document = pagefind_json(path)
            if document is not None:
                decoded.raw[name] = json.dumps(document, ensure_ascii=False)
                decoded.text[name] = "\n".join(json_strings(document))
            continue
        raw = path.read_bytes().decode("utf-8-sig")
        if name == LATEST_FILE:  # teasers the browser puts into record pages as HTML
            raw = "\n".join(item["html"] for item in json.loads(raw)["items"])
            suffix = ".html"
        decoded.raw[name] = raw
        if suffix in (".html", ".svg"):
            decoded.text[name] = parse_html(raw).text
        elif suffix == ".xml":
            decoded.text[name] = "\n".join(ET.fromstring(raw).itertext()) + "\n".join(
                value for element in ET.fromstring(raw).iter() for value in element.attrib.values())
        elif suffix == ".json":
            decoded.text[name] = "\n".join(json_strings(json.loads(raw)))
        elif suffix == ".yml":
            decoded.text[name] = "\n".join(json_strings(yaml.safe_load(raw)))
        elif suffix == ".csv":
            decoded.text[name] = "\n".join(cell for row in csv.reader(io.StringIO(raw, newline="")) for cell in row)
        else:
            decoded.text[name] = raw
    return decoded


@pytest.fixture(scope="module")
def outputs(hostile) -> Decoded:
    return decode_site(hostile.site)


# The generic test ---------------------------------------------------------------------------


def test_every_free_text_field_of_every_kind_got_a_marker(hostile):
    places = set(hostile.markers.by_place)
    for kind, expected in {
        Kind.NEWS: {"title", "summary", "author", "source", "tags", "image.caption", "image.credit"},
        Kind.MODEL: {"title", "summary", "results", "tags", "image.caption", "image.credit"},
        Kind.COMMENDATION: {"title", "reason", "tags", "recipient.name", "recipient.position", "decision.number"},
        Kind.UNIT: {"name", "short_name", "description", "tags"},
    }.items():
        assert {f"{kind.value} {name}" for name in expected} <= places
    assert {f"danh-muc {name} 0" for name in LIST_NAMES} <= places
    assert "viet-tat DN" in places


def test_no_marker_is_unescaped_in_any_output(outputs):
    assert len(outputs.raw) > 100
    # CSV files and Pagefind's fragments hold plain text, not markup: CSV is checked below, and
    # the search box escapes what the fragments give it (checked in Chromium below). The web
    # editor's configuration (admin/config.yml) is YAML data that Decap shows through React,
    # which escapes text; it is checked as data below.
    leaks = [(name, fragment) for name, raw in outputs.raw.items()
             if not name.endswith((".csv", ".yml")) and not name.startswith("pagefind/")
             for fragment in UNESCAPED if fragment in raw]
    assert not leaks


# Search filters are escaped twice on purpose: Pagefind decodes them twice (generator/search.py).
PAGEFIND_FILTER = re.compile(r'<span data-pagefind-filter="\w+">[^<]*</span>')


def test_the_web_editor_configuration_holds_the_labels_as_typed(hostile, outputs):
    movement = hostile.markers.by_place["danh-muc movements 1"]
    assert movement in outputs.text["admin/config.yml"]


def test_no_marker_is_escaped_twice(outputs):
    twice = []
    for name, raw in outputs.raw.items():
        text = outputs.text.get(name, "")
        if name.endswith(".html") and PAGEFIND_FILTER.search(raw):
            raw = PAGEFIND_FILTER.sub("", raw)
            text = parse_html(raw).text
        twice += [(name, fragment) for fragment in TWICE_ESCAPED
                  if fragment in text or fragment.replace("&", "&amp;", 1) in raw]
    assert not twice


def test_the_search_index_holds_what_was_typed(hostile, outputs):
    """Pagefind's fragments give the search box titles, metadata and filters as plain text (the
    title's words ended in WORD_END, as Pagefind ranks by them; the box takes it out)."""
    fragments = {}
    for name, raw in outputs.raw.items():
        if name.startswith("pagefind/fragment/"):
            fragment = json.loads(raw)
            fragments[fragment["url"]] = fragment
    news = fragments["/tin-tuc/xss-tieu-de/"]
    assert news["meta"]["title"].replace(WORD_END, "") == TITLE and news["meta"]["unit"] == UNIT_NAME
    assert news["filters"]["don_vi"] == [UNIT_NAME]
    movement = hostile.markers.by_place["danh-muc movements 1"]
    assert [movement] in [f["filters"].get("phong_trao") for f in fragments.values()]
    with_image = [f["meta"] for f in fragments.values() if "image" in f["meta"]]
    captions = hostile.markers.by_place.values()
    # A photo with a caption has an empty alt (the caption says it): empty, or a caption as typed.
    assert with_image and all(meta.get("image_alt", "") in (*captions, "", "Tin có ảnh tên lạ")
                              for meta in with_image)


def test_every_marker_reaches_readers_as_typed(hostile, outputs):
    everything = "\n".join(outputs.text.values())
    published = {place: marker for place, marker in hostile.markers.by_place.items()
                 if not place.startswith(("danh-muc", "viet-tat"))}
    assert [place for place, marker in published.items() if marker not in everything] == []
    # Every configured list shows a label, and the glossary a meaning, somewhere.
    for prefix in [f"danh-muc {name} " for name in LIST_NAMES] + ["viet-tat "]:
        shown = [place for place, marker in hostile.markers.by_place.items()
                 if place.startswith(prefix) and marker in everything]
        assert shown, prefix


def test_records_markers_are_in_every_format_as_typed(hostile, outputs):
    marker = hostile.markers.by_place
    news_title, model_title = marker["tin-tuc title"], marker["mo-hinh title"]
    text = outputs.text
    for name in ("rss/tin-tuc.rss.xml", "rss/tin-tuc.atom.xml", "rss/tin-tuc.json"):
        assert news_title in text[name] and marker["tin-tuc summary"] in text[name], name
    assert marker["tin-tuc author"] in text["rss/tin-tuc.rss.xml"]
    assert model_title in text["du-lieu/mo-hinh.json"] and model_title in text["du-lieu/mo-hinh.csv"]
    assert marker["khen-thuong recipient.position"] in text["du-lieu/khen-thuong.csv"]
    assert marker["don-vi short_name"] in text["du-lieu/don-vi.json"]
    statistics = text["thong-ke/index.html"]
    assert marker["danh-muc movements 1"][:20] in statistics  # chart labels are shortened
    # Each indexed word ends in WORD_END, which the search box takes out (search.js: plainData).
    fragments = "\n".join(value for name, value in text.items() if name.startswith("pagefind/fragment/"))
    fragments = fragments.replace(WORD_END, "")
    assert model_title in fragments and marker["mo-hinh summary"] in fragments


def test_every_link_and_source_in_every_page_is_http_mailto_tel_or_relative(outputs):
    checked = 0
    for name, raw in outputs.raw.items():
        if name.endswith((".html", ".svg")):
            for tag, attributes in parse_html(raw).tags:
                for attribute in ("href", "src", "action"):
                    url = attributes.get(attribute)
                    if url is not None:
                        checked += 1
                        assert browser_scheme(url) in SAFE_SCHEMES | {""}, (name, tag, url)
                        assert not re.search(r"[\x00-\x20\"'<>\\`]", url), (name, tag, url)
    assert checked > 1000


def test_json_ld_and_every_script_stays_one_script(outputs):
    for name, raw in outputs.raw.items():
        if not name.endswith(".html"):
            continue
        page = parse_html(raw)
        scripts = [attrs for tag, attrs in page.tags if tag == "script"]
        assert raw.count("</script>") == len(scripts), name
        for document in re.findall(r'<script type="application/ld\+json">(.*?)</script>', raw, re.S):
            json.loads(document)


def test_csv_cells_never_start_a_formula(hostile, outputs):
    checked = 0
    for name, raw in outputs.raw.items():
        if name.endswith(".csv"):
            header, *rows = csv.reader(io.StringIO(raw, newline=""))
            for row in rows:
                for cell in row:
                    assert not cell.startswith(FORMULA_STARTS), (name, cell)
                    checked += 1
    assert checked > 100
    title = hostile.markers.by_place["mo-hinh title"]
    assert title.startswith(FORMULA_STARTS)
    assert f"'{title}" in outputs.text["du-lieu/mo-hinh.csv"]
    rows = json.loads(outputs.raw["du-lieu/mo-hinh.json"])
    assert title in [row["title"] for row in rows]  # JSON keeps the value as typed


# The reproductions of issue 9 ----------------------------------------------------------------


def test_a_tag_with_markup_is_shown_as_text(hostile, outputs):
    name = "the/img-src-x-onerror-alert-1/index.html"
    raw = outputs.raw[name]
    assert "<h1>Thẻ: &lt;img src=x onerror=alert(1)&gt;</h1>" in raw
    assert "<title>Thẻ: &lt;img src=x onerror=alert(1)&gt; - " in raw
    assert not any(tag == "img" and "onerror" in attrs for tag, attrs in parse_html(raw).tags)
    record = parse_html(outputs.raw["tin-tuc/xss-the/index.html"])
    assert [attrs.get("content") for tag, attrs in record.tags
            if tag == "meta" and attrs.get("property") == "article:tag"] == [TAG, "thẻ thường"]


def test_a_title_with_markup_renders_as_typed(outputs):
    raw = outputs.raw["tin-tuc/xss-tieu-de/index.html"]
    escaped = "Doanh nghiệp &lt;b onmouseover=alert(2)&gt;x&lt;/b&gt;"
    assert f"<title>{escaped} - " in raw
    assert f"<h1>{escaped}</h1>" in raw
    assert re.search(r'md-header__topic" data-md-component="header-topic">\s*<span class="md-ellipsis">\s*'
                     + re.escape(escaped), raw)
    page = parse_html(raw)
    assert not [attrs for tag, attrs in page.tags if "onmouseover" in attrs]
    assert TITLE in page.text
    assert {"og:title": TITLE} == {attrs["property"]: attrs["content"] for tag, attrs in page.tags
                                   if tag == "meta" and attrs.get("property") == "og:title"}
    headlines = [json.loads(d).get("headline") for d in re.findall(r'ld\+json">(.*?)</script>', raw)]
    assert TITLE in headlines


def test_a_unit_name_with_script_end_tag_stays_inside_json_ld(outputs):
    raw = outputs.raw["mo-hinh/xss-mo-hinh/index.html"]
    assert "</script><script>alert(3)" not in raw
    documents = [json.loads(d) for d in re.findall(r'ld\+json">(.*?)</script>', raw)]
    assert documents[0]["author"]["name"] == UNIT_NAME
    assert UNIT_NAME in parse_html(outputs.raw["don-vi/index.html"]).text
    assert UNIT_NAME in outputs.text["rss/don-vi/xss-script.rss.xml"]


@pytest.mark.parametrize("unit_id", sorted(BAD_WEBSITES))
def test_a_website_that_is_not_a_web_address_is_never_a_link(unit_id):
    # check refuses such a unit (tests/test_hostile_input.py); should one ever get past it, the
    # output side still never makes it a link target.
    assert web_address(BAD_WEBSITES[unit_id]) is None or '"' not in web_address(BAD_WEBSITES[unit_id])
    assert not (web_address(BAD_WEBSITES[unit_id]) or "").lower().startswith("javascript:")


def test_an_image_file_name_with_quotes_stays_a_path(hostile, outputs):
    page = parse_html(outputs.raw["tin-tuc/xss-anh/index.html"])
    sources = [attrs["src"] for tag, attrs in page.tags if tag == "img"]
    cards = [attrs["content"] for tag, attrs in page.tags if tag == "meta" and attrs.get("property") == "og:image"]
    enclosures = re.findall(r'<enclosure url="([^"]*)"', outputs.raw["rss/tin-tuc.rss.xml"])
    encoded = "%E1%BA%A3nh%20%22l%E1%BA%A1%22%20%3C1%3E.svg".replace("%E1%BA%A3", "ả").replace("%E1%BA%A1", "ạ")
    assert f"../../images/{encoded}" in sources  # the record's own picture (an SVG: not resized)
    # Share cards and enclosures are raster images made by the build (issue 10), named by slug.
    assert cards and enclosures
    assert not [url for url in cards + enclosures if re.search(r"[\"'<> ]", url)]
    assert (hostile.site / IMAGE).is_file()


# In a browser ---------------------------------------------------------------------------------

BROWSED = ("", "tin-tuc/xss-tieu-de/", "tin-tuc/xss-the/", "the/img-src-x-onerror-alert-1/", "mo-hinh/xss-mo-hinh/",
           "don-vi/", "thong-ke/", "du-lieu/", "rss/")


@pytest.mark.browser
def test_nothing_planted_runs_in_chromium_not_even_in_search_results(browser, hostile):
    from generator.audit.chromium import serve

    with serve(hostile.site) as url:
        page = browser.new_page()
        alerts: list[str] = []
        page.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.dismiss()))
        pages = [*BROWSED, *sorted({f"{p.parent.relative_to(hostile.site).as_posix()}/" for p in
                                   hostile.site.glob("mo-hinh/*/index.html")})[:3]]
        for path in pages:
            page.goto(url + path, wait_until="load")
            assert page.evaluate("document.querySelectorAll('[onerror], [onmouseover]').length") == 0, path
        page.goto(url + "tim-kiem/?q=alert", wait_until="load")
        page.wait_for_selector("[data-gs-results] li")
        page.wait_for_selector(".gs-filter__value")
        titles = page.eval_on_selector_all(".gs-result__title a", "links => links.map(a => a.textContent)")
        filters = page.eval_on_selector_all(".gs-filter__value label", "labels => labels.map(l => l.firstChild.textContent)")
        assert page.evaluate("document.querySelectorAll('[onerror], [onmouseover]').length") == 0
        page.fill("#gs-searchbox-q", "onmouseover")
        page.wait_for_selector("#gs-searchbox-list li")
        box = page.eval_on_selector_all("#gs-searchbox-list .gs-box__title", "titles => titles.map(t => t.textContent)")
        page.wait_for_timeout(300)  # an onerror handler runs once the broken image has failed
        page.close()
    assert alerts == []
    assert set(titles) & set(hostile.markers.by_place.values())
    assert UNIT_NAME + " " in filters  # a label is the value then its count
    assert TITLE in box


def test_markers_typed_into_records_after_a_build_stay_escaped_in_the_patched_site(tmp_path, caplog):
    """An edit to records only patches the previous site (generator/mkdocs_patch.py): what it
    renders again, and what it takes from the previous site, must be as safe as a cold build."""
    config = copy_sample(tmp_path / "src")
    build_site(config, tmp_path / "site")
    lists = {name: (tmp_path / "src" / "entries" / name).read_bytes() for name in ("danh-muc.yml", "viet-tat.yml")}
    markers = plant(tmp_path / "src")
    for name, data in lists.items():  # records only: the lists as they were
        (tmp_path / "src" / "entries" / name).write_bytes(data)
    caplog.set_level(logging.INFO)
    site = build_site(config, tmp_path / "site")
    assert any("chỉ bản ghi thay đổi" in record.getMessage() for record in caplog.records)
    outputs = decode_site(site)
    leaks = [(name, fragment) for name, raw in outputs.raw.items()
             if not name.endswith((".csv", ".yml")) and not name.startswith("pagefind/")
             for fragment in UNESCAPED if fragment in raw]
    assert not leaks
    title = markers.by_place["tin-tuc title"]
    assert any(title in text for name, text in outputs.text.items() if name.startswith("tin-tuc/"))
