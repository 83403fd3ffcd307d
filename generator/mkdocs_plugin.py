"""Thin MkDocs integration: regenerate the docs tree before each build, watch `entries/`.

All the work is in the engine-neutral core (`generator.site`); this class only calls it at the
right moments of MkDocs' build, so replacing MkDocs means replacing this file alone.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin

from .buildcache import BuildCache
from .buildcache.fingerprint import combine, tree_digests
from .buildcache.store import link_tree
from .glossary import load_glossary
from .mkdocs_generated import ExcludedLinkNote, GeneratedPages, hold_out
from .parallel import available_cores
from .problems import ValidationFailed
from .progress import Progress, summary
from .search_index import BUNDLE, IndexingFailed, IndexingJob, index_site, start_indexing
from .site import Project, generate
from .theme_fixes import escape_attribute_meta, fix_material_markup
from .vietnamese import format_number
from .writer import GENERATED_FLAG, WouldOverwrite, generated_paths

log = logging.getLogger("mkdocs.plugins.guong-sang")


class GuongSangConfig(Config):
    entries_dir = config_options.Type(str, default="entries")


class GuongSangPlugin(BasePlugin[GuongSangConfig]):
    def __init__(self) -> None:
        self._html: dict[str, str] = {}
        self._indexing: IndexingJob | None = None
        self._generated: GeneratedPages | None = None
        self._reused_index: Path | None = None
        self._workers = 1
        # The persistent build cache (generator/buildcache/), set by engine.build_site for an
        # atomic build; `mkdocs build` and `mkdocs serve` build without it.
        self.cache: BuildCache | None = None

    # Runs once, first: a one-off build renders record pages on every core; `mkdocs serve`
    # keeps to one process, since it rebuilds from a watcher thread and forking a process
    # that runs threads is unsafe.
    def on_startup(self, command: str, dirty: bool) -> None:
        self._workers = available_cores() if command in ("build", "gh-deploy") else 1

    def project(self, config) -> Project:
        """The core's view of this MkDocs project (also used by the fast preview)."""
        root = Path(config.config_file_path).parent.resolve()
        return Project(root, root / self.config.entries_dir, Path(config.docs_dir), config.site_name,
                       config.site_url or "", config.site_description or "")

    # Hand-written pages explain abbreviations from the same glossary as generated ones.
    def on_config(self, config):
        root = Path(config.config_file_path).parent.resolve()
        glossary, _ = load_glossary(root / self.config.entries_dir)  # problems are reported at build
        if glossary.terms:
            if "abbr" not in config.markdown_extensions:
                config.markdown_extensions.append("abbr")
            config.mdx_configs["abbr"] = {**config.mdx_configs.get("abbr", {}), "glossary": glossary.terms}
        return config

    # Runs before MkDocs collects the files in docs/: the generated pages must be there by
    # then. It runs again on every rebuild of `mkdocs serve`, so edits to entries show up.
    def on_pre_build(self, config) -> None:
        self._started = time.perf_counter()
        self._result = None
        self._indexing = None
        self._generated = None
        project = self.project(config)
        work = project.root / "build"
        try:
            result = generate(project, search_documents=work / "search-documents", workers=self._workers,
                              memo=self.cache)
        except ValidationFailed as failure:
            raise Abort("\n" + str(failure)) from None
        except WouldOverwrite as error:
            raise Abort(str(error)) from None
        for problem in result.problems:
            log.warning(str(problem))
        if not config.site_url:
            log.warning("mkdocs.yml chưa có site_url: RSS, sitemap và thẻ chia sẻ dùng địa chỉ tạm http://127.0.0.1:8000/.")
        self._result = result
        self._reused_index = None
        if self.cache is not None:
            self.cache.site_is_ours()
            self.cache.next_publication = result.next_publication
            self.cache.search_documents = combine(tree_digests(work / "search-documents"))
            self._reused_index = self.cache.reusable_index(self.cache.search_documents, BUNDLE)
        # Pagefind indexes the records on the second core while MkDocs renders on the first,
        # unless the previous site's index was built from the very same documents.
        if self._reused_index is None:
            self._indexing = start_indexing(work / "search-documents", work / "search-index")
        log.info(f"Gương sáng: đã chuẩn bị {result.report.pages} trang; đang dựng HTML…")

    # Runs once the pages are known: the progress report needs their number.
    def on_files(self, files, config):
        self._progress = Progress(len(files.documentation_pages()), log.info)
        return files

    # Generated pages outside the navigation are rendered by mkdocs_generated.py, on every
    # core, instead of by MkDocs' one-process loop; the rest stay with MkDocs.
    def on_nav(self, nav, config, files):
        if self._result is None:  # pages were planned by someone else (the fast preview)
            return nav
        held = hold_out(files, nav, generated_paths(Path(config.docs_dir)))
        self._generated = GeneratedPages(held, config, nav, files, self._workers, self.cache)
        self._link_note = ExcludedLinkNote({file.src_uri for file in held})
        logging.getLogger("mkdocs.structure.pages").addFilter(self._link_note)
        return nav

    # Runs once every page MkDocs renders itself is read: the theme is loaded, so the held
    # pages can start rendering while MkDocs renders its own.
    def on_env(self, env, config, files):
        if self._generated is not None:
            self._generated.start(env)
        return env

    # Generated pages already hold finished HTML (see generator/pages.py). Python-Markdown
    # would re-parse every tag of it as a raw HTML block, which costs more than rendering the
    # record itself, so the HTML bypasses Markdown: set aside here, put back after conversion.
    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        if page.meta.get(GENERATED_FLAG):
            self._html[page.file.src_uri] = markdown
            return ""
        return markdown

    def on_page_content(self, html: str, page, config, files) -> str:
        return self._html.pop(page.file.src_uri, html)

    # Runs just before a page is rendered: the theme prints these unescaped (see theme_fixes.py).
    def on_page_context(self, context, page, config, nav):
        escape_attribute_meta(page.meta)
        return context

    # Runs on every rendered page: removes the theme's invalid markup (see theme_fixes.py)
    # and counts the page for the progress report.
    def on_post_page(self, output: str, page, config) -> str:
        if not page.file.inclusion.is_excluded():  # held pages are counted as they come back
            self._progress.tick()
        return fix_material_markup(output)

    # The same for pages rendered from a theme template alone, such as 404.html.
    def on_post_template(self, output_content: str, template_name: str, config) -> str:
        return fix_material_markup(output_content)

    # Runs last. The search index joins the pages in the same (staging) site folder, so an
    # atomic build swaps in the pages and their index together, and `mkdocs serve` has
    # working search too. Then the summary of what was built.
    def on_post_build(self, config) -> None:
        site_dir = Path(config.site_dir)
        try:
            if self._generated is not None:
                reused = 0
                for source_path, digest, was_reused in self._generated.finish():
                    self._progress.tick()
                    reused += was_reused
                    if self.cache is not None:
                        self.cache.rendered[source_path] = digest
                if reused:
                    log.info(f"Gương sáng: {format_number(reused)} trang không đổi, lấy lại từ lần dựng trước.")
                self._forget_generated()
            if self._reused_index is not None:
                link_tree(self._reused_index, site_dir / BUNDLE)
                report = None
            elif self._indexing is not None:
                report = self._indexing.finish_into(site_dir)
            else:  # pages were planned by someone else (the fast preview): index the site
                report = index_site(site_dir)
        except IndexingFailed as error:
            raise Abort(str(error)) from None
        finally:
            self._indexing = None
        if report is None:
            log.info("Gương sáng: nội dung tìm kiếm không đổi, dùng lại chỉ mục tìm kiếm của lần dựng trước.")
        else:
            log.info(f"Gương sáng: chỉ mục tìm kiếm có {report.pages} trang.")
        result = getattr(self, "_result", None)
        if result is None:
            return
        if self.cache is not None:
            self.cache.keep_bodies((entry.body, entry.url) for entry in result.index.by_url.values())
        records = {kind: len(entries) for kind, entries in result.index.by_kind.items()}
        log.info(summary(records, result.index.excluded, result.report.pages, result.report.written,
                         len(result.problems), time.perf_counter() - self._started))

    # A failed build must not leave Pagefind running.
    def on_build_error(self, error: Exception) -> None:
        if self._generated is not None:
            self._generated.cancel()
            self._forget_generated()
        if self._indexing is not None:
            self._indexing.cancel()
            self._indexing = None

    def _forget_generated(self) -> None:
        self._generated = None
        logging.getLogger("mkdocs.structure.pages").removeFilter(self._link_note)

    # Runs once when `mkdocs serve` starts: entries live outside docs/, so watch them too.
    def on_serve(self, server, config, builder):
        server.watch(str(Path(config.config_file_path).parent / self.config.entries_dir))
        return server
