"""Thin MkDocs integration: regenerate the docs tree before each build, watch `entries/`.

All the work is in the engine-neutral core (`generator.site`); this class only calls it at the
right moments of MkDocs' build, so replacing MkDocs means replacing this file alone.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin

from .problems import ValidationFailed
from .search_index import IndexingFailed, index_site
from .site import Project, generate
from .writer import GENERATED_FLAG, WouldOverwrite

log = logging.getLogger("mkdocs.plugins.guong-sang")


class GuongSangConfig(Config):
    entries_dir = config_options.Type(str, default="entries")


class GuongSangPlugin(BasePlugin[GuongSangConfig]):
    def __init__(self) -> None:
        self._html: dict[str, str] = {}

    def _project(self, config) -> Project:
        root = Path(config.config_file_path).parent.resolve()
        return Project(root, root / self.config.entries_dir, Path(config.docs_dir), config.site_name)

    # Runs before MkDocs collects the files in docs/: the generated pages must be there by
    # then. It runs again on every rebuild of `mkdocs serve`, so edits to entries show up.
    def on_pre_build(self, config) -> None:
        try:
            result = generate(self._project(config))
        except ValidationFailed as failure:
            raise Abort("\n" + str(failure)) from None
        except WouldOverwrite as error:
            raise Abort(str(error)) from None
        for problem in result.problems:
            log.warning(str(problem))
        counts = ", ".join(f"{len(v)} {k.label.lower()}" for k, v in result.index.by_kind.items())
        log.info(f"Gương sáng: {counts}; {result.report.pages} trang ({result.report.written} trang mới/cập nhật).")

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

    # The search index is built from the finished HTML, into the same (staging) site folder,
    # so an atomic build swaps in the pages and their index together, and `mkdocs serve`
    # has working search too.
    def on_post_build(self, config) -> None:
        try:
            report = index_site(Path(config.site_dir))
        except IndexingFailed as error:
            raise Abort(str(error)) from None
        log.info(f"Gương sáng: chỉ mục tìm kiếm có {report.pages} trang.")

    # Runs once when `mkdocs serve` starts: entries live outside docs/, so watch them too.
    def on_serve(self, server, config, builder):
        server.watch(str(Path(config.config_file_path).parent / self.config.entries_dir))
        return server
