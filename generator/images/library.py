"""The site's photos: which files they are, their published variants, and how pages show them.

The planner asks the library for a record's photo and share card while rendering (possibly in
forked workers), so every photo and card is prepared in the main process first; the library
then adds the variant files to the plan, like any other output.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Iterable, Iterator
from urllib.parse import unquote

from slugify import slugify

from ..filetree import files_under
from ..outputs import LinkedFile
from ..parallel import render_all
from .cache import CachedPhoto, ImageCache
from .card import CardText, draw_card
from .checks import VECTOR_SUFFIXES, is_photo

PUBLISHED_DIR = "anh/"  # where variants are published in the site
MIME = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg"}

# Markdown images: ![caption](images/a.jpg "Ảnh: credit"). Python-Markdown's own syntax, read
# here only to find the files to check and prepare before rendering: a path in angle brackets
# may hold spaces (`<images/Ảnh hội nghị.jpg>`), a title may be quoted either way or in
# parentheses. An image this misses is neither checked nor prepared, and shows broken.
_MARKDOWN_IMAGE = re.compile(
    r"!\[(?P<alt>[^\]]*)\]\(\s*(?:<(?P<angled>[^>\n]*)>|(?P<bare>[^)\s]+))"
    r"""(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)"""
)


_IMG_TAG = re.compile(r"<img\b", re.I)
_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")  # data:, javascript:… (the sanitiser's business)


class _ImageTags(HTMLParser):
    """The src of each <img> an editor wrote (or pasted from a word processor) in a body: its
    photo is served as a published variant too (markup.py), so it is checked and prepared as
    Markdown images are. The standard library's parser, as rawhtml.py's: quotes, entities
    and a ">" inside another attribute are its business."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            src = dict(attrs).get("src")
            if src and ("://" in src or not _SCHEME.match(src)):
                self.found.append((self.getpos()[0] - 1, markdown_image_path(src)))

    handle_startendtag = handle_starttag


def body_image_sources(body: str) -> list[tuple[int, str]]:
    """(line within the body, src) of each image in a body, as a path under docs/: Markdown
    images, and the <img> of raw HTML (but addresses with a scheme other than a web one).

    A Markdown image's address is a URL: `images/Ảnh%20hội%20nghị.jpg` (how editors such as
    VS Code write a pasted photo's name) is the file `images/Ảnh hội nghị.jpg`, as the
    browser and MkDocs read it (markup.py reads the rendered `<img>` the same way)."""
    return sorted([*markdown_image_sources(body), *html_image_sources(body)])


def markdown_image_sources(body: str) -> list[tuple[int, str]]:
    if "![" not in body:
        return []
    return [(body.count("\n", 0, match.start()), markdown_image_path(match["angled"] or match["bare"]))
            for match in _MARKDOWN_IMAGE.finditer(body)]


def html_image_sources(body: str) -> list[tuple[int, str]]:
    if not _IMG_TAG.search(body):
        return []
    parser = _ImageTags()
    parser.feed(body)
    parser.close()
    return parser.found


def markdown_image_path(address: str) -> str:
    """The file a Markdown image's address names (percent-escapes decoded)."""
    return unquote(address)


def image_sources(fields, body: str) -> list[str]:
    """Every image a record shows: its main image's path, then its body's."""
    image = getattr(fields, "image", None)
    return [*([image.src] if image is not None else []), *(src for _, src in body_image_sources(body))]


def withheld_files(docs_dir: Path, media_dir: Path, shown: Iterable[str], hidden: Iterable[str]) -> set[str]:
    """Files under docs/ (paths relative to it) never to be published as they are.

    Editors' originals may carry the photographer's GPS position, and a draft's or a scheduled
    record's images are as unpublished as its text. So nothing in the media folder
    (`extra.cms.media_folder`, docs/images/) is published as it is but SVG drawings (photos go
    out as the library's variants only; a HEIC, TIFF or PDF put there, never), and nothing
    that only unpublished records show (`hidden`, not in `shown`; SVG or hand-placed files
    elsewhere in docs/ too). Found on disk, not only among referenced files: a photo nobody
    refers to any more is still in the folder."""
    withheld = {normalised_src(src) for src in hidden} - {normalised_src(src) for src in shown}
    # docs/ itself as the media folder would hold back every generated feed, data file and variant.
    if media_dir.is_dir() and media_dir.resolve() != docs_dir.resolve():
        folder = media_dir.relative_to(docs_dir).as_posix()
        for relative, _ in files_under(media_dir):
            if PurePosixPath(relative).suffix.lower() not in (*VECTOR_SUFFIXES, ".md"):  # pages are no media
                withheld.add(f"{folder}/{relative}")
    return withheld


