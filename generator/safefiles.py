"""Reading editors' folders without trusting the file system.

A repository can hold things that are not plain files: a FIFO or device named `x.md` (reading
it hangs), a directory named `x.md`, a broken symlink, or a symlink to a file outside the
project (`docs/secret.txt -> /etc/passwd`, which MkDocs would copy into the site). Each is
refused with a Vietnamese reason, alongside every other problem, never with an English errno.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

# Suffixes editors' tools give Markdown files; only `.md` is read, the others are reported so
# a record an editor believes published is never silently ignored.
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mkdn")


class FileRefused(Exception):
    """A file that cannot be read as an editor's file; `reason` is Vietnamese."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


@dataclass(frozen=True)
class Listed:
    path: Path
    refused: str | None = None  # why it is not a readable file, or None


def _outside(target: str, root: Path) -> bool:
    return os.path.commonpath([target, str(root)]) != str(root)


def link_problem(path: Path, root: Path) -> str | None:
    """Why the symlink `path` may not be used, or None: it must resolve inside `root`."""
    target = os.path.realpath(path)
    if not os.path.exists(path):
        return f"là liên kết tượng trưng hỏng (trỏ tới “{os.readlink(path)}”, không tồn tại); hãy xóa hoặc sửa liên kết."
    if _outside(target, root):
        return ("là liên kết tượng trưng trỏ ra ngoài thư mục dự án; trang chỉ được dùng tệp nằm trong kho mã "
                "(hãy chép tệp vào đây thay cho liên kết).")
    # Hidden files of the project are not content: in CI .git/config holds the checkout's
    # access token, .env a deployment's secrets.
    if any(part.startswith(".") for part in Path(target).relative_to(root).parts):
        return ("là liên kết tượng trưng trỏ tới tệp ẩn của dự án (như .git/, .env), có thể chứa mật khẩu; "
                "hãy chép tệp cần dùng vào đây thay cho liên kết.")
    return None


