"""Problems found in editors' files, reported in Vietnamese with file, line and field."""

from __future__ import annotations

import difflib
from dataclasses import asdict, dataclass
from typing import Iterable, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        label = "lỗi" if self.severity == "error" else "cảnh báo"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message} [{label}]"

    def as_dict(self) -> dict:
        return asdict(self)


class ValidationFailed(Exception):
    """Raised when entries have errors; carries every problem so all are reported at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(format_report(problems))


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def format_report(problems: list[Problem]) -> str:
    count = len(errors(problems))
    lines = [str(p) for p in sorted(problems)]
    lines.append(f"Có {count} lỗi trong các tệp nội dung; chưa xuất bản gì." if count else "Không có lỗi.")
    return "\n".join(lines)


def did_you_mean(value: str, choices: Iterable[str], n: int = 1, first: Iterable[str] = ()) -> str:
    """Vietnamese hint naming the closest allowed values (`first` before them), or "" when none is close."""
    matches = list(dict.fromkeys([*first, *difflib.get_close_matches(value, list(choices), n=n, cutoff=0.6)]))[:n]
    if not matches:
        return ""
    quoted = [f"“{match}”" for match in matches]
    listed = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} hoặc {quoted[-1]}"
    return f" Có phải ý bạn là {listed}?"
