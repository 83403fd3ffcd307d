"""Property-based tests of the loader: any bytes give a SourceFile or a located problem, never a crash."""

from __future__ import annotations

import json
import unicodedata

import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.loader import Kind, read_source
from generator.yamlfile import YamlError, decode_text, load_yaml

FAST = settings(max_examples=150, deadline=None)
# YAML 1.1 reads these bare words as booleans or null, even as keys; no field is named so.
_YAML_WORDS = {"on", "off", "yes", "no", "true", "false", "null"}
keys = st.from_regex(r"[a-z][a-z_]{0,11}", fullmatch=True).filter(lambda key: key not in _YAML_WORDS)
values = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)


@FAST
@given(st.binary(max_size=400))
def test_any_bytes_give_a_source_or_a_problem_with_a_line(raw):
    try:
        source = read_source(raw, "entries/mo-hinh/x.md", Kind.MODEL)
    except YamlError as error:
        assert error.problem.path == "entries/mo-hinh/x.md"
        assert 1 <= error.problem.line <= raw.count(b"\n") + 2
        assert error.problem.message
    else:
        assert isinstance(source.front.data, dict)


@FAST
@given(st.text(max_size=300))
@example("0:\r")  # its "\r" and the line end after it are one CRLF: two lines of front matter, not three
@example("{{}}")  # a key that is a mapping: a TypeError once (Hypothesis, 2026-12-03)
@example("? [a, b]\n: 1")
def test_any_text_front_matter_gives_data_or_a_problem(text):
    raw = ("---\n" + text + "\n---\nNội dung.\n").encode("utf-8")
    try:
        source = read_source(raw, "entries/tin-tuc/x.md", Kind.NEWS)
    except YamlError as error:
        assert error.problem.line >= 1
        return
    assert isinstance(source.front.data, dict)
    # The front matter's lines as the file has them: a "\r" ending `text` joins the line end after it.
    written = decode_text(("---\n" + text + "\n").encode("utf-8"), "x.md").split("\n")[1:-1]
    if not any(line.rstrip() in ("---", "...") for line in written):  # else the front matter ends early
        assert source.body == "Nội dung."
        assert source.body_line == len(written) + 3


# What an editor writes: text, numbers, yes/no, lists and nested fields (NFC, as stored).
scalars = values.map(lambda text: unicodedata.normalize("NFC", text)) | st.integers() | st.booleans()
front_matter = st.dictionaries(
    keys,
    scalars | st.lists(scalars, max_size=3) | st.dictionaries(keys, scalars, max_size=3),
    min_size=1, max_size=6,
)


@FAST
@given(front_matter, st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=80))
def test_front_matter_and_body_read_back_as_written(fields, body):
    front = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False)
    body = unicodedata.normalize("NFC", body).strip()
    raw = ("---\n" + front + "---\n" + body + "\n").encode("utf-8")
    source = read_source(raw, "entries/mo-hinh/x.md", Kind.MODEL)
    assert source.front.data == fields
    assert source.body == body
    assert source.body_line == front.count("\n") + 3
    for key in fields:  # every key found on the line it was written
        assert raw.decode("utf-8").split("\n")[source.front.line_of((key,)) - 1].startswith(f"{key}:")


@FAST
@given(st.text(max_size=200), st.sampled_from(["\n", "\r\n", "\r"]), st.booleans())
def test_decoded_text_is_nfc_with_lf_line_ends(text, newline, bom):
    raw = (("\ufeff" if bom else "") + text.replace("\n", newline)).encode("utf-8", errors="surrogatepass")
    try:
        decoded = decode_text(raw, "x.md")
    except YamlError:
        assert "\x00" in text or any(0xD800 <= ord(c) <= 0xDFFF for c in text)
        return
    assert unicodedata.is_normalized("NFC", decoded)
    assert "\r" not in decoded and not decoded.startswith("\ufeff")


def test_a_control_character_is_a_located_problem_not_a_crash():
    try:
        read_source("---\ntitle: a\nunit: b\x7f\n---\n".encode(), "entries/mo-hinh/x.md", Kind.MODEL)
    except YamlError as error:
        assert error.problem.line == 3 and "ký tự điều khiển" in error.problem.message
    else:
        raise AssertionError("accepted a control character")


@FAST
@given(st.dictionaries(keys, values, min_size=1, max_size=8), st.integers(min_value=1, max_value=50))
def test_every_key_is_found_on_the_line_it_was_written(fields, first_line):
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items()]
    document = load_yaml("\n".join(lines), "x.md", first_line=first_line)
    assert document.data == fields
    for number, key in enumerate(fields):
        assert document.line_of((key,)) == first_line + number


def test_a_line_separator_inside_a_value_does_not_shift_the_lines_after_it():
    # PyYAML counts U+2028 as a line break; an editor's file has no line there (Hypothesis found it).
    raw = "---\nb:\n- '\u2028  '\ng: 0\n---\nx\n".encode("utf-8")
    source = read_source(raw, "entries/mo-hinh/x.md", Kind.MODEL)
    assert [source.front.line_of(key) for key in (("b",), ("b", 0), ("g",))] == [2, 3, 4]


def test_a_field_name_that_is_a_list_or_a_group_is_a_yaml_problem_at_its_line():
    try:
        read_source("---\ntitle: Tin\n{[đơn vị]: 2}: x\n---\nNội dung.\n".encode("utf-8"), "entries/tin-tuc/x.md", Kind.NEWS)
    except YamlError as error:
        assert (error.problem.line, error.problem.message) == (3, "YAML không hợp lệ: tên trường phải là chữ, không phải "
                                                               "một danh sách hay một nhóm trong ngoặc “[ ]”, “{ }”.")
    else:
        raise AssertionError("accepted")