def _kind_problem(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "là một thư mục, không phải tệp; hãy đổi tên thư mục (bỏ đuôi .md, .yml)."
    if stat.S_ISFIFO(mode):
        return "không phải tệp thường (là một đường ống FIFO); hãy xóa nó."
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "không phải tệp thường (là một thiết bị); hãy xóa nó."
    if stat.S_ISSOCK(mode):
        return "không phải tệp thường (là một socket); hãy xóa nó."
    return "không phải tệp thường; hãy xóa nó."


def refusal(path: Path, root: Path) -> str | None:
    """Why `path` is not a regular file inside `root` that may be read, or None."""
    try:
        if os.path.islink(path):
            problem = link_problem(path, root)
            if problem:
                return problem
        return _kind_problem(os.stat(path).st_mode)
    except OSError as error:
        return _explain(error)


def read_limited(path: Path, root: Path, max_bytes: int, links_checked: bool = False) -> bytes:
    """The bytes of a regular file inside `root`; refused beyond `max_bytes`, without reading it all.

    `links_checked`: the caller already knows `path` is not a link leaving `root` (the walk
    below learns it from the directory listing, without a system call per file).
    """
    if not links_checked and os.path.islink(path):
        problem = link_problem(path, root)
        if problem:
            raise FileRefused(problem)
    try:
        # Non-blocking, so a FIFO put in place of the file cannot hang the open; fstat then
        # tells what was opened, whatever the name pointed to a moment before.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        raise FileRefused(refusal(path, root) or _explain(error)) from None
    # fstat before wrapping the descriptor: Python's file object refuses a folder with an
    # English IsADirectoryError of its own, before our Vietnamese reason could be given.
    problem = _kind_problem(os.fstat(descriptor).st_mode)
    if problem:
        os.close(descriptor)
        raise FileRefused(problem)
    with open(descriptor, "rb") as file:
        try:
            data = file.read(max_bytes + 1)
        except OSError as error:
            raise FileRefused(_explain(error)) from None
    if len(data) > max_bytes:
        raise FileRefused(f"quá lớn ({os.path.getsize(path):,} byte; tối đa {max_bytes:,}).")
    return data


def _explain(error: OSError) -> str:
    if error.errno in (errno.EACCES, errno.EPERM):
        return "không có quyền đọc tệp; hãy kiểm tra quyền truy cập."
    if error.errno == errno.ENOENT:
        return "tệp biến mất trong lúc đọc; hãy chạy lại."
    if error.errno == errno.EISDIR:
        return "là một thư mục, không phải tệp."
    code = errno.errorcode.get(error.errno or 0, str(error.errno))
    return f"không đọc được tệp (lỗi hệ thống {code})."


def markdown_files(folder: Path, root: Path) -> Iterator[Listed]:
    """Every Markdown-named entry under `folder`, sorted, symlinked folders not followed.

    Hidden names (editors' swap files, `.git`) are skipped. Anything named like Markdown that
    cannot be read as one (a folder, a FIFO, a broken or outward link, `.MD`) is listed with
    its reason, so it is reported rather than silently dropped.
    """
    for entry in _walk(folder):
        name = entry.name
        if name.startswith("."):
            continue
        path = Path(entry.path)
        suffix = path.suffix
        if entry.is_dir(follow_symlinks=False):
            if suffix.lower() in MARKDOWN_SUFFIXES:
                yield Listed(path, _kind_problem(stat.S_IFDIR))
            continue
        if entry.is_symlink() and os.path.isdir(path) and suffix.lower() not in MARKDOWN_SUFFIXES:
            yield Listed(path, link_problem(path, root) or
                         "là liên kết tượng trưng tới một thư mục; các bài trong đó không được đọc. Hãy chép thư mục vào đây.")
            continue
        if suffix.lower() not in MARKDOWN_SUFFIXES:
            continue
        if suffix != ".md":
            yield Listed(path, f"đuôi tệp “{suffix}” không được đọc, nên bài này không được xuất bản; hãy đổi đuôi thành “.md”.")
            continue
        # A plain file (known from the listing, no system call) is checked when it is opened.
        yield Listed(path, None if entry.is_file(follow_symlinks=False) else refusal(path, root))


def _walk(folder: Path, hidden: bool = False) -> Iterator[os.DirEntry]:
    """Every entry under `folder`, depth first in name order; hidden folders are entered only
    with `hidden`."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        yield entry
        if entry.is_dir(follow_symlinks=False) and (hidden or not entry.name.startswith(".")):
            yield from _walk(Path(entry.path), hidden)


def walk_published(folder: Path, root: Path, visit=lambda entry: None,
                   hidden: bool = False) -> Iterator[tuple[Path, str]]:
    """(path, reason) for what a site engine must not copy from `folder`: links leaving `root`,
    broken links, and anything that is not a regular file or folder (a FIFO would hang it).

    `visit(entry)` is called with every regular file, so a caller needing the files too (the
    hand-written pages) walks the folder once. Hidden files are skipped (MkDocs never publishes
    them from docs/) unless `hidden`: a theme's templates can include any file of its folder.
    """
    for entry in _walk(folder, hidden):
        if entry.name.startswith(".") and not hidden:
            continue
        if entry.is_file(follow_symlinks=False):  # nearly everything: no system call
            visit(entry)
            continue
        if entry.is_dir(follow_symlinks=False):
            continue
        path = Path(entry.path)
        if entry.is_symlink():
            problem = link_problem(path, root)
            if problem:
                yield path, problem
            elif os.path.isdir(path):
                # Inside the project, but its contents are not walked here: check them too.
                target = Path(os.path.realpath(path))
                if not target.is_relative_to(folder):
                    yield from walk_published(target, root, hidden=hidden)
            continue
        problem = refusal(path, root)
        if problem:
            yield path, problem
