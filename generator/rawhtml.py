"""Raw HTML policy: what the sanitiser removes from a body, told to the editor with file and line.

Bodies are Markdown; raw HTML inside them is allowed but passes through nh3 (markup.py), which
drops scripts, frames, styles, event handlers (`onclick=`…) and `javascript:` links. The site is
safe either way; these warnings exist so an editor knows why something they wrote is missing.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .problems import Problem

# Attributes Markdown itself emits (footnote ids, kept by markup.py) or that nh3 drops or
# rewrites harmlessly: warning about them would only teach editors to ignore warnings.
_IGNORED_ATTRIBUTES = {"class", "rel", "id", "style"}
_SAFE_SCHEMES = ("http:", "https:", "mailto:", "tel:")
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")


class _Collector(HTMLParser):
    def __init__(self, tags: frozenset[str] | set[str], attributes: dict[str, set[str]]):
        super().__init__(convert_charrefs=True)
        self.allowed_tags = tags
        self.allowed_attributes = attributes
        self.removed: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.allowed_tags:
            self.removed.append(f"<{tag}>")
            return
        allowed = self.allowed_attributes.get(tag, set()) | self.allowed_attributes.get("*", set())
        for name, value in attrs:
            if name in _IGNORED_ATTRIBUTES:
                continue
            if name not in allowed:
                self.removed.append(f"{name}=")
            elif name in ("href", "src") and value and (scheme := _SCHEME.match(value)):
                if f"{scheme.group(1).lower()}:" not in _SAFE_SCHEMES:
                    self.removed.append(f"{scheme.group(1).lower()}:")

    handle_startendtag = handle_starttag


def removed_markup(raw_html: str, tags, attributes) -> tuple[str, ...]:
    """Tags (“<script>”), attributes (“onclick=”) and URL schemes (“javascript:”) nh3 drops."""
    collector = _Collector(tags, attributes)
    collector.feed(raw_html)
    collector.close()
    return tuple(dict.fromkeys(collector.removed))  # once each, in order of appearance


def sanitiser_warnings(path: str, body: str, body_line: int, removed: tuple[str, ...], external: list[str]) -> list[Problem]:
    """One warning per removed thing, at the first body line that mentions it."""
    lines = body.split("\n")

    def line_of(needle: str) -> int:
        needle = needle.rstrip(">").lower()
        for number, text in enumerate(lines):
            if needle in text.lower():
                return body_line + number
        return body_line

    problems = []
    for item in removed:
        if item.startswith("<"):
            message = f"thẻ HTML {item} không được phép nên đã bị xóa khỏi trang (chính sách HTML: xem Hướng dẫn biên tập)."
        elif item.endswith("="):
            message = f"thuộc tính HTML “{item[:-1]}” không được phép nên đã bị xóa khỏi trang (chính sách HTML: xem Hướng dẫn biên tập)."
        else:
            message = f"liên kết kiểu “{item}” không được phép nên đã bị xóa khỏi trang."
        problems.append(Problem(path, line_of(item), "", message, "warning"))
    for url in external:
        problems.append(
            Problem(path, line_of(url), "", f"ảnh “{url}” lấy từ trang web khác nên đã bị bỏ; hãy chép ảnh vào docs/images/.", "warning")
        )
    return problems
