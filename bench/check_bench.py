#!/usr/bin/env python3
"""`check` benchmark: this tree's generator against an earlier commit's, on the same records.

Usage::

    .venv/bin/python bench/check_bench.py --n 10000 --baseline aafaa7e [--repeat 5] [--work /tmp/gs-check-bench]

It lays out N synthetic records once (bench/make_entries.py via build_bench.prepare_records),
exports `generator/` of the baseline commit with `git archive`, then times
`python -m generator check` (what editors and CI run) in fresh processes, alternating baseline
and current so both see the same machine load. The fastest of `--repeat` runs is kept for each.
Prints a Markdown row for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tarfile
import time
from pathlib import Path

from build_bench import PYTHON, REPO, prepare_records


def export_generator(commit: str, into: Path) -> Path:
    """`generator/` as it was at `commit`, in a directory to put first on PYTHONPATH."""
    archive = subprocess.run(["git", "archive", commit, "generator"], cwd=REPO, check=True, capture_output=True).stdout
    into.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def time_check(project: Path, code: Path) -> tuple[float, int]:
    """(wall seconds, exit code) of `python -m generator check` with `code` first on the path."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    started = time.perf_counter()
    # cwd is the project, so `-m` cannot pick up another checkout's generator/ by accident.
    done = subprocess.run([PYTHON, "-m", "generator", "--config", "mkdocs.yml", "check"], cwd=project, env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started, done.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--baseline", required=True, help="commit whose generator/ is the reference")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path("/tmp/gs-check-bench"))
    args = parser.parse_args()

    project = args.work / f"records-{args.n}"
    if not (project / "entries").is_dir():
        prepare_records(args.n, project)
    baseline = export_generator(args.baseline, args.work / f"baseline-{args.baseline}")
    runs: dict[str, list[float]] = {"baseline": [], "current": []}
    for _ in range(args.repeat):
        for name, code in (("baseline", baseline), ("current", REPO)):
            seconds, code_ = time_check(project, code)
            runs[name].append(seconds)
            print(f"{name}: {seconds:.2f} s (exit {code_})", file=sys.stderr)
    base, ours = min(runs["baseline"]), min(runs["current"])
    print("| records | check at " + args.baseline + " | check now | change |")
    print("| ---: | ---: | ---: | ---: |")
    print(f"| {args.n:,} | {base:.2f} s | {ours:.2f} s | {100 * (ours / base - 1):+.1f} % |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
