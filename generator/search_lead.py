"""How the search index reads a record's body: its lead as text, the rest as its words.

A news portal's readers search for what a record is about; its title, summary, card and
opening paragraphs say that, and they also expect to find a story by a phrase deep in it.
Indexing whole bodies as text made the postings of common Vietnamese syllables (one position
per occurrence) so large that at 10,000 records searches took seconds (bench/RESULTS.md,
"Search (issue 3)" and "Search (issue 11)"). So the lead (the first blocks) is indexed as
text, with positions, phrases and excerpts; the rest of the body stays on the page, marked
`data-pagefind-ignore`, and the index gets each of its words once (generator/search.py), so a
story is found by any word in it at a fraction of the cost.

The split is made on the Markdown tree while the body is rendered, where the top-level blocks
are simply the root's children: no second parse of the HTML.
"""

from __future__ import annotations

from xml.etree import ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

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
        self.extension.lead_text = _text(blocks[: self.extension.keep])
        self.extension.rest_text = _text(blocks[self.extension.keep:])


def _text(blocks: list[etree.Element]) -> str:
    """The blocks' text. Raw HTML is still a placeholder here ("\x02wzxhzdk:0\x03", put back
    after tree processors): it is left out, text between raw tags is kept."""
    return HTML_PLACEHOLDER_RE.sub(" ", " ".join(" ".join(block.itertext()) for block in blocks))


class SearchLead(Extension):
    """Marks the body's blocks after the first `keep` as not indexed as text; keeps the lead's
    text in `lead_text` and the rest's in `rest_text` after each conversion (generator/search.py
    indexes the words of the rest and the aliases of both)."""

    def __init__(self, keep: int = INDEXED_BLOCKS):
        super().__init__()
        self.keep = keep
        self.lead_text = ""
        self.rest_text = ""

    def extendMarkdown(self, md: Markdown) -> None:
        # After inline patterns (20), so the lead's text is final; the attribute survives
        # sanitising (markup.py allows it on every tag).
        md.treeprocessors.register(_LeadProcessor(md, self), "search_lead", 4)
        md.registerExtension(self)

    def reset(self) -> None:
        self.lead_text = ""
        self.rest_text = ""
