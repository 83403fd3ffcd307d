"""Staging folders beside the site, and the atomic swap that publishes one.

A build writes into a fresh hidden sibling of the site folder (`.site-XXXX`), and only a
complete build is swapped in. Renaming the old site away and the new one into place leaves a
moment with no `site/` at all (a reader polling it saw 404s in every build); Linux's
renameat2(RENAME_EXCHANGE) swaps the two folders in one step instead, so every request sees
either the old complete site or the new one. `site/` stays a real folder, so web servers, CI
artifacts and `mv site public` need no change. Python has no binding for renameat2, hence
ctypes; where it is missing (not Linux, or a file system without it) the two renames remain.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def staging_folder(target: Path) -> Path:
    """A fresh, empty folder beside `target` to build into."""
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))


def remove_leftovers(target: Path) -> None:
    """Delete staging folders and replaced sites that killed builds left beside `target`.

    Only call this holding the site's lock: a running build's staging folder matches too.
    """
    for leftover in target.parent.glob(f".{target.name}-*"):
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)


def publish(staging: Path, target: Path, keep_replaced: bool = False) -> Path | None:
    """Put the complete site in `staging` at `target`, atomically where the system allows.

    The replaced site is deleted in the background, or with `keep_replaced` returned (the
    folder now holding it; see spare.py); None when there was none."""
    staging.chmod(0o755)  # mkdtemp makes the folder private; a web server must read it
    if not os.path.lexists(target):
        staging.rename(target)
        return None
    if _exchange(staging, target):  # `staging` now holds the old site
        replaced = staging
    else:
        aside = set_aside(target, prefix=f".{target.name}-old-")
        staging.rename(target)
        if not keep_replaced:
            remove_in_background(aside)
            return None
        (aside / target.name).rename(staging)  # out of the folder set aside, which the next build sweeps up
        aside.rmdir()
        replaced = staging
    if keep_replaced:
        return replaced
    remove_in_background(replaced)
    return None


def set_aside(folder: Path, prefix: str) -> Path:
    """Move `folder` into a new empty sibling named `prefix`…, which is returned: a rename,
    so `folder`'s name is free at once and its removal can happen later."""
    aside = Path(tempfile.mkdtemp(prefix=prefix, dir=folder.parent))
    folder.rename(aside / folder.name)
    return aside


def _exchange(first: Path, second: Path) -> bool:
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    error = ctypes.get_errno()
    if error in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: this file system cannot; rename instead
        return False
    raise OSError(error, os.strerror(error), str(second))


@cache
def _renameat2():
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2  # glibc 2.28+, musl 1.2.1+
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def remove_in_background(folder: Path) -> None:
    """Delete a replaced site (or any finished work folder) without making the build wait for it.

    Unlinking a 10,000-page site takes ~30 s on slow disks, and the new site is already in
    place. If this is cut short, the next build sweeps the folder up with its leftovers.
    """
    subprocess.Popen(
        [sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)", str(folder)],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
