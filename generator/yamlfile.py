"""Reading editors' YAML: text decoding, line numbers for every key, and Vietnamese errors.

PyYAML alone loses what editors need to fix a mistake: it forgets where each key was, keeps
the last of two duplicate keys without a word, and turns `2024-02-30` into a parser crash.
"""

from __future__ import annotations

import bisect

from dataclasses import dataclass, field
from typing import Any

import yaml

from .problems import Problem
from .vietnamese import nfc

Location = tuple[str | int, ...]

# Aliases (`*name`) repeat a node without copying it, so 435 bytes can stand for a billion
# values ("billion laughs"): PyYAML builds them cheaply, but every walk over the data (line
# numbers, pydantic) expands them. Editors' files need a handful at most.
MAX_ALIAS_EXPANSION = 10_000  # values that aliases may add, beyond one per character of text
MAX_DEPTH = 32  # nesting of lists and mappings; front matter needs 3
MAX_YAML_CHARS = 2_000_000


class _EditorLoader(yaml.SafeLoader):
    """Safe loader that leaves dates as text, so the schema parses them with clear messages.

    Its pure-Python parser reports mistakes precisely (where a quote opens, which control
    character); it only runs on files that the fast loader below found broken.
    """


# libyaml's parser is ~10x faster on the valid files that make up nearly every build.
class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    pass


