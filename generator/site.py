"""The pipeline: files → entries → site index → page plan → files in the docs tree.

Engine-neutral: a site engine (MkDocs today) only has to render the docs tree afterwards.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .catalogue import load_catalogue
from .cms import CmsSettings, admin_files
from .cms.files import find_bundle
from .docsfolder import collisions, scan_docs
from .glossary import Glossary, load_glossary
from .images import PhotoLibrary
from .images.cache import ImageCache, cache_root
from .index import SiteIndex, build_index
from .loader import read_sources
from .markup import BodyRenderer
from .outputs import OutputFile
from .pages import Planner
from .portal import Planned, Portal
from .problems import Problem, ValidationFailed, errors
from .rawhtml import sanitiser_warnings
from .records import Entry
from .schema import TIME_ZONE
from .siteinfo import SiteInfo
from .search_index import with_search_documents
from .validate import Known, validate
from .writer import WriteReport, write_pages


@dataclass(frozen=True)
class Project:
    root: Path
    entries_dir: Path
    docs_dir: Path
    site_name: str = ""
    site_url: str = ""  # public base URL, for feeds, sitemap, canonical and social links
    site_description: str = ""
    cms: CmsSettings | None = None  # the web editor at /admin/; None: no editor in the plan

    @classmethod
    def at(cls, root: Path, site_name: str = "", site_url: str = "") -> "Project":
        root = root.resolve()
        return cls(root, root / "entries", root / "docs", site_name, site_url)

    @property
    def site(self) -> SiteInfo:
        defaults = SiteInfo()
        return SiteInfo(self.site_name or defaults.name, self.site_url or defaults.url, self.site_description)


@dataclass(frozen=True)
class Checked:
    entries: list[Entry]
    problems: list[Problem]
    glossary: Glossary = field(default_factory=Glossary)

    @property
    def ok(self) -> bool:
        return not errors(self.problems)


@dataclass(frozen=True)
class Generated:
    index: SiteIndex
    problems: list[Problem]  # warnings only: errors stop generation
    report: WriteReport
    photo_sources: frozenset[str] = frozenset()  # originals under docs/ published only as variants


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
    glossary, glossary_problems = load_glossary(project.entries_dir)
    problems += glossary_problems
    docs = scan_docs(project.docs_dir, project.root)
    problems += docs.unsafe
    if catalogue is None:
        return Checked([], problems, glossary)
    known = Known.of(sources)
    entries, found = validate(sources, catalogue, project.docs_dir, known)
    found += collisions(entries, known.urls, docs.pages, project.docs_dir, project.root)
    if render_bodies:
        found += body_warnings(entries)
    return Checked(entries, problems + found, glossary)


def body_warnings(entries: list[Entry]) -> list[Problem]:
    renderer = BodyRenderer()
    warnings: list[Problem] = []
    for entry in entries:
        if "<" not in entry.body and "](" not in entry.body:
            continue  # nothing the sanitiser could remove
        rendered = renderer.render(entry.body, entry.url)
        warnings += sanitiser_warnings(entry.path, entry.body, entry.body_line, rendered.removed, rendered.external_sources)
    return warnings


def make_planner(project: Project, index: SiteIndex, glossary: Glossary | None = None, workers: int = 1) -> Planner:
    """The page planner for a project: its site name and address, its glossary."""
    if glossary is None:
        glossary = load_glossary(project.entries_dir)[0]
    photos = PhotoLibrary(project.docs_dir, ImageCache(cache_root(project.root)), workers)
    return Planner(index, project.site, glossary, workers, photos)


def plan_site(planner: Planner, project: Project) -> Iterator[Planned]:
    """Every generated page and file of the site: the planner's pages, the portal's, the editor's."""
    yield from Portal(planner, project.docs_dir).plan()
    yield from editor_files(project)


def editor_files(project: Project) -> Iterator[OutputFile]:
    """/admin/ (generator/cms/), when the project has an editor and Decap's bundle is installed."""
    bundle = find_bundle(project.root) if project.cms is not None else None
    if bundle is None:
        return
    catalogue, _ = load_catalogue(project.entries_dir)  # its problems are reported by check
    if catalogue is not None:
        yield from admin_files(project.cms, catalogue, project.site, bundle, project.docs_dir.name)


def generate(project: Project, now: dt.datetime | None = None, search_documents: Path | None = None,
             workers: int = 1) -> Generated:
    """Check, then write the generated pages; raises ValidationFailed before writing anything.

    With `search_documents`, each record's searchable article is also kept there as a small
    HTML document, for indexing while the site engine renders (see search_index.py).
    """
    checked = check(project)
    if not checked.ok:
        raise ValidationFailed(checked.problems)
    index = build_index(checked.entries, now or now_in_vietnam())
    planner = make_planner(project, index, checked.glossary, workers)
    planned = plan_site(planner, project)
    if search_documents is not None:
        planned = with_search_documents(planned, search_documents)
    report = write_pages(planned, project.docs_dir)
    photos = planner.photos.sources if planner.photos is not None else set()
    return Generated(index, checked.problems, report, frozenset(photos))
