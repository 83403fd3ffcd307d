"""Content digests of a build's inputs: entries, hand-written pages, theme, configuration, code.

Digests are of contents, never of modification times: a CI runner restores its cache and
checks out the repository with new times on every file.
"""

from __future__ import annotations

import hashlib
import os
import re
from importlib import metadata
from pathlib import Path
from typing import Iterable

import generator

from ..filetree import files_under

# Distributions whose version changes what a build writes.
ENGINE_DISTRIBUTIONS = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "nh3",
                        "pagefind-bin", "pagefind", "babel", "pyicu", "feedgen", "python-slugify", "pydantic",
                        "pillow")


def file_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def tree_digests(root: Path, skip: Iterable[str] = ()) -> dict[str, str]:
    """Relative path → digest of every file under `root`, except the relative paths in `skip`."""
    skipped = set(skip)
    found: dict[str, str] = {}
    for relative, entry in _files(root):
        if relative not in skipped:
            with open(entry.path, "rb") as data:
                found[relative] = file_digest(data.read())
    return found


def combine(*parts: object) -> str:
    """One digest of several values (dictionaries are taken in key order)."""
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        if isinstance(part, dict):
            part = sorted(part.items())
        digest.update(repr(part).encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def code_digest() -> str:
    """The generator's own code and fragments, and the versions of the engine it drives."""
    versions = []
    for name in ENGINE_DISTRIBUTIONS:
        try:
            versions.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            versions.append((name, None))
    package = Path(generator.__file__).parent
    sources = {path: digest for path, digest in tree_digests(package).items()
               if path.endswith((".py", ".html", ".js", ".css", ".json")) and "__pycache__" not in path}
    return combine(sources, versions)


def config_digest(config_file: Path) -> str:
    """The configuration file and the environment variables it reads (`!ENV`)."""
    text = config_file.read_bytes()
    names = sorted(set(re.findall(rb"!ENV\s*\[?\s*([A-Za-z_][A-Za-z0-9_]*)", text)))
    return combine(file_digest(text), [(name, os.environ.get(name.decode())) for name in names])


def site_identity(site_dir: Path) -> str | None:
    """Every file's path and size: tells a site this cache built from one changed since."""
    found = site_files(site_dir)
    return identity_of(found) if found is not None else None


def site_files(site_dir: Path) -> dict[str, tuple[int, int]] | None:
    """Relative path → (size, inode) of every file of a site; None without the folder."""
    if not site_dir.is_dir():
        return None
    return {relative: (entry.stat().st_size, entry.inode()) for relative, entry in _files(site_dir)}


def identity_of(files: dict[str, tuple[int, int]]) -> str:
    """`site_identity` of the files `site_files` found."""
    return combine(sorted((relative, size) for relative, (size, _inode) in files.items()))


def _files(root: Path):
    """(relative POSIX path, DirEntry) of every regular file under `root`, symlinked folders
    not walked."""
    return ((relative, entry) for relative, entry in files_under(root, follow_symlinks=False) if entry.is_file())
