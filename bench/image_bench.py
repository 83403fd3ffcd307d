#!/usr/bin/env python3
"""Photo processing (generator/images/): N distinct phone-sized photos, cold cache, then warm.

Usage::

    .venv/bin/python bench/image_bench.py [--count 1000] [--size 4000x3000] [--workers 2] [--no-avif]

Makes a pool of distinct photos from the sample photos (scaled to --size, with per-photo sensor
noise so that encoders work as hard as on real photos; about 2 MB of JPEG at 4000×3000), and N
files from it, each with its own JPEG comment: N distinct files (N cache entries) that each cost
a full decode and encode. Then times PhotoLibrary.prepare() — what a build does before rendering
pages — three times:

- cold: empty cache, every variant encoded (AVIF unless --no-avif, WebP and JPEG at up to five
  widths, plus the 1200×630 share crop);
- cached, files hashed: the cache is full but the photos were checked out afresh (a CI run with
  the cache restored), so each photo is read and hashed, nothing decoded;
- cached, files unchanged: a later build on the same machine: one stat per photo.

Wall and CPU time (user+sys of this process and its worker processes) are printed as Markdown.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from PIL import Image  # noqa: E402

from generator.images import stat_index  # noqa: E402
from generator.images.cache import ImageCache  # noqa: E402
from generator.images.library import PhotoLibrary  # noqa: E402
from generator.images.settings import ImageSettings  # noqa: E402

POOL = 12


def make_photos(folder: Path, count: int, size: tuple[int, int]) -> list[str]:
    originals = sorted((REPO / "docs" / "images").glob("*.jpg"))
    pool = []
    for number in range(min(POOL, count)):
        base = Image.open(originals[number % len(originals)]).convert("RGB").resize(size, Image.Resampling.BICUBIC)
        noise = Image.effect_noise(size, 20 + number).convert("RGB")
        data = Path(folder / "pool.jpg")
        Image.blend(base, noise, 0.1).save(data, "JPEG", quality=90)
        pool.append(data.read_bytes())
    data.unlink()
    names = []
    for number in range(count):
        jpeg = pool[number % len(pool)]
        comment = f"photo {number}".encode()
        name = f"anh-{number:05d}.jpg"
        # A COM segment right after SOI: distinct bytes, identical pixels and decoding cost.
        (folder / name).write_bytes(jpeg[:2] + b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment + jpeg[2:])
        names.append(name)
    return names


def cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--size", default="4000x3000", help="pixels of each original photo")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-avif", action="store_true", help="WebP and JPEG only")
    args = parser.parse_args()
    size = tuple(int(part) for part in args.size.split("x"))
    settings = ImageSettings()
    if args.no_avif:
        settings = replace(settings, avif=False)
    with tempfile.TemporaryDirectory() as work:
        docs, cache = Path(work) / "docs", Path(work) / "cache"
        docs.mkdir()
        names = make_photos(docs, args.count, size)
        megabytes = sum((docs / name).stat().st_size for name in names) / 1e6
        # The photos were just written: let them age past the "racily clean" window, as files
        # checked out before a build have.
        time.sleep(stat_index.RACY_SECONDS + 0.5)
        timings = []
        for label in ("cold (empty cache)", "cached, files hashed (fresh checkout, as in CI)", "cached, files unchanged (stat table)"):
            if label.startswith("cached, files hashed"):
                (cache / "stat-index.json").unlink(missing_ok=True)
            library = PhotoLibrary(docs, ImageCache(cache, settings), args.workers)
            started, cpu = time.perf_counter(), cpu_seconds()
            library.prepare(names)
            files = sum(1 for _ in library.files())
            timings.append((label, time.perf_counter() - started, cpu_seconds() - cpu, files))
        published = sum(f.stat().st_size for f in cache.rglob("*") if f.is_file() and f.suffix in {".jpg", ".webp", ".avif"})
    print(f"{args.count} photos of {size[0]}×{size[1]} px ({megabytes / args.count:.1f} MB each), "
          f"formats {', '.join(settings.formats)}, {args.workers} workers, load before {os.getloadavg()[0]:.2f}")
    print()
    print("| cache | wall | CPU (user+sys) | wall per photo | files published |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, seconds, cpu, files in timings:
        print(f"| {label} | {seconds:.2f} s | {cpu:.2f} s | {1000 * seconds / args.count:.2f} ms | {files:,} |")
    print(f"\nvariants in the cache: {published / 1024 / 1024:.0f} MB ({published / args.count / 1024:.0f} KB per photo)")


if __name__ == "__main__":
    main()
