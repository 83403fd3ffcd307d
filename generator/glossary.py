"""Abbreviations (CCVC, NLĐ, BTV…) and what they stand for, from one file editors extend.

Every text a reader sees explains them on hover and focus with `<abbr title>`: entry bodies
through Python-Markdown's `abbr` extension (the same glossary is given to MkDocs for the
hand-written pages), and plain texts such as summaries through `abbreviate`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup, escape
from pydantic import RootModel, ValidationError

from .problems import Problem
from .schema import translate_errors
from .vietnamese import nfc
from .yamlfile import YamlError, load_yaml

GLOSSARY_FILE = "viet-tat.yml"


class _GlossaryModel(RootModel[dict[str, str]]):
    pass


@dataclass(frozen=True)
class Glossary:
    terms: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Longest first, so "CBCNV" wins over a shorter abbreviation it might contain.
        words = sorted(filter(None, self.terms), key=len, reverse=True)
        pattern = re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")\b") if words else None
        object.__setattr__(self, "_pattern", pattern)
        object.__setattr__(self, "_cache", {})

    def abbreviate(self, text: str) -> Markup:
        """Escaped `text` with every known abbreviation wrapped in `<abbr title="…">`."""
        # A teaser's summary is shown on many pages; wrap each distinct text once.
        cache: dict[str, Markup] = self._cache  # type: ignore[attr-defined]
        if text not in cache:
            cache[text] = self._abbreviate(text)
        return cache[text]

    def _abbreviate(self, text: str) -> Markup:
        pattern = self._pattern  # type: ignore[attr-defined]
        if pattern is None or not text:
            return escape(text)
        parts: list[str] = []
        last = 0
        for match in pattern.finditer(text):
            word = match.group(1)
            parts.append(escape(text[last : match.start()]))
            parts.append(Markup('<abbr title="{}">{}</abbr>').format(self.terms[word], word))
            last = match.end()
        parts.append(escape(text[last:]))
        return Markup("".join(parts))


def load_glossary(entries_dir: Path) -> tuple[Glossary, list[Problem]]:
    """The glossary in `entries/viet-tat.yml`; an absent file means no abbreviations."""
    path = entries_dir / GLOSSARY_FILE
    shown = path.as_posix()
    try:
        document = load_yaml(path.read_bytes(), shown)
    except FileNotFoundError:
        return Glossary(), []
    except YamlError as error:
        return Glossary(), [error.problem]
    try:
        parsed = _GlossaryModel.model_validate(document.data or {})
    except ValidationError as error:
        return Glossary(), translate_errors(error, shown, document)
    terms: dict[str, str] = {}
    problems: list[Problem] = []
    for key, meaning in parsed.root.items():
        word = nfc(str(key)).strip()
        if not word:  # it would match between any two characters: an empty <abbr> everywhere
            problems.append(Problem(shown, document.line_of((key,)), "",
                                    "thiếu chữ viết tắt trước dấu “:”; mỗi dòng phải là “CHỮ VIẾT TẮT: nghĩa đầy đủ”."))
            continue
        terms[word] = nfc(meaning).strip()
    return Glossary(terms), problems
