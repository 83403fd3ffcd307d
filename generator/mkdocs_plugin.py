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
from .site import Project, generate
from .theme_fixes import escape_attribute_meta, fix_material_markup
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

    # Runs just before a page is rendered: the theme prints these unescaped (see theme_fixes.py).
    def on_page_context(self, context, page, config, nav):
        escape_attribute_meta(page.meta)
        return context

    # Runs on every rendered page: removes the theme's invalid markup (see theme_fixes.py).
    def on_post_page(self, output: str, page, config) -> str:
        return fix_material_markup(output)

    # The same for pages rendered from a theme template alone, such as 404.html.
    def on_post_template(self, output_content: str, template_name: str, config) -> str:
        return fix_material_markup(output_content)

    # Runs once when `mkdocs serve` starts: entries live outside docs/, so watch them too.
    def on_serve(self, server, config, builder):
        server.watch(str(Path(config.config_file_path).parent / self.config.entries_dir))
        return server
