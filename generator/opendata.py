"""Open data: every published model, commendation and unit as JSON and CSV, with a Frictionless
Data `datapackage.json` describing the columns.

Columns are declared once (name, Vietnamese title, type, how to read it from a record) and the
three outputs are derived from that list, so they cannot disagree. Column names are stable:
renaming one breaks the people who reuse the data. Only what record pages already publish is
exported (a commended person's name and position, never contact details).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from .escaping import csv_cell, json_text
from .index import SiteIndex
from .loader import Kind
from .outputs import OutputFile
from .records import Entry
from .siteinfo import SiteInfo

DATA_DIR = "du-lieu/"
LIST_SEPARATOR = "; "  # joins list values in a CSV cell; JSON keeps them as arrays


@dataclass(frozen=True)
class Column:
    name: str
    title: str  # Vietnamese, shown on the open data page and in datapackage.json
    type: str  # Frictionless Table Schema type: string, integer, date, array
    read: Callable[[Entry, SiteIndex], Any]


def _field(name: str) -> Callable[[Entry, SiteIndex], Any]:
    return lambda entry, index: getattr(entry.fields, name, None)


def _term(name: str) -> Callable[[Entry, SiteIndex], Any]:
    return lambda entry, index: entry.terms[name].label if name in entry.terms else None


def _unit_id(read_id: Callable[[Entry], str | None]) -> Callable[[Entry, SiteIndex], Any]:
    """The id of a published unit only: a draft unit's id must not leak into open data."""
    return lambda entry, index: read_id(entry) if index.unit(read_id(entry)) else None


def _unit_name(read_id: Callable[[Entry], str | None]) -> Callable[[Entry, SiteIndex], Any]:
    def read(entry: Entry, index: SiteIndex) -> str | None:
        unit = index.unit(read_id(entry))
        return unit.title if unit else None

    return read


def _date(entry: Entry, index: SiteIndex) -> str | None:
    return entry.published_at.date().isoformat() if entry.published_at else None


def _tags(entry: Entry, index: SiteIndex) -> list[str]:
    return [tag.label for tag in entry.tags]


def _count(kind: Kind) -> Callable[[Entry, SiteIndex], int]:
    return lambda entry, index: len(index.group(kind, "unit", entry.slug))


def _period(end: str) -> Callable[[Entry, SiteIndex], Any]:
    def read(entry: Entry, index: SiteIndex) -> str | None:
        period = entry.fields.period
        value = getattr(period, end) if period else None
        return None if value is None else str(value)

    return read


def _published_models(entry: Entry, index: SiteIndex) -> list[str]:
    return [slug for slug in entry.fields.models if index.model(slug)]


def _decision(part: str) -> Callable[[Entry, SiteIndex], Any]:
    def read(entry: Entry, index: SiteIndex) -> str | None:
        decision = entry.fields.decision
        value = getattr(decision, part) if decision else None
        return value.isoformat() if hasattr(value, "isoformat") else value

    return read


def _common(entry_id: str, entry_id_title: str) -> list[Column]:
    return [
        Column(entry_id, entry_id_title, "string", lambda e, i: e.slug),
        Column("url", "Địa chỉ trang", "string", lambda e, i: e.url),  # made absolute in `rows`
    ]


@dataclass(frozen=True)
class Dataset:
    name: str  # file name without extension
    title: str
    kind: Kind
    columns: tuple[Column, ...]

    def rows(self, index: SiteIndex, site: SiteInfo) -> Iterator[dict[str, Any]]:
        for entry in index.by_kind[self.kind]:
            row = {column.name: column.read(entry, index) for column in self.columns}
            row["url"] = site.absolute(row["url"])
            yield row


