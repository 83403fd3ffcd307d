"""Running the site engine (MkDocs + Material): atomic builds and the live preview server.

An interrupted or failed build must never leave a half-written site, and two builds must never
mix their output: a build holds the site folder's lock (see generator/publish/), MkDocs builds
into a fresh folder beside the target, and that folder is swapped in only once complete.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.commands.serve import serve as mkdocs_serve
from mkdocs.config import load_config

from .publish import DEFAULT_WAIT, hold_locks, publish, remove_leftovers, staging_folder

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner is noise here

log = logging.getLogger("mkdocs.plugins.guong-sang")


def site_lock(target: Path) -> Path:
    """The lock file of a site folder: beside it, so it survives the swap."""
    return target.parent / f".{target.name}.lock"


def build_site(config_file: Path, site_dir: Path | None = None, strict: bool = False,
               wait: float = DEFAULT_WAIT) -> Path:
    """Build into a temporary sibling of `site_dir`, then swap it into place.

    A build already running into the same folder (or on the same project) is waited for, up
    to `wait` seconds; then BuildBusy is raised and nothing is touched.
    """
    config_file = config_file.resolve()
    config = load_config(str(config_file))
    target = (site_dir or Path(config.site_dir)).resolve()
    with hold_locks([site_lock(target)], wait, log.warning, what=f"thư mục {target.name}/"):
        remove_leftovers(target)  # staging folders of builds that were killed
        staging = staging_folder(target)
        try:
            config = load_config(str(config_file), site_dir=str(staging), strict=strict)
            config.plugins["guong-sang"].lock_wait = wait  # the plugin locks the project's docs/
            config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` does
            try:
                mkdocs_build(config)
            finally:
                config.plugins.on_shutdown()
            publish(staging, target)
        except BaseException:
            remove_leftovers(target)
            raise
    return target


def serve_site(config_file: Path, dev_addr: str | None = None) -> None:
    mkdocs_serve(str(config_file.resolve()), dev_addr=dev_addr, livereload=True)
