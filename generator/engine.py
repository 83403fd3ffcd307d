"""Running the site engine (MkDocs + Material): atomic builds and the live preview server.

An interrupted or failed build must never leave a half-written site, so MkDocs builds into a
fresh folder beside the target, which replaces the old site only once complete.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.commands.serve import serve as mkdocs_serve
from mkdocs.config import load_config

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner is noise here


def build_site(config_file: Path, site_dir: Path | None = None, strict: bool = False) -> Path:
    """Build into a temporary sibling of `site_dir`, then swap it into place."""
    config_file = config_file.resolve()
    config = load_config(str(config_file))
    target = (site_dir or Path(config.site_dir)).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    for leftover in target.parent.glob(f".{target.name}-*"):
        shutil.rmtree(leftover, ignore_errors=True)  # staging folders of builds that were killed
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        config = load_config(str(config_file), site_dir=str(staging), strict=strict)
        mkdocs_build(config)
        _swap(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def _swap(new: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.chmod(0o755)  # mkdtemp makes the folder private; a web server must read it
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def serve_site(config_file: Path, dev_addr: str | None = None) -> None:
    mkdocs_serve(str(config_file.resolve()), dev_addr=dev_addr, livereload=True)
