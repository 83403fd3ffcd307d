"""The persistent build cache: what `make build` may skip when its inputs did not change.

It lives in `build/cache/` beside the project (never in `site/`), and holds:

- `stamp.json`: digests of every input of the last build (entries, hand-written pages, theme,
  configuration, the generator's code and the engine's versions), when its next scheduled
  record goes public, and the identity of the site it produced. A build whose inputs all
  match, before that moment, over that same site, has nothing to do.
- `entries.pickle`: each entry file's validated record, by content digest, so an edit
  re-reads one file instead of 10,000 (any change to the catalogue, glossary, hand-written
  pages or code drops it).
- `bodies/`: each record body's rendered HTML, by digest of its Markdown, URL, glossary and
  the code (bodies.py): half of planning a record page is rendering its body.
- in `stamp.json` too: the digest of each generated page's source as the theme last rendered it,
  so unchanged pages are taken from the previous site instead of rendered again (any
  change to anything but the entries drops it; when only entries changed, the plugin patches
  the previous site: generator/mkdocs_patch.py); and the digest of the search documents the
  previous site's Pagefind index was built from.

Everything reused is checked against the site it comes from: if `site/` is not the site the
cache describes (deleted, replaced, edited), nothing is reused.
"""

from .store import BuildCache

__all__ = ["BuildCache"]
