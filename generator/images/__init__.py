"""Photos: checking editors' image files, responsive variants, a cache, share cards.

Editors keep photos under `docs/images/` (one folder, referenced as `images/<name>.jpg` from
front matter and bodies). The build never publishes those originals: it publishes resized,
re-encoded copies without metadata under `anh/` (see library.py), made once per content and
settings and kept in a cache outside the site (cache.py).
"""

from .checks import CheckedPhotos, check_photo, is_photo
from .library import Photo, PhotoLibrary, body_image_sources

__all__ = ["CheckedPhotos", "Photo", "PhotoLibrary", "body_image_sources", "check_photo", "is_photo"]
