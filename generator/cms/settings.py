"""Where the web editor reads and saves: the `extra.cms` block of mkdocs.yml.

    extra:
      cms:
        backend: github          # github or gitlab
        repo: to-chuc/guong-sang # owner/name of the repository
        branch: main
        base_url: https://oauth.example.vn  # GitHub: the OAuth proxy (see the editors' guide)
        app_id: 0123abcd         # GitLab: the OAuth application's id (PKCE, no server needed)
        api_root: https://gitlab.example.vn/api/v4  # a self-hosted GitLab
        media_folder: docs/images   # where uploaded photos go
        local_port: 8081         # decap-server, for `make cms`

`python -m generator cms serve` sets GUONG_SANG_CMS_PROXY to its decap-server's address, and
only then does the configuration name a local backend: the published editor never tries to
reach a server on the visitor's own machine.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Mapping

PROXY_ENV = "GUONG_SANG_CMS_PROXY"
# Photos live beside the hand-written pages, so the site serves them itself; image `src`
# values are paths under docs/ (CONTENT_MODEL.md). The one setting that says where.
DEFAULT_MEDIA_FOLDER = "docs/images"
DEFAULT_LOCAL_PORT = 8081
BACKENDS = ("github", "gitlab")


@dataclass(frozen=True)
class CmsSettings:
    backend: str = "github"
    repo: str = ""
    branch: str = "main"
    base_url: str = ""
    auth_endpoint: str = ""
    app_id: str = ""
    api_root: str = ""
    media_folder: str = DEFAULT_MEDIA_FOLDER
    local_port: int = DEFAULT_LOCAL_PORT
    local_proxy: str = ""  # decap-server's API address, set by `cms serve` only
    # Stylesheets of the site (relative to /admin/) for the editor's preview; the engine knows them.
    preview_styles: tuple[str, ...] = ()
    preview_palette: tuple[tuple[str, str], ...] = ()  # e.g. (("primary", "custom"),): the theme's colours

    @classmethod
    def from_extra(cls, extra: Mapping[str, Any] | None, environ: Mapping[str, str] = os.environ) -> "CmsSettings":
        given = dict((extra or {}).get("cms") or {})
        known = {name: given[name] for name in cls.__dataclass_fields__ if name in given and name not in ("local_proxy", "preview_styles", "preview_palette")}
        settings = cls(**{k: (int(v) if k == "local_port" else str(v)) for k, v in known.items()})
        if settings.backend not in BACKENDS:
            raise ValueError(f"extra.cms.backend trong mkdocs.yml phải là {' hoặc '.join(BACKENDS)}, không phải “{settings.backend}”.")
        proxy = environ.get(PROXY_ENV, "")
        return settings if not proxy else cls(**{**settings.__dict__, "local_proxy": proxy})

    def public_folder(self, docs_dir_name: str = "docs") -> str:
        """How entries write an uploaded photo's path: relative to the docs folder."""
        folder = self.media_folder.strip("/")
        prefix = docs_dir_name.strip("/") + "/"
        return folder[len(prefix):] if folder.startswith(prefix) else folder