def file_of(docs_dir: Path, src: str) -> Path:
    """The file an image path names under docs/, also when the file's name has the same letters
    in another Unicode form: a Mac names files with decomposed accents (NFD), entries are stored
    NFC, and the editor sees one and the same name. The path as written when nothing matches."""
    path = docs_dir / normalised_src(src)
    if path.exists():
        return path
    wanted = unicodedata.normalize("NFC", path.name)
    try:
        names = os.listdir(path.parent)
    except OSError:
        return path
    return next((path.parent / name for name in sorted(names) if unicodedata.normalize("NFC", name) == wanted), path)


def normalised_src(src: str) -> str:
    return PurePosixPath(src.lstrip("/")).as_posix()


def credit_text(credit: str | None) -> str | None:
    """"Ảnh: …" as Vietnamese papers print it, whether or not the editor wrote "Ảnh:"."""
    if not credit:
        return None
    return credit if credit.lower().startswith(("ảnh", "nguồn")) else f"Ảnh: {credit}"


@dataclass(frozen=True)
class Variant:
    url: str  # site-relative
    width: int
    height: int


@dataclass(frozen=True)
class Photo:
    src: str
    width: int
    height: int
    sources: tuple[tuple[str, tuple[Variant, ...]], ...]  # (MIME type, variants), best format first
    fallback: tuple[Variant, ...]  # JPEG, for the <img> itself
    og: Variant

    @property
    def img(self) -> Variant:
        """The <img src>: the JPEG closest to 960 px (the wider of two as close), for browsers
        that ignore srcset, on desktops by now."""
        return self.img_up_to(self.fallback[-1].width)

    def img_up_to(self, width: int) -> Variant:
        """The same among the JPEGs at most `width` wide (a thumbnail's srcset stops there)."""
        return min(self.variants_up_to(width), key=lambda v: (abs(v.width - 960), -v.width))

    @property
    def thumbnail(self) -> Variant:
        """The JPEG shown small: a teaser's <img src>, a search result's image."""
        return self.variants_up_to(320)[-1]

    def variants_up_to(self, width: int) -> tuple[Variant, ...]:
        return tuple(v for v in self.fallback if v.width <= width) or self.fallback[:1]


def named_by_content(uri: str) -> bool:
    """Whether a published file's name carries the digest of its photo (or card text) and of
    the settings that made it: two such files of one name and size hold the same bytes
    (Pillow's version is in the build cache's code digest, whose change renders all again)."""
    return uri.startswith(PUBLISHED_DIR)


def _published_name(src: str, key: str) -> str:
    stem = slugify(PurePosixPath(src).stem)[:40] or "anh"
    return f"{PUBLISHED_DIR}{stem}-{key[:10]}"


def _photo(src: str, cached: CachedPhoto) -> Photo:
    base = _published_name(src, cached.key)
    by_format = {
        fmt: tuple(Variant(f"{base}-{w}.{'jpg' if fmt == 'jpeg' else fmt}", w, h) for w, h in cached.sizes(fmt))
        for fmt in cached.formats
    }
    sources = tuple((MIME[fmt], variants) for fmt, variants in by_format.items() if fmt != "jpeg")
    og = Variant(f"{base}-og.jpg", 1200, 630)
    return Photo(src, cached.width, cached.height, sources, by_format["jpeg"], og)


