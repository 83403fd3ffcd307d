"""Page types, told from a built page's markup, so the audit can sample and report by type.

The generator's fragments mark their root element with a `gs-…` class (gs-home, gs-listing,
gs-entry--<kind>, gs-units…); a page whose content has none is a hand-written page. New
fragments get a type of their own without changes here.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

_CONTENT = '<article class="md-content__inner md-typeset">'
_ENTRY = re.compile(r'class="gs-entry gs-entry--([\w-]+)"')
# The first gs- class of the page's own content; the reader tools (gs-tools) on every page
# belong to the theme, not to the page.
_FIRST_GS_CLASS = re.compile(r'class="(gs-(?!tools)[\w-]+)')
_CURRENT_PAGE = re.compile(r'aria-current="page">(\d+)<')


def page_type(site: Path, page: str) -> str:
    if page == "404.html":
        return "404"
    html = (site / page).read_text("utf-8")
    content = html.split(_CONTENT, 1)[-1].split("</main>", 1)[0]  # not the footer's blocks
    if entry := _ENTRY.search(content):
        return f"record:{entry.group(1)}"
    if 'class="gs-listing"' in content:  # after its breadcrumbs, so not the first gs- class
        kind = "listing"
    elif first := _FIRST_GS_CLASS.search(content):
        kind = first.group(1).removeprefix("gs-")
    else:
        return "page"
    if kind == "listing" and (current := _CURRENT_PAGE.search(content)) and int(current.group(1)) > 1:
        return "listing:later-page"
    return kind


def pages_by_type(site: Path, pages: list[str]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for page in pages:
        groups[page_type(site, page)].append(page)
    return dict(groups)


def sample_by_type(site: Path, pages: list[str], per_type: int) -> list[str]:
    """The first `per_type` pages of each type, in site order (a quick audit of a big site)."""
    return sorted(page for group in pages_by_type(site, pages).values() for page in group[:per_type])
