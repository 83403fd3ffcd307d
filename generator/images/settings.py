"""What the build makes of each photo: widths, formats and qualities; one place to tune them."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from PIL import features

# Bump when the processing itself changes (not its settings), so cached variants are remade.
PROCESS_VERSION = 2  # 2: JPEG at its own widths (meta.json's "jpeg_widths")


@dataclass(frozen=True)
class ImageSettings:
    # From a phone's width to a wide screen at 2x; never larger than the original.
    widths: tuple[int, ...] = (320, 640, 960, 1280, 1600)
    # JPEG is only the <img> fallback (and the feeds' enclosure): every browser that reads
    # <picture> takes the AVIF or WebP <source> first, and those read neither (IE 11, Safari
    # before 14) are a sliver of readers. Two widths serve them: 640 for thumbnails and
    # phones at 1x–2x (a 300–360 px column), 1280 for phones at 3x (412 px × 3) and the 720 px
    # desktop column. Three fewer files a photo than five widths (13 instead of 16 with AVIF):
    # every published file costs each build a link, a stat and an entry in MkDocs' file list
    # (bench/RESULTS.md, issue 10). Must be a subset of `widths` (they are resized in one chain).
    jpeg_widths: tuple[int, ...] = (640, 1280)
    webp_quality: int = 78
    # libwebp's effort 0–6. Browsers that take AVIF (the first <source>) never load the WebP, so
    # WebP is the older browsers' copy: effort 2 encodes twice as fast as the default 4 for
    # files ~6 % larger (measured on 6-megapixel photos, bench/RESULTS.md).
    webp_method: int = 2
    avif_quality: int = 55
    # libaom's speed 9 encodes a 1600 px photo ~5x faster than 8 for files ~4% larger (measured).
    avif_speed: int = 9
    jpeg_quality: int = 82
    # Open Graph: the size Facebook and Zalo show large.
    og_size: tuple[int, int] = (1200, 630)
    avif: bool = features.check("avif")

    def __post_init__(self) -> None:
        if not set(self.jpeg_widths) <= set(self.widths):
            raise ValueError(f"jpeg_widths {self.jpeg_widths} must be among widths {self.widths}")

    @property
    def formats(self) -> tuple[str, ...]:
        """Best first: browsers take the first <source> they support; JPEG is the <img> fallback."""
        return (("avif",) if self.avif else ()) + ("webp", "jpeg")

    def fingerprint(self) -> str:
        """Changes whenever an output could change: part of every cache key and published name."""
        return hashlib.sha256(f"{PROCESS_VERSION}:{self!r}".encode()).hexdigest()[:12]
