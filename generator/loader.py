"""Files → source records: read each entry file, split front matter from body, keep lines."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from .problems import Problem
from .characters import may_hold_unusual_characters
from .safefiles import FileRefused, markdown_files, read_limited
from .yamlfile import YamlDocument, YamlError, decode_text, load_yaml

MAX_FILE_BYTES = 2_000_000  # ~30x the longest real article; larger is a mistake, not news
# Front matter holds a few dozen short fields; far more is a pasted document or an attack.
MAX_FRONT_MATTER_CHARS = 100_000


class Kind(str, Enum):
    """A kind of record; its value is the folder under `entries/` and the URL section."""

    NEWS = "tin-tuc"
    MODEL = "mo-hinh"
    COMMENDATION = "khen-thuong"
    UNIT = "don-vi"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]

    @property
    def plural_label(self) -> str:
        return _KIND_PLURAL_LABELS[self]


_KIND_LABELS = {
    Kind.NEWS: "Tin tức",
    Kind.MODEL: "Mô hình",
    Kind.COMMENDATION: "Khen thưởng",
    Kind.UNIT: "Đơn vị",
}
_KIND_PLURAL_LABELS = {
    Kind.NEWS: "Tin tức",
    Kind.MODEL: "Mô hình tiêu biểu",
    Kind.COMMENDATION: "Khen thưởng",
    Kind.UNIT: "Đơn vị",
}


@dataclass(frozen=True)
class SourceFile:
    """One editor's file, parsed but not yet validated."""

    path: str  # as shown to editors, relative to the project: "entries/mo-hinh/x.md"
    kind: Kind
    front: YamlDocument
    body: str
    body_line: int  # file line on which the body starts
    # False when the front matter may hold characters characters.py refuses or strips (one of
    # them as typed, or a backslash escape that can make one); most files need no such check.
    unusual_characters: bool = True

    @property
    def stem(self) -> str:
        return Path(self.path).stem


def entry_files(entries_dir: Path) -> list[Path]:
    """Every readable Markdown file under the kind folders, in a stable order."""
    root = entries_dir.resolve().parent
    return [listed.path for listed in markdown_files(entries_dir, root) if listed.refused is None]


def refused_problem(shown: str, refused: str) -> Problem:
    """The problem of a file safefiles.py refused (a FIFO, a folder, a link leaving the project)."""
    return Problem(shown, 1, "", f"“{Path(shown).name}” {refused}")


def read_sources(entries_dir: Path, shown_root: Path) -> tuple[list[SourceFile], list[Problem]]:
    sources: list[SourceFile] = []
    problems: list[Problem] = []
    for listed in markdown_files(entries_dir, shown_root):
        path = listed.path
        shown = path.relative_to(shown_root).as_posix()
        if listed.refused:
            problems.append(refused_problem(shown, listed.refused))
            continue
        kind = _kind_of(path.relative_to(entries_dir))
        if kind is None:
            folders = ", ".join(f"{k.value}/" for k in Kind)
            problems.append(Problem(shown, 1, "", f"Tệp nằm ngoài các thư mục nội dung ({folders}); không biết đây là loại bài gì."))
            continue
        try:
            sources.append(read_source(read_limited(path, shown_root, MAX_FILE_BYTES, links_checked=True), shown, kind))
        except FileRefused as refused:
            problems.append(refused_problem(shown, refused.reason))
        except YamlError as error:
            problems.append(error.problem)
    return sources, problems


def read_source(raw: bytes, shown: str, kind: Kind) -> SourceFile:
    if not raw.strip():
        raise YamlError(Problem(shown, 1, "", "Tệp rỗng."))
    if len(raw) > MAX_FILE_BYTES:
        raise YamlError(Problem(shown, 1, "", f"Tệp quá lớn ({len(raw):,} byte; tối đa {MAX_FILE_BYTES:,})."))
    text = decode_text(raw, shown)
    lines = text.split("\n")
    if lines[0].strip() != "---":
        raise YamlError(
            Problem(shown, 1, "", "Tệp phải bắt đầu bằng dòng “---”, tiếp theo là các trường thông tin, rồi một dòng “---” nữa.")
        )
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        raise YamlError(Problem(shown, 1, "", "Không tìm thấy dòng “---” đóng phần thông tin đầu tệp."))
    front = load_yaml("\n".join(lines[1:end]), shown, first_line=2, max_chars=MAX_FRONT_MATTER_CHARS)
    if not isinstance(front.data, dict):
        raise YamlError(Problem(shown, 2, "", "Phần thông tin đầu tệp phải gồm các dòng “tên trường: giá trị”."))
    after = "\n".join(lines[end + 1 :])
    body = after.strip("\n")
    # The body's first line: after the closing "---" and the blank lines that are not part of it.
    body_line = end + 2 + (len(after) - len(after.lstrip("\n")) if body else 0)
    front_text = "\n".join(lines[1:end])
    unusual = "\\" in front_text or may_hold_unusual_characters(front_text)
    return SourceFile(shown, kind, front, body, body_line, unusual)


def _kind_of(relative: Path) -> Kind | None:
    if len(relative.parts) < 2:
        return None
    try:
        return Kind(relative.parts[0])
    except ValueError:
        return None
