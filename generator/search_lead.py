"""Which part of a record's body the search index reads, and its text (for the aliases).

Readers expect to find a story by any phrase in it, so the whole body is indexed
(`INDEXED_BLOCKS = None`). Indexing only a lead (the first blocks) was tried to keep searches
fast at 10,000 records when each keystroke started a search (bench/RESULTS.md, "Search (issue
3)"); with searches run only for the newest query (assets/javascripts/search.js) the whole body
measured within the budgets ("Search (issue 11)"). A limit marks the blocks after it
`data-pagefind-ignore`, so the page itself is unchanged.

The split is made on the Markdown tree while the body is rendered, where the top-level blocks
are simply the root's children: no second parse of the HTML.
"""

from __future__ import annotations

from xml.etree import ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

# Top-level blocks of the body (paragraphs, headings, lists, tables…) that are indexed; None:
# all of them.
INDEXED_BLOCKS: int | None = None
IGNORE_ATTRIBUTE = "data-pagefind-ignore"


class _LeadProcessor(Treeprocessor):
    def __init__(self, md: Markdown, extension: "SearchLead"):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        blocks = list(root)
        if self.extension.keep is None:
            self.extension.lead_text = " ".join(" ".join(block.itertext()) for block in blocks)
            return
        for block in blocks[self.extension.keep:]:
            block.set(IGNORE_ATTRIBUTE, "")
        self.extension.lead_text = " ".join(" ".join(block.itertext()) for block in blocks[: self.extension.keep])


class SearchLead(Extension):
    """Marks the body's blocks after the first `keep` (if not None) as not indexed; keeps the
    indexed text (for the aliases, generator/search.py) in `lead_text` after each conversion."""

    def __init__(self, keep: int | None = INDEXED_BLOCKS):
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
