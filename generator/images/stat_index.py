"""Content hashes of files, trusted while the file's stat is unchanged (git's index, in small).

Without it, every warm build reads and hashes every photo: 10,000 phone photos of 3–5 MB are
30–50 GB to read. A file whose size, modification time, change time and
inode are the ones recorded with its hash has not been written since (any write or rename
changes the change time), so its recorded hash is reused without reading it.

Like git, a file modified within the last moments is "racily clean": a second write in the same
clock tick could keep the same stat, so such files are hashed but not recorded. The table is a
cache: a missing, stale or broken table only costs hashing again. Written atomically; when two
builds save at once, one table wins and the other's hashes are simply computed again.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

# Files modified this recently are hashed every time (see the module docstring).
RACY_SECONDS = 2.0
_VERSION = 1


def _stamp(stat: os.stat_result) -> list[int]:
    return [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]


def file_digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


class StatIndex:
    def __init__(self, path: Path):
        self.path = path
        self._entries: dict[str, list] | None = None  # absolute path → [size, mtime, ctime, inode, digest]
        self._changed = False

    def _load(self) -> dict[str, list]:
        if self._entries is None:
            try:
                data = json.loads(self.path.read_text("utf-8"))
                self._entries = data["files"] if data.get("version") == _VERSION else {}
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                self._entries = {}
        return self._entries

    def digest(self, path: Path) -> str:
        """SHA-256 of the file's bytes (hex)."""
        entries = self._load()
        name = os.path.abspath(path)
        stat = os.stat(name)
        stamp = _stamp(stat)
        known = entries.get(name)
        if known is not None and known[:4] == stamp:
            return known[4]
        digest = file_digest(path)
        if time.time() - stat.st_mtime > RACY_SECONDS and time.time() - stat.st_ctime > RACY_SECONDS:
            entries[name] = [*stamp, digest]
            self._changed = True
        elif known is not None:
            del entries[name]
            self._changed = True
        return digest

    def save(self) -> None:
        if not self._changed or self._entries is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        staged = self.path.with_suffix(f".{os.getpid()}.tmp")
        staged.write_text(json.dumps({"version": _VERSION, "files": self._entries}), "utf-8")
        os.replace(staged, self.path)
        self._changed = False
