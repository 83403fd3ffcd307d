#!/usr/bin/env python3
"""The web editor (/admin/, Decap CMS) on N records, with the local backend (decap-server).

Usage::

    .venv/bin/python bench/cms_bench.py --sizes 1000 10000 [--work /tmp/gs-cms-bench]

For each N: a project with N synthetic records (bench/build_bench.prepare_records), its /admin/
files (generator/cms/) served on the loopback, decap-server on the project, and Debian's
Chromium timing what an editor waits for:
- login → the news list shows its first entry (Decap reads every file of the folder);
- the new-news form → the "related models" relation lists a match for typed text (Decap
  loads every model to search them).
Prints a Markdown table for bench/RESULTS.md. A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from build_bench import prepare_records  # noqa: E402

from generator.audit.chromium import chromium, serve  # noqa: E402
from generator.catalogue import load_catalogue  # noqa: E402
from generator.cms import CmsSettings, admin_files  # noqa: E402
from generator.cms.files import find_bundle  # noqa: E402
from generator.cms.local import decap_server, free_port  # noqa: E402
from generator.siteinfo import SiteInfo  # noqa: E402


def measure(n: int, work: Path, browser) -> tuple[int, float, float, int]:
    project = prepare_records(n, work / f"project-{n}")
    counts = {kind: sum(1 for _ in (project / "entries" / kind).glob("*.md")) for kind in ("tin-tuc", "mo-hinh")}
    catalogue = load_catalogue(project / "entries")[0]
    import yaml

    last_model = sorted((project / "entries" / "mo-hinh").glob("*.md"))[-1]
    typed = str(yaml.safe_load(last_model.read_text("utf-8").split("---\n")[1])["title"])[:8]
    site = Path(tempfile.mkdtemp(dir=work))
    with decap_server(project, free_port()) as api:
        for output in admin_files(CmsSettings(local_proxy=api), catalogue, SiteInfo(), find_bundle(REPO)):
            (site / output.path).parent.mkdir(parents=True, exist_ok=True)
            (site / output.path).write_bytes(output.data)
        with serve(site) as base:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.set_default_timeout(600_000)
            page.goto(base + "admin/")
            page.get_by_role("button", name="Đăng nhập").click()
            started = time.perf_counter()
            page.locator("a[href*='/collections/tin-tuc/entries/']").first.wait_for()
            listed = time.perf_counter() - started
            page.goto(base + "admin/#/collections/tin-tuc/new")
            models = page.get_by_label("Mô hình liên quan (không bắt buộc)", exact=False).first
            started = time.perf_counter()
            models.fill(typed)  # the start of a model's title
            page.get_by_role("option").first.wait_for()
            searched = time.perf_counter() - started
            page.close()
    return counts["tin-tuc"], listed, searched, counts["mo-hinh"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/gs-cms-bench"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    rows = []
    with chromium() as browser:
        for n in args.sizes:
            news, listed, searched, models = measure(n, args.work, browser)
            rows.append(f"| {n:,} | {news:,} | {listed:.1f} s | {models:,} | {searched:.1f} s |")
            print(rows[-1], flush=True)
    print("| records | news | login → news list | models | relation search over models |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
