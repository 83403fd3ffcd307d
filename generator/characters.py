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
_BIDI_OVERRIDE = "\u202a-\u202e\u2066-\u2069"
# Zero-width space, non-joiner, joiner, direction marks, word joiner, BOM, Arabic letter mark.
_INVISIBLE = "\u200b-\u200f\u2060\ufeff\u061c"

_SUSPECT = re.compile(f"[{_CONTROL}{_BIDI_OVERRIDE}{_INVISIBLE}]")
_REFUSED = re.compile(f"[{_CONTROL}{_BIDI_OVERRIDE}]")
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]")
_BIDI_RE = re.compile(f"[{_BIDI_OVERRIDE}]")


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
        char = refused.group()
        if _BIDI_RE.match(char):
            message = (f"có ký tự đảo hướng chữ ({_name(char)}) không nhìn thấy được, có thể làm chữ hiện khác "
                       "với nội dung thật; hãy gõ lại giá trị này.")
        else:
            message = (f"có ký tự điều khiển ({_name(char)}) không được phép, thường do sao chép từ phần mềm khác; "
                       "hãy gõ lại giá trị này.")
        notes.append(CharacterNote(location, message, "error"))
        return value
    found = sorted({_name(char) for char in _INVISIBLE_RE.findall(value)})
    notes.append(CharacterNote(
        location, f"đã bỏ ký tự vô hình ({', '.join(found)}) khỏi giá trị; hãy xóa nó trong tệp.", "warning"))
    return _INVISIBLE_RE.sub("", value)


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
