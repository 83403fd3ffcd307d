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
    image = Image.new("RGB", (width, height), BACKGROUND)
    draw = ImageDraw.Draw(image)
    margin = 72
    draw.rectangle((0, height - 18, width, height), fill=(212, 160, 23))  # a gold rule, as on the site's header
    draw.text((margin, 60), text.site_name, font=_font(BOLD, 40), fill=FOREGROUND)
    top = 140
    if text.kind:
        kind_font = _font(REGULAR, 30)
        draw.text((margin, top), text.kind.upper(), font=kind_font, fill=MUTED)
        top += 64
    size = 64 if len(text.title) < 90 else 54
    font = _font(BOLD, size)
    for line in _wrap(text.title, font, width - 2 * margin, 4 if size == 64 else 5):
        draw.text((margin, top), line, font=font, fill=FOREGROUND)
        top += int(size * 1.3)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=settings.jpeg_quality, optimize=True)
    return out.getvalue()
