"""Shared fixtures: a small valid project to break in tests, and the sample site built once."""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import shutil
import textwrap
from pathlib import Path
from typing import Callable

import pytest

from generator.engine import build_site
from generator.buildcache.store import TEMPLATE_CACHE_ENV
from generator.images.cache import CACHE_ENV
from generator.index import SiteIndex, build_index
from generator.portal import Portal
from generator.publish import FileLock
from generator.schema import TIME_ZONE
from generator.site import Project, check, make_planner
from generator.writer import BOOKKEEPING, previously_generated

REPO = Path(__file__).resolve().parent.parent
NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=TIME_ZONE)


class ProjectFiles:
    """A throw-away project folder: the repo's catalogue plus the entries a test writes."""

    def __init__(self, root: Path):
        self.root = root
        (root / "entries").mkdir(parents=True)
        (root / "docs" / "images").mkdir(parents=True)
        shutil.copy(REPO / "entries" / "danh-muc.yml", root / "entries" / "danh-muc.yml")

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.root / "entries" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, str):
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        else:
            path.write_bytes(text)
        return path

    def add_unit(self, unit_id: str = "so-gd-dt", name: str = "Đảng ủy Sở Giáo dục và Đào tạo") -> None:
        self.write(f"don-vi/{unit_id}.md", f"---\nid: {unit_id}\nname: {name}\nkind: Đảng bộ\n---\nMô tả.\n")

    def add_model(self, slug: str = "chuyen-doi-so", unit: str = "so-gd-dt", **extra: str) -> None:
        fields = {"title": f"Dân vận khéo trong chuyển đổi số ({slug})", "unit": unit, "movement": "Dân vận khéo", "year": "2024"}
        lines = [f"{key}: {value}" for key, value in {**fields, **extra}.items()]
        self.write(f"mo-hinh/{slug}.md", "---\n" + "\n".join(lines) + "\n---\nNội dung mô hình.\n")


def _shared_by_the_run(tmp_path_factory, variable: str, name: str):
    """Point `variable` at one folder for the whole run: both xdist workers and their
    subprocesses. A variable already set (by whoever runs the tests) is left as it is."""
    if variable in os.environ:
        yield
        return
    base = tmp_path_factory.getbasetemp()
    shared = (base.parent if "PYTEST_XDIST_WORKER" in os.environ else base) / name
    shared.mkdir(exist_ok=True)
    os.environ[variable] = str(shared)
    yield
    os.environ.pop(variable, None)


@pytest.fixture(scope="session", autouse=True)
def shared_image_cache(tmp_path_factory):
    """One processed-photo and share-card cache for every build of the run, as CI keeps
    `.cache/images/` between builds. Entries are keyed by the photo's bytes and the settings and
    renamed into place whole (generator/images/cache.py), so sharing changes no output. Without
    it each of the run's ~150 builds processed the sample's photos and drew its cards again."""
    yield from _shared_by_the_run(tmp_path_factory, CACHE_ENV, "shared-image-cache")


@pytest.fixture(scope="session", autouse=True)
def shared_template_cache(tmp_path_factory):
    """Compiled Jinja templates shared by every build of the run (generator/buildcache/store.py):
    each build of a fresh copy compiled Material's ~45 templates again."""
    yield from _shared_by_the_run(tmp_path_factory, TEMPLATE_CACHE_ENV, "shared-template-cache")


@pytest.fixture
def project(tmp_path: Path) -> ProjectFiles:
    return ProjectFiles(tmp_path / "project")


def shared_scope(fixture_name: str, config) -> str:
    """Module scope, except in mutmut's traced run ("stats"): it maps each function to the tests
    that call it, and a shared fixture's work would be mapped to whichever test first asked for
    it. Each mutant's run (a fresh process) shares the fixture again, as `make test` does."""
    return "function" if os.environ.get("MUTANT_UNDER_TEST") == "stats" else "module"


