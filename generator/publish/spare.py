"""The replaced site, kept beside the new one as the next build's starting point (double buffering).

After an edit to records only, the new site is mostly the previous one: a build keeps each
unchanged output as a hard link to the published file (mkdocs_patch.py). Into a fresh staging
folder that costs a folder and a link per page: 13,000 `mkdir` and 36,000 `link` at 10,000
records, the largest part of a build after one edit (ext4 makes each `mkdir` slow after a mass
deletion, and the replaced site used to be deleted after every build). The site a patched build
replaces shares nearly every file with the new one, so it is kept instead, as `.site.spare`,
and the next patched build starts from it: it walks it (one `scandir` a folder, no `stat`),
removes what it must not hold and links only what differs.

Whatever the spare holds, `fill_from_spare` leaves in the staging folder exactly the kept
files, each the published site's very file (same inode), and no empty folder: what linking
them into an empty folder leaves. Nothing in it is trusted but the walk made then.
The search bundle is replaced whole by every build, so the spare's is removed in one piece.
A full build does not patch, so its replaced site shares nothing and is deleted as before.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterable, Mapping

from ..filetree import files_under
from .links import link_or_copy
from .swap import remove_in_background, set_aside


def spare_folder(target: Path) -> Path:
    """Where the site `target` replaced waits for the next build: beside it, hidden, and outside
    the `.site-*` names that `remove_leftovers` sweeps."""
    return target.parent / f".{target.name}.spare"


def keep_spare(replaced: Path, target: Path) -> None:
    """Keep `replaced` (the site just swapped out of `target`) as the next build's spare."""
    discard_spare(target)
    replaced.rename(spare_folder(target))


def discard_spare(target: Path) -> None:
    """Remove the spare, in the background (a rename first, so its name is free at once)."""
    spare = spare_folder(target)
    if spare.is_dir() and not spare.is_symlink():
        remove_in_background(set_aside(spare, prefix=f".{target.name}-old-"))


def fill_from_spare(staging: Path, published: Path, published_inodes: Mapping[str, int], kept: Iterable[str],
                    replaced_whole: str) -> list[str] | None:
    """Make the empty folder `staging` hold each of `kept` (relative POSIX paths) as a hard link
    to the same file in `published`, starting from the spare; None (nothing done) without one.

    `published_inodes`: relative path → inode of every file in `published`, from a walk made by
    this build. Returns the kept paths `published` does not have (the caller makes them).
    `replaced_whole`: a top folder the build writes whole (the search bundle)."""
    spare = spare_folder(published)
    if not spare.is_dir() or spare.is_symlink():
        return None
    try:
        os.rmdir(staging)  # made empty by mkdtemp, cleaned by MkDocs
    except OSError:
        return None
    spare.rename(staging)
    if (staging / replaced_whole).is_dir():  # set aside beside `staging`, under a name the sweep knows
        trash = Path(tempfile.mkdtemp(prefix=f"{staging.name}-old-", dir=staging.parent))
        (staging / replaced_whole).rename(trash / replaced_whole)
        remove_in_background(trash)
    wanted = {path: published_inodes.get(path) for path in kept}
    root = str(staging)
    emptied: set[str] = set()
    in_place: set[str] = set()
    for relative, entry in files_under(staging, follow_symlinks=False):
        inode = wanted.get(relative)
        if inode is not None and entry.inode() == inode:
            in_place.add(relative)
            continue
        os.unlink(entry.path)
        emptied.add(os.path.dirname(relative))
    _remove_empty_folders(root, emptied)
    missing: list[str] = []
    for relative, inode in wanted.items():
        if relative in in_place:
            continue
        if inode is None:
            missing.append(relative)
            continue
        source, target = os.path.join(published, relative), os.path.join(root, relative)
        try:
            os.link(source, target)
        except FileNotFoundError:
            if not os.path.isfile(source):  # gone from the published site since the walk
                missing.append(relative)
                continue
            os.makedirs(os.path.dirname(target), exist_ok=True)
            link_or_copy(source, target)
        except OSError:  # across file systems
            shutil.copy2(source, target)
    return missing


def _remove_empty_folders(root: str, folders: set[str]) -> None:
    """Remove each of `folders` (relative to `root`) left empty, and its parents left empty."""
    for folder in sorted(folders, key=lambda name: name.count("/"), reverse=True):
        while folder:
            try:
                os.rmdir(os.path.join(root, folder))
            except OSError:  # not empty (or removed already, as a parent of another)
                break
            folder = os.path.dirname(folder)
