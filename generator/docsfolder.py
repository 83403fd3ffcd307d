"""What `check` must know of `docs/`, the folder of hand-written pages and files, and of the
theme's folder (`theme_overrides/`, Material's custom_dir).

The site engine copies every file of both into the site, following symlinks (and the theme's
templates can include any file of theirs): a link to a file outside the repository
(`docs/x.txt -> /etc/passwd`) would be published. And a
hand-written page at the URL of a generated one makes the build fail (or, for `x.md` beside a
generated `x/index.md`, one page silently replaces the other). `check` reports both, so
whatever the build would reject is known before building.
"""

from __future__ import annotations

import json
import os
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .feeds import FEED_DIR
from .images.library import body_image_sources
from .loader import Kind, refused_problem
from .opendata import DATA_DIR
from .portal import STATS_PAGE
from .problems import Problem
from .records import Entry
from .safefiles import walk_published
from .search import SEARCH_URL
from .taxonomies import PAGINATION_SEGMENT, TAXONOMIES
from .writer import MANIFEST, PENDING


@dataclass(frozen=True)
class DocsFolder:
    unsafe: list[Problem]  # files the engine must not publish
    pages: dict[str, str]  # URL → docs path of every hand-written page

    def images_shown(self, docs_dir: Path) -> frozenset[str]:
        """The files under docs/ (paths relative to it) that hand-written pages show as
        Markdown images: published as they are, as MkDocs publishes them (the maintainers'
        pages, like the editors' guide's screenshots; editors' photos go through records)."""
        shown = set()
        for page in self.pages.values():
            try:
                text = (docs_dir / page).read_text("utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            for _, src in body_image_sources(text):
                if "://" in src or src.startswith("//"):
                    continue
                path = src.lstrip("/") if src.startswith("/") else posixpath.join(posixpath.dirname(page), src)
                shown.add(posixpath.normpath(path))
        return frozenset(shown)


def scan_docs(docs_dir: Path, root: Path) -> DocsFolder:
    """One walk over `docs/`: unsafe files, and the hand-written pages (those the generator did
    not write, by its manifest)."""
    if not docs_dir.is_dir():
        return DocsFolder([], {})
    found: list[str] = []
    start = len(str(docs_dir)) + 1

    def visit(entry: os.DirEntry) -> None:
        if entry.name.endswith(".md"):
            found.append(entry.path[start:].replace(os.sep, "/"))

    unsafe = _refused(walk_published(docs_dir, root, visit), root)
    # Read after the walk, the pending list before the manifest: a preview or build writing
    # docs/ meanwhile lists a page as pending before writing it, and unlists it only once the
    # manifest holds it, so a page the walk saw is in one of the two (read in the other order,
    # before the walk, a page written meanwhile was taken for a hand-written one at a
    # generated address: `check` run beside `cms serve` failed so).
    generated: set[str] = set()
    try:  # pages a killed build wrote before its manifest (see writer.py)
        generated |= set((docs_dir / PENDING).read_text("utf-8").splitlines())
    except OSError:
        pass
    try:
        generated |= set(json.loads((docs_dir / MANIFEST).read_text("utf-8")))
    except (OSError, ValueError):
        pass
    generated = {posixpath.normpath(name) for name in generated}  # "tin-tuc//index.md" from older builds
    pages: dict[str, str] = {}
    for name in found:
        if name in generated or any(part.startswith("_") for part in name.split("/")):
            continue
        base = name.rsplit("/", 1)[-1]
        if base in ("index.md", "README.md"):
            pages[name[: -len(base)]] = name
        else:
            pages[name[: -len(".md")] + "/"] = name
    return DocsFolder(unsafe, pages)


def scan_theme(theme_dirs: Iterable[Path], root: Path) -> list[Problem]:
    """What the engine must not copy from the theme's folders: the same refusals as in docs/,
    hidden files included (a template can include them)."""
    problems: list[Problem] = []
    for folder in theme_dirs:
        # A theme kept outside the project (custom_dir: ../theme) is the configuration's
        # choice; links must then stay inside that folder.
        inside = root if folder.is_relative_to(root) else folder
        problems += _refused(walk_published(folder, inside, hidden=True), root)
    return problems


def _refused(found: Iterable[tuple[Path, str]], root: Path) -> list[Problem]:
    return [refused_problem(path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix(), reason)
            for path, reason in found]


def _generated_urls(entries: Iterable[Entry], record_urls: dict[str, str]) -> dict[str, str]:
    """URL → what generates it, for the pages records and their values produce.

    `record_urls` holds the pages of records with mistakes of their own too, so a collision is
    reported in the same run as those mistakes."""
    urls = {"": "trang chủ", FEED_DIR: "trang RSS", DATA_DIR: "trang Dữ liệu mở", STATS_PAGE: "trang Thống kê",
            SEARCH_URL: "trang Tìm kiếm"}
    urls.update({f"{kind.value}/": f"trang {kind.label}" for kind in Kind})
    urls.update(record_urls)
    taxonomies = {kind: [t for t in TAXONOMIES if t.kind is kind] for kind in Kind}
    for entry in entries:
        urls[entry.url] = entry.path
        for taxonomy in taxonomies[entry.kind]:
            if taxonomy.name == "year":
                value = str(entry.year) if entry.year is not None else None
            else:
                term = entry.terms.get(taxonomy.name)
                value = term.slug if term else None
            if value:
                urls.setdefault(taxonomy.term_url(value), f"trang danh sách {taxonomy.label} ({entry.path})")
        for tag in entry.tags:
            urls.setdefault(f"the/{tag.slug}/", f"trang thẻ “{tag.label}” ({entry.path})")
    return urls


def collisions(entries: list[Entry], record_urls: dict[str, str], pages: dict[str, str],
               docs_dir: Path, root: Path) -> list[Problem]:
    """Hand-written `pages` at the URL of a generated page (or of a page of a generated listing)."""
    if not pages:
        return []
    generated = _generated_urls(entries, record_urls)
    problems = []
    shown_docs = docs_dir.relative_to(root).as_posix() if docs_dir.is_relative_to(root) else docs_dir.as_posix()
    for url, name in sorted(pages.items()):
        owner = generated.get(url)
        if owner is None and f"/{PAGINATION_SEGMENT}/" in f"/{url}":
            listing = f"/{url}".split(f"/{PAGINATION_SEGMENT}/")[0].lstrip("/")
            owner = generated.get(f"{listing}/" if listing else "")
        if owner is not None:
            problems.append(Problem(
                f"{shown_docs}/{name}", 1, "",
                f"trang viết tay này có cùng địa chỉ /{url} với trang sinh tự động ({owner}); "
                "hãy đổi tên tệp viết tay hoặc đổi slug của bài."))
    return problems
