"""Running the checks over a site and reporting what they found."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import Finding, errors, site_pages
from .links import broken_links, foreign_loads

CHECKS = ("html", "links", "hosts", "browser")


@dataclass
class AuditReport:
    pages: list[str]
    findings: list[Finding] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        failing = errors(self.findings)
        by_check = Counter(f.check for f in failing)
        timing = ", ".join(f"{name} {took:.1f} s" for name, took in self.seconds.items())
        counts = ", ".join(f"{n} {check}" for check, n in sorted(by_check.items())) or "none"
        return f"{len(self.pages)} pages audited ({timing}); errors: {counts}; warnings: {len(self.findings) - len(failing)}"


def run_audit(site: Path, checks: tuple[str, ...] = CHECKS, pages: list[str] | None = None,
              base_path: str = "/", axe: Path | None = None) -> AuditReport:
    site = site.resolve()
    report = AuditReport(pages if pages is not None else site_pages(site))
    for check in checks:
        started = time.perf_counter()
        report.findings += _run(check, site, report.pages, base_path, axe)
        report.seconds[check] = time.perf_counter() - started
    report.findings.sort()
    return report


def _run(check: str, site: Path, pages: list[str], base_path: str, axe: Path | None) -> list[Finding]:
    if check == "html":
        from .html import validate_html

        return validate_html(site, pages)
    if check == "links":
        return broken_links(site, pages, base_path)
    if check == "hosts":
        return foreign_loads(site, pages)
    if check == "browser":
        from .browser import audit_in_browser  # needs Playwright, a test dependency

        return audit_in_browser(site, pages, axe).findings
    raise ValueError(f"unknown check {check!r}; choose from {', '.join(CHECKS)}")
