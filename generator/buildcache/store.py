"""`BuildCache`: reads the last build's stamp, answers what may be reused, writes the new one."""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from jinja2 import FileSystemBytecodeCache

from ..writer import MANIFEST, PENDING, generated_paths
from . import pickles, plan
from .documents import DocumentMemo
from .bodies import StoredBodies
from .fingerprint import code_digest, combine, config_digest, file_digest, identity_of, site_files, site_identity, tree_digests

FOLDER = Path("build") / "cache"  # relative to the project root; documented in README.md
STAMP = "stamp.json"
TEMPLATE_CACHE_ENV = "GUONG_SANG_TEMPLATE_CACHE"
ENTRIES = "entries.pickle"
BODIES = "bodies"
SEARCH_SHARDS = "search-shards"
SEARCH_DOCUMENTS = "search-documents.pickle"
ENTRY_STATS = "entry-stats.pickle"
FORMAT = 1  # bump when what the cache holds changes meaning


@dataclass
class BuildCache:
    folder: Path
    site_dir: Path  # the published site this cache describes
    inputs: dict[str, str]  # digests of this build's inputs, by kind
    previous: dict[str, Any] = field(default_factory=dict)  # the last build's stamp
    # Filled during the build, written by `commit`.
    rendered: dict[str, str] = field(default_factory=dict)  # page source path → digest of its source
    search_documents: str | None = None
    next_publication: dt.datetime | None = None
    entry_files: dict[str, str] = field(default_factory=dict)  # digests of the files in entries/
    _entries: dict[str, tuple[str, Any]] | None = None
    _entry_stats: DocumentMemo | None = None  # the entry files' digests, by stat
    _entries_changed: bool = False
    _site_checked: bool | None = None
    # Relative path → inode of each file of the site in place, once `site_is_ours` found it ours.
    site_inodes: dict[str, int] | None = None
    # `site_files` of the site this build wrote, if the engine walked it as it finished.
    built_site: dict[str, tuple[int, int]] | None = None

    @classmethod
    def open(cls, root: Path, config_file: Path, docs_dir: Path, entries_dir: Path, theme_dir: Path | None,
             site_dir: Path, cms_bundle: Path | None = None) -> "BuildCache":
        folder = root / FOLDER
        generated = generated_paths(docs_dir) | {MANIFEST, PENDING, ".generated.tmp", ".gitignore"}
        code = code_digest()
        # Entry files unchanged since the last build (by stat, documents.py) are not read
        # again, here nor when checked (`unchanged_entry`): 10,000 files read twice a build.
        entry_stats = DocumentMemo.open(entries_dir, folder / ENTRY_STATS, salt=code, with_words=False, with_ctime=True)
        entry_files = entry_stats.digests(suffix="")
        entry_stats.save()  # true of the files whatever the build does next (a build with no change stops here)
        inputs = {
            "entries": combine(entry_files),
            "docs": combine(tree_digests(docs_dir, skip=generated)),
            "theme": combine(tree_digests(theme_dir)) if theme_dir else "",
            "config": config_digest(config_file),
            # /admin/ carries Decap's bundle (node_modules/, outside every other input).
            "cms": file_digest(cms_bundle.read_bytes()) if cms_bundle is not None else "",
            "code": code,
            # Relative to the project where inside it: CI runners may check a project out
            # at another path each run (GitLab's shell executor), and the site moves with it.
            "site_dir": _within(site_dir, root),
            "format": str(FORMAT),
        }
        try:
            previous = json.loads((folder / STAMP).read_text("utf-8"))
        except (OSError, ValueError):
            previous = {}
        return cls(folder, site_dir, inputs, previous, entry_files=entry_files, _entry_stats=entry_stats)

    def compiled_templates(self) -> FileSystemBytecodeCache:
        """Jinja's compiled templates, kept between builds (Jinja checks each against its
        source). Compiling Material's and the generator's templates, in every worker process,
        was a tenth of a build after one edit. GUONG_SANG_TEMPLATE_CACHE names a folder shared
        by several projects instead (the test suite's ~150 builds of fresh copies): entries are
        keyed by the template's path and checked against its source, and written whole."""
        folder = Path(os.environ.get(TEMPLATE_CACHE_ENV) or self.folder / "templates")
        folder.mkdir(parents=True, exist_ok=True)
        return FileSystemBytecodeCache(str(folder))

    # -- the whole build ------------------------------------------------------------------

    def up_to_date(self, now: dt.datetime) -> bool:
        """Nothing to do: same inputs, no scheduled record due since, the same site in place."""
        if self.previous.get("inputs") != self.inputs:
            return False
        due = self.previous.get("next_publication")
        if due is not None and dt.datetime.fromisoformat(due) <= now:
            return False
        return self.site_is_ours()

    def site_is_ours(self) -> bool:
        """Whether `site_dir` is the site the last build wrote (checked once per build: call it
        before forking workers, so they inherit the answer)."""
        if self._site_checked is None:
            found = site_files(self.site_dir) if self.previous.get("site") else None
            self._site_checked = found is not None and identity_of(found) == self.previous["site"]
            if self._site_checked:
                self.site_inodes = {relative: inode for relative, (_size, inode) in found.items()}
        return self._site_checked

    def _same_except(self, *kinds: str) -> bool:
        before = self.previous.get("inputs") or {}
        return all(before.get(k) == v for k, v in self.inputs.items() if k not in kinds)

    # -- validated entries ----------------------------------------------------------------

    def known_entry(self, shown: str, raw: bytes) -> Any | None:
        """The validated (entry, problems) of a file read before with these very bytes."""
        if self._entries is None:
            self._entries = self._load_entries()
        hit = self._entries.get(shown)
        return hit[1] if hit is not None and hit[0] == file_digest(raw) else None

    def unchanged_entry(self, shown: str, relative: str, path: Path) -> Any | None:
        """The validated (entry, problems) of a file found unchanged since the last build
        without reading it: its stat is the one the last build read it with (documents.py)."""
        digest = self._entry_stats.unchanged_digest(relative, path) if self._entry_stats is not None else None
        if digest is None:
            return None
        if self._entries is None:
            self._entries = self._load_entries()
        hit = self._entries.get(shown)
        return hit[1] if hit is not None and hit[0] == digest else None

    def remember_entry(self, shown: str, raw: bytes, result: Any) -> None:
        if self._entries is None:
            self._entries = self._load_entries()
        self._entries[shown] = (file_digest(raw), result)
        self._entries_changed = True

    def forget_entries_except(self, shown: set[str]) -> None:
        if self._entries is not None and set(self._entries) - shown:
            self._entries = {k: v for k, v in self._entries.items() if k in shown}
            self._entries_changed = True

    def _load_entries(self) -> dict[str, tuple[str, Any]]:
        try:
            stored = pickles.load(self.folder / ENTRIES, lasting=True)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return {}
        # Held with the inputs they were validated under, not the last stamp's: the entries are
        # saved before the build ends (`save_entries`), and a build that then fails leaves the
        # stamp of the one before it.
        if not isinstance(stored, dict) or stored.get("inputs") != self._entry_inputs():
            return {}
        return stored["entries"]

    def _entry_inputs(self) -> dict[str, str]:
        """What a validated record depends on besides its file: the catalogue, glossary,
        hand-written pages (images) and the code."""
        return {kind: digest for kind, digest in self.inputs.items() if kind not in ("entries", "theme", "site_dir", "cms")}

    def save_entries(self) -> None:
        """Keep the validated entries for the next build, if this one changed them (commit
        calls it too; the plugin calls it while Pagefind finishes, so that the 60 MB of 10,000
        records are not written after it, when the build waits for nothing else)."""
        if not self._entries_changed or self._entries is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        staged = self.folder / (ENTRIES + ".tmp")
        with open(staged, "wb") as out:
            pickle.dump({"inputs": self._entry_inputs(), "entries": self._entries}, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(staged, self.folder / ENTRIES)
        self._entries_changed = False

    # -- record bodies ------------------------------------------------------------------------

    def body_renderer(self, glossary: dict[str, str], photos: Any = None) -> StoredBodies:
        """A body renderer that keeps what it renders in `bodies/` (see bodies.py)."""
        self._bodies = StoredBodies(glossary=glossary, photos=photos, folder=self.folder / BODIES,
                                    salt=combine(self.inputs["code"], glossary))
        return self._bodies

    def keep_bodies(self, rendered: Iterable[tuple[str, str]]) -> None:
        """Delete stored bodies other than these (body Markdown, page URL) pairs."""
        bodies = getattr(self, "_bodies", None)
        if bodies is not None:
            bodies.keep_only(rendered)

    # -- the page plan (plan.py) -----------------------------------------------------------

    def plan_key(self, records: set[str]) -> str:
        """Every input of the page plan but the record files (`records`: paths in entries/)."""
        others = {path: digest for path, digest in self.entry_files.items() if path not in records}
        return combine({k: v for k, v in self.inputs.items() if k not in ("entries", "site_dir", "cms")}, others)

    def record_digest(self, path: str) -> str | None:
        """Digest of a file in entries/ as this build found it (path relative to entries/)."""
        return self.entry_files.get(path)

    def page_plan(self) -> plan.PlanLedger | None:
        return plan.load(self.folder)

    def forget_page_plan(self) -> None:
        plan.forget(self.folder)

    def keep_page_plan(self, ledger: plan.PlanLedger) -> None:
        plan.save(self.folder, ledger)

    # -- rendered pages and the search index ------------------------------------------------

    def reusable_page(self, source_path: str, source_digest: str, destination: str) -> Path | None:
        """The previous site's output of a page whose source and theme did not change."""
        if not self.pages_reusable() or self.rendered_before.get(source_path) != source_digest:
            return None
        old = self.site_dir / destination
        return old if old.is_file() else None

    def pages_reusable(self) -> bool:
        """Whether only records (and the editor's bundle, itself a generated file) changed since
        the site in place was built: then each unchanged source's output there is still right."""
        return self._same_except("entries", "cms") and self.site_is_ours()

    @property
    def rendered_before(self) -> dict[str, str]:
        """Page source path → digest of the source the previous site's page was rendered from."""
        return self.previous.get("rendered") or {}

    def reusable_index(self, documents_digest: str, bundle: str) -> Path | None:
        """The previous site's search index, if it was built from these very documents."""
        if self.previous.get("search_documents") != documents_digest or not self.site_is_ours():
            return None
        old = self.site_dir / bundle
        return old if old.is_dir() else None

    def search_document_memo(self, documents: Path) -> DocumentMemo:
        """The search documents' digests and words as the last build found them (documents.py):
        only the documents changed since are read again. It depends on nothing but the
        documents' bytes and the code (the tokenizer)."""
        return DocumentMemo.open(documents, self.folder / SEARCH_DOCUMENTS, salt=self.inputs["code"])

    @property
    def search_shards(self) -> Path:
        """Where each search shard's bundle is kept with the digest of its documents
        (search_index.IndexingJob): a shard is a function of them alone, so unlike the
        whole index above it does not depend on the previous site."""
        return self.folder / SEARCH_SHARDS

    # -- after the build ----------------------------------------------------------------------

    def commit(self) -> None:
        """Record the build just published in `site_dir`."""
        self.save_entries()
        self.folder.mkdir(parents=True, exist_ok=True)
        stamp = {
            "inputs": self.inputs,
            "next_publication": self.next_publication.isoformat() if self.next_publication else None,
            "rendered": self.rendered,
            "search_documents": self.search_documents,
            "site": identity_of(self.built_site) if self.built_site is not None else site_identity(self.site_dir),
        }
        staged = self.folder / (STAMP + ".tmp")
        staged.write_text(json.dumps(stamp, ensure_ascii=False), "utf-8")
        os.replace(staged, self.folder / STAMP)


def _within(path: Path, root: Path) -> str:
    """`path` relative to `root` when inside it, else absolute."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
