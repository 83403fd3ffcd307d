"""Validated records: what every later stage (index, page plan, outputs) works with."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Union

from .catalogue import Term
from .loader import Kind
from .yamlfile import Location, YamlDocument
from .schema import CommendationFields, ModelFields, NewsFields, UnitFields, in_vietnam

Fields = Union[NewsFields, ModelFields, CommendationFields, UnitFields]

_EPOCH = dt.datetime(1900, 1, 1, tzinfo=dt.timezone.utc)


@dataclass(eq=False)
class Entry:
    kind: Kind
    slug: str
    path: str  # source file, for messages
    fields: Fields
    body: str  # Markdown
    body_line: int
    front: YamlDocument  # the parsed front matter, for line numbers in messages
    # Configured-list values resolved to terms, by field name ("category", "movement", …).
    terms: dict[str, Term] = field(default_factory=dict)
    tags: tuple[Term, ...] = ()

    def line_of(self, location: Location) -> int:
        return self.front.line_of(location)

    @property
    def url(self) -> str:
        """Site-relative URL of the record's page, e.g. "mo-hinh/cho-con/"."""
        return f"{self.kind.value}/{self.slug}/"

    @property
    def title(self) -> str:
        return self.fields.name if isinstance(self.fields, UnitFields) else self.fields.title

    @property
    def summary(self) -> str:
        fields = self.fields
        if isinstance(fields, UnitFields):
            return fields.description or ""
        if isinstance(fields, CommendationFields):
            return fields.reason or ""
        return fields.summary or ""

    @property
    def published_at(self) -> dt.datetime | None:
        """When the record goes public: its `date`, else a commendation's decision date."""
        moment = self.fields.date
        if moment is None and isinstance(self.fields, CommendationFields) and self.fields.decision:
            moment = self.fields.decision.date
        return as_datetime(moment) if moment is not None else None

    @property
    def has_time(self) -> bool:
        return isinstance(self.fields.date, dt.datetime)

    @property
    def year(self) -> int | None:
        if isinstance(self.fields, (ModelFields, CommendationFields)):
            return self.fields.year
        published = self.published_at
        return published.year if published else None

    @property
    def dated_at(self) -> dt.datetime | None:
        """The record's date, else 1 January of its year; None for undated records (units)."""
        if (published := self.published_at) is not None:
            return published
        if (year := self.year) is not None:
            return in_vietnam(dt.datetime(year, 1, 1))
        return None

    @property
    def sort_date(self) -> dt.datetime:
        """Most-recent-first key: undated records go last."""
        return self.dated_at or _EPOCH

    def is_published(self, now: dt.datetime) -> bool:
        published = self.published_at
        return not self.fields.draft and (published is None or published <= now)


def as_datetime(moment: dt.date | dt.datetime) -> dt.datetime:
    if isinstance(moment, dt.datetime):
        return moment
    return in_vietnam(dt.datetime(moment.year, moment.month, moment.day))


def recent_first(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=recent_first_key)


def recent_first_key(entry: Entry) -> tuple[float, str]:
    return (-entry.sort_date.timestamp(), entry.slug)
