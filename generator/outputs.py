"""Files the core writes beside the pages: feeds, open data, sitemap, robots.txt.

They are part of the plan like pages are, so the writer keeps them in its manifest (rewriting
only what changed and removing what the plan no longer has), and any engine can serve them as
static files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class OutputFile:
    path: str  # relative to the docs tree, e.g. "rss/tin-tuc.rss.xml"
    data: bytes

    @property
    def url(self) -> str:
        return self.path


@dataclass(frozen=True)
class LinkedFile:
    """A file the plan publishes as a copy of a file elsewhere (a processed photo in the cache).

    Its name changes whenever its content does (photos are named by content hash), so the
    writer copies it only when the target is missing or differs in size, without reading it.
    """

    path: str
    source: Path

    @property
    def url(self) -> str:
        return self.path


@dataclass(frozen=True)
class KeptFile:
    """A generated file the plan did not compute again (a feed none of whose records changed):
    its file in the docs tree, as the last build wrote it, stays (the planner checked its stat)."""

    path: str

    @property
    def url(self) -> str:
        return self.path


@dataclass(frozen=True)
class KeptPage:
    """A page the plan did not compute again: its file in the docs tree, as the last build
    wrote it, stays (buildcache/plan.py checked it is still that file)."""

    path: str
    url: str
    digest: str  # of the file's content, as the writer reported it then
    searchable: bool  # whether it has a search document (search_index.with_search_documents)
