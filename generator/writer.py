"""Page plan → files: writes generated pages into the docs tree beside hand-written pages.

Only files whose content changed are rewritten, so a live-reloading engine sees one changed
file per edited entry; pages the plan no longer has are removed. A manifest of what was
generated keeps hand-written pages safe from being overwritten or deleted.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable

from .outputs import KeptFile, KeptPage, LinkedFile, OutputFile
from .pages import Page

MANIFEST = ".generated.json"
GENERATED_FLAG = "generated"  # front-matter key marking pages whose body is finished HTML
# Paths of new pages, appended before each is created: if a build is killed before the
# manifest is written, the next build still knows these files are generated, not hand-written.
PENDING = ".generated.pending"
# The generator's own files in docs/, beside the pages (never hand-written, never published).
BOOKKEEPING = (".gitignore", MANIFEST, PENDING, ".generated.tmp")


class WouldOverwrite(Exception):
    pass


@dataclass(frozen=True)
class WriteReport:
    written: int
    unchanged: int
    removed: int
    # Page path → (digest of its content, (size, mtime in ns) of its file): what the build
    # cache needs to trust the file later without reading it (buildcache/plan.py).
    sources: dict[str, tuple[str, tuple[int, int]]] = field(default_factory=dict)
    # Path of each generated file that is not a page → (size, mtime in ns) of its file: what
    # a later plan needs to keep it unwritten (portal.Portal, feeds).
    files: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return self.written + self.unchanged

    @cached_property
    def source_digests(self) -> dict[str, str]:
        """Page path → digest of its content: `sources` without the stats."""
        return {path: digest for path, (digest, _stat) in self.sources.items()}


def page_source(page: Page) -> str:
    """A page as Markdown: front matter, then its HTML (a Markdown engine passes HTML through)."""
    meta = {"title": page.title, "description": page.description, **page.meta, GENERATED_FLAG: True}
    # JSON values are valid YAML flow scalars: exact quoting for any title, no YAML dump cost.
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items() if value not in (None, "")]
    return "---\n" + "\n".join(lines) + "\n---\n\n" + page.html.strip() + "\n"


def generated_paths(docs_dir: Path) -> set[str]:
    """The paths (relative to `docs_dir`) of the pages and files the last write generated."""
    manifest_path = docs_dir / MANIFEST
    return set(json.loads(manifest_path.read_text("utf-8"))) if manifest_path.exists() else set()


def read_page_source(source: str) -> tuple[dict[str, Any], str] | None:
    """`page_source` read back: (front matter, HTML), or None for any other file.

    The same values a YAML reader gives (JSON scalars are YAML flow scalars), with the HTML
    as MkDocs splits it off; one `json.loads` per key costs a fraction of a YAML parse.
    """
    if not source.startswith("---\n"):
        return None
    end = source.find("\n---\n", 3)
    if end < 0:
        return None
    meta: dict[str, Any] = {}
    for line in source[4:end].split("\n"):
        key, separator, value = line.partition(": ")
        if not separator or not key.isidentifier():
            return None
        try:
            meta[key] = json.loads(value)
        except ValueError:
            return None
    if meta.get(GENERATED_FLAG) is not True:
        return None
    return meta, source[end + 5:].lstrip("\n")


def previously_generated(docs_dir: Path) -> set[str]:
    """Paths in `docs_dir` that earlier builds generated (the manifest, plus the pending list
    of a build that was killed): everything else there is hand-written."""
    manifest_path = docs_dir / MANIFEST
    previous = set(json.loads(manifest_path.read_text("utf-8"))) if manifest_path.exists() else set()
    pending_path = docs_dir / PENDING
    if pending_path.exists():
        previous |= set(pending_path.read_text("utf-8").splitlines())
    return previous


def write_pages(pages: Iterable[Page | OutputFile | LinkedFile | KeptPage | KeptFile], docs_dir: Path,
                kept_stats: dict[str, tuple[int, int]] | None = None) -> WriteReport:
    """Write pages and files; only files the manifest lists may be replaced or removed.

    A `KeptPage` or `KeptFile` stays as it is, unread: its stat is taken from `kept_stats`."""
    from .buildcache.fingerprint import file_digest  # here: the build cache imports this module
    manifest_path = docs_dir / MANIFEST
    previous = previously_generated(docs_dir)
    pending_path = docs_dir / PENDING
    current: list[str] = []
    sources: dict[str, tuple[str, tuple[int, int]]] = {}
    files: dict[str, tuple[int, int]] = {}
    written = unchanged = 0
    docs_dir.mkdir(parents=True, exist_ok=True)
    folders: set[Path] = set()  # made: one mkdir a folder, not one a file (13 files a photo)
    # Nothing in docs/ is touched unless its content changes, the bookkeeping files included:
    # `mkdocs serve` watches docs/, and any write there starts another rebuild, forever.
    pending = None
    try:
        for page in pages:
            if isinstance(page, KeptPage):
                current.append(page.path)
                sources[page.path] = (page.digest, (kept_stats or {})[page.path])
                unchanged += 1
                continue
            if isinstance(page, KeptFile):
                current.append(page.path)
                files[page.path] = (kept_stats or {})[page.path]
                unchanged += 1
                continue
            target = docs_dir / page.path
            linked = isinstance(page, LinkedFile)
            exists = target.exists()
            if linked:
                same = exists and target.stat().st_size == page.source.stat().st_size
            else:
                content = page.data if isinstance(page, OutputFile) else page_source(page).encode("utf-8")
                same = exists and target.read_bytes() == content
            # A content-named photo variant already there is ours (the preview publishes new
            # ones between full builds), not an editor's file.
            if page.path not in previous and exists and not (linked and same):
                raise WouldOverwrite(
                    f"Trang sinh tự động /{page.url} trùng với tệp viết tay docs/{page.path}; hãy đổi tên tệp viết tay."
                )
            current.append(page.path)
            if same:
                unchanged += 1
                if isinstance(page, Page):
                    sources[page.path] = (file_digest(content), file_stat(target))
                elif isinstance(page, OutputFile):
                    files[page.path] = file_stat(target)
                continue
            if page.path not in previous:
                if pending is None:
                    pending = pending_path.open("a", encoding="utf-8")
                pending.write(page.path + "\n")
                pending.flush()
            if target.parent not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(target.parent)
            if linked:
                _replace_with_link(page.source, target, exists)
            else:
                target.write_bytes(content)
                if isinstance(page, Page):
                    sources[page.path] = (file_digest(content), file_stat(target))
                else:
                    files[page.path] = file_stat(target)
            written += 1
    finally:
        if pending is not None:
            pending.close()
    stale = previous - set(current)
    for path in stale:
        (docs_dir / path).unlink(missing_ok=True)
        _prune_empty_parents(docs_dir / path, docs_dir)
    manifest = json.dumps(sorted(current), ensure_ascii=False, indent=0)
    if not _holds(manifest_path, manifest):
        staged = manifest_path.with_suffix(".tmp")
        staged.write_text(manifest, "utf-8")
        os.replace(staged, manifest_path)  # atomic: a killed build leaves the old or the new manifest
    pending_path.unlink(missing_ok=True)
    _write_ignore_file(docs_dir, current)
    return WriteReport(written, unchanged, len(stale), sources, files)


def file_stat(path: Path) -> tuple[int, int] | None:
    """(size, modification time in ns) of a file, None if there is none: how the build cache
    and the plan trust a generated file in docs/ without reading it."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_size, found.st_mtime_ns


