"""Command line: `python -m generator build | serve | preview | check | new | schema | cms`.

Editors read everything it prints, so help, errors and summaries are in Vietnamese, and no
Python traceback ever reaches them: an unexpected failure is reported in one sentence.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path
from typing import NoReturn

from .problems import errors, format_report
from .site import Project, check, now_in_vietnam
from .vietnamese import format_number


class VietnameseHelp(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix="Cách dùng: ")


class VietnameseParser(argparse.ArgumentParser):
    """argparse with Vietnamese headings; its own English error texts are replaced by ours."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", VietnameseHelp)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "tham số"
        self._optionals.title = "tùy chọn"
        self.add_argument("-h", "--help", action="help", help="hiện hướng dẫn này rồi thoát")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"Lỗi câu lệnh: {_translate_argparse(message)}\nGõ “{self.prog} --help” để xem hướng dẫn.\n")


def _translate_argparse(message: str) -> str:
    replacements = {
        "the following arguments are required": "thiếu tham số",
        "invalid choice": "lựa chọn không hợp lệ",
        "choose from": "chọn một trong",
        "unrecognized arguments": "tham số không nhận ra",
        "expected one argument": "cần một giá trị",
        "argument ": "tham số ",
    }
    for english, vietnamese in replacements.items():
        message = message.replace(english, vietnamese)
    return message


