"""The configured lists (categories, movements, fields, forms, authorities, unit kinds).

They live in one editor-facing file, `entries/danh-muc.yml`. Each value has a Vietnamese label
and a slug; entries may name a value by either.
"""

from __future__ import annotations

import os

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from .characters import clean_tree
from .problems import Problem, did_you_mean
from .schema import Text, address_too_long, translate_errors
from .vietnamese import fold, nfc, slugify
from .safefiles import FileRefused, read_limited
from .yamlfile import MAX_YAML_CHARS, YamlError, load_yaml

CATALOGUE_FILE = "danh-muc.yml"

# What each list is called in messages to editors.
LIST_NAMES = {
    "categories": "chuyên mục",
    "movements": "phong trào",
    "fields": "lĩnh vực",
    "forms": "hình thức khen thưởng",
    "authorities": "cấp khen",
    "unit_kinds": "loại đơn vị",
}


@dataclass(frozen=True)
class Term:
    slug: str
    label: str


@dataclass(frozen=True)
class Vocabulary:
    """One configured list; looks values up by slug or label, ignoring case and diacritics."""

    name: str
    terms: tuple[Term, ...]

    def resolve(self, value: str) -> Term | None:
        wanted = fold(value.strip())
        for term in self.terms:
            if wanted in (term.slug, fold(term.label)):
                return term
        return None

    def explain(self, value: str) -> str:
        labels = [term.label for term in self.terms]
        hint = did_you_mean(value, labels)
        return (
            f"“{value}” không có trong danh sách {LIST_NAMES.get(self.name, self.name)}."
            f"{hint} Các giá trị hợp lệ: {', '.join(labels)}."
        )


class _TermModel(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    slug: str
    label: Text  # an empty label matched an entry's empty value and showed an empty link

    @field_validator("slug")
    @classmethod
    def _is_slug(cls, value: str) -> str:
        if not value:
            raise ValueError("slug không được để trống")
        if slugify(value) != value:
            raise ValueError(f"slug phải viết thường, không dấu, nối bằng “-”, ví dụ “{slugify(value)}”")
        if message := address_too_long("slug", value):
            raise ValueError(message)
        return value


class _CatalogueModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    categories: list[_TermModel]
    movements: list[_TermModel]
    fields: list[_TermModel]
    forms: list[_TermModel]
    authorities: list[_TermModel]
    unit_kinds: list[_TermModel]


@dataclass(frozen=True)
class Catalogue:
    categories: Vocabulary
    movements: Vocabulary
    fields: Vocabulary
    forms: Vocabulary
    authorities: Vocabulary
    unit_kinds: Vocabulary


def load_catalogue(entries_dir: Path) -> tuple[Catalogue | None, list[Problem]]:
    path = entries_dir / CATALOGUE_FILE
    shown = path.relative_to(entries_dir.parent).as_posix()  # as the entries are shown: "entries/…"
    try:
        if not os.path.lexists(path):
            raise FileNotFoundError(path)
        document = load_yaml(read_limited(path, entries_dir.parent, MAX_YAML_CHARS), shown)
    except FileRefused as refused:
        return None, [Problem(shown, 1, "", f"“{path.name}” {refused.reason}")]
    except FileNotFoundError:
        return None, [Problem(shown, 1, "", "Không tìm thấy tệp danh mục.")]
    except YamlError as error:
        return None, [error.problem]
    data, notes = clean_tree(document.data)
    problems = [Problem(shown, document.line_of(n.location), ".".join(map(str, n.location)), n.message, n.severity)  # type: ignore[arg-type]
                for n in notes]
    try:
        parsed = _CatalogueModel.model_validate(data)
    except ValidationError as error:
        return None, problems + translate_errors(error, shown, document)
    lists = {}
    for name in LIST_NAMES:
        terms = tuple(Term(t.slug, nfc(t.label)) for t in getattr(parsed, name))
        lists[name] = Vocabulary(name, terms)
        problems += _duplicates(name, terms, shown, document)
    if any(p.severity == "error" for p in problems):
        return None, problems
    return Catalogue(**lists), problems


def _duplicates(name: str, terms: tuple[Term, ...], shown: str, document) -> list[Problem]:
    """Two values of one list with one slug share a listing URL; with one label, an entry's value
    could mean either. Both are errors: which one an entry meant cannot be guessed."""
    problems = []
    seen_slugs: dict[str, int] = {}
    seen_labels: dict[str, int] = {}
    for index, term in enumerate(terms):
        for key, seen, part, what in ((term.slug, seen_slugs, "slug", "slug"), (fold(term.label), seen_labels, "label", "tên")):
            if key in seen:
                problems.append(Problem(
                    shown, document.line_of((name, index, part)), f"{name}.{index}.{part}",
                    f"{what} “{getattr(term, part)}” đã có ở mục thứ {seen[key] + 1} của danh sách "
                    f"{LIST_NAMES[name]}; mỗi giá trị trong một danh sách phải khác nhau."))
            else:
                seen[key] = index
    return problems
