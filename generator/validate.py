"""Source records → validated entries: schema, configured lists, references, uniqueness.

Every problem in every file is collected before anything is reported, so an editor sees the
whole list at once, and valid records are never dropped because a neighbour is broken.
"""

from __future__ import annotations

import os
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Callable, Iterator

from pydantic import BaseModel, ValidationError

from .catalogue import Catalogue, Term, Vocabulary
from .images import CheckedPhotos, check_photo
from .images.library import file_of, html_image_sources, markdown_image_sources
from .characters import clean_body, clean_tree
from .loader import Kind, SourceFile
from .problems import Problem, did_you_mean
from .records import Entry
from .taxonomies import RESERVED_SLUGS
from .schema import CommendationFields, ModelFields, NewsFields, UnitFields, address_too_long, day_of, translate_errors
from .vietnamese import fold, format_number, slugify

BODY_FIELD = "nội dung"  # the field named in problems found in a record's Markdown body

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


@dataclass(frozen=True)
class Known:
    """What records exist, read from every file, valid or not, so that a record referring to a
    neighbour with a mistake of its own is not blamed too (the neighbour's mistake is reported)."""

    units: dict[str, str] = field(default_factory=dict)  # id → name
    models: dict[str, str] = field(default_factory=dict)  # slug → title
    drafts: set[tuple[Kind, str]] = field(default_factory=set)
    unit_files: dict[str, SourceFile] = field(default_factory=dict)  # id → its file, for parents
    urls: dict[str, str] = field(default_factory=dict)  # record page URL → file, for collisions
    same_url: defaultdict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # URL → files
    slugs: dict[str, str] = field(default_factory=dict)  # file → slug it asks for (slugify is not free)

    @classmethod
    def of(cls, sources: list[SourceFile]) -> "Known":
        known = cls()
        for source in sources:
            data = source.front.data
            slug = known.slugs[source.path] = raw_slug(source)
            if slug:
                known.urls.setdefault(f"{source.kind.value}/{slug}/", source.path)
                known.same_url[f"{source.kind.value}/{slug}/"].append(source.path)
            if source.kind is Kind.UNIT:
                table, name = known.units, _text(data.get("name"))
            elif source.kind is Kind.MODEL:
                table, name = known.models, _text(data.get("title"))
            else:
                continue
            if slug:
                table[slug] = name or slug
                if source.kind is Kind.UNIT:
                    known.unit_files.setdefault(slug, source)
                if data.get("draft") is True:
                    known.drafts.add((source.kind, slug))
        return known


def raw_slug(source: SourceFile) -> str:
    """The slug a record asks for, read before validation: its `id`, its `slug`, or its file name."""
    data = source.front.data
    if source.kind is Kind.UNIT:
        return _text(data.get("id"))
    if isinstance(data.get("slug"), str):
        return data["slug"].strip()
    return slugify(source.stem)


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def validate(sources: list[SourceFile], catalogue: Catalogue, docs_dir: Path,
             known: Known | None = None, photos: CheckedPhotos | None = None) -> tuple[list[Entry], list[Problem]]:
    """`photos` remembers which photos passed, so unchanged ones are not decoded again."""
    entries: list[Entry] = []
    problems: list[Problem] = []
    known = known or Known.of(sources)
    for source in sources:
        entry, found = _validate_one(source, catalogue, docs_dir, known, photos)
        problems.extend(found)
        if entry is not None:
            entries.append(entry)
    problems.extend(_check_unique_urls(known))
    problems.extend(_check_unit_parents(known))
    return entries, problems


