"""`new <kind> "<title>"`: a fresh entry file with every field of its kind, explained in Vietnamese.

The file starts as a draft (`draft: true`) so that an unfinished record is never published;
required fields whose value must come from a configured list or another record are left
empty, so `check` makes the editor choose them instead of publishing a guessed default.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .loader import Kind
from .validate import _VOCABULARY_FIELDS as VOCABULARY_FIELDS, SCHEMAS
from .taxonomies import RESERVED_SLUGS
from .vietnamese import slugify

# English aliases for people who type the code's names.
KIND_ALIASES = {"news": Kind.NEWS, "model": Kind.MODEL, "commendation": Kind.COMMENDATION, "unit": Kind.UNIT}

# The order editors meet each kind's fields in, here and in the web editor (generator/cms/).
# Nested fields follow their model's order. Labels, help and examples come from the schema's
# field metadata (generator/schema.py), and which list a field draws from from validate.py.
LAYOUT: dict[Kind, tuple[str, ...]] = {
    Kind.NEWS: ("title", "date", "category", "summary", "author", "source", "units", "models", "image"),
    Kind.MODEL: ("title", "date", "unit", "movement", "field", "year", "period", "status", "summary", "results", "image"),
    Kind.COMMENDATION: ("title", "date", "recipient", "form", "authority", "decision", "year", "reason", "models"),
    Kind.UNIT: ("id", "name", "date", "short_name", "kind", "parent", "website", "description"),
}
COMMON_LAYOUT = ("slug", "draft", "featured", "updated", "tags")

# Where a referenced id or slug comes from, as the text editor sees it.
_REFERENCE_HINT = {"don-vi": "mã đơn vị, tên tệp trong entries/don-vi/", "mo-hinh": "slug mô hình, tên tệp trong entries/mo-hinh/"}
# The first values a new file gets; everything else starts empty.
_START = {"title": "{title}", "name": "{title}", "date": "{date}", "year": "{year}", "id": "{slug}",
          "draft": "true", "featured": "false"}


def layout(kind: Kind) -> tuple[str, ...]:
    """Every top-level key of a kind, in the order editors see them (a unit has no slug)."""
    common = tuple(key for key in COMMON_LAYOUT if not (kind is Kind.UNIT and key == "slug"))
    return LAYOUT[kind] + common


def fields_of(model: type[BaseModel]) -> dict[str, FieldInfo]:
    """Fields by the key editors write (`from`, not `from_`)."""
    return {info.alias or name: info for name, info in model.model_fields.items()}


def nested_model(info: FieldInfo) -> type[BaseModel] | None:
    annotation = info.annotation
    for arg in getattr(annotation, "__args__", (annotation,)):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None


def is_list(info: FieldInfo) -> bool:
    return getattr(info.annotation, "__origin__", None) is list


def extra(info: FieldInfo) -> dict[str, Any]:
    return info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}


def comment(info: FieldInfo, list_name: str | None = None) -> str:
    """The Vietnamese comment of a field in a new file: help, whether required, where values
    come from, an example."""
    parts = [info.description or ""]
    if info.is_required():
        parts[0] += " (bắt buộc)"
    if list_name:
        parts.append(f"một giá trị trong entries/danh-muc.yml ({list_name})")
    if refers := extra(info).get("refers_to"):
        parts.append(_REFERENCE_HINT[refers])
    if info.examples:
        example = info.examples[0]
        parts.append(f"ví dụ [{example}]" if is_list(info) else f"ví dụ {example}")
    return "; ".join(parts)


def _template(kind: Kind) -> str:
    fields = fields_of(SCHEMAS[kind])
    lines = []
    for key in layout(kind):
        info = fields[key]
        nested = nested_model(info)
        value = "[]" if is_list(info) else _START.get(key, "")
        if key == "slug":
            value, note = "", comment(info).replace("tên tệp", "tên tệp: {slug}", 1)
        else:
            note = comment(info, VOCABULARY_FIELDS[kind].get(key))
        lines.append(f"{key}: {value}  # {note}")
        if nested is not None:
            # An optional image is written out commented: an empty `src` would be an error.
            prefix = "# " if key == "image" else ""
            for sub, sub_info in fields_of(nested).items():
                sample = sub_info.examples[0] if key == "image" and sub_info.examples else ""
                sample = json.dumps(sample, ensure_ascii=False) if sample and sub != "src" else sample
                lines.append(f"  {prefix}{sub}: {sample}  # {comment(sub_info)}")
    return "\n".join(lines) + "\n"


_BODY = "Viết nội dung bài ở đây, bằng Markdown (xem Hướng dẫn biên tập trên trang).\n"


class EntryExists(Exception):
    pass


@dataclass(frozen=True)
class NewEntry:
    path: Path
    slug: str


def parse_kind(text: str) -> Kind | None:
    try:
        return Kind(text)
    except ValueError:
        return KIND_ALIASES.get(text.lower())


def entry_text(kind: Kind, title: str, today: dt.date) -> str:
    slug = slugify(title)
    fields = _template(kind).format(title=json.dumps(title, ensure_ascii=False), date=today.isoformat(), year=today.year, slug=slug)
    return "---\n" + _align_comments(fields) + "---\n" + _BODY


def _align_comments(text: str, column: int = 25) -> str:
    """Start every trailing comment at one column, after the values were filled in."""
    aligned = []
    for line in text.splitlines():
        code, mark, comment = line.partition("  # ")
        if mark and code.strip() and not code.lstrip().startswith("#"):
            line = f"{code.rstrip():<{column - 1}} # {comment.strip()}"
        aligned.append(line)
    return "\n".join(aligned) + "\n"


def create_entry(entries_dir: Path, kind: Kind, title: str, today: dt.date) -> NewEntry:
    """Write the new file; raises EntryExists rather than overwrite, ValueError on an empty slug."""
    slug = slugify(title)
    if not slug:
        raise ValueError("Tiêu đề phải có ít nhất một chữ cái hoặc chữ số để tạo tên tệp.")
    if slug in RESERVED_SLUGS:
        # `check` would refuse the file at once: better not to write it.
        raise ValueError(f"Tiêu đề “{title}” tạo ra địa chỉ “{slug}”, là địa chỉ dành riêng của trang; "
                         "hãy đặt tiêu đề cụ thể hơn.")
    path = entries_dir / kind.value / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as file:  # "x": never overwrite
            file.write(entry_text(kind, title, today))
    except FileExistsError:
        raise EntryExists(f"Tệp {kind.value}/{path.name} đã có; không ghi đè. Hãy đặt tiêu đề khác hoặc sửa tệp đó.") from None
    return NewEntry(path, slug)
