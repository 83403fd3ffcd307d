"""Is an editor's photo usable? One Vietnamese sentence when it is not, never an exception.

Only the header is read here (Pillow opens lazily) plus a full decode check, so `check` stays
fast; decoding for real happens once per photo in the cache.
"""

from __future__ import annotations

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
