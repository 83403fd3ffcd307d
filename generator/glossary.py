"""Abbreviations (CCVC, NLĐ, BTV…) and what they stand for, from one file editors extend.

Every text a reader sees explains them on hover and focus with `<abbr title>`: entry bodies
through Python-Markdown's `abbr` extension (the same glossary is given to MkDocs for the
hand-written pages), and plain texts such as summaries through `abbreviate`.
"""

from __future__ import annotations

import os

import re
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup, escape
from pydantic import RootModel, ValidationError

from .characters import clean_tree
from .problems import Problem
from .schema import translate_errors
from .vietnamese import nfc
from .safefiles import FileRefused, read_limited
from .yamlfile import MAX_YAML_CHARS, YamlError, load_yaml

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
    shown = path.relative_to(entries_dir.parent).as_posix()  # as the entries are shown: "entries/…"
    try:
        if not os.path.lexists(path):
            raise FileNotFoundError(path)
        document = load_yaml(read_limited(path, entries_dir.parent, MAX_YAML_CHARS), shown)
    except FileRefused as refused:
        return Glossary(), [Problem(shown, 1, "", f"“{path.name}” {refused.reason}")]
    except FileNotFoundError:
        return Glossary(), []
    except YamlError as error:
        return Glossary(), [error.problem]
    data, notes = clean_tree(document.data or {})
    problems = [Problem(shown, document.line_of(n.location), ".".join(map(str, n.location)), n.message, n.severity)  # type: ignore[arg-type]
                for n in notes]
    if any(p.severity == "error" for p in problems):
        return Glossary(), problems
    try:
        parsed = _GlossaryModel.model_validate(data)
    except ValidationError as error:
        return Glossary(), problems + translate_errors(error, shown, document)
    terms = {}
    for key, meaning in parsed.root.items():
        word, meaning = nfc(str(key)).strip(), nfc(meaning).strip()
        if not word or not meaning:
            # A warning, not an error: the glossary only decorates texts, so the line is left
            # out and the site still publishes. An empty word would match everywhere (it once
            # wrapped 644 empty <abbr> around nothing).
            what = "chữ viết tắt" if not word else "nghĩa"
            problems.append(Problem(shown, document.line_of((key,)), str(key), f"{what} để trống; dòng này bị bỏ qua.", "warning"))
            continue
        terms[word] = meaning
    return Glossary(terms), problems
