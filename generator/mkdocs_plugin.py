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

from .problems import ValidationFailed
from .progress import Progress, summary
from .site import Project, generate
from .writer import WouldOverwrite

log = logging.getLogger("mkdocs.plugins.guong-sang")


class GuongSangConfig(Config):
    entries_dir = config_options.Type(str, default="entries")


class GuongSangPlugin(BasePlugin[GuongSangConfig]):
    def _project(self, config) -> Project:
        root = Path(config.config_file_path).parent.resolve()
        return Project(root, root / self.config.entries_dir, Path(config.docs_dir), config.site_name)

    # Runs before MkDocs collects the files in docs/: the generated pages must be there by
    # then. It runs again on every rebuild of `mkdocs serve`, so edits to entries show up.
    def on_pre_build(self, config) -> None:
        self._started = time.perf_counter()
        self._result = None
        try:
            result = generate(self._project(config))
        except ValidationFailed as failure:
            raise Abort("\n" + str(failure)) from None
        except WouldOverwrite as error:
            raise Abort(str(error)) from None
        for problem in result.problems:
            log.warning(str(problem))
        self._result = result
        log.info(f"Gương sáng: đã chuẩn bị {result.report.pages} trang; đang dựng HTML…")

    def on_files(self, files, config):
        self._progress = Progress(len(files.documentation_pages()), log.info)
        return files

    def on_post_page(self, output, page, config):
        self._progress.tick()
        return output

    def on_post_build(self, config) -> None:
        result = getattr(self, "_result", None)
        if result is None:
            return
        records = {kind: len(entries) for kind, entries in result.index.by_kind.items()}
        log.info(summary(records, result.index.excluded, result.report.pages, result.report.written,
                         len(result.problems), time.perf_counter() - self._started))

    # Runs once when `mkdocs serve` starts: entries live outside docs/, so watch them too.
    def on_serve(self, server, config, builder):
        server.watch(str(Path(config.config_file_path).parent / self.config.entries_dir))
        return server
