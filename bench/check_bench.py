#!/usr/bin/env python3
"""`check` benchmark: this tree's generator against an earlier commit's, on the same records.

Usage::

    .venv/bin/python bench/check_bench.py --n 10000 --baseline aafaa7e [--repeat 5] [--work /tmp/gs-check-bench]

It lays out N synthetic records once (bench/make_entries.py via build_bench.prepare_records),
exports `generator/` of the baseline commit with `git archive`, then times
`python -m generator check` (what editors and CI run) in fresh processes, alternating baseline
and current so both see the same machine load. The fastest of `--repeat` runs is kept for each,
in wall time and in CPU time (user + system of the process): on a machine shared with other
jobs, CPU time is the steadier of the two. Prints Markdown rows for bench/RESULTS.md.

With `--without-bodies`, only loading and validation are timed (`check()` without rendering
bodies for sanitiser warnings, which is ~80 % of `check` and untouched by validation changes).
"""

from __future__ import annotations

import argparse
import io
import os
import resource
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


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


WITHOUT_BODIES = "from pathlib import Path; from generator.site import Project, check; check(Project.at(Path('.')))"


def time_check(project: Path, code: Path, bodies: bool = True) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, exit code) of `python -m generator check`, `code` first on the path."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    started, cpu = time.perf_counter(), _children_cpu()
    # cwd is the project, so `-m` cannot pick up another checkout's generator/ by accident.
    command = ["-m", "generator", "--config", "mkdocs.yml", "check"] if bodies else ["-c", WITHOUT_BODIES]
    done = subprocess.run([PYTHON, *command], cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started, _children_cpu() - cpu, done.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--baseline", required=True, help="commit whose generator/ is the reference")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path("/tmp/gs-check-bench"))
    parser.add_argument("--without-bodies", action="store_true", help="time loading and validation only")
    args = parser.parse_args()

    project = args.work / f"records-{args.n}"
    if not (project / "entries").is_dir():
        prepare_records(args.n, project)
    baseline = export_generator(args.baseline, args.work / f"baseline-{args.baseline}")
    runs: dict[str, list[tuple[float, float]]] = {"baseline": [], "current": []}
    for _ in range(args.repeat):
        for name, code in (("baseline", baseline), ("current", REPO)):
            wall, cpu, status = time_check(project, code, bodies=not args.without_bodies)
            runs[name].append((wall, cpu))
            print(f"{name}: {wall:.2f} s wall, {cpu:.2f} s CPU (exit {status})", file=sys.stderr)
    print(f"| {args.n:,} records | check at {args.baseline} | check now | change |")
    print("| --- | ---: | ---: | ---: |")
    for label, column in (("wall time", 0), ("CPU time", 1)):
        base = min(run[column] for run in runs["baseline"])
        ours = min(run[column] for run in runs["current"])
        print(f"| {label} | {base:.2f} s | {ours:.2f} s | {100 * (ours / base - 1):+.1f} % |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
