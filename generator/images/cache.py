"""Processed photos kept between builds, keyed by the photo's content and the settings.

A rebuild with unchanged photos decodes nothing, and does not even read the photos: as git's
index does, a small table (stat_index.py) remembers each file's content hash beside its size,
modification and change times and inode, and a file whose stat is unchanged is not hashed again.
The cache lives outside `site/` and `docs/` (default `.cache/images/` in the project, or the
folder in GUONG_SANG_IMAGE_CACHE), so CI can keep it between runs (see the workflows).
Entries are written into a temporary folder and renamed into place: a killed build leaves
whole entries or none, never a half-written variant that a later build would trust.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .process import cover, encode, open_upright, resized, widths_for
from .settings import ImageSettings
from .stat_index import StatIndex

CACHE_ENV = "GUONG_SANG_IMAGE_CACHE"
DEFAULT_CACHE = Path(".cache") / "images"


def cache_root(project_root: Path) -> Path:
    configured = os.environ.get(CACHE_ENV)
    return Path(configured) if configured else project_root / DEFAULT_CACHE


@dataclass(frozen=True)
class CachedPhoto:
    """A processed photo in the cache: its folder, the content key and the variants in it."""

    folder: Path
    key: str  # sha256 of the original's bytes and the settings
    width: int  # of the largest variant
    height: int
    widths: tuple[tuple[int, int], ...]  # (width, height) of each AVIF and WebP variant, narrowest first
    jpeg_widths: tuple[tuple[int, int], ...]  # the same for the JPEG fallback (fewer: settings.py)
    formats: tuple[str, ...]

    def sizes(self, fmt: str) -> tuple[tuple[int, int], ...]:
        """(width, height) of each variant in `fmt`, narrowest first."""
        return self.jpeg_widths if fmt == "jpeg" else self.widths

    def file(self, width: int, fmt: str) -> Path:
        return self.folder / f"{width}.{'jpg' if fmt == 'jpeg' else fmt}"

    @property
    def og_file(self) -> Path:
        return self.folder / "og.jpg"


def content_key(digest: str, settings: ImageSettings) -> str:
    """The cache key of a photo whose bytes have the SHA-256 `digest`, under `settings`."""
    return hashlib.sha256(f"{settings.fingerprint()}\0{digest}".encode()).hexdigest()


class ImageCache:
    def __init__(self, root: Path, settings: ImageSettings | None = None):
        self.root = root
        self.settings = settings or ImageSettings()
        self.digests = StatIndex(root / "stat-index.json")

    def key(self, path: Path) -> str:
        return content_key(self.digests.digest(path), self.settings)

    def cached(self, path: Path) -> CachedPhoto | None:
        """The photo at `path` if the cache has it (costs a stat, or hashing a changed file)."""
        return self.find(self.key(path))

    def find(self, key: str) -> CachedPhoto | None:
        """The processed photo with this content key, if the cache has it."""
        meta = self.root / key[:2] / key / "meta.json"
        return self._load(meta.parent, key) if meta.exists() else None

    def save(self) -> None:
        """Keep the file hashes learned in this build for the next one."""
        self.digests.save()

    def processed(self, path: Path) -> CachedPhoto:
        """The photo at `path`, processed now or found in the cache."""
        key = self.key(path)
        folder = self.root / key[:2] / key
        if not (folder / "meta.json").exists():
            self._make(path, folder)
        return self._load(folder, key)

    def _load(self, folder: Path, key: str) -> CachedPhoto:
        data = json.loads((folder / "meta.json").read_text("utf-8"))
        widths = tuple((w, h) for w, h in data["widths"])
        jpeg_widths = tuple((w, h) for w, h in data["jpeg_widths"])
        return CachedPhoto(folder, key, widths[-1][0], widths[-1][1], widths, jpeg_widths, tuple(data["formats"]))

    def _make(self, path: Path, folder: Path) -> None:
        settings = self.settings
        image = open_upright(path, settings.widths[-1])
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".tmp-", dir=folder.parent))
        try:
            widths, jpeg_widths = [], []
            in_jpeg = set(widths_for(image.width, settings.jpeg_widths))  # a subset of the widths below
            source = image
            # Widest first, each variant resized from the previous one: a fraction of the cost
            # of resizing the (possibly 50-megapixel) original five times.
            for width in reversed(widths_for(image.width, settings.widths)):
                variant = source = resized(source, width)
                widths.insert(0, (variant.width, variant.height))
                if width in in_jpeg:
                    jpeg_widths.insert(0, (variant.width, variant.height))
                for fmt in settings.formats:
                    if fmt == "jpeg" and width not in in_jpeg:
                        continue
                    name = f"{variant.width}.{'jpg' if fmt == 'jpeg' else fmt}"
                    (staging / name).write_bytes(encode(variant, fmt, settings))
            (staging / "og.jpg").write_bytes(encode(cover(image, settings.og_size), "jpeg", settings))
            meta = {"widths": widths, "jpeg_widths": jpeg_widths, "formats": list(settings.formats), "source": path.name}
            (staging / "meta.json").write_text(json.dumps(meta), "utf-8")
            try:
                os.rename(staging, folder)
            except OSError:  # another process made the same entry meanwhile: keep theirs
                shutil.rmtree(staging, ignore_errors=True)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
