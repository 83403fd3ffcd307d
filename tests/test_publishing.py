"""Publishing rules that hold for every build: no leaks, no half-written site, same bytes twice."""

from __future__ import annotations

import datetime as dt

import gzip
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO, copy_sample
from generator.engine import build_site
from generator.vietnamese import fold, slugify

# Titles nobody else uses, so finding any word of them in the output is a leak.
DRAFT_TITLE = "Bản thảo Kỳ Lân Xanh chưa duyệt"
FUTURE_TITLE = "Thông báo Hải Âu Vàng năm 2999"


def tree_digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


def output_texts(site: Path):
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            yield path, data.decode("utf-8", errors="ignore")


def test_drafts_and_future_records_are_absent_from_every_output_file(tmp_path):
    config = copy_sample(tmp_path / "src")
    entries = tmp_path / "src" / "entries"
    (entries / "mo-hinh" / "ky-lan-xanh.md").write_text(
        f"---\ntitle: {DRAFT_TITLE}\nunit: dang-uy-khoi-cqdn\nmovement: Dân vận khéo\nyear: 2024\n"
        "draft: true\nfeatured: true\ntags: [kỳ lân xanh]\n---\nNội dung Kỳ Lân Xanh.\n", "utf-8")
    (entries / "tin-tuc" / "hai-au-vang.md").write_text(
        f"---\ntitle: {FUTURE_TITLE}\ndate: 2099-01-01 08:00\ncategory: Dân vận\nunits: [dang-uy-khoi-cqdn]\n"
        "models: [ky-lan-xanh]\ntags: [hải âu vàng]\nfeatured: true\n---\nNội dung Hải Âu Vàng.\n", "utf-8")
    site = build_site(config, tmp_path / "site")
    assert (site / "index.html").is_file()
    needles = {"Kỳ Lân Xanh", "Hải Âu Vàng", "ky-lan-xanh", "hai-au-vang", fold("Kỳ Lân Xanh"), fold("Hải Âu Vàng")}
    scanned = 0
    for path, text in output_texts(site):
        scanned += 1
        folded = fold(text)
        for needle in needles:
            assert needle not in text and fold(needle) not in folded, f"{needle!r} leaked into {path}"
    assert scanned > 50
    assert slugify(DRAFT_TITLE) not in {p.name for p in site.rglob("*")}


def test_two_builds_of_the_same_input_are_byte_identical(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01 00:00 UTC
    config = copy_sample(tmp_path / "src")
    first = tree_digest(build_site(config, tmp_path / "one"))
    second = tree_digest(build_site(config, tmp_path / "two"))
    # Pagefind 1.5 writes its filter indexes (and the meta and entry files naming them by
    # hash) in hash-map order, which varies between runs; its authors made the page
    # fragments stable and left these (Pagefind/pagefind#638). Everything else must match.
    unstable = ("pagefind/filter/", "pagefind/pagefind.", "pagefind/pagefind-entry.json")
    assert {k: v for k, v in first.items() if not k.startswith(unstable)} == {
        k: v for k, v in second.items() if not k.startswith(unstable)
    }
    assert any(k.startswith("pagefind/fragment/") for k in first)  # the stable part was compared
    # The sitemap dates pages by their records, never by when the build ran.
    sitemap = (tmp_path / "one" / "sitemap.xml").read_text("utf-8")
    assert "<lastmod>2024-05-19T08:00:00+07:00</lastmod>" in sitemap
    assert dt.date.today().isoformat() not in sitemap
    assert "sitemap.xml.gz" not in first  # MkDocs' undated, compressed copy is never written


def _start_build(config: Path, site: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "--config", str(config), "build", "--site-dir", str(site)],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def _wait_for(condition, process: subprocess.Popen, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if condition():
            return True
        time.sleep(0.005)
    return False


@pytest.mark.parametrize("moment", ["while the core writes pages", "while the engine writes the site"])
def test_killing_a_build_midway_leaves_the_old_site_and_the_next_build_works(tmp_path, moment):
    config = copy_sample(tmp_path / "src")
    site = tmp_path / "site"
    build_site(config, site)
    before = tree_digest(site)
    entries = tmp_path / "src" / "entries" / "mo-hinh"
    for number in range(40):  # new pages give the build something to do for a while
        (entries / f"mo-hinh-them-{number}.md").write_text(
            f"---\ntitle: Mô hình thêm số {number}\nunit: dang-uy-khoi-cqdn\nmovement: Dân vận khéo\nyear: 2024\n---\nNội dung.\n",
            "utf-8")
    docs = tmp_path / "src" / "docs"
    if moment == "while the core writes pages":
        condition = lambda: (docs / "mo-hinh" / "mo-hinh-them-0").exists()  # noqa: E731
    else:
        condition = lambda: any(p.is_dir() for p in tmp_path.glob(".site-*/mo-hinh"))  # noqa: E731
    build = _start_build(config, site)
    reached = _wait_for(condition, build)
    build.send_signal(signal.SIGKILL)
    build.wait()
    assert reached, "the build finished before it could be interrupted"
    assert tree_digest(site) == before

    build_site(config, site)  # the next build is not confused by what the killed one left
    assert (site / "mo-hinh" / "mo-hinh-them-39" / "index.html").is_file()
    # The replaced site is deleted in the background; nothing else may be left behind.
    deadline = time.monotonic() + 30
    while list(tmp_path.glob(".site-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not list(tmp_path.glob(".site-*"))
