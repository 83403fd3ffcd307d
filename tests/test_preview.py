"""The fast preview: an edit re-renders the edited page first, then only the pages it changes."""

from __future__ import annotations

import threading
import urllib.request

import pytest

from conftest import NOW, copy_sample
from generator.preview import PreviewSite, _Version, make_handler

MODEL = "entries/mo-hinh/quy-cho-con-sepon.md"


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    root = tmp_path_factory.mktemp("preview")
    config = copy_sample(root / "src")
    site = PreviewSite(config, root / "site", now=NOW)
    assert site.full_build().full_build
    return site


def edit(site: PreviewSite, relative: str, old: str, new: str):
    path = site.project.root / relative
    path.write_text(path.read_text("utf-8").replace(old, new, 1), "utf-8")
    return path


def test_the_preview_shows_the_site_a_build_makes(preview):
    # Portal pages and abbreviations come from the same plan as `make build`.
    for page in ("thong-ke/index.html", "rss/index.html", "du-lieu/index.html", "tim-kiem/index.html"):
        assert (preview.site_dir / page).is_file(), page
    news = (preview.site_dir / "tin-tuc/hoc-tap-va-lam-theo-bac-bang-nhung-viec-lam-thuong-xuyen-thiet-thuc/index.html")
    assert '<abbr title="' in news.read_text("utf-8")


def test_an_edit_renders_its_own_page_first_then_settles_the_listings(preview):
    path = edit(preview, MODEL, "title: ", "title: Đã sửa — ")
    update = preview.apply([path], settle=False)
    assert update.rendered == ["mo-hinh/quy-cho-con-sepon/index.md"]
    page = preview.site_dir / "mo-hinh/quy-cho-con-sepon/index.html"
    assert "Đã sửa — " in page.read_text("utf-8")
    assert "Đã sửa — " not in (preview.site_dir / "mo-hinh/index.html").read_text("utf-8")

    preview.settle(update)
    assert "Đã sửa — " in (preview.site_dir / "mo-hinh/index.html").read_text("utf-8")
    assert not update.full_build
    assert 1 < len(update.rendered) < len(preview.page_sources) / 2  # not everything


def test_a_broken_edit_keeps_the_last_good_page_and_reports_the_problem(preview):
    before = (preview.site_dir / "mo-hinh/quy-cho-con-sepon/index.html").read_text("utf-8")
    path = edit(preview, MODEL, "unit: ", "unit: khong-co-")
    update = preview.apply([path])
    assert [p.field for p in update.problems] == ["unit"]
    assert update.rendered == []
    assert (preview.site_dir / "mo-hinh/quy-cho-con-sepon/index.html").read_text("utf-8") == before
    path = edit(preview, MODEL, "unit: khong-co-", "unit: ")
    assert preview.apply([path]).problems == []


def test_a_new_record_falls_back_to_a_full_build(preview):
    path = preview.project.root / "entries/mo-hinh/quy-moi.md"
    path.write_text(
        "---\ntitle: Quỹ mới\nunit: dang-uy-khoi-cqdn\nmovement: Dân vận khéo\nyear: 2024\n---\nNội dung.\n", "utf-8"
    )
    update = preview.apply([path])
    assert update.full_build
    assert (preview.site_dir / "mo-hinh/quy-moi/index.html").is_file()


def test_the_server_injects_live_reload_and_the_error_banner(preview):
    version = _Version()
    from http.server import ThreadingHTTPServer

    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(preview, version))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/mo-hinh/quy-cho-con-sepon/"
        html = urllib.request.urlopen(url).read().decode("utf-8")
        assert "var v=0;" in html and "/__preview/wait?since=" in html and "role=\"alert\"" not in html
        path = edit(preview, MODEL, "unit: ", "unit: khong-co-")
        preview.apply([path])
        html = urllib.request.urlopen(url).read().decode("utf-8")
        assert 'role="alert"' in html and "khong-co-" in html
        edit(preview, MODEL, "unit: khong-co-", "unit: ")
        preview.apply([path])
    finally:
        server.shutdown()


def apply_within(site: PreviewSite, paths: list, seconds: float = 30):
    """`site.apply(paths)`, failing (not hanging the test run) if it does not return in time."""
    done: list = []
    worker = threading.Thread(target=lambda: done.append(site.apply(paths)), daemon=True)
    worker.start()
    worker.join(seconds)
    assert done, f"the preview hung reading {paths}"
    return done[0]


def test_a_fifo_or_an_outward_link_named_like_an_entry_is_refused_not_read(preview, tmp_path):
    import os

    folder = preview.project.root / "entries" / "mo-hinh"
    fifo, outward = folder / "ong.md", folder / "ngoai.md"
    os.mkfifo(fifo)  # reading it would block the preview's watcher thread for ever
    secret = tmp_path / "bi-mat.md"
    secret.write_text("---\ntitle: Bí mật\nunit: dang-uy-khoi-cqdn\nmovement: Dân vận khéo\nyear: 2024\n---\nx\n", "utf-8")
    outward.symlink_to(secret)
    try:
        update = apply_within(preview, [fifo, outward])
        found = {p.path: p.message for p in update.problems}
        assert found["entries/mo-hinh/ong.md"].startswith("“ong.md” không phải tệp thường (là một đường ống FIFO)")
        assert "ra ngoài thư mục dự án" in found["entries/mo-hinh/ngoai.md"]
        assert not (preview.site_dir / "mo-hinh/ngoai").exists()
        # A full build (the preview started again) lists them too, rather than skipping them.
        assert {p.path for p in preview.full_build().problems} == set(found)
    finally:
        fifo.unlink()
        outward.unlink()
    assert apply_within(preview, [fifo, outward]).problems == []
