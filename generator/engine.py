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

from .buildcache import BuildCache
from .buildcache.pickles import thaw
from .cms.files import find_bundle
from .publish import DEFAULT_WAIT, FileLock, hold_locks, project_lock, publish, remove_leftovers, staging_folder
from .publish.spare import discard_spare, keep_spare
from .site import now_in_vietnam

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
        # The no-change shortcut reads docs/ and entries/: under the project's lock too, so a
        # build of this project into another folder is not caught half-way through writing.
        cache = _open_cache_locked(config, config_file, target, wait)
        if cache is not None and cache.up_to_date(now_in_vietnam()):
            log.info("Không có thay đổi nào kể từ lần dựng trước: giữ nguyên trang đã dựng.")
            return target
        remove_leftovers(target)  # staging folders of builds that were killed
        try:
            _build_and_publish(config_file, target, strict, wait, cache)
        finally:
            thaw()  # the cache froze its entries out of the garbage collector for this build
    return target


def _build_and_publish(config_file: Path, target: Path, strict: bool, wait: float, cache: BuildCache | None) -> None:
    """MkDocs into a staging folder, swapped in at `target` once complete; then the cache's stamp."""
    staging = staging_folder(target)
    plugin = None
    try:
        config = load_config(str(config_file), site_dir=str(staging), strict=strict)
        if "guong-sang" in config.plugins:
            plugin = config.plugins["guong-sang"]
            plugin.lock_wait = wait  # the plugin locks the project's docs/
            plugin.cache = cache
        config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` does
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
        # A patched site shares most files with the one it replaces: that one is kept as the
        # next build's starting point (publish/spare.py); any other is deleted.
        keep = plugin is not None and plugin.patched
        replaced = publish(staging, target, keep_replaced=keep)
        if replaced is not None:
            keep_spare(replaced, target)
        else:
            discard_spare(target)
    except BaseException:
        remove_leftovers(target)
        raise
    if cache is not None:
        _remember(cache)  # still under the site's lock: the stamp describes this very site


def _open_cache_locked(config, config_file: Path, site_dir: Path, wait: float) -> BuildCache | None:
    """The project's build cache, or None for a configuration without the generator."""
    if "guong-sang" not in config.plugins:
        return None
    root = Path(config.config_file_path).parent.resolve()
    lock = FileLock(project_lock(root))
    lock.acquire(wait, log.warning, what="thư mục docs/ và build/ của dự án")
    try:
        return open_cache(config, config_file, site_dir)
    finally:
        lock.release()


def open_cache(config, config_file: Path, site_dir: Path) -> BuildCache:
    """The build cache of this project (generator/buildcache/), for a build into `site_dir`."""
    project = config.plugins["guong-sang"].project(config)
    theme_dir = Path(config.theme.custom_dir) if config.theme.custom_dir else None
    return BuildCache.open(project.root, config_file, project.docs_dir, project.entries_dir, theme_dir, site_dir,
                           cms_bundle=find_bundle(project.root) if project.cms is not None else None)


def _remember(cache: BuildCache) -> None:
    """The site is published; a cache that cannot be written only makes the next build cold."""
    try:
        cache.commit()
    except OSError as error:
        log.warning(f"Không ghi được bộ nhớ đệm của lần dựng (build/cache/): {error}")


def serve_site(config_file: Path, dev_addr: str | None = None) -> None:
    mkdocs_serve(str(config_file.resolve()), dev_addr=dev_addr, livereload=True)
