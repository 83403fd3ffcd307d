"""The pipeline: files → entries → site index → page plan → files in the docs tree.

Engine-neutral: a site engine (MkDocs today) only has to render the docs tree afterwards.
"""

from __future__ import annotations

import datetime as dt
import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Protocol

from jinja2 import BytecodeCache

from .catalogue import load_catalogue
from .cms import CmsSettings, admin_files
from .cms.files import find_bundle
from .docsfolder import collisions, scan_docs, scan_theme
from .glossary import Glossary, load_glossary
from .images import CheckedPhotos, PhotoLibrary
from .images.cache import ImageCache, cache_root
from .images.library import image_sources, withheld_files
from .index import SiteIndex, build_index
from .loader import MAX_FILE_BYTES, Kind, entry_files, read_source, read_sources
from .markup import BodyRenderer
from .outputs import OutputFile
from .pages import Planner
from .portal import Planned, Portal
from .buildcache.fingerprint import combine
from .buildcache.plan import PlanLedger, structure_digest
from .problems import Problem, ValidationFailed, errors
from .rawhtml import sanitiser_warnings
from .records import Entry
from .schema import TIME_ZONE
from .siteinfo import SiteInfo
from .search_index import with_search_documents
from .safefiles import FileRefused, markdown_files, read_limited
from .validate import Known, _check_references, _check_unique, _check_unit_parents, _validate_one, validate
from .yamlfile import YamlError
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
    # Folders of templates and static files the site engine copies from besides docs_dir
    # (Material's custom_dir): checked for links leaving the project, as docs_dir is.
    theme_dirs: tuple[Path, ...] = ()

    @classmethod
    def at(cls, root: Path, site_name: str = "", site_url: str = "", docs: str = "docs",
           theme_dirs: tuple[str, ...] = (), entries: str = "entries") -> "Project":
        root = root.resolve()
        return cls(root, root / entries, root / docs, site_name, site_url,
                   theme_dirs=tuple(root / folder for folder in theme_dirs))

    @property
    def media_dir(self) -> Path:
        """Where editors put photos (`extra.cms.media_folder`, docs/images/)."""
        return self.docs_dir / (self.cms or CmsSettings()).public_folder(self.docs_dir.name)

    @property
    def site(self) -> SiteInfo:
        defaults = SiteInfo()
        return SiteInfo(self.site_name or defaults.name, self.site_url or defaults.url, self.site_description)


@dataclass(frozen=True)
class Checked:
    entries: list[Entry]
    problems: list[Problem]
    glossary: Glossary = field(default_factory=Glossary)
    page_images: frozenset[str] = frozenset()  # files under docs/ hand-written pages show

    @property
    def ok(self) -> bool:
        return not errors(self.problems)


@dataclass(frozen=True)
class Generated:
    index: SiteIndex
    problems: list[Problem]  # warnings only: errors stop generation
    report: WriteReport
    # Files under docs/ never published as they are (images/library.py: withheld_files).
    withheld_files: frozenset[str] = frozenset()
    next_publication: dt.datetime | None = None  # when the next scheduled record goes public
    planned_again: int | None = None  # record and listing pages re-planned; None: every page


class EntryMemo(Protocol):
    """Validated files from earlier builds, by path and content (buildcache.BuildCache)."""

    def known_entry(self, shown: str, raw: bytes) -> tuple[Entry | None, list[Problem]] | None: ...
    # The same for a file whose stat shows it unchanged since the last build, without reading it.
    def unchanged_entry(self, shown: str, relative: str, path: Path) -> tuple[Entry | None, list[Problem]] | None: ...
    def remember_entry(self, shown: str, raw: bytes, result: tuple[Entry | None, list[Problem]]) -> None: ...
    def forget_entries_except(self, shown: set[str]) -> None: ...
    def body_renderer(self, glossary: dict[str, str], photos: PhotoLibrary | None = None) -> BodyRenderer: ...
    # The last build's page plan (buildcache/plan.py), so an edit re-plans only what it touches.
    def plan_key(self, records: set[str]) -> str: ...
    def record_digest(self, path: str) -> str | None: ...
    def page_plan(self) -> PlanLedger | None: ...
    def forget_page_plan(self) -> None: ...
    def keep_page_plan(self, ledger: PlanLedger) -> None: ...
    def compiled_templates(self) -> BytecodeCache: ...


def now_in_vietnam() -> dt.datetime:
    return dt.datetime.now(TIME_ZONE)


