"""Is an editor's photo usable? One Vietnamese sentence when it is not, never an exception.

Only the header is read here (Pillow opens lazily) plus a full decode check, so `check` stays
fast; decoding for real happens once per photo in the cache.
"""

from __future__ import annotations

import json
import os
import warnings
from pathlib import Path

from PIL import Image, UnidentifiedImageError

# Photos Pillow reads and browsers show; SVG drawings are served as they are.
PHOTO_FORMATS = {"JPEG": (".jpg", ".jpeg"), "PNG": (".png",), "WEBP": (".webp",)}
PHOTO_SUFFIXES = {suffix for suffixes in PHOTO_FORMATS.values() for suffix in suffixes}
VECTOR_SUFFIXES = {".svg"}

# A 50-megapixel phone or camera photo is ordinary and is processed; more than this many pixels
# is a "decompression bomb" (a small file that expands to gigabytes in memory) or a scan that
# should be resized first. Pillow's own guard (MAX_IMAGE_PIXELS) is set to the same limit.
MAX_PIXELS = 120_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


def is_photo(src: str) -> bool:
    return Path(src).suffix.lower() in PHOTO_SUFFIXES


def check_photo(path: Path, shown: str) -> str | None:
    """Why the file at `path` (shown to editors as `shown`) cannot be published, or None."""
    suffix = path.suffix.lower()
    if suffix in VECTOR_SUFFIXES:
        return None
    if suffix not in PHOTO_SUFFIXES:
        return f"tệp {shown} không phải ảnh JPEG, PNG hay WebP (đuôi “{path.suffix or 'không có'}”); hãy lưu ảnh dưới dạng .jpg, .png hoặc .webp."
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                kind, size = image.format, image.size
                if size[0] * size[1] > MAX_PIXELS:
                    raise Image.DecompressionBombError
                image.verify()  # PNG: checks every chunk's checksum
            if kind != "PNG":  # JPEG and WebP have no checksums: decode (at 1/8 scale, cheap) to find truncation
                with Image.open(path) as image:
                    image.draft("RGB", (size[0] // 8, size[1] // 8))
                    image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return (f"ảnh {shown} quá lớn (hơn {MAX_PIXELS // 1_000_000} triệu điểm ảnh) hoặc là tệp nén bất thường; "
                "hãy thu nhỏ ảnh (chiều dài nhất khoảng 3000 điểm ảnh là đủ).")
    except UnidentifiedImageError:
        return f"tệp {shown} không phải là ảnh hoặc đã hỏng; hãy xuất lại ảnh dưới dạng JPEG."
    except (OSError, SyntaxError, ValueError) as error:  # Pillow reports broken data this way
        return f"ảnh {shown} bị hỏng hoặc không đọc được hết ({error}); hãy xuất lại ảnh dưới dạng JPEG."
    if kind not in PHOTO_FORMATS:
        return f"tệp {shown} là ảnh {kind}, không phải JPEG, PNG hay WebP; hãy lưu lại dưới dạng .jpg."
    if suffix not in PHOTO_FORMATS[kind]:
        right = PHOTO_FORMATS[kind][0]
        return f"tệp {shown} có đuôi “{path.suffix}” nhưng thực chất là ảnh {kind}; hãy đổi tên thành “{path.stem}{right}”."
    return None


# Bump when check_photo() accepts or refuses differently, so remembered verdicts are dropped.
CHECK_VERSION = 1


class CheckedPhotos:
    """check_photo() for a whole build, remembering which photos passed.

    Checking decodes each photo (about 25 ms for 2 megapixels, a quarter of a second for 12, on
    this machine): 10,000 photos would cost minutes on every build. A photo whose exact content
    (SHA-256, found by a stat when the file is unchanged: stat_index.py) passed once, under the
    same name suffix and limits, passes again without being opened. Refusals are not remembered:
    they are rare and the editor is about to fix them.
    """

    def __init__(self, cache_root: Path):
        from .stat_index import StatIndex  # here: checks.py is imported by tools that never build

        self.digests = StatIndex(cache_root / "stat-index.json")
        self._path = cache_root / "checked-photos.json"
        self._passed: set[str] | None = None
        self._changed = False

    def check(self, path: Path, shown: str) -> str | None:
        suffix = path.suffix.lower()
        if suffix not in PHOTO_SUFFIXES:
            return check_photo(path, shown)
        passed = self._load()
        key = f"{CHECK_VERSION}:{MAX_PIXELS}:{suffix}:{self.digests.digest(path)}"
        if key in passed:
            return None
        verdict = check_photo(path, shown)
        if verdict is None:
            passed.add(key)
            self._changed = True
        return verdict

    def _load(self) -> set[str]:
        if self._passed is None:
            try:
                self._passed = set(json.loads(self._path.read_text("utf-8")))
            except (OSError, ValueError, TypeError):
                self._passed = set()
        return self._passed

    def save(self) -> None:
        self.digests.save()
        if self._changed and self._passed is not None:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            staged = self._path.with_suffix(f".{os.getpid()}.tmp")
            staged.write_text(json.dumps(sorted(self._passed)), "utf-8")
            os.replace(staged, self._path)
            self._changed = False
