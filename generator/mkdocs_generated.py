"""Generated pages through Material's theme on every core, outside MkDocs' one-process loop.

MkDocs reads, parses and renders every page in one process. For the pages the core generates
(records, listing pages: nearly all of a site), most of that work is wasted or serial: their
front matter is parsed by YAML, an empty Markdown document is converted with a new
Python-Markdown instance per page, and the theme renders one page at a time. So generated
pages that are not in the navigation are taken out of MkDocs' loop (marked excluded, so links
to them from hand-written pages still resolve) and rendered here with MkDocs' own page
rendering (`_build_page`: the same context, template, plugin events and output file), in
forked worker processes that inherit the loaded theme, configuration and navigation as they
are. Their front matter is read back with the writer's own format (one JSON value per key).

Pages in the navigation stay with MkDocs: rendering them needs the navigation's state.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Iterator, Mapping, Sequence

from mkdocs.commands.build import _build_page
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url, meta as mkdocs_meta

from .buildcache import BuildCache
from .buildcache.fingerprint import file_digest
from .publish.links import link_or_copy
from .parallel import Background, render_in_background
from .theme_fixes import escape_text_meta
from .writer import read_page_source

log = logging.getLogger("mkdocs.plugins.guong-sang")

# Pages per task sent to a worker: few enough to balance the workers, enough that passing
# tasks costs nothing.
CHUNK = 32


def hold_out(files: Files, nav: Navigation, generated: set[str]) -> list[File]:
    """Take generated pages that are not in the navigation out of MkDocs' own loop.

    The files stay in `files`, so a hand-written page's link to one still resolves; MkDocs
    only skips them.
    """
    in_nav = {page.file.src_uri for page in nav.pages}
    held = [file for file in files.documentation_pages()
            if file.src_uri in generated and file.src_uri not in in_nav]
    for file in held:
        file.inclusion = InclusionLevel.EXCLUDED
    return held


class ExcludedLinkNote(logging.Filter):
    """MkDocs notes each link to an excluded file; held-out pages and the files a patched build
    kept are in the site, so drop the note for them."""

    def __init__(self, held: set[str]):
        super().__init__()
        self.held = held

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if not message.endswith("which is excluded from the built site."):
            return True
        target = message.rsplit("link to '", 1)[-1].split("'", 1)[0]
        return target not in self.held


class SharedBlocks:
    """Material's navigation (the tabs and the sidebar's site menu) rendered once per group of
    generated pages that would all get the very same HTML, not once per page.

    On a page outside the navigation nothing in these blocks is active or expanded and the
    table of contents is empty, so they differ only by the page's `hide` setting and by how
    their links read from the page: the relative address of each navigation page, the home
    page and the theme's assets (MkDocs' `url` filter, get_relative_url). Those make the key.
    The menu is a third of what Material spends on such a page. The theme's stylesheets,
    scripts, footer and script settings (`config`: base URL, translations) differ by nothing
    else either (their links all lead into assets/ or to the home page); together another
    fifth.
    """

    def __init__(self, nav: Navigation, config):
        targets = {page.url for page in nav.pages} | {"", "assets/"}
        homepage = (config.extra or {}).get("homepage")
        if isinstance(homepage, str):
            targets.add(homepage)
        self._targets = sorted(targets)
        self._rendered: dict[tuple, object] = {}
        # The links of the page being rendered: its blocks ask one after another (7 % of
        # Material's time on a generated page went to computing them again for each block).
        self._links: tuple[str | None, tuple[str, ...]] = (None, ())

    def __call__(self, block: str, page, render):
        """`{{ gs_shared("tabs", page, super) }}` in a block of the theme's main.html."""
        if page is None or not page.file.inclusion.is_excluded() or page.toc.items:
            return render()
        hide = (page.meta or {}).get("hide")
        url, links = self._links
        if url != page.url:
            links = tuple(get_relative_url(target, page.url) for target in self._targets)
            self._links = (page.url, links)
        key = (block, tuple(hide) if isinstance(hide, list) else hide, links)
        found = self._rendered.get(key)
        if found is None:
            found = self._rendered[key] = render()
        return found


class GeneratedPages:
    """Renders held-out pages: one process, or `workers` forked ones in the background."""

    def __init__(self, held: Sequence[File], config, nav: Navigation, files: Files, workers: int,
                 cache: BuildCache | None = None, sources: Mapping[str, str] | None = None):
        self._held = list(held)
        self._config = config
        self._nav = nav
        # The same page list MkDocs gives the pages it renders itself (the `pages` context).
        self._doc_files = files.documentation_pages()
        self._workers = workers
        self._cache = cache
        # Digests of the sources as the core just wrote or kept them (writer.WriteReport): a
        # page reused from the previous site is then not even read.
        self._sources = sources or {}
        self._running: Background | None = None

    def __len__(self) -> int:
        return len(self._held)

    def start(self, env) -> None:
        """Start rendering; pages are written into the site folder as they are rendered.
        With one process, they are rendered when `finish` is consumed."""
        self._env = env
        self._running = render_in_background(self._render, self._held, self._workers, CHUNK)

    def finish(self) -> Iterator[tuple[str, str, bool]]:
        """Wait for the pages; yields (source path, digest of the source, whether the previous
        output was reused) per page."""
        if self._running is not None:
            yield from self._running.results()
            self._running = None

    def cancel(self) -> None:
        if self._running is not None:
            self._running.cancel()
            self._running = None

    def _render(self, file: File) -> tuple[str, str, bool]:
        known = self._sources.get(file.src_uri)
        if self._cache is not None and known is not None:
            previous = self._cache.reusable_page(file.src_uri, known, file.dest_uri)
            if previous is not None:
                link_or_copy(previous, Path(file.abs_dest_path))
                return file.src_uri, known, True
        raw = Path(file.abs_src_path).read_bytes()
        digest = file_digest(raw)
        if self._cache is not None:
            previous = self._cache.reusable_page(file.src_uri, digest, file.dest_uri)
            if previous is not None:  # same source, same theme: the same output
                link_or_copy(previous, Path(file.abs_dest_path))
                return file.src_uri, digest, True
        page = file.page or Page(None, file, self._config)
        source = raw.decode("utf-8-sig")
        parsed = read_page_source(source)
        if parsed is None:  # not the writer's format: read it as MkDocs would
            html, meta = mkdocs_meta.get_data(source)
        else:
            meta, html = parsed
        # What MkDocs leaves on a generated page: its Markdown set aside (empty), an empty table
        # of contents, and the finished HTML as content (mkdocs_plugin.on_page_markdown).
        # MkDocs' on_page_markdown, where the plugin escapes metadata, does not run for these.
        escape_text_meta(meta)
        page.markdown = ""
        page.meta = meta
        page.content = html
        page.toc = get_toc([])
        page.present_anchor_ids = set()
        _build_page(page, self._config, self._doc_files, self._nav, self._env)
        return file.src_uri, digest, False