def check(project: Project, render_bodies: bool = False, memo: EntryMemo | None = None) -> Checked:
    """Load and validate every entry; never raises on bad input, returns every problem.

    With `render_bodies`, bodies that may hold raw HTML or images are rendered too, to warn
    about what the sanitiser removes (see rawhtml.py). With a `memo`, files read before with
    the same bytes are not parsed again.
    """
    catalogue, problems = load_catalogue(project.entries_dir)
    if memo is not None and catalogue is not None and not render_bodies:
        checked = _check_with_memo(project, catalogue, problems, memo)
        if checked is not None:
            return checked
    sources, read_problems = read_sources(project.entries_dir, project.root)
    problems += read_problems
    glossary, glossary_problems = load_glossary(project.entries_dir)
    problems += glossary_problems
    docs = scan_docs(project.docs_dir, project.root)
    problems += docs.unsafe + scan_theme(project.theme_dirs, project.root)
    if catalogue is None:
        return Checked([], problems, glossary)
    known = Known.of(sources)
    photos = CheckedPhotos(cache_root(project.root))
    entries, found = validate(sources, catalogue, project.docs_dir, known, photos)
    photos.save()
    found += collisions(entries, known.urls, docs.pages, project.docs_dir, project.root)
    if render_bodies:
        found += body_warnings(entries)
    return Checked(entries, problems + found, glossary, docs.images_shown(project.docs_dir))


def _check_with_memo(project: Project, catalogue, problems: list[Problem], memo: EntryMemo) -> Checked | None:
    """`check`, file by file through the memo, for a site whose files are all valid.

    Files are validated one by one (references between them are checked afterwards, among
    the valid ones), so the result is the plain `check`'s only when nothing is wrong: None
    when any file is refused, unreadable or has an error, and then the plain `check` reports
    every problem, in its order and words."""
    entries: list[Entry] = []
    found: list[Problem] = []
    seen: set[str] = set()
    photos = CheckedPhotos(cache_root(project.root))
    for listed in markdown_files(project.entries_dir, project.root):
        if listed.refused:
            return None
        path = listed.path
        shown = path.relative_to(project.root).as_posix()
        relative = path.relative_to(project.entries_dir)
        seen.add(shown)
        result = memo.unchanged_entry(shown, relative.as_posix(), path)  # without reading it
        if result is None:
            try:  # a FIFO swapped in since the listing must not hang the build either
                raw = read_limited(path, project.root, MAX_FILE_BYTES, links_checked=True)
            except FileRefused:
                return None
            result = memo.known_entry(shown, raw)
        if result is None:
            try:
                kind = Kind(relative.parts[0]) if len(relative.parts) > 1 else None
            except ValueError:
                kind = None
            if kind is None:
                return None
            try:
                source = read_source(raw, shown, kind)
            except YamlError:
                return None
            result = _validate_one(source, catalogue, project.docs_dir, photos=photos)
            memo.remember_entry(shown, raw, result)
        entry, problems_of_file = result
        if entry is None or errors(problems_of_file):
            return None
        found += problems_of_file
        entries.append(entry)
    memo.forget_entries_except(seen)
    photos.save()
    glossary, glossary_problems = load_glossary(project.entries_dir)
    docs = scan_docs(project.docs_dir, project.root)
    # What validate() checks across files, from the valid entries (all of them, here).
    known = Known(urls={entry.url: entry.path for entry in entries},
                  unit_files={entry.slug: entry for entry in entries if entry.kind is Kind.UNIT})  # type: ignore[misc]
    found += _check_unique(entries) + _check_references(entries) + _check_unit_parents(known)
    found += collisions(entries, known.urls, docs.pages, project.docs_dir, project.root)
    unsafe = docs.unsafe + scan_theme(project.theme_dirs, project.root)
    checked = Checked(entries, problems + glossary_problems + unsafe + found, glossary, docs.images_shown(project.docs_dir))
    return checked if checked.ok else None


def next_publication(entries: list[Entry], now: dt.datetime) -> dt.datetime | None:
    """When the earliest scheduled (future-dated, not draft) record goes public."""
    due = [e.published_at for e in entries
           if not e.fields.draft and e.published_at is not None and e.published_at > now]
    return min(due, default=None)


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


