"""`new <kind> "<title>"`: a fresh entry file with every field of its kind, explained in Vietnamese.

The file starts as a draft (`draft: true`) so that an unfinished record is never published;
required fields whose value must come from a configured list or another record are left
empty, so `check` makes the editor choose them instead of publishing a guessed default.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from .loader import Kind
from .taxonomies import RESERVED_SLUGS
from .vietnamese import slugify

# English aliases for people who type the code's names.
KIND_ALIASES = {"news": Kind.NEWS, "model": Kind.MODEL, "commendation": Kind.COMMENDATION, "unit": Kind.UNIT}

_SLUG = """\
slug:                    # (không bắt buộc) địa chỉ trang; bỏ trống để dùng tên tệp: {slug}
"""

_COMMON = """\
draft: true              # true = bản nháp, chưa xuất bản; đổi thành false khi đã duyệt
featured: false          # true = nêu bật trên trang chủ
tags: []                 # thẻ, ví dụ: ["chuyển đổi số", "thanh niên"]
"""

_IMAGE = """\
image:                   # (không bắt buộc) ảnh minh họa, đặt tệp ảnh trong docs/images/
  # src: images/ten-anh.jpg        # đường dẫn ảnh trong thư mục docs/
  # caption: "Chú thích"          # chú thích dưới ảnh
  # credit: "Ảnh: Minh Anh"       # tác giả ảnh
"""

_TEMPLATES = {
    Kind.NEWS: """\
title: {title}           # tiêu đề bài (bắt buộc)
date: {date}             # ngày đăng (bắt buộc), ví dụ 2024-05-19 hoặc 19/05/2024 08:30; ngày tương lai = hẹn giờ đăng
category:                # chuyên mục (bắt buộc), một giá trị trong entries/danh-muc.yml (categories)
summary:                 # sapo: đoạn tóm tắt đầu bài
author:                  # tác giả, ví dụ "Minh Anh"
source:                  # nguồn, ví dụ "Báo Quảng Trị"
units: []                # mã các đơn vị được nhắc đến, ví dụ [dang-uy-khoi-cqdn]
models: []               # slug các mô hình được nhắc đến
""" + _IMAGE,
    Kind.MODEL: """\
title: {title}           # tên mô hình (bắt buộc)
date: {date}             # (không bắt buộc) ngày đăng; ngày tương lai = hẹn giờ đăng
unit:                    # mã đơn vị đăng ký mô hình (bắt buộc), tên tệp trong entries/don-vi/
movement:                # phong trào (bắt buộc), một giá trị trong entries/danh-muc.yml (movements)
field:                   # lĩnh vực, một giá trị trong entries/danh-muc.yml (fields)
year: {year}             # năm đăng ký (bắt buộc), ví dụ 2024
period:                  # thời gian thực hiện
  from:                  # năm bắt đầu, ví dụ 2023
  to:                    # năm kết thúc (bỏ trống nếu đang làm)
status:                  # tình trạng: đang thực hiện, đã hoàn thành hoặc được nhân rộng
summary:                 # một đoạn giới thiệu ngắn
results: []              # các kết quả nổi bật, mỗi kết quả một dòng "- ..."
""" + _IMAGE,
    Kind.COMMENDATION: """\
title: {title}           # tên khen thưởng (bắt buộc), ví dụ "Bằng khen của UBND tỉnh cho ..."
date: {date}             # (không bắt buộc) ngày đăng; ngày tương lai = hẹn giờ đăng
recipient:               # người hoặc tập thể được khen (bắt buộc)
  name:                  # tên (bắt buộc)
  kind:                  # tập thể hoặc cá nhân (bắt buộc)
  unit:                  # mã đơn vị, tên tệp trong entries/don-vi/
  position:              # chức vụ (với cá nhân)
form:                    # hình thức khen (bắt buộc), trong entries/danh-muc.yml (forms)
authority:               # cấp khen (bắt buộc), trong entries/danh-muc.yml (authorities)
decision:                # quyết định khen thưởng
  number:                # số quyết định, ví dụ "124-QĐ/ĐUK"
  date:                  # ngày quyết định, ví dụ 2024-05-15
year: {year}             # năm khen thưởng (bắt buộc)
reason:                  # thành tích được khen
models: []               # slug các mô hình được khen
""",
    Kind.UNIT: """\
id: {slug}               # mã đơn vị (bắt buộc): chữ thường, không dấu, nối bằng "-"; bài khác dùng mã này
name: {title}            # tên đầy đủ (bắt buộc)
date: {date}             # (không bắt buộc) ngày đăng
short_name:              # tên viết tắt, ví dụ "Sở GD&ĐT"
kind:                    # loại đơn vị, trong entries/danh-muc.yml (unit_kinds)
parent:                  # mã đơn vị cấp trên
website:                 # trang web, ví dụ https://example.gov.vn
description:             # một đoạn giới thiệu ngắn
""",
}

_BODY = "Viết nội dung bài ở đây, bằng Markdown (xem Hướng dẫn biên tập trên trang).\n"


class EntryExists(Exception):
    pass


@dataclass(frozen=True)
class NewEntry:
    path: Path
    slug: str


def parse_kind(text: str) -> Kind | None:
    try:
        return Kind(text)
    except ValueError:
        return KIND_ALIASES.get(text.lower())


def entry_text(kind: Kind, title: str, today: dt.date) -> str:
    slug = slugify(title)
    fields = _TEMPLATES[kind].format(title=json.dumps(title, ensure_ascii=False), date=today.isoformat(), year=today.year, slug=slug)
    # A unit's address is its id, so it gets no slug line.
    slug_line = "" if kind is Kind.UNIT else _SLUG.format(slug=slug)
    return "---\n" + _align_comments(fields + slug_line + _COMMON) + "---\n" + _BODY


def _align_comments(text: str, column: int = 25) -> str:
    """Start every trailing comment at one column, after the values were filled in."""
    aligned = []
    for line in text.splitlines():
        code, mark, comment = line.partition("  # ")
        if mark and code.strip() and not code.lstrip().startswith("#"):
            line = f"{code.rstrip():<{column - 1}} # {comment.strip()}"
        aligned.append(line)
    return "\n".join(aligned) + "\n"


def create_entry(entries_dir: Path, kind: Kind, title: str, today: dt.date) -> NewEntry:
    """Write the new file; raises EntryExists rather than overwrite, ValueError on an empty slug."""
    slug = slugify(title)
    if not slug:
        raise ValueError("Tiêu đề phải có ít nhất một chữ cái hoặc chữ số để tạo tên tệp.")
    if slug in RESERVED_SLUGS:
        # `check` would refuse the file at once: better not to write it.
        raise ValueError(f"Tiêu đề “{title}” tạo ra địa chỉ “{slug}”, là địa chỉ dành riêng của trang; "
                         "hãy đặt tiêu đề cụ thể hơn.")
    path = entries_dir / kind.value / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as file:  # "x": never overwrite
            file.write(entry_text(kind, title, today))
    except FileExistsError:
        raise EntryExists(f"Tệp {kind.value}/{path.name} đã có; không ghi đè. Hãy đặt tiêu đề khác hoặc sửa tệp đó.") from None
    return NewEntry(path, slug)
