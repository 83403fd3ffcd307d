"""Progress of long builds and the summary that ends every build, in Vietnamese."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

from .loader import Kind
from .vietnamese import format_number


@dataclass
class Progress:
    """Reports "n/total" at most every `every` seconds, so short builds stay quiet."""

    total: int
    report: Callable[[str], None]
    every: float = 5.0
    done: int = 0
    _last: float = field(default_factory=time.perf_counter)

    def tick(self) -> None:
        self.done += 1
        now = time.perf_counter()
        if now - self._last >= self.every and self.done < self.total:
            self._last = now
            self.report(f"Đang dựng trang: {format_number(self.done)}/{format_number(self.total)} ({100 * self.done // self.total}%)")


def summary(records: dict[Kind, int], excluded: int, pages: int, written: int, warnings: int, seconds: float) -> str:
    """"Tóm tắt: 6 tin tức, 9 mô hình, …; 120 trang (3 mới/cập nhật); 1 cảnh báo; 2,1 giây"."""
    counts = ", ".join(f"{format_number(count)} {kind.label.lower()}" for kind, count in records.items())
    hidden = f" (không xuất bản {format_number(excluded)} bản nháp/hẹn giờ)" if excluded else ""
    return (
        f"Tóm tắt: {counts}{hidden}; {format_number(pages)} trang ({format_number(written)} trang mới/cập nhật); "
        f"{format_number(warnings)} cảnh báo; {format_number(seconds, '0.0')} giây."
    )
