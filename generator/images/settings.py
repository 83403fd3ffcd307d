"""What the build makes of each photo: widths, formats and qualities; one place to tune them."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from PIL import features

# Bump when the processing itself changes (not its settings), so cached variants are remade.
PROCESS_VERSION = 1


@dataclass(frozen=True)
class ImageSettings:
    # From a phone's width to a wide screen at 2x; never larger than the original.
    widths: tuple[int, ...] = (320, 640, 960, 1280, 1600)
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

    @property
    def formats(self) -> tuple[str, ...]:
        """Best first: browsers take the first <source> they support; JPEG is the <img> fallback."""
        return (("avif",) if self.avif else ()) + ("webp", "jpeg")

    def fingerprint(self) -> str:
        """Changes whenever an output could change: part of every cache key and published name."""
        return hashlib.sha256(f"{PROCESS_VERSION}:{self!r}".encode()).hexdigest()[:12]
