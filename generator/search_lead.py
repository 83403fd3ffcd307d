"""Which part of a record's body the search index reads: its lead.

A news portal's readers search for what a record is about; its title, summary, card and
opening paragraphs say that. Indexing whole long bodies (Wikipedia-length articles, ~1,000
syllables each) made the postings of common Vietnamese syllables so large that at 10,000
records a search took seconds and ranked pages that merely repeat a syllable above the page
the query names (bench/RESULTS.md, "Search (issue 3)"). The rest of the body stays on the page,
marked `data-pagefind-ignore`, so the page itself is unchanged.

The split is made on the Markdown tree while the body is rendered, where the top-level blocks
are simply the root's children: no second parse of the HTML.
"""

from __future__ import annotations

from xml.etree import ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

# Top-level blocks of the body (paragraphs, headings, lists, tables…) that are indexed.
INDEXED_BLOCKS = 5
IGNORE_ATTRIBUTE = "data-pagefind-ignore"


class _LeadProcessor(Treeprocessor):
    def __init__(self, md: Markdown, extension: "SearchLead"):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        blocks = list(root)
        for block in blocks[self.extension.keep:]:
            block.set(IGNORE_ATTRIBUTE, "")
        self.extension.lead_text = " ".join(" ".join(block.itertext()) for block in blocks[: self.extension.keep])


class SearchLead(Extension):
    """Marks the body's blocks after the first `keep` as not indexed; keeps the lead's text
    (for the đ-aliases, generator/search.py) in `lead_text` after each conversion."""

    def __init__(self, keep: int = INDEXED_BLOCKS):
        super().__init__()
        self.keep = keep
        self.lead_text = ""

    def extendMarkdown(self, md: Markdown) -> None:
        # After inline patterns (20), so the lead's text is final; the attribute survives
        # sanitising (markup.py allows it on every tag).
        md.treeprocessors.register(_LeadProcessor(md, self), "search_lead", 4)
        md.registerExtension(self)

    def reset(self) -> None:
        self.lead_text = ""
