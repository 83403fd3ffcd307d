"""Share cards: a 1200×630 JPEG with the site name, the kind of record and its title.

For records without a photo, Facebook and Zalo need a raster image (they refuse SVG). Material
for MkDocs' social plugin draws such cards too, but fetches its fonts from the web at build
time; here the font ships in the package (Be Vietnam Pro, SIL OFL 1.1, from npm's
@fontsource/be-vietnam-pro, merged into one file with every Vietnamese letter by
scripts/vendor-fonts), so the build needs no network.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .settings import ImageSettings

FONT_DIR = Path(__file__).parent / "fonts"
BOLD = FONT_DIR / "be-vietnam-pro-700.woff2"
REGULAR = FONT_DIR / "be-vietnam-pro-400.woff2"
CARD_VERSION = 1

BACKGROUND = (143, 22, 22)  # the theme's red (theme_overrides/assets/stylesheets/guong-sang.css)
FOREGROUND = (255, 255, 255)
MUTED = (255, 222, 214)
MARGIN = 72


@dataclass(frozen=True)
class CardText:
    site_name: str
    kind: str  # "Tin tức", "Mô hình tiêu biểu"…; empty for the site's own card
    title: str

    def key(self, settings: ImageSettings) -> str:
        text = f"{CARD_VERSION}\0{settings.og_size}\0{self.site_name}\0{self.kind}\0{self.title}"
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=8)
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int, max_lines: int) -> list[str]:
    lines: list[str] = []
    current = ""
    words = text.split()
    for position, word in enumerate(words):
        candidate = f"{current} {word}".strip()
        if font.getlength(candidate) <= width or not current:
            current = candidate
            continue
        lines.append(current)
        current = word
        if len(lines) == max_lines:
            break
    else:
        lines.append(current)
        return lines
    # Out of room: end the last line with an ellipsis.
    last = lines[-1]
    while last and font.getlength(last + " …") > width:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    lines[-1] = last + " …"
    return lines


def draw_card(text: CardText, settings: ImageSettings) -> bytes:
    width, height = settings.og_size
    image = _background(text.site_name, text.kind, settings.og_size).copy()
    draw = ImageDraw.Draw(image)
    top = 140 + (64 if text.kind else 0)
    size = 64 if len(text.title) < 90 else 54
    font = _font(BOLD, size)
    for line in _wrap(text.title, font, width - 2 * MARGIN, 4 if size == 64 else 5):
        draw.text((MARGIN, top), line, font=font, fill=FOREGROUND)
        top += int(size * 1.3)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=settings.jpeg_quality, optimize=True)
    return out.getvalue()


@lru_cache(maxsize=16)
def _background(site_name: str, kind: str, size: tuple[int, int]) -> Image.Image:
    """What every card of a kind shares (colours, rule, site name, kind), drawn once per process:
    it was half of drawing a card. The title is drawn on a copy, in the same order as before,
    so the pixels are the same."""
    width, height = size
    image = Image.new("RGB", (width, height), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, height - 18, width, height), fill=(212, 160, 23))  # a gold rule, as on the site's header
    draw.text((MARGIN, 60), site_name, font=_font(BOLD, 40), fill=FOREGROUND)
    if kind:
        draw.text((MARGIN, 140), kind.upper(), font=_font(REGULAR, 30), fill=MUTED)
    return image
