"""Reading what a Pagefind bundle refers to, and seeding a bundle with an older one's pages.

Pagefind writes each page's fragment (its text, filters, metadata) as a gzip file named by a
hash of its content, and skips a fragment whose file is already in the output folder. So a
shard indexed again after an edit can start from the previous version's fragments (hard
links, no bytes copied): Pagefind then compresses and creates only the edited pages'
fragments, instead of one file per page (3,400 in a lead shard at 10,000 records; created on
a busy disk, they were a third of Pagefind's CPU; bench/RESULTS.md, "Session 7"). The
fragments it no longer refers to are removed afterwards (`prune_fragments`), so the bundle
is the one Pagefind writes into an empty folder.

A name is a 28-bit prefix of the content's SHA-1 (Pagefind lengthens it when two pages of one
run collide, not against files already there): a new fragment could be skipped in favour of
a seeded one of another content only if its name were one of the few seeded fragments that
are stale (the edited pages' previous versions), about one chance in 2^28 per edited page.
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import cbor2

FRAGMENTS = "fragment"
_ENTRY = "pagefind-entry.json"
_CONTENT_MARK = b"pagefind_dcd"  # the first bytes of every decompressed Pagefind data file


class UnreadableBundle(Exception):
    pass


def seed_fragments(previous: Path, output: Path) -> set[str]:
    """Hard-link the fragments of the `previous` bundle into the empty `output`, when its page
    list can be read (the same Pagefind's format); the names linked."""
    try:
        referenced_fragments(previous)
        names = os.listdir(previous / FRAGMENTS)
    except (OSError, UnreadableBundle):
        return set()
    (output / FRAGMENTS).mkdir(parents=True)
    seeded: set[str] = set()
    for name in names:
        try:
            os.link(previous / FRAGMENTS / name, output / FRAGMENTS / name)
        except OSError:  # another file system: a copy would save nothing
            break
        seeded.add(name)
    return seeded


def prune_fragments(bundle: Path, seeded: set[str]) -> None:
    """Remove the seeded fragments the bundle's page list does not name."""
    if seeded:
        for name in seeded - referenced_fragments(bundle):
            (bundle / FRAGMENTS / name).unlink()


def referenced_fragments(bundle: Path) -> set[str]:
    """The fragment files the bundle's page list names (its meta file, CBOR: version, pages as
    [hash, word count], index chunks, filters, ...)."""
    try:
        entry = json.loads((bundle / _ENTRY).read_text("utf-8"))
        (language,) = entry["languages"].values()
        data = gzip.decompress((bundle / f"pagefind.{language['hash']}.pf_meta").read_bytes())
        if not data.startswith(_CONTENT_MARK):
            raise UnreadableBundle(f"{bundle}: not a Pagefind meta file")
        meta = cbor2.loads(data[len(_CONTENT_MARK):])
        return {f"{page[0]}.pf_fragment" for page in meta[1]}
    except (OSError, ValueError, KeyError, TypeError, IndexError, cbor2.CBORDecodeError) as error:
        raise UnreadableBundle(f"{bundle}: {error}") from error

