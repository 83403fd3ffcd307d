"""Which pages an edit touches: the last build's page plan, kept to plan only those again.

Planning every record page again costs as much as a third of a cold build, though one edited
record changes only its own page and the pages that show it as a teaser (listings, related
blocks, its unit's page; record pages' "Mới nhất" comes from one file, views.LATEST_FILE). So
each build keeps, per record and listing page: its URL, its sitemap date, the records it shows
(`Page.shows`), the digest and stat of its file in docs/. The next build plans again only the
pages showing an edited record, and keeps the others' files as they are, when all of this holds
(else it plans everything):

- the same inputs but the records (code, configuration, theme, hand-written pages, the
  catalogue and glossary files: `key`);
- the same structure of the site index (`structure`): which records are published, in which
  order, in which groups, and what picks the front page's stories; so every page shows the
  same records as before, and only what it shows of them can change;
- only news records edited: a unit's or a model's title is also printed beside other
  records' teasers and in their cards, which `shows` does not follow; a news record is shown
  elsewhere only as its teaser, so an edit that keeps the teaser (the body) touches its page;
- every kept page's file in docs/ as the last build left it (same size and modification
  time: `mkdocs serve` and the preview write there without this cache) and its search
  document still there.

The ledger is removed before docs/ is written and written again right after, so it never
describes a docs tree half-written by a killed build.
"""

from __future__ import annotations

import os
import pickle
from dataclasses import dataclass
from pathlib import Path

from ..index import SiteIndex
from ..loader import Kind
from ..portal import PagePlan
from ..writer import file_stat
from . import pickles
from .fingerprint import combine

PLAN = "plan.pickle"
FORMAT = 2  # 2: with `files`


@dataclass
class PlanLedger:
    key: str
    structure: str
    # record URL → (digest of its source file (None: unknown), digest of its teaser)
    records: dict[str, tuple[str | None, str]]
    pages: dict[str, PagePlan]  # docs path → the page as planned, with the digest of its file
    stats: dict[str, tuple[int, int]]  # docs path → (size, modification time in ns) of its file
    files: dict[str, tuple[int, int]]  # the same for each generated file that is not a page (feeds)

    def only_news_edited(self, key: str, structure: str, digests: dict[str, str | None], kinds: dict[str, Kind]) -> bool:
        """Whether this plan holds for a build whose record sources have `digests` (record URL →
        digest, None: unknown), but for the pages showing the news records edited since."""
        if key != self.key or structure != self.structure or digests.keys() != self.records.keys():
            return False
        return all(kinds[url] is Kind.NEWS for url, digest in digests.items()
                   if digest is None or digest != self.records[url][0])

    def edited(self, records: dict[str, tuple[str | None, str]]) -> set[str]:
        """URLs of the records whose source changed since (or is unknown)."""
        return {url for url, (digest, _) in records.items() if digest is None or digest != self.records[url][0]}

    def touched(self, key: str, structure: str, records: dict[str, tuple[str | None, str]], kinds: dict[str, Kind],
                docs_dir: Path, search_documents: Path | None) -> set[str] | None:
        """URLs of the record and listing pages to plan again, or None: plan everything.

        An edit that leaves a record's teaser as it was (its body, most often) touches its own
        page only; other pages show a record only through its teaser."""
        if not self.only_news_edited(key, structure, {url: digest for url, (digest, _) in records.items()}, kinds):
            return None
        edited = self.edited(records)
        teasers = {url for url in edited if records[url][1] != self.records[url][1]}
        replan = set(edited)
        for path, page in self.pages.items():
            if page.shows & teasers:
                replan.add(page.url)
                continue
            if not _unchanged(docs_dir / path, self.stats.get(path)):
                return None
            if page.searchable and (search_documents is None or not (search_documents / page.url / "index.html").is_file()):
                return None
        return replan


def _unchanged(path: Path, stat: tuple[int, int] | None) -> bool:
    return stat is not None and file_stat(path) == stat


def structure_digest(index: SiteIndex, photo_of) -> str:
    """What decides which records each page shows: membership and order of every list and
    group, group labels, and the front page's picks (featured records, records with a photo)."""
    def urls(entries) -> list[str]:
        return [entry.url for entry in entries]

    picks = [(entry.url, bool(getattr(entry.fields, "featured", False)), photo_of(entry) is not None)
             for kind in (Kind.NEWS, Kind.MODEL) for entry in index.by_kind[kind]]
    return combine(
        {kind.value: urls(entries) for kind, entries in index.by_kind.items()},
        {"/".join((kind.value, taxonomy, value)): urls(entries) for (kind, taxonomy, value), entries in index.groups.items()},
        {"/".join(key): label for key, label in index.labels.items()},
        index.excluded,
        picks,
    )


def load(folder: Path) -> PlanLedger | None:
    try:
        found = pickles.load(folder / PLAN)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
        return None
    if not isinstance(found, tuple) or len(found) != 2 or found[0] != FORMAT:
        return None
    return found[1]


def forget(folder: Path) -> None:
    (folder / PLAN).unlink(missing_ok=True)


def save(folder: Path, ledger: PlanLedger) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    staged = folder / (PLAN + ".tmp")
    with open(staged, "wb") as out:
        pickle.dump((FORMAT, ledger), out, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(staged, folder / PLAN)
