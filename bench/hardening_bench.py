#!/usr/bin/env python3
"""CPU cost of issue 15's checks: the body character rule, the theme folder walk, mkdocs.yml read by `check`.

    .venv/bin/python bench/make_entries.py --n 3070 --out /tmp/i15/corpus/entries
    .venv/bin/python bench/hardening_bench.py /tmp/i15/corpus

Best of 5 runs in CPU time (time.process_time), which a shared machine disturbs least.
"""

from __future__ import annotations

import glob
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.characters import clean_body  # noqa: E402
from generator.cli import _project  # noqa: E402
from generator.docsfolder import scan_theme  # noqa: E402


def best(function, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        started = time.process_time()
        function()
        times.append(time.process_time() - started)
    return min(times)


def main() -> None:
    project = Path(sys.argv[1])
    bodies = [Path(p).read_text("utf-8").split("\n---\n", 1)[1] for p in sorted(glob.glob(f"{project}/entries/*/*.md"))]
    characters = sum(map(len, bodies)) / 1e6
    print(f"{len(bodies)} bodies, {characters:.1f} M characters: clean_body "
          f"{best(lambda: [clean_body(b) for b in bodies]) * 1000:.0f} ms CPU")
    print(f"scan_theme(theme_overrides/): {best(lambda: scan_theme([REPO / 'theme_overrides'], REPO)) * 1000:.1f} ms CPU")
    print(f"reading mkdocs.yml for check: {best(lambda: _project(REPO / 'mkdocs.yml')) * 1000:.1f} ms CPU")


if __name__ == "__main__":
    main()
