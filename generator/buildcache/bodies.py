"""Rendered record bodies kept between builds, one small file per body.

Markdown and the sanitiser are half of what planning a record page costs. A body's HTML
depends only on its Markdown, its page URL (relative links), the glossary and the code, so it
is stored under a digest of those, and of the photos it shows (their variants are named by
content, so a replaced photo changes the body's <picture> markup). Worker processes write what they render straight into
the folder (nothing has to travel back), and each file is written whole, under its final
name only once complete, so a killed build leaves nothing half-written.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..images.library import body_image_sources
from ..markup import BodyRenderer, RenderedBody
from .fingerprint import combine


SWEEP_SLACK = 0.1  # stale bodies kept, at most, as a share of the bodies in use


@dataclass
class StoredBodies(BodyRenderer):
    folder: Path = field(default=Path("."))
    salt: str = ""  # digest of what else a body's HTML depends on (code, glossary)

    def keep_only(self, rendered: Iterable[tuple[str, str]]) -> None:
        """Delete the stored bodies not among these (body, page URL) pairs: edits and deleted
        records would otherwise pile up in the cache. They are swept once they outnumber
        `SWEEP_SLACK` of the bodies kept: finding them takes every body's key, 2 s of a build
        after one edit at 10,000 records, while a few stale files cost nothing."""
        pairs = list(rendered)
        stored = [entry for folder in self.folder.glob("??") for entry in os.scandir(folder)]
        if len(stored) <= len(pairs) * (1 + SWEEP_SLACK):
            return
        keep = {self._key(body, page_url) for body, page_url in pairs}
        for entry in stored:
            if entry.name not in keep:
                Path(entry.path).unlink(missing_ok=True)

    def _key(self, body: str, page_url: str) -> str:
        photos = []
        if self.photos is not None:
            photos = [repr(self.photos.photo(src)) for _, src in body_image_sources(body)]
        return combine(self.salt, page_url, body, photos)

    def render(self, body: str, page_url: str) -> RenderedBody:
        key = self._key(body, page_url)
        path = self.folder / key[:2] / key
        try:
            with open(path, "rb") as stored:
                return pickle.load(stored)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            pass
        rendered = super().render(body, page_url)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, staged = tempfile.mkstemp(dir=path.parent, prefix=".")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(rendered, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(staged, path)
        return rendered