def _validate_one(source: SourceFile, catalogue: Catalogue, docs_dir: Path,
                  known: Known | None = None, photos: CheckedPhotos | None = None) -> tuple[Entry | None, list[Problem]]:
    """Every problem of one file at once: characters and schema, then lists, then references.

    Without `known` (the live preview, which re-reads one file) references are left to
    `_check_references`."""
    front = source.front
    schema = SCHEMAS[source.kind]
    problems = [
        Problem(source.path, line, ".".join(map(str, location)), "trường này xuất hiện hai lần; chỉ giữ một dòng.")
        for location, line in front.duplicates
    ]

    def problem(field: str | tuple, message: str, severity: str = "error") -> Problem:
        location = field if isinstance(field, tuple) else tuple(part for part in field.split(".") if part)
        name = ".".join(map(str, location))
        return Problem(source.path, front.line_of(location), name, message, severity)  # type: ignore[arg-type]

    data, notes = clean_tree(front.data) if source.unusual_characters else (front.data, [])
    problems += [problem(n.location, n.message, n.severity) for n in notes]
    # Fields whose value is already reported as wrong are not checked again against lists.
    reported = {p.field.split(".")[0] for p in problems if p.severity == "error"}
    try:
        fields = schema.model_validate(data)
    except ValidationError as error:
        fields = None
        schema_problems = translate_errors(error, source.path, front, schema)
        problems += schema_problems
        reported |= {p.field.split(".")[0] for p in schema_problems}

    slug = _check_slug(source, data, problem, problems, known.slugs.get(source.path) if known else None)

    terms: dict[str, Term] = {}
    for name, list_name in _VOCABULARY_FIELDS[source.kind].items():
        value = getattr(fields, name) if fields is not None else data.get(name)
        if not isinstance(value, str) or name in reported:
            continue
        vocabulary: Vocabulary = getattr(catalogue, list_name)
        term = vocabulary.resolve(value)
        if term is None:
            problems.append(problem(name, vocabulary.explain(value)))
        else:
            terms[name] = term

    image = getattr(fields, "image", None)
    if image is not None:
        message = check_image_path(image.src, docs_dir, photos)
        if message:
            problems.append(problem("image.src", message))
    # The same characters as in field values: feeds and search excerpts carry the body too.
    body, notes_of_body = clean_body(source.body)
    problems += [Problem(source.path, source.body_line + note.line, BODY_FIELD, note.message, note.severity)  # type: ignore[arg-type]
                 for note in notes_of_body]
    for raw, found in ((False, markdown_image_sources(source.body)), (True, html_image_sources(source.body))):
        for offset, src in found:
            if "://" in src or src.startswith("//"):
                continue  # reported as a warning by rawhtml.py, and dropped from the page
            if message := check_image_path(src, docs_dir, photos):
                # A raw <img> whose file is missing only warns (the page shows it broken): bodies
                # pasted from older portals hold dead image links, and one must not hold back
                # the whole site. A file there but broken is an error: it would be processed.
                missing = raw and not file_of(docs_dir, src).is_file()
                problems.append(Problem(source.path, source.body_line + offset, f"{BODY_FIELD} (ảnh)", message,
                                        "warning" if missing else "error"))

    is_draft = fields.draft if fields is not None else data.get("draft") is True
    for location, target, target_kind in _references(source.kind, data) if known is not None else ():
        if location[0] in reported:
            continue
        message = _reference_problem(target, target_kind, known, is_draft)
        if message:
            problems.append(problem(location, *message))

    problems += [problem(*note) for note in _list_notes(data)]
    if fields is not None and fields.date is not None and fields.updated is not None \
            and day_of(fields.updated) < day_of(fields.date):
        # A mistyped year: the sitemap and JSON-LD would say the page changed before it existed.
        problems.append(problem("updated", f"ngày cập nhật ({day_of(fields.updated):%d/%m/%Y}) trước ngày đăng "
                                           f"({day_of(fields.date):%d/%m/%Y}); hãy sửa lại năm, tháng hoặc ngày."))
    for name in ("title", "name"):  # the headline of each kind
        if isinstance(data.get(name), str) and len(data[name]) > LONG_HEADLINE:
            problems.append(problem(name, f"dài {format_number(len(data[name]))} ký tự: có lẽ đã dán nhầm cả đoạn "
                                    "văn vào đây? Tiêu đề hiện trên mọi trang liệt kê bài; thường dưới 150 ký tự.", "warning"))
    if fields is None or any(p.severity == "error" for p in problems):
        return None, problems
    tags: dict[str, Term] = {}
    for tag in fields.tags:  # "Dân vận" and "dân vận" are one tag page: the first spelling names it
        tags.setdefault(slugify(tag), Term(slugify(tag), tag))
    tags.pop("", None)  # no letter or digit: no page (warned above)
    entry = Entry(source.kind, slug, source.path, fields, body, source.body_line, front, terms, tuple(tags.values()))
    return entry, problems


# A headline this long is a paragraph pasted into the wrong field (a 6,400-character title
# filled every listing and "Các tin khác" block it appeared in); Vietnamese headlines are
# rarely over 150 characters. A warning: the editor may mean it.
LONG_HEADLINE = 300

# Lists in which an item written twice is one item: tags by the address of their page, records
# by id. The page lists each once either way; the warning names the line to delete.
_ONCE_LISTS: dict[str, Callable[[str], str]] = {"tags": slugify, "units": str.strip, "models": str.strip}


