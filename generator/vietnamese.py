"""Vietnamese text rules shared by slugs, sorting, dates and search.

Every place that compares, orders or addresses Vietnamese text goes through this module, so
that the index side and the query side of search, URL slugs and heading anchors all follow one
set of rules.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal
from slugify import slugify as _slugify

LOCALE = "vi"

# Combining marks that carry the five Vietnamese tones (huyền, hỏi, ngã, sắc, nặng), in the
# order of a Vietnamese dictionary: no tone first, then these.
_TONE_ORDER = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

# Vietnamese alphabet order (ă â đ ê ô ơ ư are letters of their own); f j w z appear in loan
# words and take their Latin places.
_ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET, start=10)}

_SYLLABLE = re.compile(r"\w+")


def nfc(text: str) -> str:
    """Return text in Unicode NFC, the form every stored string uses."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Fold text for matching: lower case, no tone or vowel marks, đ → d, NFC or NFD alike.

    "Đảng viên trẻ", "dang vien tre" and the NFD spelling of the first all fold to
    "dang vien tre". The search index and the search box apply this same function.
    """
    # The search box runs a JavaScript port of this function (theme_overrides/assets/
    # javascripts/vietnamese.js: toLowerCase, NFD, drop \p{M}, đ → d); lower() and the
    # Unicode category M are what JavaScript has, so both sides agree on every string.
    decomposed = unicodedata.normalize("NFD", text.lower())
    stripped = "".join(ch for ch in decomposed if not unicodedata.category(ch).startswith("M"))
    return stripped.replace("đ", "d")


# Old and new tone placement: a word ending in the glides "oa", "oe", "uy" carries its tone on
# the o/u (hòa, khỏe, thủy, ủy, tọa: the spelling most Vietnamese news uses) or on the vowel
# after it (hoà, khoẻ, thuỷ, uỷ, toạ); both are the same word. In NFD, the tone mark follows
# its vowel; "qu" + y is a consonant and a vowel (quý), not the glide. The browser runs a port
# (vietnamese.js: canonicalTones).
_OTHER_PLACEMENT = re.compile("(?<![qQ])([oO][aAeE]|[uU][yY])([\u0300\u0301\u0303\u0309\u0323])(?!\\w)")


def canonical_tones(text: str) -> str:
    """One tone placement for words ending in "oa", "oe", "uy": "Hoà thuỷ" → "Hòa thủy" (NFC).

    Search compares spellings after this, so a reader's "hoà" finds "hòa" as the same word
    (ranked as an exact match), not merely as the same letters as "hóa".
    """
    moved = _OTHER_PLACEMENT.sub(lambda m: m.group(1)[0] + m.group(2) + m.group(1)[1], unicodedata.normalize("NFD", text))
    return nfc(moved)


def tone_aliases(text: str) -> str:
    """The canonical spelling of each word of `text` written with the other tone placement,
    in order: "Hoà giải, thuỷ lợi, hòa bình" → "Hòa thủy"."""
    forms = (_canonical_word(word) for word in _SYLLABLE.findall(nfc(text)))
    return " ".join(form for form in forms if form is not None)


@functools.lru_cache(maxsize=65536)
def _canonical_word(word: str) -> str | None:
    """A word's canonical tone placement, or None when it has it already. Records repeat the
    same few thousand syllables: remembered, since each answer costs two normalisations."""
    form = canonical_tones(word)
    return form if form != word else None


# The commonest đ-words of running text, the grammatical đã, được, để, đến, đó, đây, đang, đều:
# their folded spellings match almost every record and add only noise, so the search index
# leaves them out of running text. Words that fold alike keep theirs (đảng, đỏ, đề): "dang uy"
# must find "Đảng ủy" anywhere in a story (bench/RESULTS.md, "Search (issue 3)" and "issue 11").
DJ_NOISE_WORDS = frozenset({"đã", "được", "để", "đến", "đó", "đây", "đang", "đều"})


def dj_aliases(text: str, skip: frozenset[str] = frozenset()) -> str:
    """The folded spelling of each word of `text` that contains đ/Đ, in order, space-separated,
    leaving out the words in `skip` (lower case, e.g. DJ_NOISE_WORDS).

    Search engines that fold by stripping combining marks (Pagefind does) match "dan" with
    "dân" but never "dang" with "đảng": đ is a letter of its own, not d plus a mark. Indexing
    these folded spellings beside the original text lets a query typed without diacritics
    find the words with đ, while the original text keeps exact spellings ranked first.
    "Đảng viên đã đến" → "dang da den".
    """
    # Whole words holding đ/Đ; a regex `\w*[đĐ]\w*` finds the same but retries from every letter.
    words = [word for word in _SYLLABLE.findall(nfc(text)) if "đ" in word or "Đ" in word]
    return " ".join(_fold_word(word) for word in words if not skip or word.lower() not in skip)


# Records repeat the same few thousand đ-words (đã, được, Đảng…) tens of thousands of times.
_fold_word = functools.lru_cache(maxsize=65536)(fold)


# python-slugify costs ~0.1 ms a call; headings ("Lịch sử", "Kết quả") and tags repeat across
# thousands of records, so remembering recent answers is worth it.
@functools.lru_cache(maxsize=8192)
def slugify(text: str, separator: str = "-") -> str:
    """Lower-case ASCII slug: "Đảng bộ Khối" → "dang-bo-khoi", for NFC and NFD input alike."""
    # Folding first leaves python-slugify (unidecode) only the other scripts to transliterate;
    # unidecode imports a table module per non-ASCII character, the bulk of its cost.
    return _slugify(fold(text), separator=separator)


def heading_slug(value: str, separator: str) -> str:
    """Slug function in the signature Python-Markdown's `toc` extension expects."""
    return slugify(value, separator)


