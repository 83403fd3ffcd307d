"""Builds the Pagefind search index of a rendered site, into its `pagefind/` folder.

Engine-neutral: it reads the built HTML only. Records mark what is indexed themselves
(`data-pagefind-body` on the article, filters and metadata; see generator/search.py); pages
without it (home, listings, pagination, hand-written pages) are not search results.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from pagefind_bin import get_executable

# One language for the whole site: Vietnamese has no Pagefind stemmer, and a page that
# forgets `lang` must not end up in a separate index the search box never loads.
LANGUAGE = "vi"


class IndexingFailed(Exception):
    pass


@dataclass(frozen=True)
class IndexReport:
    pages: int
    output: str


def index_site(site_dir: Path) -> IndexReport:
    """Run the Pagefind binary shipped by `pagefind[bin]` over `site_dir`."""
    command = [
        str(get_executable()), "--site", str(site_dir), "--force-language", LANGUAGE,
        "--output-subdir", "pagefind",
    ]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise IndexingFailed(f"Không dựng được chỉ mục tìm kiếm (Pagefind):\n{done.stdout}\n{done.stderr}")
    return IndexReport(_indexed_pages(done.stdout), done.stdout)


def _indexed_pages(output: str) -> int:
    for line in output.splitlines():
        words = line.split()
        if words[:1] == ["Indexed"] and words[2:3] == ["pages"]:
            return int(words[1])
    return 0