def plan_sample_portal(site_url: str) -> tuple[SiteIndex, list]:
    """The sample's index, and its portal's pages and files (feeds, open data, sitemap…) as the
    core plans them, without the engine."""
    project = Project.at(REPO, "Gương sáng Quảng Trị", site_url)
    checked = check(project)
    assert checked.ok, checked.problems
    index = build_index(checked.entries, NOW)
    return index, list(Portal(make_planner(project, index, checked.glossary), project.docs_dir).plan())


def github_build_cache_step() -> dict:
    """The step of .github/workflows/site.yml that restores the build cache before `make build`."""
    import yaml

    steps = yaml.safe_load((REPO / ".github" / "workflows" / "site.yml").read_text("utf-8"))["jobs"]["build"]["steps"]
    (restore,) = [step for step in steps if step.get("name") == "Restore the build cache"]
    return restore


def copy_sample(target: Path) -> Path:
    """Copy the repo's site sources to `target`; return its mkdocs.yml.

    Only what a clean clone holds: pages and files a local build generated in the repo's
    docs/ (its manifest lists them) are left behind, so every test starts as CI does.
    """
    target.mkdir(parents=True, exist_ok=True)
    for name in ("entries", "theme_overrides"):
        shutil.copytree(REPO / name, target / name)
    docs = REPO / "docs"
    generated = {posixpath.normpath(path) for path in previously_generated(docs)} | set(BOOKKEEPING)
    for path in sorted(docs.rglob("*")):
        relative = path.relative_to(docs).as_posix()
        if relative not in generated and path.is_file():
            (target / "docs" / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target / "docs" / relative)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return target / "mkdocs.yml"


def built_once(tmp_path_factory, name: str, build: Callable[[Path], Path]) -> Path:
    """`build(folder)`'s site, built once per test run even with several pytest-xdist workers.

    `make test` runs two workers (`-n 2`): the first to ask builds into a folder both share,
    under a lock, and the other waits and reads the same site (tests only read session sites).
    """
    if "PYTEST_XDIST_WORKER" not in os.environ:
        return build(tmp_path_factory.mktemp(name))
    shared = tmp_path_factory.getbasetemp().parent / f"shared-{name}"
    lock = FileLock(shared.parent / f"shared-{name}.lock")
    lock.acquire(wait=900, say=lambda message: None)
    try:
        done = shared / "built-site"
        if not done.exists():
            shutil.rmtree(shared, ignore_errors=True)
            shared.mkdir()
            done.write_text(str(build(shared)), "utf-8")
        return Path(done.read_text("utf-8"))
    finally:
        lock.release()


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The shipped sample, built once per test session with the real engine."""
    return built_once(tmp_path_factory, "sample", lambda root: build_site(copy_sample(root / "src"), root / "site"))


def add_news_series(entries: Path, count: int) -> None:
    """`count` short news records in one category, so its listings span several pages."""
    for number in range(1, count + 1):
        (entries / "tin-tuc" / f"tin-kiem-thu-so-{number:02d}.md").write_text(
            f'---\ntitle: "Tin kiểm thử số {number}: sinh hoạt chuyên đề học tập và làm theo Bác"\n'
            f"date: 2024-03-{number:02d} 09:00\ncategory: hoc-tap-va-lam-theo-bac\n"
            f'summary: "Tin kiểm thử số {number}, để danh sách tin có nhiều trang."\n---\n'
            f"Nội dung tin kiểm thử số {number}.\n",
            encoding="utf-8",
        )


@pytest.fixture(scope="session")
def audit_site(tmp_path_factory) -> Path:
    """The sample plus enough news for a second listing page: every page type the site has."""
    return built_once(tmp_path_factory, "audit", _build_audit_site)


def _build_audit_site(root: Path) -> Path:
    config = copy_sample(root / "src")
    entries = root / "src" / "entries"
    add_news_series(entries, 22)
    # What broke valid markup at scale: a quote in a description (a <meta> attribute), a body
    # heading whose anchor is the skip link's target word, a unit's external website.
    (entries / "tin-tuc" / "tin-kiem-thu-so-01.md").write_text(
        '---\ntitle: Tin có ngoặc kép\ndate: 2024-03-01 09:00\ncategory: hoc-tap-va-lam-theo-bac\n'
        'summary: \'Phong trào "Dân vận khéo" & <các> mô hình\'\n---\n## Nội dung\n\nBài viết.\n', encoding="utf-8")
    (entries / "don-vi" / "don-vi-co-trang-web.md").write_text(
        "---\nid: don-vi-co-trang-web\nname: Đảng bộ Có Trang Web\nkind: Đảng bộ\n"
        "website: https://www.example.org/don-vi/\n---\nMô tả.\n", encoding="utf-8")
    return build_site(config, root / "site")


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium (Debian's) for every browser test; each test opens its own pages."""
    from generator.audit.chromium import chromium

    with chromium() as instance:
        yield instance