def make_parser() -> argparse.ArgumentParser:
    parser = VietnameseParser(prog="python -m generator", description="Gương sáng: dựng trang tin từ các tệp trong entries/.")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="tệp cấu hình trang (mặc định mkdocs.yml)")
    commands = parser.add_subparsers(
        dest="command", required=True, title="lệnh", metavar="LỆNH", parser_class=VietnameseParser, prog=parser.prog
    )
    build = commands.add_parser("build", help="kiểm tra và dựng toàn bộ trang vào thư mục site/")
    build.add_argument("--site-dir", type=Path, default=None, help="thư mục đích (mặc định theo cấu hình)")
    build.add_argument("--wait", type=float, default=None, metavar="GIÂY",
                       help="nếu một lần dựng khác đang chạy: chờ tối đa bấy nhiêu giây rồi thôi (mặc định 1800; 0 = không chờ)")
    serve = commands.add_parser("serve", help="xem trước bằng máy chủ của MkDocs (dựng lại toàn bộ mỗi lần sửa)")
    serve.add_argument("--dev-addr", default=None, help="địa chỉ máy chủ xem trước, ví dụ 127.0.0.1:8000")
    preview = commands.add_parser("preview", help="xem trước nhanh: sửa một bài, chỉ dựng lại trang của bài đó")
    preview.add_argument("--dev-addr", default="127.0.0.1:8000", help="địa chỉ máy chủ xem trước (mặc định 127.0.0.1:8000)")
    check_cmd = commands.add_parser("check", help="chỉ kiểm tra các tệp nội dung, không dựng trang")
    check_cmd.add_argument("--format", choices=["text", "json"], default="text", help="text (cho người đọc) hoặc json (cho công cụ)")
    new = commands.add_parser("new", help="tạo tệp bài mới với đủ các trường, kèm chú thích")
    new.add_argument("kind", metavar="LOẠI", help="tin-tuc, mo-hinh, khen-thuong hoặc don-vi")
    new.add_argument("title", metavar="TIÊU_ĐỀ", help="tiêu đề bài, đặt trong dấu ngoặc kép")
    schema = commands.add_parser("schema", help="ghi JSON Schema của từng loại bài vào schemas/ (cho trình soạn thảo)")
    schema.add_argument("--out", type=Path, default=None, help="thư mục đích (mặc định schemas/)")
    cms = commands.add_parser("cms", help="trang biên tập /admin/: in cấu hình (config), hoặc chạy trên máy này (serve)")
    cms.add_argument("action", nargs="?", choices=["config", "serve"], default="config", metavar="VIỆC",
                     help="config: in cấu hình Decap CMS sinh từ mô hình nội dung (mặc định); serve: biên tập trên máy này")
    cms.add_argument("--out", type=Path, default=None, help="config: ghi vào tệp này thay vì in ra")
    cms.add_argument("--dev-addr", default="127.0.0.1:8000", help="serve: địa chỉ xem trước (mặc định 127.0.0.1:8000)")
    cms.add_argument("--proxy-port", type=int, default=None, help="serve: cổng của decap-server (mặc định extra.cms.local_port hoặc 8081; 0 = cổng trống bất kỳ)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    root = args.config.resolve().parent
    try:
        if args.command == "check":
            return _check(_project(args.config), args.format)
        if args.command == "new":
            return _new(Project.at(root), args.kind, args.title)
        if args.command == "schema":
            return _schema(Project.at(root), args.out)
        if args.command == "cms":
            return _cms(args)
        return _run_engine(args)
    except KeyboardInterrupt:
        return 130
    except Exception as failure:  # noqa: BLE001 - editors get one sentence, never a traceback
        logging.getLogger(__name__).debug("unexpected failure", exc_info=True)
        print(f"Lỗi không mong đợi ({type(failure).__name__}): {failure}", file=sys.stderr)
        return 1


def _run_engine(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    from mkdocs.exceptions import Abort

    from .engine import build_site, serve_site
    from .publish import DEFAULT_WAIT, BuildBusy, stop_on_termination

    try:
        if args.command == "build":
            started = time.perf_counter()
            wait = DEFAULT_WAIT if args.wait is None else max(0.0, args.wait)
            target = build_site(args.config, args.site_dir, wait=wait)
            print(f"Đã dựng trang vào {target} trong {format_number(time.perf_counter() - started, '0.0')} giây.")
        elif args.command == "preview":
            from .preview import run_preview

            stop_on_termination()
            run_preview(args.config, args.dev_addr)
        else:
            stop_on_termination()
            serve_site(args.config, args.dev_addr)
    except (Abort, BuildBusy) as failure:
        print(str(failure).strip(), file=sys.stderr)
        return 1
    return 0


def _project(config_file: Path) -> Project:
    """The folders `config_file` names (docs_dir, the theme's custom_dir, the generator's
    entries_dir), read as MkDocs reads the file (its !ENV tags, INHERIT) but without loading
    the theme and plugins, which would double the time `check` takes on a small site."""
    root = config_file.resolve().parent
    if not config_file.is_file():
        return Project.at(root)
    from mkdocs.utils import yaml_load

    with config_file.open("rb") as file:
        config = yaml_load(file) or {}
    theme = config.get("theme")
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    entries = "entries"
    for plugin in config.get("plugins") or ():
        if isinstance(plugin, dict) and isinstance(plugin.get("guong-sang"), dict):
            entries = plugin["guong-sang"].get("entries_dir", entries)
    return Project.at(root, docs=str(config.get("docs_dir", "docs")),
                      theme_dirs=(str(custom_dir),) if custom_dir else (), entries=str(entries))


def _check(project: Project, output: str) -> int:
    checked = check(project, render_bodies=True)
    if output == "json":
        print(json.dumps([p.as_dict() for p in sorted(checked.problems)], ensure_ascii=False, indent=2))
    else:
        print(format_report(checked.problems))
    return 1 if errors(checked.problems) else 0


def _new(project: Project, kind_name: str, title: str) -> int:
    from .newentry import EntryExists, create_entry, parse_kind

    kind = parse_kind(kind_name)
    if kind is None:
        print(f"Không có loại bài “{kind_name}”. Chọn một trong: tin-tuc, mo-hinh, khen-thuong, don-vi.", file=sys.stderr)
        return 2
    try:
        created = create_entry(project.entries_dir, kind, title.strip(), now_in_vietnam().date())
    except (EntryExists, ValueError) as refused:
        print(str(refused), file=sys.stderr)
        return 1
    print(created.path.relative_to(project.root).as_posix())
    return 0


def _schema(project: Project, out: Path | None) -> int:
    from .catalogue import load_catalogue
    from .schemafiles import SCHEMA_DIR, write_schema_files

    catalogue, problems = load_catalogue(project.entries_dir)
    if catalogue is None:
        print(format_report(problems), file=sys.stderr)
        return 1
    for path in write_schema_files(out or project.root / SCHEMA_DIR, catalogue):
        print(path.relative_to(project.root).as_posix() if path.is_relative_to(project.root) else path)
    return 0


def _cms(args: argparse.Namespace) -> int:
    from mkdocs.config import load_config

    from .cms.files import config_yaml
    from .cms.local import LocalBackendError, free_port, serve_editor

    config = load_config(str(args.config.resolve()))
    project = config.plugins["guong-sang"].project(config)
    if args.action == "serve":
        port = project.cms.local_port if args.proxy_port is None else args.proxy_port
        try:
            serve_editor(args.config, args.dev_addr, port or free_port())
        except LocalBackendError as error:
            print(str(error), file=sys.stderr)
            return 1
        return 0
    from .catalogue import load_catalogue
    from .cms import decap_config

    catalogue, problems = load_catalogue(project.entries_dir)
    if catalogue is None:
        print(format_report(problems), file=sys.stderr)
        return 1
    text = config_yaml(decap_config(project.cms, catalogue, project.site, project.docs_dir.name))
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0
