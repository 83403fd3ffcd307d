"""Fixes to Material for MkDocs' own markup that no small template override can reach.

1. MkDocs renders themes without autoescaping, and Material prints the page's metadata as it
is: `<title>{{ page.meta.title }}`, `<h1>{{ page.title }}</h1>` (a listing's heading, e.g.
"Thẻ: " and a tag), the header's topic, `<meta name="description" content="…">`. A title or
summary holding `<`, `&` or a quote would break the page or inject markup into it. The page's
text metadata is escaped before any page is rendered: as `Markup`, so a template that escapes
it again (`| e`) leaves it as it is. (Material never applies `striptags` to a metadata title;
that filter would unescape it.)

2. Material's base.html writes its drawer and search toggles, outside any template block, as
`<input type="checkbox" … autocomplete="off">`; HTML allows `autocomplete` on text-like inputs
only, so the Nu HTML Checker reports an error on every page. Overriding base.html whole would
fork 260 lines of the theme, so the attribute is removed from the rendered page instead.
(Material added it so Firefox does not restore an open drawer when a reader reloads the page:
a cosmetic cost, accepted for valid markup.)
"""

from __future__ import annotations

import re
from typing import MutableMapping

from markupsafe import escape

# Metadata that Material's templates print as text or inside attributes.
_TEXT_META = ("title", "description", "author")

_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')


def fix_material_markup(html: str) -> str:
    return _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)


def escape_text_meta(meta: MutableMapping) -> None:
    for key in _TEXT_META:
        if isinstance(meta.get(key), str):
            meta[key] = escape(meta[key])
