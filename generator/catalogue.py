"""The configured lists (categories, movements, fields, forms, authorities, unit kinds).

They live in one editor-facing file, `entries/danh-muc.yml`. Each value has a Vietnamese label
and a slug; entries may name a value by either.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from .problems import Problem, did_you_mean
from .schema import translate_errors
from .vietnamese import fold, nfc, slugify
from .yamlfile import YamlError, load_yaml

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
    model_config = ConfigDict(extra="forbid")
    slug: str
    label: str

    @field_validator("slug")
    @classmethod
    def _is_slug(cls, value: str) -> str:
        if slugify(value) != value:
            raise ValueError(f"slug phải viết thường, không dấu, nối bằng “-”, ví dụ “{slugify(value)}”")
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
    shown = path.as_posix()
    try:
        document = load_yaml(path.read_bytes(), shown)
    except FileNotFoundError:
        return None, [Problem(shown, 1, "", "Không tìm thấy tệp danh mục.")]
    except YamlError as error:
        return None, [error.problem]
    try:
        parsed = _CatalogueModel.model_validate(document.data)
    except ValidationError as error:
        return None, translate_errors(error, shown, document)
    lists = {}
    for name in LIST_NAMES:
        terms = tuple(Term(t.slug, nfc(t.label)) for t in getattr(parsed, name))
        lists[name] = Vocabulary(name, terms)
    return Catalogue(**lists), []