_EditorLoader.yaml_implicit_resolvers = _FastLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class YamlError(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


@dataclass
class YamlDocument:
    data: Any
    # 1-based line of every key and list item, by its location: ("recipient", "name") → 12.
    lines: dict[Location, int] = field(default_factory=dict)
    duplicates: list[tuple[Location, int]] = field(default_factory=list)

    def line_of(self, location: Location, default: int = 1) -> int:
        """Line of the deepest known part of `location` (a missing key points at its parent)."""
        for end in range(len(location), 0, -1):
            if location[:end] in self.lines:
                return self.lines[location[:end]]
        return default


def decode_text(raw: bytes, path: str) -> str:
    """Bytes of an editor's file → NFC text with LF line ends, or a YamlError naming the line."""
    if b"\x00" in raw:
        raise YamlError(Problem(path, 1, "", "Tệp không phải văn bản (có byte NUL): có thể là tệp nhị phân đặt nhầm chỗ."))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise YamlError(
            Problem(path, line, "", "Tệp không được mã hóa UTF-8. Hãy lưu lại tệp với bảng mã UTF-8.")
        ) from None
    return nfc(text.replace("\r\n", "\n").replace("\r", "\n"))


def load_yaml(raw: bytes | str, path: str, first_line: int = 1, max_chars: int = MAX_YAML_CHARS) -> YamlDocument:
    """Parse YAML text; `first_line` is the file line the text starts on (for front matter)."""
    text = decode_text(raw, path) if isinstance(raw, bytes) else raw
    if len(text) > max_chars:
        raise YamlError(Problem(path, first_line, "", f"Phần YAML quá dài ({len(text):,} ký tự; tối đa {max_chars:,})."))
    offset = first_line - 1
    try:
        fast = _FastLoader(text)
        try:
            node = fast.get_single_node()
            document = YamlDocument(None)
            if node is not None:
                # Before anything expands the data: refuses alias bombs (see _record_lines).
                _record_lines(node, (), offset + 1, document, _Budget(len(text) + MAX_ALIAS_EXPANSION, path, first_line),
                              _Lines(text))
            data = fast.construct_document(node) if node is not None else None
        finally:
            fast.dispose()
    except yaml.YAMLError as error:
        _raise_precise_error(text, path, first_line)
        # Only if the two parsers disagree on whether the text is valid:
        raise YamlError(Problem(path, first_line, "", f"YAML không hợp lệ ({error}).")) from None
    document.data = data
    return document


def _raise_precise_error(text: str, path: str, first_line: int) -> None:
    offset = first_line - 1
    try:
        loader = _EditorLoader(text)
    except yaml.reader.ReaderError as error:  # checked up front, before any parsing
        line = text[: error.position].count("\n") + first_line
        raise YamlError(
            Problem(path, line, "", f"Tệp có ký tự điều khiển không được phép (mã {error.character:#06x}); hãy xóa ký tự đó.")
        ) from None
    try:
        node = loader.get_single_node()
        if node is not None:
            loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if error.context_mark and "quoted scalar" in (error.context or ""):
            mark = error.context_mark  # where the unclosed quote opens, not where the file ends
        line = (mark.line + 1 + offset) if mark else first_line
        raise YamlError(Problem(path, line, "", _explain_yaml_error(error, text, mark))) from None
    except yaml.YAMLError as error:
        raise YamlError(Problem(path, first_line, "", f"YAML không hợp lệ: {error}")) from None
    finally:
        loader.dispose()


@dataclass
class _Budget:
    """How many keys and values a walk over the text may meet. Every value written out takes at
    least one character, so only aliases can exceed len(text); cycles and deep nesting stop at
    MAX_DEPTH. One walk, the one that records lines, guards every later one."""

    left: int
    path: str
    first_line: int

    def refuse(self, message: str) -> YamlError:
        return YamlError(Problem(self.path, self.first_line, "", message))


class _Lines:
    """A node's line as editors count lines: PyYAML also breaks lines at U+0085, U+2028 and
    U+2029, which an editor sees inside a value, so its marks' line numbers run ahead."""

    def __init__(self, text: str):
        self.breaks = [i for i, c in enumerate(text) if c == "\n"] if any(c in text for c in "\x85\u2028\u2029") else None

    def of(self, mark: Any) -> int:
        """0-based line of `mark` in `text`."""
        return mark.line if self.breaks is None else bisect.bisect_left(self.breaks, mark.index)


def _record_lines(node: yaml.Node, location: Location, first: int, document: YamlDocument, budget: _Budget,
                  lines: _Lines) -> None:
    budget.left -= 1
    if budget.left < 0:
        raise budget.refuse("Tệp dùng tham chiếu YAML (“&” và “*”) lặp lại quá nhiều lần, có thể là tệp phá hoại; "
                            "hãy viết giá trị trực tiếp, không dùng “&”/“*”.")
    if len(location) > MAX_DEPTH:
        raise budget.refuse(f"YAML lồng nhau quá sâu (quá {MAX_DEPTH} tầng), hoặc một tham chiếu “*” trỏ vào chính mục chứa nó.")
    if isinstance(node, yaml.MappingNode):
        seen: set = set()
        for key_node, value_node in node.value:
            key = key_node.value
            line = lines.of(key_node.start_mark) + first
            if not isinstance(key_node, yaml.ScalarNode):  # `{{}}`, `? [a, b]`: a crash further on
                raise YamlError(Problem(budget.path, line, "", "YAML không hợp lệ: tên trường phải là chữ, không phải "
                                        "một danh sách hay một nhóm trong ngoặc “[ ]”, “{ }”."))
            if key in seen:
                document.duplicates.append((location + (key,), line))
            seen.add(key)
            document.lines[location + (key,)] = line
            _record_lines(value_node, location + (key,), first, document, budget, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            document.lines[location + (index,)] = lines.of(item.start_mark) + first
            _record_lines(item, location + (index,), first, document, budget, lines)


def _explain_yaml_error(error: yaml.MarkedYAMLError, text: str, mark: Any) -> str:
    lines = text.split("\n")
    bad_line = lines[mark.line] if mark and mark.line < len(lines) else ""
    if "\t" in bad_line or "found character '\\t'" in str(error):
        return "YAML không cho phép dùng phím Tab để thụt lề; hãy dùng dấu cách."
    problem = (error.problem or "").strip()
    if "mapping values are not allowed" in problem:
        return (
            "YAML không hợp lệ: có dấu “:” trong giá trị. Hãy đặt giá trị trong dấu ngoặc kép, "
            'ví dụ: title: "Chủ đề: ..."'
        )
    if "could not find expected ':'" in problem or "expected <block end>" in problem:
        return "YAML không hợp lệ: dòng này thụt lề sai hoặc thiếu dấu “:” sau tên trường."
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        return "YAML không hợp lệ: thiếu dấu đóng ngoặc “]” hoặc “}”, hoặc thiếu dấu phẩy giữa các mục."
    if "found unexpected end of stream" in problem or "found unexpected end" in problem:
        return "YAML không hợp lệ: thiếu dấu ngoặc kép hoặc ngoặc đóng."
    return f"YAML không hợp lệ ({problem or error})."
