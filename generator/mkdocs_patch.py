"""After edits to records only: the previous site patched instead of rebuilt (the MkDocs side).

When the build cache says that nothing but records changed since the site in place was built
(same code, theme, configuration and hand-written files: `BuildCache.pages_reusable`), the
output of every source that did not change is the one the previous site holds. MkDocs would
still look at each of the 23,000 files in docs/ at 10,000 records, copy 10,000 static files and
have 13,000 pages checked against the cache: more than half the CPU of a build after one edit.
So the files whose output is known are marked excluded in MkDocs' file list (links to them
still resolve, as for the held-out pages of mkdocs_generated.py) and their outputs are
hard-linked from the previous site into the new staging folder; MkDocs renders and copies the
rest as in any build, into files of their own (never into a linked file, which the published
site shares). Kept:

- generated pages outside the navigation whose source has the digest it had when the previous
  site rendered it (the same rule as `BuildCache.reusable_page`);
- generated files with the bytes of the previous site's copy (feeds, open data, sitemap,
  photo variants: these are most often the very same file, hard-linked);
- the theme's static files and hand-written static files (their inputs did not change).

Rendered again: changed generated pages, the pages in the navigation (every page prints the
navigation's titles, which may come from them), hand-written pages (few, and their links may
lead to pages added or removed), MkDocs' own templates (404.html). The search index is the
plugin's (it replaces the bundle whole). The staging folder is then swapped in as always.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from mkdocs.structure.files import File, Files, InclusionLevel

from .images.library import named_by_content
from .publish.links import link_files
from .publish.spare import fill_from_spare


@dataclass(frozen=True)
class Patch:
    kept_pages: dict[str, str]  # source path of each page kept → digest of its source
    kept_files: int  # outputs reused from the previous site, pages included
    kept_sources: frozenset[str]  # source paths of every output kept, pages or not


def nav_paths(nav: Any) -> set[str] | None:
    """The pages an explicit `nav:` configuration lists, each with its title; None when a page's
    title in the navigation is its own (MkDocs' automatic navigation, or an entry without a
    title): every page prints the navigation, so any page could change with that page."""
    if nav is None:
        return None
    found: set[str] = set()

    def walk(item: Any, titled: bool) -> bool:
        if isinstance(item, str):
            if "://" not in item:  # links out of the site are no page
                found.add(posixpath.normpath(item.lstrip("/")))
            return titled
        if isinstance(item, dict):
            return all(walk(value, True) for value in item.values())
        if isinstance(item, list):
            return all(walk(value, False) for value in item)
        return False

    return found if walk(nav, False) else None


def patch_files(files: Files, config, previous_site: Path, generated: set[str], sources: Mapping[str, str],
                rendered: Mapping[str, str], bundle: str, previous_inodes: Mapping[str, int] | None = None) -> Patch | None:
    """Keep in the staging folder (`config.site_dir`) the previous site's output of every file
    that did not change, and take those files out of MkDocs' work.

    `generated`: the paths in docs/ the core wrote; `sources`: the digest of each generated
    page's source as just written; `rendered`: the digest of each page's source when the
    previous site rendered it. `bundle`: the search index's folder, which is not MkDocs'.
    `previous_inodes`: path → inode of each file of the previous site, from a walk made by this
    build: the staging folder then starts from the site it replaced (publish/spare.py).
    None (nothing done) when the navigation's titles are not all in the configuration."""
    in_nav = nav_paths(config.nav)
    if in_nav is None:
        return None
    docs_dir = os.path.normpath(config.docs_dir)
    kept_pages: dict[str, str] = {}
    kept: dict[str, File] = {}  # destination → file
    for file in files:
        if not file.inclusion.is_included() or file.dest_uri.split("/", 1)[0] == bundle:
            continue
        if file.src_dir is None or os.path.normpath(file.src_dir) != docs_dir:
            kept[file.dest_uri] = file  # the theme's static files
        elif file.src_uri not in generated:
            if not file.is_documentation_page():
                kept[file.dest_uri] = file
        elif file.is_documentation_page():
            digest = sources.get(file.src_uri)
            if file.src_uri not in in_nav and digest is not None and rendered.get(file.src_uri) == digest:
                kept[file.dest_uri] = file
                kept_pages[file.src_uri] = digest
        elif _same_file(Path(file.abs_src_path), previous_site / file.dest_uri, named_by_content(file.src_uri)):
            kept[file.dest_uri] = file
    spared = None
    if previous_inodes is not None:
        spared = fill_from_spare(Path(config.site_dir), previous_site, previous_inodes, kept, bundle)
    missing = set(spared if spared is not None else link_files(previous_site, Path(config.site_dir), kept))
    for destination, file in kept.items():
        if destination in missing:  # not in the previous site after all: MkDocs makes it
            kept_pages.pop(file.src_uri, None)
        else:
            file.inclusion = InclusionLevel.EXCLUDED
    return Patch(kept_pages, len(kept) - len(missing),
                 frozenset(file.src_uri for destination, file in kept.items() if destination not in missing))


def _same_file(source: Path, previous: Path, by_name: bool = False) -> bool:
    """Whether the previous site's file holds the bytes of `source` (most often it is `source`
    itself, hard-linked). `by_name`: the file is named by its content (photo variants, share
    cards), so the same size is enough: a CI checkout, its previous site restored as copies,
    read each of 120,000 variants twice for nothing (5.4 s at 10,000 records)."""
    try:
        new, old = os.stat(source), os.stat(previous)
    except OSError:
        return False
    if (new.st_dev, new.st_ino) == (old.st_dev, old.st_ino):
        return True
    return new.st_size == old.st_size and (by_name or source.read_bytes() == previous.read_bytes())
