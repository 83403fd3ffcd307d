"""The web editor end to end, in headless Chromium, with the local backend (`make cms`).

`python -m generator cms serve` runs on a temporary copy of the sample project (decap-server
on a free port, the live preview on another); the tests work through the form as an editor
does and then look at the files it wrote, `check`, and a build.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from PIL import Image
import yaml

from generator.audit.chromium import serve
from generator.cms.local import free_port
from generator.engine import build_site
from generator.site import Project, check
from generator.vietnamese import format_day, format_moment
from generator.schema import TIME_ZONE

from conftest import copy_sample

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def editor(tmp_path_factory):
    """(base URL of the preview with /admin/, project root) while `cms serve` runs."""
    root = tmp_path_factory.mktemp("cms") / "project"
    config = copy_sample(root)
    port = free_port()
    log = (root.parent / "cms-serve.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "--config", str(config), "cms", "serve",
         "--dev-addr", f"127.0.0.1:{port}", "--proxy-port", "0"],
        cwd=root, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(base + "admin/config.yml", timeout=2)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((root.parent / "cms-serve.log").read_text("utf-8"))
                time.sleep(0.5)
        yield base, root
    finally:
        process.terminate()  # cms serve stops its decap-server on SIGTERM
        process.wait(timeout=30)
        log.close()


def open_editor(browser, base: str, hash_path: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    page.goto(base + "admin/")
    page.get_by_role("button", name="Đăng nhập").click()  # the local backend needs no account
    page.get_by_text("Tin tức").first.wait_for()
    page.goto(base + "admin/#" + hash_path)
    return page


def publish(page) -> None:
    page.get_by_role("button", name="Công bố").click()
    page.get_by_text("Công bố ngay").click()


def tiny_png() -> bytes:
    """An 8×8 red PNG (Pillow is already a dependency of the photo pipeline)."""
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (183, 28, 28)).save(out, "PNG")
    return out.getvalue()


def written(path: Path) -> bool:
    """Whether decap-server has finished writing `path`: it writes in place, not atomically, so
    the file exists (empty or half-written) before its front matter is complete."""
    return path.exists() and path.read_text("utf-8").count("---\n") >= 2


def front_matter(path: Path) -> dict:
    text = path.read_text("utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def test_saving_with_a_required_field_empty_shows_checks_vietnamese_message(editor, browser):
    base, root = editor
    page = open_editor(browser, base, "/collections/mo-hinh/new")
    page.get_by_label("Tên mô hình", exact=True).fill("Mô hình chưa đủ thông tin")
    publish(page)
    page.get_by_text("“Phong trào”: chưa điền giá trị cho trường bắt buộc này.").wait_for()
    page.get_by_text("“Đơn vị”: chưa điền giá trị cho trường bắt buộc này.").wait_for()
    assert page.get_by_text("Bạn còn thiếu vài thông tin bắt buộc").count() >= 1
    assert not (root / "entries" / "mo-hinh" / "mo-hinh-chua-du-thong-tin.md").exists()
    page.context.close()


def test_an_editor_creates_a_model_that_check_passes_and_the_build_publishes(editor, browser):
    base, root = editor
    page = open_editor(browser, base, "/collections/mo-hinh/new")
    title = "Mô hình thử: “Đảng viên” gương mẫu số 2"
    page.get_by_label("Tên mô hình", exact=True).fill(title)
    page.get_by_label("Đơn vị", exact=True).fill("Sở Giáo dục")  # a relation: searches unit names
    page.get_by_role("option", name="Đảng ủy Sở Giáo dục và Đào tạo").click()
    page.get_by_label("Phong trào", exact=True).click()  # a select of the configured list
    page.get_by_role("option", name="Dân vận khéo", exact=True).click()
    page.get_by_label("Năm đăng ký", exact=True).fill("2024")
    # A photo uploaded through the media library lands where the content model keeps photos.
    photo = root.parent / "anh-hoi-nghi.png"
    photo.write_bytes(tiny_png())
    image = page.locator("[aria-label='object field']").filter(has=page.get_by_text("Ảnh minh họa"))
    image.get_by_role("button", name="Mở rộng").click()
    image.get_by_role("button", name="Chọn một hình").click()
    page.locator("input[type=file]").set_input_files(photo)
    page.get_by_role("button", name="Lấy những cái đã chọn").click()
    image.get_by_label("Chú thích").fill("Hội nghị triển khai mô hình")
    # The preview pane shows the record as the site will, with the list's label.
    preview = page.frame_locator("iframe").first
    preview.get_by_role("heading", name=title).wait_for()
    assert "Dân vận khéo" in preview.locator(".gs-card").inner_text()
    publish(page)

    saved = root / "entries" / "mo-hinh" / "mo-hinh-thu-dang-vien-guong-mau-so-2.md"  # the slug rules
    uploaded = root / "docs" / "images" / "anh-hoi-nghi.png"
    # decap-server writes the entry, then the photo, in place: the photo may land a moment later
    # (it did, once, in a full run, while the preview rebuilt for the entry).
    deadline = time.monotonic() + 20
    while not (written(saved) and uploaded.is_file() and uploaded.stat().st_size == photo.stat().st_size) \
            and time.monotonic() < deadline:
        time.sleep(0.2)
    fields = front_matter(saved)
    assert {k: fields[k] for k in ("title", "unit", "movement", "year")} == {
        "title": title, "unit": "dang-uy-so-giao-duc-va-dao-tao", "movement": "dan-van-kheo", "year": 2024}
    assert fields["image"] == {"src": "images/anh-hoi-nghi.png", "caption": "Hội nghị triển khai mô hình"}
    assert uploaded.read_bytes() == photo.read_bytes()
    assert fields.get("draft") in (False, None)
    checked = check(Project.at(root))
    assert checked.problems == []
    # Built from a fresh copy: the preview `cms serve` runs is rebuilding this project's docs/.
    fresh = copy_sample(root.parent / "fresh").parent
    shutil.copy(saved, fresh / "entries" / "mo-hinh" / saved.name)
    shutil.copy(photo, fresh / "docs" / "images" / photo.name)
    site = build_site(fresh / "mkdocs.yml", root.parent / "site")
    page_html = (site / "mo-hinh" / "mo-hinh-thu-dang-vien-guong-mau-so-2" / "index.html").read_text("utf-8")
    assert "“Đảng viên” gương mẫu số 2" in page_html and "Dân vận khéo" in page_html
    # The uploaded photo is published as resized variants under anh/ (never the original).
    variants = sorted(p.name for p in (site / "anh").glob("anh-hoi-nghi-*"))
    assert variants and any(name in page_html for name in variants)
    assert not (site / "images" / "anh-hoi-nghi.png").exists()
    page.context.close()


def test_an_editor_changes_a_news_title(editor, browser):
    base, root = editor
    path = root / "entries" / "tin-tuc" / "tuong-lai-tin-hen-gio-dang.md"
    before, body = front_matter(path), path.read_text("utf-8").split("---\n", 2)[2]
    page = open_editor(browser, base, "/collections/tin-tuc/entries/tuong-lai-tin-hen-gio-dang")
    title = page.get_by_label("Tiêu đề", exact=True)
    title.wait_for()
    title.fill("TƯƠNG LAI – Tin hẹn giờ đăng đã sửa tiêu đề")
    publish(page)
    deadline = time.monotonic() + 20
    # decap-server rewrites the file in place: read it only once it is whole (it once read empty).
    while not (written(path) and front_matter(path)["title"] != before["title"]) and time.monotonic() < deadline:
        time.sleep(0.2)
    after = front_matter(path)
    assert after["title"] == "TƯƠNG LAI – Tin hẹn giờ đăng đã sửa tiêu đề"
    assert {k: v for k, v in after.items() if k not in ("title", "date")} == {
        k: v for k, v in before.items() if k not in ("title", "date")} | {k: after[k] for k in ("draft", "featured") if k in after}
    assert str(after["date"]).startswith("2030-01-01")  # the same day, now with its time
    assert path.read_text("utf-8").split("---\n", 2)[2].strip() == body.strip()  # the body as it was
    assert check(Project.at(root)).problems == []
    page.context.close()


def test_a_unit_id_check_would_refuse_is_refused_in_checks_words(editor, browser):
    base, root = editor
    units = set((root / "entries" / "don-vi").iterdir())
    page = open_editor(browser, base, "/collections/don-vi/new")
    page.get_by_label("Tên đơn vị", exact=True).fill("Đảng bộ Sở Y tế")
    page.get_by_label("Mã đơn vị", exact=True).fill("Sở Y tế")
    publish(page)
    page.get_by_text("“Mã đơn vị”: mã đơn vị phải viết thường, không dấu, nối bằng “-”.").wait_for()
    assert set((root / "entries" / "don-vi").iterdir()) == units  # nothing saved
    unit_id = page.get_by_label("Mã đơn vị", exact=True)
    unit_id.fill("")  # Decap's text box keeps its old value on the first change after an error
    unit_id.fill("dang-bo-so-y-te")
    publish(page)
    saved = root / "entries" / "don-vi" / "dang-bo-so-y-te.md"  # a unit's file is named by its id
    deadline = time.monotonic() + 20
    while not written(saved) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert front_matter(saved)["id"] == "dang-bo-so-y-te"
    assert check(Project.at(root)).problems == []
    page.context.close()


def test_the_preview_writes_dates_as_the_site_does(editor, browser):
    base, _ = editor
    page = open_editor(browser, base, "/")
    for written, moment in [("2024-05-19 08:30", dt.datetime(2024, 5, 19, 8, 30, tzinfo=TIME_ZONE)),
                            ("19/05/2024", dt.date(2024, 5, 19)), ("2030-01-01", dt.date(2030, 1, 1))]:
        expected = format_moment(moment) if isinstance(moment, dt.datetime) else format_day(moment)
        assert page.evaluate("value => gsVietnameseDate(value)", written) == expected
    page.context.close()


def test_the_published_editor_loads_nothing_from_another_host(sample_site, browser):
    """The build's /admin/ (GitHub backend, no local one): its login page, and every file it
    asks for, come from the site itself."""
    with serve(sample_site) as base:
        page = browser.new_page()
        requested, failed = [], []
        page.on("request", lambda request: requested.append(request.url))
        page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
        page.goto(base + "admin/", wait_until="networkidle")
        page.get_by_role("button", name=re.compile("Đăng nhập bằng GitHub")).wait_for()
        assert page.evaluate("document.documentElement.lang") == "vi"
        page.close()
    assert requested and all(url.startswith(base) for url in requested), requested
    assert failed == []
