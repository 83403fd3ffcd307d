#!/usr/bin/env python3
"""Lighthouse (mobile) on the built sample: home, a listing and a record page.

Usage::

    .venv/bin/python bench/lighthouse_bench.py [--site SITE_DIR] [--min 95] [--runs 1] [--reports DIR]

Without --site it builds the repo's sample into a temporary folder. It serves the site on
the loopback (Python's http.server, gzipping text as production servers do), runs Lighthouse 12 from ./node_modules
(installs it with `npm ci` when missing) against Debian's Chromium, headless, with the flags
of generator/audit/chromium.py, and prints a Markdown table of the four category scores:
performance, accessibility, best practices and SEO. Exit status 1 when a score is below --min.
Lighthouse's mobile defaults apply: a Moto G Power–sized screen, simulated slow 4G and a
4× CPU slowdown. Each run takes 10–20 s per page.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from generator.audit.chromium import CHROMIUM, CHROMIUM_ARGS, LOOPBACK_ONLY, serve  # noqa: E402

PAGES = {
    "home": "",
    "listing (Mô hình)": "mo-hinh/",
    "listing (Tin tức, photos)": "tin-tuc/",
    "record (news, photos)": "tin-tuc/doanh-nghiep-trong-khoi-uu-tien-su-dung-san-pham-dich-vu-cua-nhau/",
}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"


def build_sample(target: Path) -> Path:
    from generator.engine import build_site

    source = target / "src"
    for name in ("entries", "theme_overrides", "docs"):
        shutil.copytree(REPO / name, source / name)
    shutil.copy(REPO / "mkdocs.yml", source / "mkdocs.yml")
    return build_site(source / "mkdocs.yml", target / "site")


def lighthouse(url: str, out: Path) -> dict[str, int]:
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS, LOOPBACK_ONLY.replace(" ", "")])
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}"]
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
    report = json.loads(out.read_text("utf-8"))
    failing = [
        f"{audit['id']} ({audit['score']})"
        for audit in report["audits"].values()
        if audit.get("score") is not None and audit["score"] < 0.9 and audit.get("scoreDisplayMode") in {"binary", "numeric"}
    ]
    if failing:
        print(f"  {url}: audits under 0.9: {', '.join(sorted(failing))}", file=sys.stderr)
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    # Bytes transferred (compressed) for the whole page, photos and fonts included.
    scores["weight"] = round(report["audits"]["total-byte-weight"]["numericValue"] / 1024)
    scores["cls"] = report["audits"]["cumulative-layout-shift"]["numericValue"]
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the sample)")
    parser.add_argument("--min", type=int, default=95, help="lowest acceptable score")
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median is reported")
    parser.add_argument("--reports", type=Path, help="keep each run's Lighthouse JSON report in this folder")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=REPO, check=True)
    with tempfile.TemporaryDirectory() as temporary:
        site = args.site or build_sample(Path(temporary))
        reports = args.reports or Path(temporary)
        reports.mkdir(parents=True, exist_ok=True)
        rows = {}
        with serve(site, compress=True) as base:
            for name, path in PAGES.items():
                slug = path.strip("/").replace("/", "_") or "home"
                runs = [lighthouse(base + path, reports / f"{slug}-{i}.json") for i in range(args.runs)]
                rows[name] = {c: statistics.median(r[c] for r in runs) for c in [*CATEGORIES, "weight", "cls"]}
    print("| page | " + " | ".join(CATEGORIES) + " | transferred (KB) | CLS |")
    print("| --- |" + " --- |" * (len(CATEGORIES) + 2))
    for name, scores in rows.items():
        print(f"| {name} | " + " | ".join(str(int(scores[c])) for c in CATEGORIES) + f" | {scores['weight']:.0f} | {scores['cls']:.3f} |")
    low = [(name, c, scores[c]) for name, scores in rows.items() for c in CATEGORIES if scores[c] < args.min]
    for name, category, score in low:
        print(f"below {args.min}: {name} {category} {score}", file=sys.stderr)
    return 1 if low else 0


if __name__ == "__main__":
    raise SystemExit(main())