DATASETS = (
    Dataset("mo-hinh", "Mô hình tiêu biểu", Kind.MODEL, (
        *_common("slug", "Mã mô hình"),
        Column("title", "Tên mô hình", "string", _field("title")),
        Column("unit_id", "Mã đơn vị", "string", _unit_id(lambda e: e.fields.unit)),
        Column("unit_name", "Đơn vị", "string", _unit_name(lambda e: e.fields.unit)),
        Column("movement", "Phong trào", "string", _term("movement")),
        Column("field", "Lĩnh vực", "string", _term("field")),
        Column("year", "Năm đăng ký", "integer", _field("year")),
        Column("period_from", "Thực hiện từ", "string", _period("from_")),
        Column("period_to", "Thực hiện đến", "string", _period("to")),
        Column("status", "Tình trạng", "string", lambda e, i: e.fields.status.value if e.fields.status else None),
        Column("summary", "Tóm tắt", "string", _field("summary")),
        Column("results", "Kết quả", "array", lambda e, i: list(e.fields.results)),
        Column("date", "Ngày đăng", "date", _date),
        Column("tags", "Thẻ", "array", _tags),
    )),
    Dataset("khen-thuong", "Khen thưởng", Kind.COMMENDATION, (
        *_common("slug", "Mã khen thưởng"),
        Column("title", "Tiêu đề", "string", _field("title")),
        Column("recipient_name", "Tập thể/cá nhân được khen", "string", lambda e, i: e.fields.recipient.name),
        Column("recipient_kind", "Đối tượng", "string", lambda e, i: e.fields.recipient.kind.value),
        Column("recipient_position", "Chức vụ", "string", lambda e, i: e.fields.recipient.position),
        Column("unit_id", "Mã đơn vị", "string", _unit_id(lambda e: e.fields.recipient.unit)),
        Column("unit_name", "Đơn vị", "string", _unit_name(lambda e: e.fields.recipient.unit)),
        Column("form", "Hình thức", "string", _term("form")),
        Column("authority", "Cấp khen", "string", _term("authority")),
        Column("decision_number", "Số quyết định", "string", _decision("number")),
        Column("decision_date", "Ngày quyết định", "date", _decision("date")),
        Column("year", "Năm", "integer", _field("year")),
        Column("reason", "Thành tích", "string", _field("reason")),
        Column("models", "Mô hình được khen (mã)", "array", _published_models),
        Column("tags", "Thẻ", "array", _tags),
    )),
    Dataset("don-vi", "Đơn vị", Kind.UNIT, (
        *_common("id", "Mã đơn vị"),
        Column("name", "Tên đơn vị", "string", _field("name")),
        Column("short_name", "Tên viết tắt", "string", _field("short_name")),
        Column("kind", "Loại đơn vị", "string", _term("kind")),
        Column("parent_id", "Mã đơn vị cấp trên", "string", lambda e, i: e.fields.parent if i.unit(e.fields.parent) else None),
        Column("website", "Trang web", "string", _field("website")),
        Column("description", "Giới thiệu", "string", _field("description")),
        Column("models", "Số mô hình", "integer", _count(Kind.MODEL)),
        Column("commendations", "Số khen thưởng", "integer", _count(Kind.COMMENDATION)),
        Column("news", "Số tin bài", "integer", _count(Kind.NEWS)),
    )),
)


def csv_bytes(dataset: Dataset, rows: list[dict[str, Any]]) -> bytes:
    """UTF-8 with a byte order mark: without it Excel reads Vietnamese text as Windows-1252.

    Every cell is quoted and no text cell starts a formula (OWASP's CSV injection advice), so
    opening the file in a spreadsheet never runs what an editor typed.
    """
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow([column.name for column in dataset.columns])
    for row in rows:
        writer.writerow([_cell(row[column.name]) for column in dataset.columns])
    return buffer.getvalue().encode("utf-8-sig")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return csv_cell(LIST_SEPARATOR.join(value))
    return csv_cell(value) if isinstance(value, str) else str(value)


def datapackage(site: SiteInfo) -> dict[str, Any]:
    """Frictionless Data Package descriptor (specs.frictionlessdata.io/data-package)."""
    return {
        "profile": "tabular-data-package",
        "name": "guong-sang",
        "title": f"{site.name}: dữ liệu mở",
        "homepage": site.absolute(DATA_DIR),
        "resources": [
            {
                "profile": "tabular-data-resource",
                "name": dataset.name,
                "title": dataset.title,
                "path": f"{dataset.name}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",  # readers skip the byte order mark
                "dialect": {"delimiter": ",", "header": True},
                "schema": {
                    "fields": [
                        {"name": c.name, "title": c.title, "type": "string" if c.type == "array" else c.type,
                         **({"description": f"Nhiều giá trị, ngăn cách bởi “{LIST_SEPARATOR.strip()}”"} if c.type == "array" else {})}
                        for c in dataset.columns
                    ],
                    "primaryKey": dataset.columns[0].name,
                },
            }
            for dataset in DATASETS
        ],
    }


def data_files(index: SiteIndex, site: SiteInfo) -> Iterator[OutputFile]:
    for dataset in DATASETS:
        rows = list(dataset.rows(index, site))
        yield OutputFile(f"{DATA_DIR}{dataset.name}.json", json_text(rows, indent=1).encode("utf-8"))
        yield OutputFile(f"{DATA_DIR}{dataset.name}.csv", csv_bytes(dataset, rows))
    yield OutputFile(f"{DATA_DIR}datapackage.json", json_text(datapackage(site), indent=1).encode("utf-8"))
