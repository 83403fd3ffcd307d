#!/usr/bin/env python3
"""A 10,000-record build where every record has a photo, against plain MkDocs on the same pages.

Usage::

    .venv/bin/python bench/photo_build_bench.py setup --n 10000 --work DIR [--mkdocs VENV/bin/mkdocs]
    .venv/bin/python bench/photo_build_bench.py warm  --work DIR      # fills the image cache (not timed)
    .venv/bin/python bench/photo_build_bench.py time  --work DIR --peer gs|gs-rehash|gs-ci|mkdocs [--runs 1]

`setup` writes the corpus of ../shared/bench/peers/gen_content.py twice: as a project of ours
(layout guongsang, from this checkout) and as plain MkDocs + Material (layout mkplain: lunr
search, pages outside the nav). Every record then gets a photo: `image:` in its front matter
here, a Markdown image under its headline for MkDocs. The photos are copies (hard links) of a
pool of distinct 1600×1200 JPEGs (the sample photos scaled, with sensor noise so encoders work as
on real photos), so the image cache holds one entry per pool photo while each record still
publishes its own variants (the published names include the record's file name).

`time` runs one cold build per run (site/, build/ and generated docs/ removed first, outside the
timing) and prints wall and CPU time (user+sys of the build and its children, from wait4):

- gs: our build, image cache warm, photos unchanged on disk since the last build (a later build
  on the same machine: one stat per photo);
- gs-rehash: the same, but the photos are fresh files (a CI run with the cache restored onto a
  new checkout): each photo is read and hashed, nothing decoded;
- gs-ci: a push to a site CI built before, as .github/workflows/site.yml runs it: a fresh
  checkout (photos fresh files, no generated docs/), `.cache/images` and what the workflow's
  build cache step lists restored as actions/cache restores them (same contents and times,
  new inodes), and one record's body edited (bench/edit_record.py, another record each run).
  Without a previous build the first run makes one (cold, not timed); each run starts from
  the previous one's;
- mkdocs: `mkdocs build --clean` on the same articles with the original photos.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PEERS = REPO.parent / "shared" / "bench" / "peers"
PHOTO_SIZE = (1600, 1200)
POOL = 24


def make_pool(folder: Path) -> list[Path]:
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    originals = sorted((REPO / "docs" / "images").glob("*.jpg"))
    pool = []
    for number in range(POOL):
        target = folder / f"pool-{number:02d}.jpg"
        base = Image.open(originals[number % len(originals)]).convert("RGB").resize(PHOTO_SIZE, Image.Resampling.BICUBIC)
        noise = Image.effect_noise(PHOTO_SIZE, 16 + number).convert("RGB")
        Image.blend(base, noise, 0.08 + number / 1000).save(target, "JPEG", quality=85)
        pool.append(target)
    return pool


def link_photos(gs: Path) -> None:
    """docs/images/bai/<record>.jpg for every record: a new hard link (a fresh file's stat)."""
    pool = sorted((gs / "pool").glob("*.jpg"))
    folder = gs / "docs" / "images" / "bai"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for number, entry in enumerate(sorted((gs / "entries" / "tin-tuc").glob("*.md"))):
        os.link(pool[number % len(pool)], folder / f"{entry.stem}.jpg")


def setup(args) -> None:
    work = args.work
    env = {**os.environ, "GS_REPO": str(REPO)}
    for layout, name in (("guongsang", "gs"), ("mkplain", "mk")):
        subprocess.run([sys.executable, str(PEERS / "gen_content.py"), "--n", str(args.n), "--layout", layout,
                        "--out", str(work / name)], check=True, env=env)
    pool = make_pool(work / "gs" / "pool")
    caption = 'caption: "Ảnh minh họa"\n  credit: "Ảnh mẫu, qua gói scikit-image"'
    for number, entry in enumerate(sorted((work / "gs" / "entries" / "tin-tuc").glob("*.md"))):
        text = entry.read_text("utf-8")
        head, body = text[4:].split("\n---\n", 1)
        entry.write_text(f"---\n{head}\nimage:\n  src: images/bai/{entry.stem}.jpg\n  {caption}\n---\n{body}", "utf-8")
    link_photos(work / "gs")
    pages = sorted((work / "mk" / "docs" / "posts").rglob("*.md"))
    for number, page in enumerate(pages):
        text = page.read_text("utf-8")
        text = re.sub(r"^(# .*)$", rf"\1\n\n![Ảnh minh họa]({page.stem}.jpg)", text, count=1, flags=re.M)
        page.write_text(text, "utf-8")
        os.link(pool[number % len(pool)], page.with_suffix(".jpg"))
    print(f"{args.n} records with photos in {work}/gs and {work}/mk")


def reset_gs(gs: Path, fresh_photos: bool) -> None:
    kept = gs / "photos-kept"
    shutil.rmtree(kept, ignore_errors=True)
    if not fresh_photos and (gs / "docs" / "images" / "bai").exists():
        os.rename(gs / "docs" / "images" / "bai", kept)  # a rename keeps every photo's own stat
    for name in ("docs", "site", "build"):
        shutil.rmtree(gs / name, ignore_errors=True)
    shutil.copytree(gs / "docs.src", gs / "docs")
    if kept.exists():
        os.rename(kept, gs / "docs" / "images" / "bai")
    else:
        link_photos(gs)


def ci_kept_paths() -> list[str]:
    """What .github/workflows/site.yml restores before `make build` (tests/test_deployment.py
    checks that the GitLab job keeps the same)."""
    import yaml

    steps = yaml.safe_load((REPO / ".github" / "workflows" / "site.yml").read_text("utf-8"))["jobs"]["build"]["steps"]
    (restore,) = [step for step in steps if step.get("name") == "Restore the build cache"]
    return restore["with"]["path"].split()


def restore_as_ci(gs: Path) -> None:
    """The project as the CI workflow leaves it before `make build`: a fresh checkout (photos
    fresh files, no generated docs/), then what the workflow's cache restores, copied as
    actions/cache unpacks it (contents and times kept, not inodes)."""
    saved = gs.parent / "ci-saved"
    shutil.rmtree(saved, ignore_errors=True)
    kept = [path for path in ci_kept_paths() if (gs / path).exists()]
    for path in kept:
        (saved / path).parent.mkdir(parents=True, exist_ok=True)
        os.rename(gs / path, saved / path)
    reset_gs(gs, fresh_photos=True)
    for path in kept:
        (gs / path).parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["cp", "-a", str(saved / path), str(gs / path)], check=True)
    shutil.rmtree(saved)


