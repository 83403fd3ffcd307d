"""Fixes to Material for MkDocs' own markup that no template override can reach.

Material's base.html writes its drawer and search toggles, outside any template block, as
`<input type="checkbox" … autocomplete="off">`; HTML allows `autocomplete` on text-like inputs
only, so the Nu HTML Checker reports an error on every page. Overriding base.html whole would
fork 260 lines of the theme, so the attribute is removed from the rendered page instead.
(Material added it so Firefox does not restore an open drawer when a reader reloads the page:
a cosmetic cost, accepted for valid markup.)
"""

from __future__ import annotations

import re

_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')


def fix_material_markup(html: str) -> str:
    return _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