class PhotoLibrary:
    def __init__(self, docs_dir: Path, cache: ImageCache, workers: int = 1):
        self.docs_dir = docs_dir
        self.cache = cache
        self.workers = workers
        self._cached: dict[str, CachedPhoto] = {}
        self._photos: dict[str, Photo] = {}
        self._cards: dict[str, CardText] = {}  # key → text

    def prepare(self, srcs: Iterable[str]) -> None:
        """Process (or find in the cache) every photo in `srcs`; SVG drawings are left as they are."""
        # A missing file is check's to report (a raw <img>'s only warns): nothing to prepare.
        files = {src: file_of(self.docs_dir, src) for src in set(map(normalised_src, srcs)) - set(self._cached)
                 if is_photo(src)}
        todo = sorted(src for src, file in files.items() if file.is_file())
        keys = {src: self.cache.key(files[src]) for src in todo}
        found = {key: self.cache.find(key) for key in set(keys.values())}
        # Only photos not in the cache go to worker processes, once per distinct content (one
        # photo used by many records is processed once): a warm build forks nothing.
        missing = {}
        for src, key in keys.items():
            if found[key] is None:
                missing.setdefault(key, files[src])
        found.update(zip(missing, _map(self.cache.processed, list(missing.values()), self.workers)))
        self.cache.save()
        for src in todo:
            self._cached[src] = found[keys[src]]
            self._photos[src] = _photo(src, found[keys[src]])

    def photo(self, src: str | None) -> Photo | None:
        return self._photos.get(normalised_src(src)) if src else None

    def largest_jpeg(self, src: str | None) -> tuple[str, Path] | None:
        """(site-relative URL, file) of a photo's largest JPEG variant: for feed enclosures."""
        cached = self._cached.get(normalised_src(src)) if src else None
        if cached is None:
            return None
        photo = self._photos[normalised_src(src)]
        return photo.fallback[-1].url, cached.file(photo.fallback[-1].width, "jpeg")

    @property
    def sources(self) -> set[str]:
        """Originals under docs/ that are published only as variants (never as they are)."""
        return set(self._cached)

    def card_url(self, text: CardText) -> str:
        """Site-relative URL of a share card; the card itself is drawn by files()."""
        key = text.key(self.cache.settings)
        self._cards[key] = text
        return f"{PUBLISHED_DIR}chia-se/{key[:16]}.jpg"

    def files(self) -> Iterator[LinkedFile]:
        for src, cached in sorted(self._cached.items()):
            base = _published_name(src, cached.key)
            for fmt in cached.formats:
                for width, _ in cached.sizes(fmt):
                    path = cached.file(width, fmt)
                    yield LinkedFile(f"{base}-{path.name}", path)
            yield LinkedFile(f"{base}-og.jpg", cached.og_file)
        cards = sorted(self._cards.items())
        missing = [(key, text) for key, text in cards if not self._card_path(key).exists()]
        for _ in _map(self._make_card, missing, self.workers, chunksize=16):
            pass
        for key, _ in cards:
            yield LinkedFile(f"{PUBLISHED_DIR}chia-se/{key[:16]}.jpg", self._card_path(key))

    def _card_path(self, key: str) -> Path:
        return self.cache.root / "cards" / key[:2] / f"{key}.jpg"

    def _make_card(self, item: tuple[str, CardText]) -> None:
        key, text = item
        path = self._card_path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        staged = path.with_suffix(f".{multiprocessing.current_process().pid}.tmp")
        staged.write_bytes(draw_card(text, self.cache.settings))
        staged.replace(path)


# Below this many items, starting worker processes costs more than it saves.
_MIN_PARALLEL = 8


def _map(function, items: list, workers: int, chunksize: int = 1) -> list:
    """`map` over forked worker processes when there is enough work (photos are CPU-bound).

    `function` is a bound method of a library or cache holding every photo and card of the
    site: pickled with each task (as `Pool.map(function, …)` does), it cost more than drawing
    a card (66 ms a card at 10,000 records); `render_all` hands it to the workers by the fork.
    """
    return list(render_all(function, items, workers, min_items=_MIN_PARALLEL, chunksize=chunksize))
