"""The pipeline: files → entries → site index → page plan → files in the docs tree.

Engine-neutral: a site engine (MkDocs today) only has to render the docs tree afterwards.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .catalogue import load_catalogue
from .index import SiteIndex, build_index
from .loader import read_sources
from .pages import Planner
from .problems import Problem, ValidationFailed, errors
from .records import Entry
from .schema import TIME_ZONE
from .validate import validate
from .writer import WriteReport, write_pages


@dataclass(frozen=True)
class Project:
    root: Path
    entries_dir: Path
    docs_dir: Path
    site_name: str = ""

    @classmethod
    def at(cls, root: Path, site_name: str = "") -> "Project":
        root = root.resolve()
        return cls(root, root / "entries", root / "docs", site_name)


@dataclass(frozen=True)
class Checked:
    entries: list[Entry]
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not errors(self.problems)


@dataclass(frozen=True)
class Generated:
    index: SiteIndex
    problems: list[Problem]  # warnings only: errors stop generation
    report: WriteReport


def now_in_vietnam() -> dt.datetime:
    return dt.datetime.now(TIME_ZONE)


def check(project: Project) -> Checked:
    """Load and validate every entry; never raises on bad input, returns every problem."""
    catalogue, problems = load_catalogue(project.entries_dir)
    sources, read_problems = read_sources(project.entries_dir, project.root)
    problems += read_problems
    if catalogue is None:
        return Checked([], problems)
    entries, found = validate(sources, catalogue, project.docs_dir)
    return Checked(entries, problems + found)


def generate(project: Project, now: dt.datetime | None = None) -> Generated:
    """Check, then write the generated pages; raises ValidationFailed before writing anything."""
    checked = check(project)
    if not checked.ok:
        raise ValidationFailed(checked.problems)
    index = build_index(checked.entries, now or now_in_vietnam())
    report = write_pages(Planner(index, project.site_name).pages(), project.docs_dir)
    return Generated(index, checked.problems, report)
