"""Does a reader polling site/index.html ever miss it while builds publish? (issue 9, section 4)

A separate process reads `site/index.html` in a tight loop, as a web server would, and counts
reads and misses. Meanwhile:

1. `--swaps N` synthetic publishes of a one-file site, with the old swap (rename the old site
   away, then the new one in) and with `generator.publish.publish` (rename-exchange);
2. `--builds N` real `python -m generator build` runs of the sample into the same site.

    .venv/bin/python bench/swap_bench.py --swaps 100 --builds 5

Results go to bench/RESULTS.md by hand.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from conftest import copy_sample  # noqa: E402
from site_reader import Reader  # noqa: E402
from generator.publish import publish, staging_folder  # noqa: E402


def old_swap(new: Path, target: Path) -> None:
    """The swap before issue 9: two renames, with a moment between them without `target`."""
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
    target.rename(old / target.name)
    new.rename(target)
    shutil.rmtree(old)


def synthetic(swaps: int, swap, work: Path) -> tuple[int, int]:
    site = work / "site"
    site.mkdir(parents=True)
    (site / "index.html").write_text("<html></html>")
    reader = Reader(site)
    time.sleep(0.5)
    for _ in range(swaps):
        new = staging_folder(site)
        (new / "index.html").write_text("<html></html>")
        swap(new, site)
        time.sleep(0.05)
    return reader.finish()


def real_builds(builds: int, work: Path) -> tuple[int, int, float]:
    config = copy_sample(work / "src")
    site = work / "site"
    command = [sys.executable, "-m", "generator", "--config", str(config), "build", "--site-dir", str(site)]
    subprocess.run(command, cwd=REPO, check=True, capture_output=True)
    reader = Reader(site)
    started = time.perf_counter()
    for _ in range(builds):
        subprocess.run(command, cwd=REPO, check=True, capture_output=True)
    seconds = time.perf_counter() - started
    return (*reader.finish(), seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--swaps", type=int, default=100)
    parser.add_argument("--builds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for name, swap in (("two renames (before)", old_swap), ("rename-exchange (publish)", publish)):
            reads, misses = synthetic(args.swaps, swap, work / name.split()[0])
            print(f"{args.swaps} swaps, {name}: {reads} reads, {misses} misses")
        if args.builds:
            reads, misses, seconds = real_builds(args.builds, work / "builds")
            print(f"{args.builds} real builds of the sample ({seconds:.0f} s): {reads} reads, {misses} misses")


if __name__ == "__main__":
    main()