def _write_ignore_file(docs_dir: Path, paths: list[str]) -> None:
    """Keep generated pages out of git, whatever sections later versions add."""
    tops = sorted({path.split("/")[0] + ("/" if "/" in path else "") for path in paths})
    lines = ["# Written by generator/writer.py: generated pages, never edit or commit them.",
             *(f"/{name}" for name in BOOKKEEPING), *(f"/{top}" for top in tops)]
    text = "\n".join(lines) + "\n"
    if not _holds(docs_dir / ".gitignore", text):
        (docs_dir / ".gitignore").write_text(text, "utf-8")


def _holds(path: Path, text: str) -> bool:
    try:
        return path.read_text("utf-8") == text
    except (OSError, UnicodeDecodeError):
        return False


def _prune_empty_parents(path: Path, root: Path) -> None:
    parent = path.parent
    while parent != root and parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent


def _replace_with_link(source: Path, target: Path, exists: bool = True) -> None:
    """Put `source`'s bytes at `target`, replacing any file there atomically: a hard link (no
    disk space; the cache keeps the bytes), across file systems a copy. (publish.links.link_or_copy
    only ever makes new names, in a folder no reader sees yet.)

    A new name is linked in place (a link appears whole, it is atomic): one system call where
    replacing a file takes three, and a full build links 13 variants a photo.
    """
    if not exists:
        try:
            os.link(source, target)
            return
        except OSError:
            pass  # across file systems, or made meanwhile: staged and renamed as below
    staged = target.with_name(f".{target.name}.tmp")
    staged.unlink(missing_ok=True)
    try:
        os.link(source, staged)
    except OSError:
        shutil.copyfile(source, staged)
    os.replace(staged, target)
