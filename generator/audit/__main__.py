"""`python -m generator.audit SITE_DIR`: audit a built site; exit 1 when any check fails."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import errors, site_pages
from .pagetypes import sample_by_type
from .run import CHECKS, run_audit


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.audit", description=__doc__)
    parser.add_argument("site", type=Path, help="a built site, e.g. site/")
    parser.add_argument("--checks", default=",".join(CHECKS), help=f"comma-separated, from {', '.join(CHECKS)}")
    parser.add_argument("--per-type", type=int, default=0, metavar="N",
                        help="audit only the first N pages of each page type (0: every page)")
    parser.add_argument("--base-path", default="/", help="URL path the site is served under (for root-absolute links)")
    parser.add_argument("--axe", type=Path, default=None, help="axe.min.js (default: node_modules/axe-core/)")
    parser.add_argument("--warnings", action="store_true", help="print warnings too")
    args = parser.parse_args(argv)

    if not (args.site / "index.html").is_file():
        parser.error(f"{args.site} has no index.html: build the site first")
    pages = site_pages(args.site)
    if args.per_type:
        pages = sample_by_type(args.site, pages, args.per_type)
    report = run_audit(args.site, tuple(c.strip() for c in args.checks.split(",") if c.strip()), pages,
                       args.base_path, args.axe)
    for finding in report.findings:
        if args.warnings or finding.severity == "error":
            print(finding)
    print(report.summary(), file=sys.stderr)
    return 1 if errors(report.findings) else 0


if __name__ == "__main__":
    raise SystemExit(main())
