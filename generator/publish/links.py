"""Reusing outputs already written: hard links where the file system allows them, else copies.

The build cache reuses rendered pages and the search index builds its shards from the same
search documents; a hard link costs neither time nor disk space.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Iterable


def link_or_copy(source: Path | str, target: Path | str) -> None:
    """Reuse a previous output: a hard link (no copy) where the file system allows it."""
    if not link_in_place(Path(source), Path(target)):
        shutil.copy2(source, target)


def link_tree(source: Path, target: Path) -> None:
    shutil.copytree(source, target, copy_function=link_or_copy, dirs_exist_ok=True)


def link_in_place(source: Path, target: Path, folder_made: bool = False) -> bool:
    """Hard-link `source` at `target` if the file system allows it; False (nothing done) if not.

    For files an engine is about to copy: MkDocs leaves a file already in place in the site
    folder as it is (shutil.SameFileError), and copies it itself when the link failed.
    `folder_made`: the caller made `target`'s folder (linking thousands of photos into one).
    """
    try:
        if not folder_made:
            target.parent.mkdir(parents=True, exist_ok=True)
        os.link(source, target)
    except OSError:
        return False
    return True


def link_files(source: Path, target: Path, paths: Iterable[str]) -> list[str]:
    """Hard-link (else copy) each of `paths` (relative, POSIX) under `source` to the same place
    under `target`; returns the paths not found under `source`.

    Folders are made as the first file needs one, so none is left empty (a fresh build makes
    no empty folder either)."""
    missing: list[str] = []
    for relative in paths:
        old = os.path.join(source, relative)
        new = os.path.join(target, relative)
        try:
            os.link(old, new)  # most often all it takes: no stat, no folder check
        except FileNotFoundError:  # no such file, or its folder is not made yet
            if os.path.isfile(old):
                link_or_copy(old, new)
            else:
                missing.append(relative)
        except OSError:  # across file systems
            shutil.copy2(old, new)
    return missing
