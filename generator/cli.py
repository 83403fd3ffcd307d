"""Command line: `python -m generator build | serve | check` (messages for editors in Vietnamese)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

from .problems import errors, format_report
from .site import Project, check


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Gương sáng: dựng trang tin từ các tệp trong entries/.")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="tệp cấu hình trang (mặc định mkdocs.yml)")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="kiểm tra và dựng toàn bộ trang vào thư mục site/")
    build.add_argument("--site-dir", type=Path, default=None, help="thư mục đích (mặc định theo cấu hình)")
    serve = commands.add_parser("serve", help="xem trước trang, tự cập nhật khi sửa tệp")
    serve.add_argument("--dev-addr", default=None, help="địa chỉ máy chủ xem trước, ví dụ 127.0.0.1:8000")
    check_cmd = commands.add_parser("check", help="chỉ kiểm tra các tệp nội dung, không dựng trang")
    check_cmd.add_argument("--format", choices=["text", "json"], default="text")
    args = parser.parse_args(argv)

    if args.command == "check":
        return _check(Project.at(args.config.resolve().parent), args.format)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    from mkdocs.exceptions import Abort

    from .engine import build_site, serve_site

    try:
        if args.command == "build":
            started = time.perf_counter()
            target = build_site(args.config, args.site_dir)
            print(f"Đã dựng trang vào {target} trong {time.perf_counter() - started:.1f} giây.")
        else:
            serve_site(args.config, args.dev_addr)
    except Abort as failure:
        print(str(failure).strip(), file=sys.stderr)
        return 1
    return 0


def _check(project: Project, output: str) -> int:
    checked = check(project)
    if output == "json":
        print(json.dumps([p.as_dict() for p in sorted(checked.problems)], ensure_ascii=False, indent=2))
    else:
        print(format_report(checked.problems))
    return 1 if errors(checked.problems) else 0
