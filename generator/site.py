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
from .markup import BodyRenderer
from .pages import Planner
from .problems import Problem, ValidationFailed, errors
from .rawhtml import sanitiser_warnings
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


def check(project: Project, render_bodies: bool = False) -> Checked:
    """Load and validate every entry; never raises on bad input, returns every problem.

    With `render_bodies`, bodies that may hold raw HTML or images are rendered too, to warn
    about what the sanitiser removes (see rawhtml.py).
    """
    catalogue, problems = load_catalogue(project.entries_dir)
    sources, read_problems = read_sources(project.entries_dir, project.root)
    problems += read_problems
    if catalogue is None:
        return Checked([], problems)
    entries, found = validate(sources, catalogue, project.docs_dir)
    if render_bodies:
        found += body_warnings(entries)
    return Checked(entries, problems + found)


def body_warnings(entries: list[Entry]) -> list[Problem]:
    renderer = BodyRenderer()
    warnings: list[Problem] = []
    for entry in entries:
        if "<" not in entry.body and "](" not in entry.body:
            continue  # nothing the sanitiser could remove
        rendered = renderer.render(entry.body, entry.url)
        warnings += sanitiser_warnings(entry.path, entry.body, entry.body_line, rendered.removed, rendered.external_sources)
    return warnings


def generate(project: Project, now: dt.datetime | None = None) -> Generated:
    """Check, then write the generated pages; raises ValidationFailed before writing anything."""
    checked = check(project)
    if not checked.ok:
        raise ValidationFailed(checked.problems)
    index = build_index(checked.entries, now or now_in_vietnam())
    report = write_pages(Planner(index, project.site_name).pages(), project.docs_dir)
    return Generated(index, checked.problems, report)
