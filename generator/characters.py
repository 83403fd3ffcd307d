"""Which characters editors' field values may hold.

Text pasted from Word, PDFs or chat apps brings characters nobody can see. Two kinds are
harmful and refused: control characters (feeds, sitemaps and XML readers reject them, so one
`\\x01` in a title used to fail the build) and bidirectional overrides (U+202E can make a title
read differently from what it says, as in "Trojan Source"; Vietnamese never needs them).
Zero-width characters are merely invisible junk that breaks search and slugs: they are stripped,
with a warning so the editor can clean the file.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from .yamlfile import Location

# C0 and C1 controls except tab and line feed; lone surrogates and non-characters, which a
# YAML "\ud800" escape can produce and no UTF-8 file can hold.
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
# Bidirectional formatting that can make left-to-right text display in another order than it
# is stored (right-to-left embedding, override, isolate; first-strong isolate): refused.
_BIDI_OVERRIDE = "\u202b\u202e\u2067\u2068"
# The left-to-right ones (embedding, override, isolate) and the pops: in Vietnamese text they
# change nothing a reader sees, so they are stripped like zero-width characters, never refused
# (Wikipedia and Facebook paste "\u202aProject Runway Vietnam\u202c").
_BIDI_HARMLESS = "\u202a\u202c\u202d\u2066\u2069"
# Zero-width space, non-joiner, joiner, direction marks, word joiner, BOM, Arabic letter mark.
_INVISIBLE = "\u200b-\u200f\u2060\ufeff\u061c" + _BIDI_HARMLESS

_SUSPECT = re.compile(f"[{_CONTROL}{_BIDI_OVERRIDE}{_INVISIBLE}]")
_REFUSED = re.compile(f"[{_CONTROL}{_BIDI_OVERRIDE}]")
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]")
_BIDI_RE = re.compile(f"[{_BIDI_OVERRIDE}]")
# In a body, zero-width joiners also build emoji sequences and quoted Indic or Arabic words:
# only the harmless bidirectional formatting is stripped there.
_BODY_STRIPPED = re.compile(f"[{_BIDI_HARMLESS}]")


@dataclass(frozen=True)
class CharacterNote:
    location: Location
    message: str
    severity: str  # "error" (refused) or "warning" (stripped)


def _name(char: str) -> str:
    code = f"U+{ord(char):04X}"
    name = unicodedata.name(char, "")
    return f"{code} {name}" if name else code


def clean_text(value: str, location: Location, notes: list[CharacterNote]) -> str:
    """`value` without invisible characters; refused ones are noted and left for the error."""
    if _SUSPECT.search(value) is None:  # nearly every value: one regex scan
        return value
    refused = _REFUSED.search(value)
    if refused:
        notes.append(CharacterNote(location, _refusal(refused.group(), "giá trị này"), "error"))
        return value
    found = sorted({_name(char) for char in _INVISIBLE_RE.findall(value)})
    notes.append(CharacterNote(
        location, f"đã bỏ ký tự vô hình ({', '.join(found)}) khỏi giá trị; hãy xóa nó trong tệp.", "warning"))
    return _INVISIBLE_RE.sub("", value)


def _refusal(char: str, what: str, written: str = "") -> str:
    """Why `char` is refused; `written`: the reference that wrote it, if it was not typed."""
    has = f"có mã “{written}”, tức" if written else "có"
    if _BIDI_RE.match(char):
        return (f"{has} ký tự đảo hướng chữ ({_name(char)}) không nhìn thấy được, có thể làm chữ hiện khác "
                f"với nội dung thật; hãy gõ lại {what}.")
    return (f"{has} ký tự điều khiển ({_name(char)}) không được phép, thường do sao chép từ phần mềm khác; "
            f"hãy gõ lại {what}.")


# A Markdown body can also write a character as an HTML reference (`&#x202E;`, `&#1;`): the
# page then holds the character itself. C1 references are left alone: browsers read
# `&#150;` as the Windows-1252 dash that old Word exports meant by it.
_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")
_REFUSED_BY_REFERENCE = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f{_BIDI_OVERRIDE}\\ud800-\\udfff\\ufffe\\uffff]")


@dataclass(frozen=True)
class BodyNote:
    line: int  # 0-based line of the body
    message: str
    severity: str  # "error" (refused) or "warning" (stripped)


def clean_body(body: str) -> tuple[str, list[BodyNote]]:
    """A Markdown body under the rule of field values: refused characters (control characters
    but tab and line feed, right-to-left overrides), typed or written as a reference, are noted
    as errors at their line (the first of each line); harmless bidirectional formatting is
    stripped with a warning."""
    if _SUSPECT.search(body) is None and "&#" not in body:  # nearly every body: one scan
        return body, []
    found: dict[int, BodyNote] = {}
    for match in _REFUSED.finditer(body):
        line = body.count("\n", 0, match.start())
        found.setdefault(line, BodyNote(line, _refusal(match.group(), "dòng này"), "error"))
    if "&#" in body:
        for match in _REFERENCE.finditer(body):
            code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
            if code <= 0x10FFFF and _REFUSED_BY_REFERENCE.match(chr(code)):
                line = body.count("\n", 0, match.start())
                found.setdefault(line, BodyNote(line, _refusal(chr(code), "dòng này", match.group()), "error"))
    for match in _BODY_STRIPPED.finditer(body):
        line = body.count("\n", 0, match.start())
        found.setdefault(line, BodyNote(line, f"đã bỏ ký tự vô hình ({_name(match.group())}) khỏi dòng này; "
                                              "hãy xóa nó trong tệp.", "warning"))
    return _BODY_STRIPPED.sub("", body), sorted(found.values(), key=lambda note: note.line)


def may_hold_unusual_characters(text: str) -> bool:
    return _SUSPECT.search(text) is not None


def clean_tree(data: Any, location: Location = ()) -> tuple[Any, list[CharacterNote]]:
    """Every text (keys and values) of parsed YAML, cleaned; notes say what was found where."""
    notes: list[CharacterNote] = []
    return _clean(data, location, notes), notes


def _clean(data: Any, location: Location, notes: list[CharacterNote]) -> Any:
    if isinstance(data, str):
        return clean_text(data, location, notes)
    if isinstance(data, dict):
        cleaned = {}
        for key, value in data.items():
            new_key = clean_text(key, location + (key,), notes) if isinstance(key, str) else key
            cleaned[new_key] = _clean(value, location + (key,), notes)
        return cleaned
    if isinstance(data, list):
        return [_clean(item, location + (index,), notes) for index, item in enumerate(data)]
    return data
