#!/usr/bin/env python3
"""Full-build benchmark: Gương sáng vs plain MkDocs + Material on the same number of pages.

Usage::

    .venv/bin/python bench/build_bench.py --sizes 1000 10000 [--work /tmp/gs-bench] [--repeat 1]

For each N it generates N synthetic records (bench/make_entries.py) and N plain pages with the
same text (bench/make_plain_site.py), then times, each in a fresh process under GNU time:
- `python -m generator build` on the records (validation, page plan, MkDocs build, swap);
- `mkdocs build` on the plain pages (Material, default plugins, pages not in the nav).
It prints a Markdown table (wall time, peak memory, pages built) to paste in bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"
PYTHON = sys.executable


def timed(command: list[str], cwd: Path) -> tuple[float, int]:
    """(wall seconds, peak resident MB) of a command, measured by GNU time."""
    report = cwd / ".time"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        ["/usr/bin/time", "-f", "%e %M", "-o", str(report), *command],
        cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    seconds, kilobytes = report.read_text().split()
    return float(seconds), int(kilobytes) // 1024


def prepare_records(n: int, root: Path) -> Path:
    """A copy of the project (hand-written docs, theme, config) with N synthetic records."""
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    tracked = subprocess.run(["git", "ls-files", "docs", "theme_overrides", "mkdocs.yml"], cwd=REPO,
                             check=True, capture_output=True, text=True).stdout.split()
    for name in tracked:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / name, root / name)
    subprocess.run([PYTHON, str(BENCH / "make_entries.py"), "--n", str(n), "--out", str(root / "entries")],
                   check=True, stdout=subprocess.DEVNULL)
    return root


def prepare_plain(n: int, root: Path) -> Path:
    shutil.rmtree(root, ignore_errors=True)
    subprocess.run([PYTHON, str(BENCH / "make_plain_site.py"), "--n", str(n), "--out", str(root)],
                   check=True, stdout=subprocess.DEVNULL)
    return root


def count_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("index.html"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/gs-bench"))
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement; the fastest is kept")
    args = parser.parse_args()

    rows = []
    for n in args.sizes:
        records = prepare_records(n, args.work / f"records-{n}")
        plain = prepare_plain(n, args.work / f"plain-{n}")
        ours = min(timed([PYTHON, "-m", "generator", "--config", "mkdocs.yml", "build"], records) for _ in range(args.repeat))
        base = min(timed([PYTHON, "-m", "mkdocs", "build", "-q"], plain) for _ in range(args.repeat))
        rows.append((n, ours, count_pages(records / "site"), base, count_pages(plain / "site")))
        print(f"N={n}: generator {ours[0]:.1f} s {ours[1]} MB; plain {base[0]:.1f} s {base[1]} MB", file=sys.stderr)

    print("| records | Gương sáng build | peak memory | pages built | plain MkDocs + Material | peak memory | pages built | ratio |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n, (t, mem), pages, (bt, bmem), bpages in rows:
        print(f"| {n:,} | {t:.1f} s | {mem} MB | {pages:,} | {bt:.1f} s | {bmem} MB | {bpages:,} | {t / bt:.2f}× |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