@pytest.fixture(scope="session")
def sample_url(sample_site):
    """The sample site served on a free loopback port."""
    from generator.audit.chromium import serve

    with serve(sample_site) as url:
        yield url


# Pagefind 1.5 writes its filter indexes (and the files naming them by hash) in hash-map order,
# which varies between runs (Pagefind/pagefind#638); everything else a build writes is stable.
UNSTABLE_OUTPUTS = ("pagefind/filter/", "pagefind/pagefind.", "pagefind/pagefind-entry.json")


def stable_digest(site: Path) -> dict[str, str]:
    """Path → SHA-256 of every file of a built site that two builds of one input must share."""
    import hashlib

    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*"))
            if p.is_file() and not p.relative_to(site).as_posix().startswith(UNSTABLE_OUTPUTS)}


def index_of(files, now=NOW):
    checked = check(Project.at(files.root))
    assert checked.ok, checked.problems
    return build_index(checked.entries, now)


@pytest.fixture
def small(project):
    """The index of a small project: two units, two models, a news item, a commendation, a draft."""
    project.add_unit()
    project.write("don-vi/con.md", "---\nid: con\nname: Chi bộ Ấp Bắc\nkind: Chi bộ\nparent: so-gd-dt\n---\n")
    project.add_model(tags="[Chuyển đổi số]")
    project.add_model("cu", unit="con", year="2022")
    project.write(
        "tin-tuc/a.md",
        "---\ntitle: Tin A\ndate: 2024-05-01 08:00\ncategory: dan-van\nunits: [so-gd-dt, con]\n"
        "models: [chuyen-doi-so]\ntags: [Chuyển đổi số]\n---\n",
    )
    project.write(
        "khen-thuong/bk.md",
        "---\ntitle: Bằng khen\nrecipient: {name: Chi bộ Ấp Bắc, kind: Tập thể, unit: con}\nform: Bằng khen\n"
        "authority: UBND tỉnh\nyear: 2023\nmodels: [cu]\n---\n",
    )
    project.write("tin-tuc/nhap.md", "---\ntitle: Nháp\ndate: 2024-01-01\ncategory: dan-van\ndraft: true\n---\n")
    return index_of(project)


# `make test` gives whole files to two pytest-xdist workers (--dist loadfile) in collection order
# (--no-loadscope-reorder: xdist's default orders files by their number of tests, which sent the
# few-but-long build files last and left one worker alone with them at the end). Longest first,
# and the many short files fill the gaps: per-file times of a full run (`--junitxml`), longest
# first; a file not listed keeps its place after these.
LONGEST_FIRST = (
    "test_buildcache.py", "test_search_browser.py", "test_audit.py", "test_preview_errors.py",
    "test_cms_browser.py", "test_publishing.py", "test_parallel.py", "test_atomic_build.py",
    "test_cms.py", "test_hostile_input.py", "test_unpublishing.py", "test_escaping_properties.py",
    "test_photos_browser.py", "test_escaping.py", "test_build.py", "test_preview.py",
)


def pytest_collection_modifyitems(config, items) -> None:
    rank = {name: place for place, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: the rest keep their order
