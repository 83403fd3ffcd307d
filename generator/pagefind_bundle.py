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
import struct
from pathlib import Path
from typing import Any

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
        meta, _ = _cbor(data, len(_CONTENT_MARK))
        return {f"{page[0]}.pf_fragment" for page in meta[1]}
    except (OSError, ValueError, KeyError, TypeError, IndexError, struct.error) as error:
        raise UnreadableBundle(f"{bundle}: {error}") from error


def _cbor(data: bytes, at: int) -> tuple[Any, int]:
    """The CBOR item at `at` and the position after it (the subset Pagefind writes: no tags,
    no indefinite lengths)."""
    major, info = data[at] >> 5, data[at] & 0x1F
    at += 1
    if major == 7:
        simple = {20: False, 21: True, 22: None}
        if info in simple:
            return simple[info], at
        size = {25: 2, 26: 4, 27: 8}[info]
        return struct.unpack({2: ">e", 4: ">f", 8: ">d"}[size], data[at:at + size])[0], at + size
    if info < 24:
        length = info
    else:
        size = {24: 1, 25: 2, 26: 4, 27: 8}[info]
        length, at = int.from_bytes(data[at:at + size], "big"), at + size
    if major == 0:
        return length, at
    if major == 1:
        return -1 - length, at
    if major in (2, 3):
        raw = data[at:at + length]
        return (raw.decode("utf-8") if major == 3 else raw), at + length
    if major == 4:
        items = []
        for _ in range(length):
            item, at = _cbor(data, at)
            items.append(item)
        return items, at
    if major == 5:
        pairs = {}
        for _ in range(length):
            key, at = _cbor(data, at)
            pairs[key], at = _cbor(data, at)
        return pairs, at
    raise ValueError(f"CBOR major type {major} at {at - 1}")
