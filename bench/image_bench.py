#!/usr/bin/env python3
"""Photo processing (generator/images/): N distinct photos, cold cache, then warm.

Usage::

    .venv/bin/python bench/image_bench.py [--count 1000] [--size 3000x2000] [--workers 2]

Makes N distinct JPEG photos from the sample photos (resized to --size, each tinted
differently so no two share a cache entry), then times PhotoLibrary.prepare() — what a build
does before rendering pages — with an empty cache (every variant encoded: AVIF if available,
WebP and JPEG at up to five widths, plus the 1200×630 share crop) and again with the cache
filled (each photo read and hashed, nothing decoded). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from PIL import Image, ImageEnhance  # noqa: E402

from generator.images.cache import ImageCache  # noqa: E402
from generator.images.library import PhotoLibrary  # noqa: E402
from generator.images.settings import ImageSettings  # noqa: E402


def make_photos(folder: Path, count: int, size: tuple[int, int]) -> list[str]:
    sources = [Image.open(p).convert("RGB").resize(size) for p in sorted((REPO / "docs" / "images").glob("*.jpg"))]
    names = []
    for number in range(count):
        base = sources[number % len(sources)]
        photo = ImageEnhance.Brightness(base).enhance(0.8 + 0.4 * number / max(count, 1))
        name = f"anh-{number:05d}.jpg"
        photo.save(folder / name, "JPEG", quality=88)
        names.append(name)
    return names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--size", default="3000x2000", help="pixels of each original photo")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    size = tuple(int(part) for part in args.size.split("x"))
    with tempfile.TemporaryDirectory() as work:
        docs, cache = Path(work) / "docs", Path(work) / "cache"
        docs.mkdir()
        names = make_photos(docs, args.count, size)
        settings = ImageSettings()
        timings = []
        for label in ("cold (empty cache)", "cached"):
            library = PhotoLibrary(docs, ImageCache(cache, settings), args.workers)
            started = time.perf_counter()
            library.prepare(names)
            files = sum(1 for _ in library.files())
            timings.append((label, time.perf_counter() - started, files))
        published = sum(f.stat().st_size for f in cache.rglob("*") if f.is_file() and f.suffix != ".json")
    print(f"{args.count} photos of {size[0]}×{size[1]} px, formats {', '.join(settings.formats)}, {args.workers} workers")
    print()
    print("| cache | time | per photo | per 1,000 photos | files published |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, seconds, files in timings:
        print(f"| {label} | {seconds:.1f} s | {1000 * seconds / args.count:.0f} ms | {1000 * seconds / args.count:.0f} s | {files:,} |")
    print(f"\nvariants in the cache: {published / 1024 / 1024:.0f} MB ({published / args.count / 1024:.0f} KB per photo)")


if __name__ == "__main__":
    main()
