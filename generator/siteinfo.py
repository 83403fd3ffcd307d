"""What every public output needs to know about the site itself: its name and public address.

Feeds, the sitemap, canonical links and social cards need absolute URLs, so the core is given
the site's public base URL (MkDocs' `site_url`) once, here.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from urllib.parse import urljoin

from .escaping import percent_encode_unsafe

# Shown on social cards when a record has no image of its own (a file under docs/).
DEFAULT_IMAGE = "images/le-ky-ket.svg"


@dataclass(frozen=True)
class SiteInfo:
    name: str = "Gương sáng"
    url: str = "http://127.0.0.1:8000/"  # public base URL, ending in "/"
    description: str = ""
    default_image: str = DEFAULT_IMAGE

    def __post_init__(self) -> None:
        if not self.url.endswith("/"):
            object.__setattr__(self, "url", self.url + "/")

    def absolute(self, site_relative: str) -> str:
        """Public URL of a site-relative path ("tin-tuc/x/", "images/a.jpg", "" for home).

        Always a path under the site: "./" keeps a file named "javascript:x" from being read as
        an address of its own, and quotes or spaces in a file name are percent-encoded.
        """
        return urljoin(self.url, "./" + percent_encode_unsafe(site_relative.lstrip("/")))

    def image_of(self, entry) -> str:
        """Absolute URL of a record's image, or of the site's default image."""
        image = getattr(entry.fields, "image", None)
        return self.absolute(image.src if image else self.default_image)


def media_type(path: str) -> str:
    return mimetypes.guess_type(path)[0] or "application/octet-stream"