def _list_notes(data: dict) -> Iterator[tuple[tuple[str, int], str, str]]:
    """(location, message, severity) of every repeated item, and of every tag that can have no page."""
    for name, key_of in _ONCE_LISTS.items():
        values = data.get(name)
        first: dict[str, str] = {}
        for position, value in enumerate(values if isinstance(values, list) else ()):
            if not isinstance(value, str) or not value.strip():
                continue  # not text, or blank: the schema says so
            key = key_of(value)
            if not key:
                yield (name, position), f"thẻ “{value}” không có chữ hay số nào nên không có trang thẻ; hãy sửa hoặc xóa.", "warning"
            elif name == "tags" and (message := address_too_long("thẻ", key)):
                yield (name, position), message, "error"
            elif key in first:
                same = "đã ghi ở trên" if value.strip() == first[key].strip() else f"trùng với “{first[key]}” ở trên"
                yield (name, position), f"“{value}” {same}; chỉ cần ghi một lần.", "warning"
            else:
                first[key] = value


def _check_slug(source: SourceFile, data: dict, problem, problems: list[Problem], from_name: str | None = None) -> str:
    """The record's URL slug, from the raw values (so it is checked even when other fields are wrong)."""
    if source.kind is Kind.UNIT:
        slug = _text(data.get("id"))
        if "id" not in data or not isinstance(data["id"], str):
            pass  # missing or not text: the schema says so
        elif not slug:
            problems.append(problem("id", "mã đơn vị không được để trống."))
        elif slugify(slug) != slug:
            problems.append(problem("id", f"mã đơn vị phải viết thường, không dấu, nối bằng “-”, ví dụ “{slugify(slug)}”."))
        elif message := address_too_long("mã đơn vị", slug):
            problems.append(problem("id", message))
    elif isinstance(data.get("slug"), str):
        slug = data["slug"].strip()
        if not slug:
            problems.append(problem("slug", "slug không được để trống; hãy xóa dòng này để dùng tên tệp, hoặc điền một slug."))
        elif slugify(slug) != slug:
            problems.append(problem("slug", f"slug phải viết thường, không dấu, nối bằng “-”, ví dụ “{slugify(slug)}”."))
        elif message := address_too_long("slug", slug):
            problems.append(problem("slug", message))
    else:
        slug = from_name if from_name is not None else slugify(source.stem)
        if not slug:
            problems.append(problem("", "không tạo được địa chỉ trang từ tên tệp; hãy thêm trường slug."))
    if slug in RESERVED_SLUGS:
        problems.append(problem("slug" if data.get("slug") else "", f"“{slug}” là địa chỉ dành riêng của trang; hãy đổi tên tệp hoặc đặt slug khác."))
    return slug


_WHAT = {Kind.UNIT: "đơn vị", Kind.MODEL: "mô hình"}


def _reference_problem(target: str, kind: Kind, known: Known, from_draft: bool) -> tuple[str, str] | None:
    """(message, severity) for a reference to a record that does not exist or is a draft."""
    table = known.units if kind is Kind.UNIT else known.models
    what = _WHAT[kind]
    if target in table:
        if (kind, target) in known.drafts and not from_draft:
            return (f"{what} “{target}” đang là bản nháp (draft: true), nên chưa hiện trên trang này, "
                    "trong dữ liệu mở hay ở bất cứ đâu cho đến khi được xuất bản.", "warning")
        return None
    # Editors sometimes write the name instead of the id: point at the id that has that name.
    by_name = [slug for slug, name in table.items() if fold(name) == fold(target)]
    hint = did_you_mean(target, table, n=3, first=by_name)
    return f"không có {what} “{target}”.{hint}", "error"


def _references(kind: Kind, data: dict) -> Iterator[tuple[tuple, str, Kind]]:
    """(location, referenced id, kind of record referred to) for every reference in front matter."""

    def listed(name: str, target_kind: Kind):
        values = data.get(name)
        if isinstance(values, list):
            for index, value in enumerate(values):
                if isinstance(value, str) and value.strip():
                    yield (name, index), value.strip(), target_kind

    def single(location: tuple, value: Any, target_kind: Kind):
        if isinstance(value, str) and value.strip():
            yield location, value.strip(), target_kind

    if kind is Kind.NEWS:
        yield from listed("units", Kind.UNIT)
        yield from listed("models", Kind.MODEL)
    elif kind is Kind.MODEL:
        yield from single(("unit",), data.get("unit"), Kind.UNIT)
    elif kind is Kind.COMMENDATION:
        recipient = data.get("recipient")
        if isinstance(recipient, dict):
            yield from single(("recipient", "unit"), recipient.get("unit"), Kind.UNIT)
        yield from listed("models", Kind.MODEL)
    elif kind is Kind.UNIT:
        yield from single(("parent",), data.get("parent"), Kind.UNIT)


