"""Running the site engine (MkDocs + Material): atomic builds and the live preview server.

An interrupted or failed build must never leave a half-written site, so MkDocs builds into a
fresh folder beside the target, which replaces the old site only once complete.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.commands.serve import serve as mkdocs_serve
from mkdocs.config import load_config

from .buildcache import BuildCache
from .site import now_in_vietnam

log = logging.getLogger("mkdocs.plugins.guong-sang")
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner is noise here


def build_site(config_file: Path, site_dir: Path | None = None, strict: bool = False) -> Path:
    """Build into a temporary sibling of `site_dir`, then swap it into place."""
    config_file = config_file.resolve()
    config = load_config(str(config_file))
    target = (site_dir or Path(config.site_dir)).resolve()
    cache = open_cache(config, config_file, target)
    if cache.up_to_date(now_in_vietnam()):
        log.info("Không có thay đổi nào kể từ lần dựng trước: giữ nguyên trang đã dựng.")
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    for leftover in target.parent.glob(f".{target.name}-*"):
        shutil.rmtree(leftover, ignore_errors=True)  # staging folders of builds that were killed
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        config = load_config(str(config_file), site_dir=str(staging), strict=strict)
        config.plugins["guong-sang"].cache = cache
        config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` does
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
        _swap(staging, target)
        _remember(cache)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def open_cache(config, config_file: Path, site_dir: Path) -> BuildCache:
    """The build cache of this project (generator/buildcache/), for a build into `site_dir`."""
    project = config.plugins["guong-sang"].project(config)
    theme_dir = Path(config.theme.custom_dir) if config.theme.custom_dir else None
    return BuildCache.open(project.root, config_file, project.docs_dir, project.entries_dir, theme_dir, site_dir)


def _remember(cache: BuildCache) -> None:
    """The site is published; a cache that cannot be written only makes the next build cold."""
    try:
        cache.commit()
    except OSError as error:
        log.warning(f"Không ghi được bộ nhớ đệm của lần dựng (build/cache/): {error}")


def _swap(new: Path, target: Path) -> None:
    new.chmod(0o755)  # mkdtemp makes the folder private; a web server must read it
    if not target.exists():
        new.rename(target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
    target.rename(old / target.name)
    new.rename(target)
    _remove_in_background(old)


def _remove_in_background(folder: Path) -> None:
    """Delete the replaced site without making the build wait for it.

    Unlinking a 10,000-page site takes ~30 s on slow disks, and the new site is already in
    place. If this is cut short, the next build sweeps the folder up with its leftovers.
    """
    subprocess.Popen(
        [sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)", str(folder)],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )


def serve_site(config_file: Path, dev_addr: str | None = None) -> None:
    mkdocs_serve(str(config_file.resolve()), dev_addr=dev_addr, livereload=True)
