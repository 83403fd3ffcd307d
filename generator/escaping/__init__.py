"""Editors' text and addresses made safe for each output context that is not HTML from Jinja.

HTML fragments are escaped by Jinja's autoescape (generator/pages.py) and Material's templates
by the plugin (theme_fixes.py); feeds' XML by lxml (feedgen). What remains is here, one
function per context:

- `json_text`: JSON that can be pasted anywhere, including inside `<script>`;
- `csv_cell`: a CSV cell that a spreadsheet will not run as a formula (CSV injection);
- `safe_url`: an address that may go into `href`/`src`: http(s), mailto, tel or relative,
  with no quote, space or angle bracket left in it.

Each is a few lines over the standard library: markupsafe and lxml escape markup but know
nothing of spreadsheets or URL schemes, and no maintained library covers these three.
"""

from __future__ import annotations

import json
import re
from typing import Any

# JSON escapes that leave the value unchanged for every JSON reader, but keep the text from
# being read as markup: `</script>` cannot end a script element, `<!--` cannot open a comment,
# `&` cannot start an entity. U+2028/2029 end lines in older JavaScript.
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029]")


def json_text(data: Any, indent: int | None = None) -> str:
    """JSON with Vietnamese left readable and markup characters escaped (as Go's encoding/json)."""
    separators = (",", ":") if indent is None else (",", ": ")
    text = json.dumps(data, ensure_ascii=False, indent=indent, separators=separators)
    return _JSON_UNSAFE.sub(lambda match: _JSON_ESCAPES[match.group()], text)


# OWASP, "CSV Injection": a cell beginning with one of these is a formula to Excel, LibreOffice
# and Google Sheets (and tab / carriage return can hide one). A leading apostrophe makes the
# spreadsheet show the text as typed (the apostrophe may show too; the JSON keeps the value).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str) -> str:
    """`value` as a spreadsheet shows it and never evaluates it."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


# Characters that end or break out of an attribute value, or that browsers silently drop
# before reading a URL's scheme ("java\tscript:" is "javascript:"). Percent-encoded, they are
# plain data in every URL.
_URL_UNSAFE = re.compile(r"[\x00-\x20\x7f-\x9f\"'<>\\`]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
WEB_SCHEMES = frozenset({"http", "https"})
_C0_AND_SPACE = "".join(map(chr, range(0x21)))


def percent_encode_unsafe(url: str) -> str:
    return _URL_UNSAFE.sub(lambda match: "".join(f"%{byte:02X}" for byte in match.group().encode("utf-8")), url)


def url_scheme(url: str) -> str:
    """The scheme a browser reads from `url` ("" for a relative address)."""
    match = _SCHEME.match(url)
    return match.group(1).lower() if match else ""


def safe_url(url: str, schemes: frozenset[str] = SAFE_SCHEMES) -> str | None:
    """`url` ready for `href`/`src`, or None when it must not be a link (`javascript:`, `data:`…).

    Relative addresses are kept; absolute ones only with one of `schemes`.
    """
    # Browsers drop leading and trailing spaces and control characters before reading a URL.
    encoded = percent_encode_unsafe(url.strip(_C0_AND_SPACE))
    scheme = url_scheme(encoded)
    if scheme and scheme not in schemes:
        return None
    return encoded


def web_address(url: str | None) -> str | None:
    """An editor's website (`website:`) as a link target: an absolute http(s) address only."""
    found = safe_url(url, WEB_SCHEMES) if url else None
    return found if found and url_scheme(found) in WEB_SCHEMES else None
