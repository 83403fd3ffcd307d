"""The web editor at /admin/: Decap CMS (npm `decap-cms`), configured from the content model.

Its configuration is generated, never written by hand, from the same pydantic models and
configured lists that `check` enforces (generator/schema.py, entries/danh-muc.yml), so the
form cannot drift from the site's rules:

| module        | holds                                                                  |
| ------------- | ---------------------------------------------------------------------- |
| settings.py   | where the editor saves: backend (GitHub, GitLab, local), media folder  |
| config.py     | the Decap configuration: one collection per kind, a widget per field   |
| files.py      | the files of /admin/ (page, configuration, vendored bundle, preview)   |
| local.py      | `python -m generator cms serve`: decap-server plus the live preview   |
"""

from .config import REQUIRED_MESSAGE, decap_config
from .files import ADMIN_DIR, admin_files
from .settings import CmsSettings

__all__ = ["ADMIN_DIR", "REQUIRED_MESSAGE", "CmsSettings", "admin_files", "decap_config"]