def sort_key(text: str) -> tuple:
    """Key for Vietnamese dictionary order.

    Python's `sorted()` compares code points, which puts "Đ" after "Z" and "ă" after "z".
    PyICU gets this right but has no wheel (it compiles against libicu-dev), and pyuca's
    default table misorders Vietnamese letters, so the rules are written out here: compare
    syllable by syllable on letters (a ă â b c d đ …), then on tones (none, huyền, hỏi, ngã,
    sắc, nặng), then on case.
    """
    letters: list[tuple[int, ...]] = []
    tones: list[tuple[int, ...]] = []
    for syllable in _SYLLABLE.findall(nfc(text)):
        syllable_letters = []
        syllable_tones = []
        for char in syllable.lower():
            decomposed = unicodedata.normalize("NFD", char)
            tone = next((_TONE_ORDER[m] for m in decomposed if m in _TONE_ORDER), 0)
            base = unicodedata.normalize(
                "NFC", "".join(m for m in decomposed if m not in _TONE_ORDER)
            )
            syllable_letters.append(_LETTER_RANK.get(base, _rank_other(base)))
            syllable_tones.append(tone)
        letters.append(tuple(syllable_letters))
        tones.append(tuple(syllable_tones))
    case = tuple(not ch.islower() for ch in nfc(text) if ch.isalpha())
    return (tuple(letters), tuple(tones), case)


def alphabet_letter(text: str) -> str:
    """The letter an A–Z index files `text` under: its first letter, upper case, without its
    tone mark. Tone marks are not letters, ă â đ ê ô ơ ư are: "Ủy ban" → "U", "Ấp Bắc" → "Â",
    "đảng bộ" → "Đ"."""
    first = next(iter(_SYLLABLE.findall(nfc(text))), "")[:1]
    letter = "".join(m for m in unicodedata.normalize("NFD", first) if m not in _TONE_ORDER)
    return nfc(letter).upper()


def _rank_other(char: str) -> int:
    # Digits sort before letters; anything else (other scripts) after them, by code point.
    if char.isdigit():
        return unicodedata.digit(char, 0)
    return 1000 + ord(char[0])


def format_day(value: dt.date) -> str:
    """Date as Vietnamese news sites show it: "Thứ Tư, 25/11/2026"."""
    # Babel's built-in `vi` widths put the time first and spell months out; news portals use
    # this explicit pattern.
    return format_date(value, "EEEE, dd/MM/yyyy", locale=LOCALE)


def format_moment(value: dt.datetime) -> str:
    """Date and time: "Thứ Tư, 25/11/2026 08:30"."""
    return format_datetime(value, "EEEE, dd/MM/yyyy HH:mm", locale=LOCALE)


def format_short_date(value: dt.date) -> str:
    """Compact date for lists and metadata cards: "25/11/2026"."""
    return format_date(value, "dd/MM/yyyy", locale=LOCALE)


def format_number(value: float, pattern: str = "#,##0") -> str:
    """Number as Vietnamese writes it: 12.816 and 63,2 (Babel's `vi` separators)."""
    return format_decimal(value, pattern, locale=LOCALE)
