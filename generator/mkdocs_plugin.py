"""Thin MkDocs integration: regenerate the docs tree before each build, watch `entries/`.

All the work is in the engine-neutral core (`generator.site`); this class only calls it at the
right moments of MkDocs' build, so replacing MkDocs means replacing this file alone.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin

from .buildcache import BuildCache
from .buildcache.fingerprint import combine, site_files
from .publish.links import link_in_place, link_tree
from .escaping import safe_url
from .cms import CmsSettings
from .cms.files import find_bundle
from .glossary import load_glossary
from .images.library import PUBLISHED_DIR
from .mkdocs_generated import ExcludedLinkNote, GeneratedPages, SharedBlocks, hold_out
from .mkdocs_patch import Patch, patch_files
from .overlay import with_overlay
from .parallel import available_cores
from .problems import Problem, ValidationFailed
from .progress import Progress, summary
from .publish import DEFAULT_WAIT, BuildBusy, FileLock, project_lock
from .search_index import BUNDLE, IndexingFailed, IndexingJob, index_site, start_indexing
from .site import Project, generate
from .theme_fixes import escape_text_meta, fix_material_markup
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
        self._nav = None  # the navigation, when this plugin holds generated pages out of it
        self._reused_index: Path | None = None
        self._patch: Patch | None = None  # only records changed: the previous site patched (mkdocs_patch.py)
        self._workers = 1
        self._serving = False
        self._lock: FileLock | None = None
        self._problems: list[Problem] = []  # while serving: why the last good pages are shown
        self.lock_wait = DEFAULT_WAIT  # seconds to wait for another build of this project
        # The persistent build cache (generator/buildcache/), set by engine.build_site for an
        # atomic build; `mkdocs build` and `mkdocs serve` build without it.
        self.cache: BuildCache | None = None

    @property
    def patched(self) -> bool:
        """Whether the last build patched the previous site (see mkdocs_patch.py): the site it
        replaces then shares most files with the new one and is worth keeping (publish/spare.py)."""
        return self._patch is not None

    # Runs once, first: a one-off build renders record pages on every core; `mkdocs serve`
    # keeps to one process, since it rebuilds from a watcher thread and forking a process
    # that runs threads is unsafe. (Having this method also keeps this object across the
    # rebuilds of `mkdocs serve`.)
    def on_startup(self, command: str, dirty: bool) -> None:
        self._workers = available_cores() if command in ("build", "gh-deploy") else 1
        self._patch = None  # MkDocs keeps this object from one build to the next in a process
        self._serving = command == "serve"

    def project(self, config) -> Project:
        """The core's view of this MkDocs project (also used by the fast preview)."""
        root = Path(config.config_file_path).parent.resolve()
        theme_dirs = (Path(config.theme.custom_dir).resolve(),) if config.theme.custom_dir else ()
        return Project(root, root / self.config.entries_dir, Path(config.docs_dir), config.site_name,
                       config.site_url or "", config.site_description or "", self._cms_settings(config), theme_dirs)

    # The web editor's settings (extra.cms), with the theme's stylesheets for its preview.
    def _cms_settings(self, config) -> CmsSettings:
        try:
            settings = CmsSettings.from_extra(config.extra)
        except ValueError as error:
            raise Abort(str(error)) from None
        styles = sorted({css.name for folder in config.theme.dirs
                         for css in Path(folder, "assets", "stylesheets").glob("*.min.css")})
        styles += ["guong-sang.css"]
        palette = config.theme.get("palette") or {}
        palette = palette[0] if isinstance(palette, list) and palette else palette
        colours = tuple((key, str(palette[key])) for key in ("scheme", "primary", "accent") if isinstance(palette, dict) and key in palette)
        return dataclasses.replace(settings, preview_styles=tuple(f"../assets/stylesheets/{name}" for name in styles),
                                   preview_palette=colours)

    # Hand-written pages explain abbreviations from the same glossary as generated ones.
    def on_config(self, config):
        # The core writes sitemap.xml (generator/sitemap.py, with real lastmod dates); Material's
        # own template would only be skipped with a message on every build.
        config.theme.static_templates.discard("sitemap.xml")
        root = Path(config.config_file_path).parent.resolve()
        glossary, _ = load_glossary(root / self.config.entries_dir)  # problems are reported at build
        if glossary.terms:
            if "abbr" not in config.markdown_extensions:
                config.markdown_extensions.append("abbr")
            config.mdx_configs["abbr"] = {**config.mdx_configs.get("abbr", {}), "glossary": glossary.terms}
        return config

    # Theme templates print addresses from mkdocs.yml (the footer's links): `gs_url` lets them
    # through only as links (escaping.safe_url); they still need `| e` in an attribute.
    # Also the moment every page MkDocs renders itself is read and the theme is loaded, so the
    # held pages (see on_nav) start rendering here, in workers that inherit this environment.
    def on_env(self, env, config, files):
        env.filters["gs_url"] = lambda url: safe_url(str(url)) or "#"
        env.globals["gs_shared"] = SharedBlocks(self._nav, config) if self._nav is not None else _render_each
        if self.cache is not None:  # Material's templates, compiled by earlier builds
            env.bytecode_cache = self.cache.compiled_templates()
        if self._generated is not None:
            self._generated.start(env)
        return env

    # Runs before MkDocs collects the files in docs/: the generated pages must be there by
    # then. It runs again on every rebuild of `mkdocs serve`, so edits to entries show up.
    # The project's lock is held from here to the end of the build: two builds (or a build
    # and `serve`) writing docs/ and build/ at once corrupt each other's output.
    def on_pre_build(self, config) -> None:
        self._started = time.perf_counter()
        self._result = None
        self._drop_unfinished()
        self._nav = None
        self._problems = []
        project = self.project(config)
        if find_bundle(project.root) is None:
            log.warning("Chưa cài Decap CMS (node_modules/decap-cms): trang biên tập /admin/ không được dựng. Chạy “npm ci”.")
        work = project.root / "build"
        self._lock = FileLock(project_lock(project.root))
        try:
            self._lock.acquire(self.lock_wait, log.warning, what="thư mục docs/ và build/ của dự án")
        except BuildBusy as busy:
            raise Abort(str(busy)) from None
        try:
            result = generate(project, search_documents=work / "search-documents", workers=self._workers,
                              memo=self.cache)
        except (ValidationFailed, WouldOverwrite) as failure:
            if not self._serving:
                raise Abort("\n" + str(failure) if isinstance(failure, ValidationFailed) else str(failure)) from None
            self._show_last_good_site(failure, work)
            return
        for problem in result.problems:
            log.warning(str(problem))
        if result.planned_again is not None:
            log.info(f"Gương sáng: chỉ lập lại {format_number(result.planned_again)} trang có bản ghi đã sửa; các trang khác giữ nguyên.")
        if not config.site_url:
            log.warning("mkdocs.yml chưa có site_url: RSS, sitemap và thẻ chia sẻ dùng địa chỉ tạm http://127.0.0.1:8000/.")
        self._result = result
        self._reused_index = None
        self._patch = None
        documents = None
        if self.cache is not None:
            self.cache.next_publication = result.next_publication
            documents = self.cache.search_document_memo(work / "search-documents")
            self.cache.search_documents = combine(documents.digests())
            self._reused_index = self.cache.reusable_index(self.cache.search_documents, BUNDLE)
        # Pagefind indexes the records on the second core while MkDocs renders on the first,
        # unless the previous site's index was built from the very same documents.
        if self._reused_index is None:
            self._indexing = start_indexing(work / "search-documents", work / "search-index",
                                            self.cache.search_shards if self.cache is not None else None, documents)
        if self.cache is not None:
            # Walks the previous site (a second at 10,000 records): after Pagefind has started,
            # whose indexing ends a build after one edit, and before MkDocs forks its workers.
            self.cache.site_is_ours()
        log.info(f"Gương sáng: đã chuẩn bị {result.report.pages} trang; đang dựng HTML…")

    def _show_last_good_site(self, failure: Exception, work: Path) -> None:
        """While serving, an invalid entry must not stop the preview (MkDocs' server hangs every
        request after a failed build): the docs tree still holds the last good pages, since the
        core writes nothing when entries have errors, so render those, with the problems over
        every page; the next save rebuilds and the browser reloads."""
        if isinstance(failure, ValidationFailed):
            self._problems = failure.problems
        else:
            self._problems = [Problem("docs/", 1, "", str(failure))]
        log.error("\n" + "\n".join(str(p) for p in sorted(self._problems)))
        log.error("Xem trước: có lỗi trong tệp nội dung; trang đang hiện bản dựng tốt gần nhất, kèm danh sách lỗi.")
        documents = work / "search-documents"
        # With no good build yet (a fresh clone), there is nothing to index but the rendered
        # hand-written pages: on_post_build indexes the site itself (Pagefind refuses no input).
        if documents.is_dir() and any(documents.iterdir()):
            self._indexing = start_indexing(documents, work / "search-index")

    # Runs once the pages are known: the progress report needs their number.
    def on_files(self, files, config):
        # Editors' original photos are published only as resized variants without metadata
        # (generator/images/): the originals may carry the photographer's GPS position; nor
        # does anything only a draft or scheduled record shows go out before it does.
        result = getattr(self, "_result", None)
        if result is not None:
            for src in result.withheld_files:
                found = files.get_file_from_path(src)
                if found is not None:
                    files.remove(found)
            if self.cache is not None and self.cache.pages_reusable():
                self._patch = patch_files(files, config, self.cache.site_dir, generated_paths(Path(config.docs_dir)),
                                          result.report.source_digests, self.cache.rendered_before, BUNDLE,
                                          self.cache.site_inodes)
                if self._patch is not None:
                    log.info(f"Gương sáng: chỉ bản ghi thay đổi: giữ {format_number(self._patch.kept_files)} tệp của lần dựng trước, "
                             "chỉ dựng lại phần còn lại.")
            self._link_published_images(files, config)
        elif self._problems:  # serving the last good site: never what check refused (links out)
            root = Path(config.config_file_path).parent.resolve()
            refused = {problem.path for problem in self._problems}
            for file in list(files):
                source = Path(file.abs_src_path or "/")
                if source.is_relative_to(root) and source.relative_to(root).as_posix() in refused:
                    files.remove(file)
        self._progress = Progress(len(files.documentation_pages()), log.info)
        return files

    # Photo variants and share cards are hard links into the image cache in docs/ (the writer
    # replaces them, never writes into them): they reach the site folder as hard links too.
    # MkDocs would copy each (13 files a photo, a card a record: 140,000 files at 10,000
    # photos). A file linked here leaves MkDocs' list, so MkDocs does not even look at it
    # again (its copy step stats both ends of every file to find it is the same one); a file
    # the file system would not link stays in the list, and MkDocs copies it.
    def _link_published_images(self, files, config) -> None:
        docs_dir = Path(config.docs_dir)
        generated = generated_paths(docs_dir)
        site_dir = Path(config.site_dir)
        folders: set[Path] = set()  # one mkdir a folder, not one a file
        for file in list(files.media_files()):
            if file.src_uri.startswith(PUBLISHED_DIR) and file.src_uri in generated and file.inclusion.is_included():
                target = site_dir / file.dest_uri
                if target.parent not in folders:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    folders.add(target.parent)
                if link_in_place(docs_dir / file.src_uri, target, folder_made=True):
                    files.remove(file)

    # Generated pages outside the navigation are rendered by mkdocs_generated.py, on every
    # core, instead of by MkDocs' one-process loop; the rest stay with MkDocs.
    def on_nav(self, nav, config, files):
        if getattr(self, "_result", None) is None:  # pages were planned by someone else (the fast preview)
            return nav
        self._nav = nav
        held = hold_out(files, nav, generated_paths(Path(config.docs_dir)))
        self._generated = GeneratedPages(held, config, nav, files, self._workers, self.cache,
                                         self._result.report.source_digests)
        # Kept files (mkdocs_patch.py) are in the site too: the editors' guide's screenshots
        # were each said to be "excluded from the built site" on every build after an edit.
        kept = self._patch.kept_sources if self._patch is not None else frozenset()
        self._link_note = ExcludedLinkNote({file.src_uri for file in held} | kept)
        logging.getLogger("mkdocs.structure.pages").addFilter(self._link_note)
        return nav

    # Generated pages already hold finished HTML (see generator/pages.py). Python-Markdown
    # would re-parse every tag of it as a raw HTML block, which costs more than rendering the
    # record itself, so the HTML bypasses Markdown: set aside here, put back after conversion.
    # Also the first moment every page's metadata is read: escaped here, before any template
    # prints it (a page's title is also printed by its neighbours' footers; see theme_fixes.py).
    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        escape_text_meta(page.meta)
        if page.meta.get(GENERATED_FLAG):
            self._html[page.file.src_uri] = markdown
            return ""
        return markdown

    def on_page_content(self, html: str, page, config, files) -> str:
        return self._html.pop(page.file.src_uri, html)

    # Runs on every rendered page: removes the theme's invalid markup (see theme_fixes.py)
    # and counts the page for the progress report.
    def on_post_page(self, output: str, page, config) -> str:
        if not page.file.inclusion.is_excluded():  # held pages are counted as they come back
            self._progress.tick()
        return self._shown(fix_material_markup(output))

    # The same for pages rendered from a theme template alone, such as 404.html.
    def on_post_template(self, output_content: str, template_name: str, config) -> str:
        return self._shown(fix_material_markup(output_content))

    def _shown(self, html: str) -> str:
        return with_overlay(html, self._problems) if self._problems else html

    # Runs last. The search index joins the pages in the same (staging) site folder, so an
    # atomic build swaps in the pages and their index together, and `mkdocs serve` has
    # working search too. Then the summary of what was built.
    def on_post_build(self, config) -> None:
        site_dir = Path(config.site_dir)
        result = getattr(self, "_result", None)
        if self.cache is not None and result is not None:  # while the project's lock is held
            self.cache.keep_bodies((entry.body, entry.url) for entry in result.index.by_url.values())
        try:
            reused = 0
            if self._patch is not None:
                reused = len(self._patch.kept_pages)
                if self.cache is not None:
                    self.cache.rendered.update(self._patch.kept_pages)
            if self._generated is not None:
                for source_path, digest, was_reused in self._generated.finish():
                    self._progress.tick()
                    reused += was_reused
                    if self.cache is not None:
                        self.cache.rendered[source_path] = digest
                self._forget_generated()
            if reused:
                log.info(f"Gương sáng: {format_number(reused)} trang không đổi, lấy lại từ lần dựng trước.")
            # The build cache records the site's files (buildcache/fingerprint.py: site_files).
            # All but the search index are final by now: walked while Pagefind finishes, not
            # after it, when the walk would lengthen the build. Only if no plugin runs after
            # this one (it could write more files).
            outside = None
            if self.cache is not None and list(config.plugins)[-1:] == ["guong-sang"]:
                outside = site_files(site_dir) or {}
            if self.cache is not None:  # the same: while Pagefind finishes
                self.cache.save_entries()
            if self._reused_index is not None:
                link_tree(self._reused_index, site_dir / BUNDLE)
                report = None
            elif self._indexing is not None:
                report = self._indexing.finish_into(site_dir)
                if self._indexing.reused_shards:
                    log.info(f"Gương sáng: {self._indexing.reused_shards} phần chỉ mục tìm kiếm không đổi, dùng lại.")
            else:  # pages were planned by someone else (the fast preview): index the site
                report = index_site(site_dir)
            if outside is not None and self.cache is not None:
                bundle = site_files(site_dir / BUNDLE) or {}
                self.cache.built_site = {**{path: found for path, found in outside.items() if not path.startswith(f"{BUNDLE}/")},
                                         **{f"{BUNDLE}/{path}": found for path, found in bundle.items()}}
        except IndexingFailed as error:
            raise Abort(str(error)) from None
        finally:
            self._indexing = None
            self._release()
        if report is None:
            log.info("Gương sáng: nội dung tìm kiếm không đổi, dùng lại chỉ mục tìm kiếm của lần dựng trước.")
        else:
            log.info(f"Gương sáng: chỉ mục tìm kiếm có {report.pages} trang.")
        if result is None:
            return
        records = {kind: len(entries) for kind, entries in result.index.by_kind.items()}
        log.info(summary(records, result.index.excluded, result.report.pages, result.report.written,
                         len(result.problems), time.perf_counter() - self._started))

    # A failed build must not leave Pagefind running.
    def on_build_error(self, error: Exception) -> None:
        self._drop_unfinished()
        self._release()

    def _drop_unfinished(self) -> None:
        """Stop the theme workers and Pagefind of a build that did not finish. Also run before
        each build: `mkdocs serve` goes on to the next rebuild after a failed one, sometimes
        without on_build_error, and a job forgotten then would run on, unwaited for."""
        if self._generated is not None:
            self._generated.cancel()
            self._forget_generated()
        if self._indexing is not None:
            self._indexing.cancel()
            self._indexing = None

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def _forget_generated(self) -> None:
        self._generated = None
        logging.getLogger("mkdocs.structure.pages").removeFilter(self._link_note)

    # Runs once when `mkdocs serve` starts: entries live outside docs/, so watch them too.
    def on_serve(self, server, config, builder):
        server.watch(str(Path(config.config_file_path).parent / self.config.entries_dir))
        return server


def _render_each(block: str, page, render):
    """`gs_shared` when no page is held out of the navigation: every block rendered as usual."""
    return render()