def wait_for_deletions(work: Path, limit: float = 300) -> None:
    """Wait until no build's background deletion (publish/swap.py: a replaced site, finished
    work folders) is still unlinking files under `work`: one left running loads the machine
    for the next build timed (a plain MkDocs run started at load 12.6 in session 18)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        busy = False
        for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
            try:
                arguments = cmdline.read_bytes().split(b"\0")
            except OSError:
                continue
            if any(b"shutil.rmtree" in argument for argument in arguments) and \
                    any(argument.startswith(str(work).encode()) for argument in arguments):
                busy = True
                break
        if not busy:
            return
        time.sleep(0.5)


def timed(command: list[str], cwd: Path, log: Path) -> tuple[float, float, int]:
    with log.open("a") as out:
        started = time.monotonic()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        return time.monotonic() - started, usage.ru_utime + usage.ru_stime, os.waitstatus_to_exitcode(status)


def run(args) -> None:
    gs, mk = args.work / "gs", args.work / "mk"
    python = str(REPO / ".venv" / "bin" / "python")
    for number in range(args.runs):
        if args.peer == "gs-ci":
            command, cwd = [python, "-m", "generator", "build", "--site-dir", "site"], gs
            if number == 0 and not (gs / "build" / "cache").is_dir():
                reset_gs(gs, fresh_photos=False)
                wall, cpu, code = timed(command, cwd, args.work / "gs-ci.log")
                print(f"gs-ci: the site CI built before (cold, not counted): wall {wall:.1f} s, CPU {cpu:.1f} s, exit {code}", flush=True)
            restore_as_ci(gs)
            records = len(list((gs / "entries" / "tin-tuc").glob("*.md")))
            pushes = gs / "ci-pushes"  # how many runs edited a record: each edits another
            done = int(pushes.read_text()) if pushes.exists() else 0
            pushes.write_text(str(done + 1))
            subprocess.run([sys.executable, str(REPO / "bench" / "edit_record.py"), str(gs), "body",
                            str((1000 + 997 * done) % (records - 1))], check=True)
        elif args.peer in ("gs", "gs-rehash", "warm"):
            reset_gs(gs, fresh_photos=args.peer == "gs-rehash")
            command, cwd = [python, "-m", "generator", "build", "--site-dir", "site"], gs
        else:
            shutil.rmtree(mk / "site", ignore_errors=True)
            command, cwd = [str(args.mkdocs), "build", "--clean"], mk
        wait_for_deletions(args.work)
        load = os.getloadavg()[0]
        wall, cpu, code = timed(command, cwd, args.work / f"{args.peer}.log")
        files = sum(len(names) for _, _, names in os.walk(cwd / "site"))
        print(f"{args.peer} run {number}: wall {wall:.1f} s, CPU {cpu:.1f} s, exit {code}, {files:,} files in site/, "
              f"load before {load:.2f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("action", choices=["setup", "warm", "time"])
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--peer", choices=["gs", "gs-rehash", "gs-ci", "mkdocs"], default="gs")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--mkdocs", type=Path, default=Path("mkdocs"), help="plain MkDocs (peers' venv-mk)")
    args = parser.parse_args()
    args.work = args.work.resolve()
    if args.action == "setup":
        setup(args)
    else:
        if args.action == "warm":
            args.peer = "warm"
        run(args)


if __name__ == "__main__":
    main()
