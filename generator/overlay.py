"""The problem list shown over every page of a live preview while some entry is invalid.

As Hugo's error overlay: the editor keeps the last good site to look at, and reads, without
leaving the browser, each problem with its file, line and field. Styles are inline, so the
overlay needs nothing from the theme and loads nothing from anywhere.
"""

from __future__ import annotations

import html

from .problems import Problem

MAX_SHOWN = 50
OVERLAY_ID = "guong-sang-problems"


def problem_overlay(problems: list[Problem]) -> str:
    """The overlay's HTML: a fixed panel listing `problems` (errors first), escaped."""
    shown = sorted(problems, key=lambda p: (p.severity != "error", p))[:MAX_SHOWN]
    items = "".join(
        f'<li style="margin:.3em 0"><code style="color:#ffe082;background:none">'
        f"{html.escape(f'{p.path}:{p.line}')}</code>"
        f"{html.escape(f' {p.field}:' if p.field else '')} {html.escape(p.message)}</li>"
        for p in shown
    )
    more = len(problems) - len(shown)
    rest = f"<p>… và {more} vấn đề khác (xem cửa sổ dòng lệnh).</p>" if more > 0 else ""
    return (
        f'<div id="{OVERLAY_ID}" role="alert" lang="vi" style="position:fixed;z-index:10000;left:0;right:0;top:0;'
        "max-height:60vh;overflow:auto;background:#b71c1c;color:#fff;padding:1em 1.2em;"
        'font:15px/1.45 system-ui,sans-serif;box-shadow:0 2px 12px rgba(0,0,0,.4)">'
        "<strong>Xem trước: có lỗi trong tệp nội dung, trang đang hiện bản dựng tốt gần nhất.</strong>"
        f'<ul style="margin:.5em 0;padding-left:1.2em">{items}</ul>{rest}'
        "<p style=\"margin:0\">Sửa tệp rồi lưu: trang tự tải lại.</p></div>"
    )


def with_overlay(page: str, problems: list[Problem]) -> str:
    """`page` with the overlay at the end of its body (or appended, for a page without one)."""
    overlay = problem_overlay(problems)
    if "</body>" in page:
        return page.replace("</body>", overlay + "</body>", 1)
    return page + overlay