def plan_site(planner: Planner, project: Project, portal: Portal | None = None) -> Iterator[Planned]:
    """Every generated page and file of the site: the planner's pages, the portal's, the editor's."""
    yield from (portal or Portal(planner, project.docs_dir)).plan()
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
             workers: int = 1, memo: EntryMemo | None = None) -> Generated:
    """Check, then write the generated pages; raises ValidationFailed before writing anything.

    With `search_documents`, each record's searchable article is also kept there as a small
    HTML document, for indexing while the site engine renders (see search_index.py).
    """
    checked = check(project, memo=memo)
    if not checked.ok:
        raise ValidationFailed(checked.problems)
    now = now or now_in_vietnam()
    index = build_index(checked.entries, now)
    planner = make_planner(project, index, checked.glossary, workers)
    portal = Portal(planner, project.docs_dir)
    ledger = replan = None
    if memo is not None:  # bodies rendered by earlier builds are read back, not rendered again
        planner.bodies = memo.body_renderer(checked.glossary.terms, planner.photos)
        planner.env.bytecode_cache = memo.compiled_templates()
        ledger = _page_plan(memo, project, checked.entries, index, planner, search_documents)
        if ledger.previous is not None:
            replan = ledger.previous.touched(ledger.key, ledger.structure, ledger.records, ledger.kinds,
                                             project.docs_dir, search_documents)
            if replan is not None:
                portal = Portal(planner, project.docs_dir, replan, ledger.previous.pages,
                                ledger.previous.edited(ledger.records), ledger.previous.files)
        memo.forget_page_plan()  # until docs/ is written whole
    planned = plan_site(planner, project, portal)
    if search_documents is not None:
        planned = with_search_documents(planned, search_documents)
    kept_stats = {**ledger.previous.stats, **ledger.previous.files} if ledger is not None and ledger.previous is not None else None
    report = write_pages(planned, project.docs_dir, kept_stats)
    if memo is not None and ledger is not None:
        pages = {path: dataclasses.replace(page, digest=report.sources[path][0])
                 for path, page in portal.planned.items()}
        stats = {path: report.sources[path][1] for path in pages}
        memo.keep_page_plan(PlanLedger(ledger.key, ledger.structure, ledger.records, pages, stats, report.files))
    return Generated(index, checked.problems, report, frozenset(_withheld_files(project, checked, index, planner)),
                     next_publication(checked.entries, now), len(replan) if replan is not None else None)


def _withheld_files(project: Project, checked: Checked, index: SiteIndex, planner: Planner) -> set[str]:
    """Photo originals (published as variants only), the media folder, unpublished records'
    images; not what a hand-written page shows: the maintainers chose it, and their page would
    show it broken."""
    published = {id(entry) for entry in index.by_url.values()}
    shown, hidden = [], []
    for entry in checked.entries:
        (shown if id(entry) in published else hidden).extend(image_sources(entry.fields, entry.body))
    photos = planner.photos.sources if planner.photos is not None else set()
    return (photos | withheld_files(project.docs_dir, project.media_dir, shown, hidden)) - checked.page_images


@dataclass
class _PlanInputs:
    key: str
    structure: str
    records: dict[str, tuple[str | None, str]]
    kinds: dict[str, Kind]
    previous: PlanLedger | None


def _page_plan(memo: EntryMemo, project: Project, entries: list[Entry], index: SiteIndex, planner: Planner,
               search_documents: Path | None) -> _PlanInputs:
    """This build's side of buildcache/plan.py: what the plan depends on, and the last plan."""
    prefix = project.entries_dir.relative_to(project.root).as_posix() + "/"
    files = {entry.path: entry.path[len(prefix):] for entry in entries if entry.path.startswith(prefix)}
    planner.prepare_images()  # teasers show photos: none may be made before
    digests = {entry.url: memo.record_digest(files[entry.path]) if entry.path in files else None
               for entry in index.by_url.values()}
    kinds = {entry.url: entry.kind for entry in index.by_url.values()}
    # Photos are named by content, so the plan depends on the library as the index does.
    structure = structure_digest(index, planner.views.photo_of)
    key = memo.plan_key(set(files.values()))
    previous = memo.page_plan()
    # When the last plan holds for all but some news records, an unchanged record's teaser is
    # the one the last plan digested (it depends on the record, `key` and `structure` alone):
    # digesting 10,000 teasers again was a tenth of the core's work after one edit.
    carried = previous.records if previous is not None and previous.only_news_edited(key, structure, digests, kinds) else {}
    records: dict[str, tuple[str | None, str]] = {}
    for entry in index.by_url.values():
        digest = digests[entry.url]
        before = carried.get(entry.url)
        if digest is not None and before is not None and before[0] == digest:
            records[entry.url] = before
        else:
            records[entry.url] = (digest, combine(planner.views.teaser(entry)))
    return _PlanInputs(key, structure, records, kinds, previous)
