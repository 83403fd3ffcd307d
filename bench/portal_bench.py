#!/usr/bin/env python3
"""Cost of the portal outputs (issue 4): feeds, open data, statistics, sitemap, social meta.

Usage::

    .venv/bin/python bench/portal_bench.py --n 1000 [--n 10000] [--mkdocs]

For each N: generates N synthetic entries (bench/make_entries.py), then times, in-process,
the core's page plan alone (pages.py) and the full plan with portal outputs (portal.py),
each written into a fresh docs/ tree; with --mkdocs, also the full MkDocs build.
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

from generator.engine import build_site  # noqa: E402
from generator.glossary import load_glossary  # noqa: E402
from generator.index import build_index  # noqa: E402
from generator.pages import Planner  # noqa: E402
from generator.portal import Portal  # noqa: E402
from generator.site import Project, check, now_in_vietnam  # noqa: E402
from generator.writer import write_pages  # noqa: E402


def timed(label: str, action) -> object:
    start = time.perf_counter()
    result = action()
    print(f"  {label:<38} {time.perf_counter() - start:7.2f} s", flush=True)
    return result


def run(n: int, with_mkdocs: bool) -> None:
    root = Path(tempfile.mkdtemp(prefix=f"portal-bench-{n}-"))
    try:
        subprocess.run([sys.executable, str(REPO / "bench/make_entries.py"), "--n", str(n), "--out", str(root / "entries")],
                       check=True, stdout=subprocess.DEVNULL)
        for name in ("theme_overrides", "docs"):
            shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns(".generated.json"))
        shutil.copy(REPO / "entries/viet-tat.yml", root / "entries/viet-tat.yml")
        shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
        project = Project.at(root, "Gương sáng", "https://example.vn/")
        print(f"N = {n}")
        checked = timed("load + validate", lambda: check(project))
        index = build_index(checked.entries, now_in_vietnam())
        glossary, _ = load_glossary(project.entries_dir)

        def planner() -> Planner:
            return Planner(index, project.site, glossary)

        pages_only = root / "docs-pages"
        report = timed("pages only: plan + write", lambda: write_pages(planner().pages(), pages_only))
        full = root / "docs-full"
        full.mkdir()
        everything = timed("pages + portal outputs: plan + write", lambda: write_pages(Portal(planner(), full).plan(), full))
        print(f"  files: {report.pages} pages alone; {everything.pages} pages and files with the portal")
        portal = Portal(planner(), full)
        from generator.feeds import feed_files
        from generator.opendata import data_files
        from generator.statistics import statistics
        timed(f"  of which feeds ({len(portal.feeds)} feeds)", lambda: sum(1 for _ in feed_files(index, project.site, portal.feeds, full)))
        timed("  of which open data", lambda: sum(1 for _ in data_files(index, project.site)))
        timed("  of which statistics", lambda: statistics(index))
        if with_mkdocs:
            timed("full build (core + MkDocs)", lambda: build_site(root / "mkdocs.yml", root / "site"))
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, action="append", required=True)
    parser.add_argument("--mkdocs", action="store_true")
    args = parser.parse_args()
    for n in args.n:
        run(n, args.mkdocs)


if __name__ == "__main__":
    main()
