"""Pillow work on one photo: upright, sRGB, no metadata, then every variant the site serves."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageCms, ImageOps

from .settings import ImageSettings

_SRGB = ImageCms.createProfile("sRGB")


def open_upright(path: Path, largest: int) -> Image.Image:
    """The photo as 8-bit RGB in sRGB, turned as the camera's EXIF orientation says.

    `largest` lets the JPEG decoder scale down while decoding (DCT scaling), which makes a
    50-megapixel photo cost about what a 12-megapixel one does.
    """
    with Image.open(path) as image:
        if image.format == "JPEG":
            width, height = image.size
            if image.getexif().get(0x0112, 1) in (5, 6, 7, 8):  # shown turned by 90°: its height becomes the width
                width, height = height, width
            scale = largest / width
            # draft() keeps both sides at least this size, before the turn
            wanted = (largest, round(height * scale)) if image.size[0] == width else (round(height * scale), largest)
            image.draft("RGB", wanted)
        image.load()
        upright = ImageOps.exif_transpose(image)
        return to_srgb(upright)


def to_srgb(image: Image.Image) -> Image.Image:
    """CMYK, 16-bit, palette and greyscale images → RGB; embedded colour profiles → sRGB."""
    icc = image.info.get("icc_profile")
    if image.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        # Pillow's plain conversion clips 16-bit values at 255; scale them to 8 bits instead.
        image = image.point(lambda value: value * (1 / 256)).convert("L")
    if image.mode == "P":
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "LA", "PA"):
        background = Image.new("RGB", image.size, "white")
        background.paste(image.convert("RGBA"), mask=image.convert("RGBA").getchannel("A"))
        image = background
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            image = ImageCms.profileToProfile(image, source, _SRGB, outputMode="RGB")
        except (ImageCms.PyCMSError, OSError, TypeError):
            pass  # a broken profile: fall back to the plain conversion below
    if image.mode != "RGB":
        image = image.convert("RGB")
    image.info.clear()  # nothing of the original's metadata (EXIF, GPS, XMP) goes further
    return image


def widths_for(width: int, configured: tuple[int, ...]) -> list[int]:
    """The variant widths for a photo `width` pixels wide: the configured ones below it, and it."""
    top = min(width, configured[-1])
    return [w for w in configured if w < top] + [top]


def resized(image: Image.Image, width: int) -> Image.Image:
    if width >= image.width:
        return image
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)


def encode(image: Image.Image, fmt: str, settings: ImageSettings) -> bytes:
    """One variant's bytes; saved without EXIF, XMP or colour profile (sRGB is the web default)."""
    out = io.BytesIO()
    if fmt == "webp":
        image.save(out, "WEBP", quality=settings.webp_quality, method=settings.webp_method)
    elif fmt == "avif":
        # One thread: photos are already processed in parallel, one per core.
        image.save(out, "AVIF", quality=settings.avif_quality, speed=settings.avif_speed, max_threads=1)
    else:
        image.save(out, "JPEG", quality=settings.jpeg_quality, optimize=True, progressive=True)
    return out.getvalue()


def cover(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    """`image` cropped to the proportions of `size` around its centre and scaled to it."""
    return ImageOps.fit(image, size, Image.Resampling.LANCZOS, centering=(0.5, 0.45))