def check_image_path(src: str, docs_dir: Path, photos: CheckedPhotos | None = None) -> str | None:
    """Why an image path is unusable, or None. Images are served from the site itself."""
    if "://" in src or src.startswith("//"):
        return "ảnh phải nằm trong thư mục docs/ của trang, không lấy từ trang web khác (để trang chạy được trong mạng nội bộ)."
    relative = PurePosixPath(src.lstrip("/"))
    if ".." in relative.parts:
        return "đường dẫn ảnh không được ra ngoài thư mục docs/ (không dùng “..”)."
    path = file_of(docs_dir, relative.as_posix())
    if not path.is_file():
        return f"không tìm thấy tệp ảnh docs/{relative}." + _near_miss(docs_dir, relative)
    if photos is not None:
        return photos.check(path, f"docs/{relative}")
    return check_photo(path, f"docs/{relative}")


def _near_miss(docs_dir: Path, relative: PurePosixPath) -> str:
    """A hint when the editor's path is one slip away from a file that is there: a path
    written from the project's root ("docs/images/…") or with Windows' "\\", a file name
    without its folder, another extension, or other capitals (Windows and macOS find the
    file, the Linux of CI does not). "Not found" alone would only puzzle an editor who sees
    the file right there. (A name whose accents are only written decomposed is the same
    name: images/library.py, file_of.)"""
    text = relative.as_posix()
    for fixed, why in ((text.removeprefix(f"{docs_dir.name}/"), "đường dẫn tính từ thư mục docs/"),
                       (text.replace("\\", "/"), "dùng dấu “/” chứ không dùng “\\”"),
                       (f"images/{text}", "ảnh nằm trong thư mục docs/images/")):
        if fixed != text and ".." not in fixed.split("/") and (docs_dir / fixed).is_file():
            return f" Có lẽ bạn muốn viết “{fixed}” ({why})."
    folder = docs_dir / relative.parent
    wanted = unicodedata.normalize("NFC", relative.name)
    try:
        names = os.listdir(folder)
    except OSError:
        return ""
    for name in sorted(names):
        if unicodedata.normalize("NFC", name).casefold() == wanted.casefold():
            return f" Trong docs/{relative.parent}/ có tệp “{unicodedata.normalize('NFC', name)}”: tên tệp phân biệt chữ hoa, chữ thường."
    stem = PurePosixPath(wanted).stem.casefold()
    for name in sorted(names):  # another extension: "anh.jpeg" for "anh.jpg"
        if PurePosixPath(unicodedata.normalize("NFC", name)).stem.casefold() == stem:
            return f" Trong docs/{relative.parent}/ có tệp “{unicodedata.normalize('NFC', name)}”."
    return ""


def _check_unique_urls(known: Known) -> list[Problem]:
    """Two files asking for one address, whether or not they have other mistakes."""
    problems = []
    for url, paths in known.same_url.items():
        if len(paths) > 1:
            field = "id" if url.startswith(f"{Kind.UNIT.value}/") else "slug"
            for path in paths:
                others = ", ".join(other for other in paths if other != path)
                problems.append(Problem(path, 1, field, f"trùng địa chỉ /{url} với {others}; hãy đổi tên tệp hoặc đặt slug khác."))
    return problems


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
    """References between valid records (for the live preview, which keeps only those)."""
    known = Known()
    for entry in entries:
        if entry.kind in _WHAT:
            (known.units if entry.kind is Kind.UNIT else known.models)[entry.slug] = entry.title
            if entry.fields.draft:
                known.drafts.add((entry.kind, entry.slug))
    problems = []
    for entry in entries:
        for location, target, target_kind in _references(entry.kind, entry.front.data):
            found = _reference_problem(target, target_kind, known, entry.fields.draft)
            if found:
                problems.append(Problem(entry.path, entry.line_of(location), ".".join(map(str, location)), *found))  # type: ignore[arg-type]
    return problems


def _check_unit_parents(known: Known) -> list[Problem]:
    """A unit above itself, directly or through others, would make its chain of parents endless."""
    parents = {slug: _text(source.front.data.get("parent")) or None for slug, source in known.unit_files.items()}
    problems = []
    settled: set[str] = set()  # units whose chain of parents is known to end
    for start in parents:
        chain: list[str] = []
        unit: str | None = start
        while unit in parents and unit not in settled and unit not in chain:
            chain.append(unit)
            unit = parents[unit]
        if unit in chain:  # a cycle: report it on each of its units, once
            cycle = chain[chain.index(unit):]
            for member in cycle:
                source = known.unit_files[member]
                if len(cycle) == 1:
                    message = "đơn vị không thể là cấp trên của chính nó."
                else:
                    loop = " → ".join(cycle[cycle.index(member):] + cycle[: cycle.index(member)] + [member])
                    message = f"các đơn vị cấp trên tạo thành vòng lặp: {loop}; hãy sửa trường parent của một trong số đó."
                problems.append(Problem(source.path, source.front.line_of(("parent",)), "parent", message))
        settled.update(chain)
    return problems
