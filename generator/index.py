"""Published entries → site index: the taxonomies, reverse references and related records.

Built once, in one pass over the entries, so that every later question ("the news of this
unit", "related models") is a dictionary look-up and a slice: O(1) work per entry page.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterator

from .catalogue import Term
from .loader import Kind
from .records import Entry, recent_first_key
from .schema import CommendationFields, ModelFields, NewsFields, UnitFields
from .vietnamese import sort_key

# A group of entries of one kind sharing a value: (kind, taxonomy, value slug).
GroupKey = tuple[Kind, str, str]

RELATED_LIMIT = 5  # records in a page's "Các tin khác" (or "… khác") block


@dataclass
class SiteIndex:
    now: dt.datetime
    by_kind: dict[Kind, list[Entry]]  # units A–Z; others most recent first
    by_url: dict[str, Entry]
    groups: dict[GroupKey, list[Entry]]
    labels: dict[tuple[str, str], str]  # (taxonomy, slug) → label, for listing titles
    excluded: int = 0  # drafts and scheduled records left out
    _units: dict[str, Entry] = field(default_factory=dict)
    _models: dict[str, Entry] = field(default_factory=dict)
    _group_positions: dict[GroupKey, dict[str, int]] = field(default_factory=dict)

    def unit(self, unit_id: str | None) -> Entry | None:
        return self._units.get(unit_id) if unit_id else None

    def model(self, slug: str) -> Entry | None:
        return self._models.get(slug)

    def group(self, kind: Kind, taxonomy: str, value: str) -> list[Entry]:
        return self.groups.get((kind, taxonomy, value), [])

    def terms(self, kind: Kind, taxonomy: str) -> list[tuple[Term, int]]:
        """Values of a taxonomy that have entries of `kind`, with counts, in Vietnamese order."""
        found = [
            (Term(value, self.labels[(taxonomy, value)]), len(entries))
            for (k, t, value), entries in self.groups.items()
            if k is kind and t == taxonomy
        ]
        if taxonomy == "year":
            return sorted(found, key=lambda pair: pair[0].slug, reverse=True)
        return sorted(found, key=lambda pair: sort_key(pair[0].label))

    def related(self, entry: Entry, limit: int = RELATED_LIMIT) -> list[Entry]:
        """Same-kind records sharing a unit, movement or category with `entry`, nearest to it in
        each group's order: the `limit` just before it (older news, models registered earlier),
        and when they are fewer, the nearest after it; newest first.

        As Vietnamese portals' "Các tin khác" (NukeViet's older and newer stories of the same
        topic): the block of an older story shows its time's stories, "Mới nhất" shows the
        newest. It also keeps an edit local: a story is in the blocks of the few records next
        to it, not (as when every block showed its group's newest) of most of its category."""
        older: dict[str, Entry] = {}
        newer: dict[str, Entry] = {}
        for key in _related_groups(entry):
            group = self.groups.get(key, [])
            at = self._positions(key).get(entry.url)
            if at is None:  # not published (the preview of a draft): where it would stand
                first_older = end_of_newer = bisect.bisect_right(group, recent_first_key(entry), key=recent_first_key)
            else:
                first_older, end_of_newer = at + 1, at
            # By URL, not identity: a caller may hold a fresh copy of an indexed record.
            older.update((other.url, other) for other in group[first_older: first_older + limit] if other.url != entry.url)
            newer.update((other.url, other) for other in group[max(0, end_of_newer - limit): end_of_newer]
                         if other.url != entry.url)
        chosen = sorted(older.values(), key=recent_first_key)[:limit]
        chosen += sorted(newer.values(), key=recent_first_key, reverse=True)[: limit - len(chosen)]
        return sorted(chosen, key=recent_first_key)

    def _positions(self, key: GroupKey) -> dict[str, int]:
        """Each record's place in a group, by URL (made once per group, when first asked)."""
        found = self._group_positions.get(key)
        if found is None:
            found = self._group_positions[key] = {other.url: i for i, other in enumerate(self.groups.get(key, []))}
        return found


def build_index(entries: list[Entry], now: dt.datetime) -> SiteIndex:
    published = [e for e in entries if e.is_published(now)]
    by_kind: dict[Kind, list[Entry]] = {kind: [] for kind in Kind}
    for entry in sorted(published, key=recent_first_key):
        by_kind[entry.kind].append(entry)
    by_kind[Kind.UNIT].sort(key=lambda e: sort_key(e.title))

    groups: dict[GroupKey, list[Entry]] = defaultdict(list)
    labels: dict[tuple[str, str], str] = {}
    for kind, kind_entries in by_kind.items():
        for entry in kind_entries:  # already in each group's final order
            for taxonomy, term in _memberships(entry):
                groups[(kind, taxonomy, term.slug)].append(entry)
                labels.setdefault((taxonomy, term.slug), term.label)

    return SiteIndex(
        now=now,
        by_kind=by_kind,
        by_url={e.url: e for e in published},
        groups=dict(groups),
        labels=labels,
        excluded=len(entries) - len(published),
        _units={e.slug: e for e in by_kind[Kind.UNIT]},
        _models={e.slug: e for e in by_kind[Kind.MODEL]},
    )


def _memberships(entry: Entry) -> Iterator[tuple[str, Term]]:
    """The (taxonomy, value) pairs an entry is listed under."""
    for name, term in entry.terms.items():
        yield name, term
    for tag in entry.tags:
        yield "tag", tag
    if entry.year is not None:
        yield "year", Term(str(entry.year), str(entry.year))
    fields = entry.fields
    if isinstance(fields, NewsFields):
        for unit in fields.units:
            yield "unit", Term(unit, unit)
        for model in fields.models:
            yield "model", Term(model, model)
    elif isinstance(fields, ModelFields):
        yield "unit", Term(fields.unit, fields.unit)
    elif isinstance(fields, CommendationFields):
        if fields.recipient.unit:
            yield "unit", Term(fields.recipient.unit, fields.recipient.unit)
        for model in fields.models:
            yield "model", Term(model, model)
    elif isinstance(fields, UnitFields) and fields.parent:
        yield "parent", Term(fields.parent, fields.parent)


def _related_groups(entry: Entry) -> list[GroupKey]:
    kind, fields = entry.kind, entry.fields
    keys: list[GroupKey] = []
    if isinstance(fields, NewsFields):
        keys += [(kind, "unit", unit) for unit in fields.units]
        keys.append((kind, "category", entry.terms["category"].slug))
    elif isinstance(fields, ModelFields):
        keys.append((kind, "unit", fields.unit))
        keys.append((kind, "movement", entry.terms["movement"].slug))
    elif isinstance(fields, CommendationFields):
        if fields.recipient.unit:
            keys.append((kind, "unit", fields.recipient.unit))
        keys.append((kind, "authority", entry.terms["authority"].slug))
    elif isinstance(fields, UnitFields) and fields.parent:
        keys.append((kind, "parent", fields.parent))
    return keys
