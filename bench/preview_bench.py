#!/usr/bin/env python3
"""Edit-to-visible time of the live preview (`python -m generator preview`) at N records.

Usage::

    .venv/bin/python bench/preview_bench.py --n 1000 10000 [--work /tmp/preview-bench] [--rounds 3]

For each N: generate N entries with bench/make_entries.py, start the preview server, then
`--rounds` times edit the title of one published news record and poll its page over HTTP
every 10 ms until the new title is served ("visible"); the server's console line tells when
the listings and related blocks were brought up to date ("settled"). The first, full build
of the preview is what `mkdocs serve` would redo on every save.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from build_bench import prepare_records  # noqa: E402

PROJECT = HERE.parent


def make_project(n: int, work: Path) -> Path:
    return prepare_records(n, work / f"n{n}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def pick_news(root: Path) -> tuple[Path, str]:
    """A published news file (dated in the past, not a draft) and its page URL."""
    for path in sorted((root / "entries" / "tin-tuc").glob("*.md")):
        text = path.read_text("utf-8")
        match = re.search(r"^date: \"?(\d{4})", text, re.M)
        if match and int(match.group(1)) < 2025 and "draft: true" not in text:
            slug = re.search(r"^slug: \"?([a-z0-9-]+)", text, re.M)
            return path, f"tin-tuc/{slug.group(1) if slug else path.stem}/"
    raise SystemExit("no published news record found")


def bench(n: int, work: Path, rounds: int) -> dict:
    root = make_project(n, work)
    port = free_port()
    started = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "--config", str(root / "mkdocs.yml"), "preview", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=PROJECT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        for line in server.stdout:
            if line.startswith("Xem trước tại"):
                break
        startup = time.perf_counter() - started
        path, url = pick_news(root)
        original = re.sub(r"Sửa lần \d+ \d+ ", "", path.read_text("utf-8"))  # from an interrupted run
        visible, settled = [], []
        for round_number in range(rounds):
            marker = f"Sửa lần {round_number} {time.time_ns()}"
            path.write_text(re.sub(r"^title: \"?", lambda m: m.group(0) + marker + " ", original, count=1, flags=re.M), "utf-8")
            edited = time.perf_counter()
            while marker not in fetch(f"http://127.0.0.1:{port}/{url}"):
                time.sleep(0.01)
            visible.append(time.perf_counter() - edited)
            for line in server.stdout:
                if "liên quan trong" in line:
                    settled.append(float(re.search(r"trong ([\d.]+) giây", line).group(1)) + visible[-1])
                    break
        path.write_text(original, "utf-8")
        return {"n": n, "startup": startup, "visible": statistics.median(visible), "visible_max": max(visible),
                "settled": statistics.median(settled)}
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/preview-bench"))
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print("| records | first full build (= one `mkdocs serve` rebuild) | edit → page visible (median / max) | edit → listings settled (median) |")
    print("| ---: | ---: | ---: | ---: |")
    for n in args.n:
        r = bench(n, args.work, args.rounds)
        print(f"| {r['n']:,} | {r['startup']:.1f} s | {r['visible']:.2f} s / {r['visible_max']:.2f} s | {r['settled']:.1f} s |", flush=True)


if __name__ == "__main__":
    main()
