"""Source records → validated entries: schema, configured lists, references, uniqueness.

Every problem in every file is collected before anything is reported, so an editor sees the
whole list at once, and valid records are never dropped because a neighbour is broken.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path, PurePosixPath

from pydantic import BaseModel, ValidationError

from .catalogue import Catalogue, Term, Vocabulary
from .images import body_image_sources, check_photo
from .loader import Kind, SourceFile
from .problems import Problem, did_you_mean
from .records import Entry
from .taxonomies import RESERVED_SLUGS
from .schema import CommendationFields, ModelFields, NewsFields, UnitFields, translate_errors
from .vietnamese import slugify

SCHEMAS: dict[Kind, type[BaseModel]] = {
    Kind.NEWS: NewsFields,
    Kind.MODEL: ModelFields,
    Kind.COMMENDATION: CommendationFields,
    Kind.UNIT: UnitFields,
}


# Which configured list each field draws from, per kind.
_VOCABULARY_FIELDS: dict[Kind, dict[str, str]] = {
    Kind.NEWS: {"category": "categories"},
    Kind.MODEL: {"movement": "movements", "field": "fields"},
    Kind.COMMENDATION: {"form": "forms", "authority": "authorities"},
    Kind.UNIT: {"kind": "unit_kinds"},
}


def validate(sources: list[SourceFile], catalogue: Catalogue, docs_dir: Path) -> tuple[list[Entry], list[Problem]]:
    entries: list[Entry] = []
    problems: list[Problem] = []
    for source in sources:
        entry, found = _validate_one(source, catalogue, docs_dir)
        problems.extend(found)
        if entry is not None:
            entries.append(entry)
    problems.extend(_check_unique(entries))
    problems.extend(_check_references(entries))
    return entries, problems


def _validate_one(source: SourceFile, catalogue: Catalogue, docs_dir: Path) -> tuple[Entry | None, list[Problem]]:
    front = source.front
    schema = SCHEMAS[source.kind]
    problems = [
        Problem(source.path, line, ".".join(map(str, location)), "trường này xuất hiện hai lần; chỉ giữ một dòng.")
        for location, line in front.duplicates
    ]
    try:
        fields = schema.model_validate(front.data)
    except ValidationError as error:
        return None, problems + translate_errors(error, source.path, front, schema)

    def problem(field: str, message: str) -> Problem:
        return Problem(source.path, front.line_of(tuple(field.split("."))), field, message)

    if isinstance(fields, UnitFields):
        slug = fields.id
        if slugify(slug) != slug:
            problems.append(problem("id", f"mã đơn vị phải viết thường, không dấu, nối bằng “-”, ví dụ “{slugify(slug)}”."))
    elif fields.slug is not None:
        slug = fields.slug
        if slugify(slug) != slug:
            problems.append(problem("slug", f"slug phải viết thường, không dấu, nối bằng “-”, ví dụ “{slugify(slug)}”."))
    else:
        slug = slugify(source.stem)
        if not slug:
            problems.append(problem("", "không tạo được địa chỉ trang từ tên tệp; hãy thêm trường slug."))
    if slug in RESERVED_SLUGS:
        problems.append(problem("slug" if fields.slug else "", f"“{slug}” là địa chỉ dành riêng của trang; hãy đổi tên tệp hoặc đặt slug khác."))

    terms: dict[str, Term] = {}
    for field, list_name in _VOCABULARY_FIELDS[source.kind].items():
        value = getattr(fields, field)
        if value is None:
            continue
        vocabulary: Vocabulary = getattr(catalogue, list_name)
        term = vocabulary.resolve(value)
        if term is None:
            problems.append(problem(field, vocabulary.explain(value)))
        else:
            terms[field] = term

    image = getattr(fields, "image", None)
    if image is not None:
        message = check_image_path(image.src, docs_dir)
        if message:
            problems.append(problem("image.src", message))
    if "![" in source.body:
        for offset, src in body_image_sources(source.body):
            if "://" in src or src.startswith("//"):
                continue  # reported as a warning by rawhtml.py, and dropped from the page
            if message := check_image_path(src, docs_dir):
                problems.append(Problem(source.path, source.body_line + offset, "nội dung (ảnh)", message))

    if problems:
        return None, problems
    tags = tuple(Term(slugify(tag), tag) for tag in fields.tags if slugify(tag))
    return Entry(source.kind, slug, source.path, fields, source.body, source.body_line, front, terms, tags), []


def check_image_path(src: str, docs_dir: Path) -> str | None:
    """Why an image path is unusable, or None. Images are served from the site itself."""
    if "://" in src or src.startswith("//"):
        return "ảnh phải nằm trong thư mục docs/ của trang, không lấy từ trang web khác (để trang chạy được trong mạng nội bộ)."
    relative = PurePosixPath(src.lstrip("/"))
    if ".." in relative.parts:
        return "đường dẫn ảnh không được ra ngoài thư mục docs/ (không dùng “..”)."
    if not (docs_dir / relative).is_file():
        return f"không tìm thấy tệp ảnh docs/{relative}."
    return check_photo(docs_dir / relative, f"docs/{relative}")


def _check_unique(entries: list[Entry]) -> list[Problem]:
    by_url: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_url[entry.url].append(entry)
    problems = []
    for url, same in by_url.items():
        if len(same) > 1:
            for entry in same:
                others = ", ".join(other.path for other in same if other is not entry)
                field = "id" if entry.kind is Kind.UNIT else "slug"
                problems.append(Problem(entry.path, 1, field, f"trùng địa chỉ /{url} với {others}; hãy đổi tên tệp hoặc đặt slug khác."))
    return problems


def _check_references(entries: list[Entry]) -> list[Problem]:
    units = {e.slug for e in entries if e.kind is Kind.UNIT}
    models = {e.slug for e in entries if e.kind is Kind.MODEL}
    problems = []
    for entry in entries:
        for location, target, known, what in _references(entry, units, models):
            if target not in known:
                line = entry.line_of(location)
                problems.append(
                    Problem(entry.path, line, ".".join(map(str, location)),
                            f"không có {what} “{target}”.{did_you_mean(target, known)}")
                )
    return problems


def _references(entry: Entry, units: set[str], models: set[str]):
    """(location, referenced id, ids that exist, what it is) for every reference of a record."""
    fields = entry.fields
    if isinstance(fields, NewsFields):
        yield from ((("units", i), u, units, "đơn vị") for i, u in enumerate(fields.units))
        yield from ((("models", i), m, models, "mô hình") for i, m in enumerate(fields.models))
    elif isinstance(fields, ModelFields):
        yield ("unit",), fields.unit, units, "đơn vị"
    elif isinstance(fields, CommendationFields):
        if fields.recipient.unit:
            yield ("recipient", "unit"), fields.recipient.unit, units, "đơn vị"
        yield from ((("models", i), m, models, "mô hình") for i, m in enumerate(fields.models))
    elif isinstance(fields, UnitFields) and fields.parent:
        yield ("parent",), fields.parent, units, "đơn vị"
