"""Which part of a record's body the search index reads: its lead.

A news portal's readers search for what a record is about; its title, summary, card and
opening paragraphs say that. Indexing whole long bodies (Wikipedia-length articles, ~1,000
syllables each) made the postings of common Vietnamese syllables so large that at 10,000
records a search took seconds and ranked pages that merely repeat a syllable above the page
the query names (bench/RESULTS.md, "Search (issue 3)"). The rest of the body stays on the page,
marked `data-pagefind-ignore`, so the page itself is unchanged.
"""

from __future__ import annotations

from html.parser import HTMLParser

# Top-level blocks of the body (paragraphs, headings, lists, tables…) that are indexed.
INDEXED_BLOCKS = 5
IGNORE_ATTRIBUTE = "data-pagefind-ignore"

# HTML elements without an end tag (Python-Markdown writes them as <img …>, <br>, <hr>).
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


class _TopLevelStarts(HTMLParser):
    """Offsets (in the parsed string) of the start tags of top-level elements."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self._line_starts = [0]
        for line in html.split("\n"):  # HTMLParser counts lines by "\n" only
            self._line_starts.append(self._line_starts[-1] + len(line) + 1)
        self.starts: list[tuple[int, str]] = []
        self._depth = 0
        self.feed(html)
        self.close()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs) -> None:
        if self._depth == 0:
            self.starts.append((self._offset(), tag))
        if tag not in _VOID:
            self._depth += 1

    def handle_startendtag(self, tag: str, attrs) -> None:
        if self._depth == 0:
            self.starts.append((self._offset(), tag))

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID:
            self._depth = max(0, self._depth - 1)


def mark_unindexed(body_html: str, keep: int = INDEXED_BLOCKS) -> str:
    """`body_html` with `data-pagefind-ignore` on every top-level element after the first `keep`.

    "<p>a</p><p>b</p>" with keep=1 → '<p>a</p><p data-pagefind-ignore>b</p>'.
    """
    starts = _TopLevelStarts(body_html).starts[keep:]
    out = []
    previous = 0
    for offset, tag in starts:
        after_name = offset + 1 + len(tag)
        out.append(body_html[previous:after_name])
        out.append(f" {IGNORE_ATTRIBUTE}")
        previous = after_name
    out.append(body_html[previous:])
    return "".join(out)


def indexed_part(body_html: str, keep: int = INDEXED_BLOCKS) -> str:
    """The HTML of the body's first `keep` top-level elements: what the index reads."""
    starts = _TopLevelStarts(body_html).starts
    return body_html if len(starts) <= keep else body_html[: starts[keep][0]]
