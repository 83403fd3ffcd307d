"""The files of /admin/: the editor's page, its configuration and the vendored Decap bundle.

They join the page plan as `OutputFile`s, so the writer tracks them like feeds (rewritten
when changed, removed when gone), the fast preview serves them too, and any engine copies
them as static files. Nothing is fetched from another host: Decap CMS is the npm package's
prebuilt bundle (package.json pins it; `npm ci` installs it into node_modules/), copied here.
"""

from __future__ import annotations

import html
import json
import os
import stat
from pathlib import Path
from typing import Iterator

import yaml

from .. import safefiles
from ..catalogue import Catalogue
from ..outputs import OutputFile
from ..siteinfo import SiteInfo
from .config import REQUIRED_MESSAGE, decap_config
from .settings import CmsSettings

ADMIN_DIR = "admin/"
BUNDLE = Path("node_modules", "decap-cms", "dist", "decap-cms.js")
_STATIC = Path(__file__).parent / "static"
_REPO = Path(__file__).resolve().parents[2]


def find_bundle(project_root: Path) -> Path | None:
    """Decap's bundle from the project's node_modules/, else from the generator's checkout.

    node_modules/ is whatever the repository holds when `npm ci` did not run: a committed
    `node_modules/decap-cms/dist/decap-cms.js -> /etc/passwd` (or a link on any folder on the
    way) would publish that file as /admin/decap-cms.js. A bundle is used only when its real
    path stays inside its root and is a regular file; the generator's own copy is the fallback.
    """
    for root in (project_root, _REPO):
        if _inside_and_regular(root / BUNDLE, root):
            return root / BUNDLE
    return None


def _inside_and_regular(path: Path, root: Path) -> bool:
    # link_problem resolves every link on the way (realpath), not only the file's own; it
    # expects a path that exists (a missing one is the usual "npm ci did not run").
    if not os.path.exists(path) or safefiles.link_problem(path, root.resolve()) is not None:
        return False
    return stat.S_ISREG(os.stat(path).st_mode)


def admin_files(settings: CmsSettings, catalogue: Catalogue, site: SiteInfo, bundle: Path,
                docs_dir_name: str = "docs") -> Iterator[OutputFile]:
    config = decap_config(settings, catalogue, site, docs_dir_name)
    yield OutputFile(ADMIN_DIR + "index.html", _page(site).encode())
    yield OutputFile(ADMIN_DIR + "config.yml", config_yaml(config).encode())
    yield OutputFile(ADMIN_DIR + "decap-cms.js", bundle.read_bytes())
    licence = bundle.with_name(bundle.name + ".LICENSE.txt")
    if _inside_and_regular(licence, bundle.parents[3]):  # the same rule as the bundle's
        yield OutputFile(ADMIN_DIR + licence.name, licence.read_bytes())
    page_settings = {"previewStyles": list(settings.preview_styles) + ["preview.css"],
                     "palette": dict(settings.preview_palette),
                     "messages": {"required": f"“%{{fieldLabel}}”: {REQUIRED_MESSAGE}."}}
    yield OutputFile(ADMIN_DIR + "gs-cms-settings.js",
                     f"window.GS_CMS = {json.dumps(page_settings, ensure_ascii=False)};\n".encode())
    for name in ("gs-cms.js", "preview.css"):
        yield OutputFile(ADMIN_DIR + name, (_STATIC / name).read_bytes())


# libyaml's emitter: the pure-Python one takes ~0.3 s for this file, on every build and preview.
class _PlainDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Writes repeated lists out in full: `&id001` anchors would puzzle anyone reading it."""

    def ignore_aliases(self, data) -> bool:
        return True


def config_yaml(config: dict) -> str:
    header = "# Sinh tự động từ generator/schema.py và entries/danh-muc.yml (python -m generator cms); đừng sửa tay.\n"
    return header + yaml.dump(config, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False, width=1000)


def _page(site: SiteInfo) -> str:
    title = html.escape(f"Biên tập – {site.name}")
    return f"""<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>{title}</title>
<link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
<noscript>Trang biên tập cần bật JavaScript.</noscript>
<script src="gs-cms-settings.js"></script>
<script src="decap-cms.js"></script>
<script src="gs-cms.js"></script>
</body>
</html>
"""
