"""`DocumentMemo`: what a build learnt of each file of a folder, kept for the next build.

Every build needs each search document's digest (the cache's `search_documents`, the shards'
digests) and its words (the vocabulary document every shard holds: search_index._vocabulary_of),
and each entry file's digest (the cache's inputs, the validated entries' memo); reading,
digesting and tokenizing all 10,000 of each cost ~3.5 s of a build after one edit, which
changes one or two. A file is read again only when its stat changed (size, modification
time, inode; for the entries the change time too), as git's index does, with git's rule for
racy files: a file modified no earlier than the moment the memo's scan began may have changed
again within the clock's granularity without its stat showing it, so it is always read again.
The build owns the search documents (it holds the project's lock) and rewrites a changed one
in place (search_index.with_search_documents), which updates its modification time.

Words are kept as numbers into one word list (the memo of 10,070 search documents: 15 MB).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import stat
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ..filetree import files_under
from .fingerprint import file_digest
from .pickles import load

FORMAT = 2
# Documents read while digesting whose bytes are kept for tokenizing, at most: an edit rewrites
# a handful; a cold build reads them all, and tokenizing re-reads them in the search thread.
_KEPT_BYTES = 16 << 20


@dataclass
class _Known:
    size: int
    mtime_ns: int
    inode: int
    ctime_ns: int
    digest: str
    words: bytes | None  # array("I") of word numbers; None until tokenized


@dataclass
class DocumentMemo:
    """The files under `folder` (by relative POSIX path), their digests and words,
    remembered in `memo_file` (None: nothing kept between builds)."""

    folder: Path
    memo_file: Path | None = None
    salt: str = ""  # what else the words depend on (the tokenizer: the generator's code)
    with_words: bool = True  # False: digests only (the entries), every document kept
    # Compare the inode's change time too (git does): `cp -p` over a file keeps its inode and
    # sets an old modification time, but the change time is always now. Not for the search
    # documents, which the build hard-links into the shards' folders (a new link is a change).
    with_ctime: bool = False
    _known: dict[str, _Known] = field(default_factory=dict)
    _word_list: list[str] = field(default_factory=list)
    _word_ids: dict[str, int] = field(default_factory=dict)
    _scan_started: int = 0
    _unread: dict[str, bytes] = field(default_factory=dict)  # bytes read for digests, not yet tokenized
    _digests: dict[str, str] | None = None
    _carried: set[str] = field(default_factory=set)  # found unchanged since the last build, not read
    read_again: int = 0  # documents read this build (for the stage timers and tests)

    @classmethod
    def open(cls, folder: Path, memo_file: Path | None, salt: str = "", with_words: bool = True,
             with_ctime: bool = False) -> "DocumentMemo":
        memo = cls(folder, memo_file, salt, with_words, with_ctime)
        if memo_file is not None:
            try:
                stored = load(memo_file)
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
                stored = None
            if isinstance(stored, dict) and stored.get("format") == FORMAT and stored.get("salt") == salt:
                memo._word_list = stored["words"]
                memo._word_ids = {word: number for number, word in enumerate(memo._word_list)}
                racy = stored["scan_started"]
                memo._known = {path: known for path, known in stored["documents"].items() if known.mtime_ns < racy}
        return memo

    def digests(self, only: Iterable[str] | None = None, suffix: str = ".html") -> dict[str, str]:
        """Relative path → digest (fingerprint.file_digest) of every regular file named
        `*{suffix}` in the folder now (symlinked folders not walked), or of the documents `only`
        names; scanned once a build (later calls return the same)."""
        if self._digests is not None:
            return self._digests
        # Only a memo kept between builds needs the racy rule's moment. A cache folder that
        # cannot be written (the build only warns: engine._remember) keeps nothing.
        if self.memo_file is not None:
            try:
                self._scan_started = _file_system_now(self.memo_file.parent)
            except OSError:
                self.memo_file = None
        if only is None:
            listing = ((relative, entry.stat()) for relative, entry in files_under(self.folder, follow_symlinks=False)
                       if relative.endswith(suffix) and entry.is_file())
        else:
            listing = ((relative, os.stat(self.folder / relative)) for relative in only)
        found: dict[str, _Known] = {}
        kept = 0
        for relative, info in listing:
            known = self._known.get(relative)
            if known is None or not self._same(known, info):
                with open(self.folder / relative, "rb") as document:
                    data = document.read()
                self.read_again += 1
                known = _Known(info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns, file_digest(data), None)
                if kept + len(data) <= _KEPT_BYTES:
                    self._unread[relative] = data
                    kept += len(data)
            else:
                self._carried.add(relative)
            found[relative] = known
        self._known = found
        self._digests = {relative: known.digest for relative, known in found.items()}
        return self._digests

    def words(self, tokens_of: Callable[[str], Iterable[str]], words_of: Callable[[str], Iterable[str]]) -> set[str]:
        """Every word of every document, after `digests`: the `words_of` each of the
        `tokens_of` a document's text. Tokens repeat from document to document (news reuse
        their syllables), so each distinct token's words are found once."""
        numbers: set[int] = set()
        of_token: dict[str, tuple[int, ...]] = {}
        for relative, known in self._known.items():
            if known.words is None:
                data = self._unread.pop(relative, None)
                if data is None:
                    data = (self.folder / relative).read_bytes()
                mine: set[int] = set()
                for token in tokens_of(data.decode("utf-8")):
                    found = of_token.get(token)
                    if found is None:
                        found = of_token[token] = tuple(self._number(word) for word in words_of(token))
                    mine.update(found)
                known.words = array("I", sorted(mine)).tobytes()
            numbers.update(array("I", known.words))
        self._unread.clear()
        return {self._word_list[number] for number in numbers}

    def inode(self, relative: str) -> int | None:
        """The inode of a document as this build's scan found it (after `digests`)."""
        known = self._known.get(relative)
        return known.inode if known is not None else None

    def unchanged_digest(self, relative: str, path: Path) -> str | None:
        """The digest of a document this build's scan found unchanged since the last build,
        if its stat is still the one scanned (and it is a regular file); None: read it."""
        if relative not in self._carried:
            return None
        known = self._known[relative]
        try:
            now = os.stat(path)
        except OSError:
            return None
        if not stat.S_ISREG(now.st_mode) or not self._same(known, now):
            return None
        return known.digest

    def _same(self, known: _Known, now: os.stat_result) -> bool:
        return ((known.size, known.mtime_ns, known.inode) == (now.st_size, now.st_mtime_ns, now.st_ino)
                and (not self.with_ctime or known.ctime_ns == now.st_ctime_ns))

    def save(self) -> None:
        """Keep what this build learnt (atomically: a build killed meanwhile leaves the old memo).
        Documents never tokenized (`with_words`) are not kept: the next build reads them."""
        if self.memo_file is None:
            return
        stored = {"format": FORMAT, "salt": self.salt, "scan_started": self._scan_started, "words": self._word_list,
                  "documents": {path: known for path, known in self._known.items()
                                if known.words is not None or not self.with_words}}
        staged = self.memo_file.with_name(self.memo_file.name + ".tmp")
        try:
            with open(staged, "wb") as out:
                pickle.dump(stored, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(staged, self.memo_file)
        except OSError:  # a memo is an optimisation: the next build reads every document
            with contextlib.suppress(OSError):
                staged.unlink()

    def _number(self, word: str) -> int:
        number = self._word_ids.get(word)
        if number is None:
            number = self._word_ids[word] = len(self._word_list)
            self._word_list.append(word)
        return number


def _file_system_now(folder: Path) -> int:
    """The file system's clock now, in the nanoseconds of `st_mtime_ns`: a file written from
    now on gets this modification time or a later one (the kernel stamps files with a coarse
    clock that may lag `time.time_ns()`, so that clock would not do). Read from a file made
    in `folder` (the cache's: never the project's own folders, which `serve` watches)."""
    folder.mkdir(parents=True, exist_ok=True)
    marker = folder / ".clock"
    with open(marker, "wb"):
        pass
    try:
        return marker.stat().st_mtime_ns
    finally:
        marker.unlink(missing_ok=True)
