"""Photos as editors really send them: rotated phone shots, CMYK print files, 16-bit scans,
palette PNGs, GPS in EXIF, broken files, decompression bombs, 50-megapixel originals."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from PIL import Image

from generator.images.cache import ImageCache
from generator.images.card import CardText, draw_card
from generator.images.checks import check_photo
from generator.images.library import PhotoLibrary
from generator.images.settings import ImageSettings

SETTINGS = ImageSettings(widths=(320, 640), jpeg_widths=(640,), avif=False)


def photo(path: Path, size=(800, 600), mode="RGB", fmt="JPEG", **save) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    colour = {"RGB": (200, 30, 30), "CMYK": (0, 200, 200, 0), "L": 120, "P": 3, "I;16": 40000, "RGBA": (0, 0, 255, 128)}[mode]
    Image.new(mode, size, colour).save(path, fmt, **save)
    return path


def exif_with_gps_and_orientation(orientation: int) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x8825] = {2: (16.0, 49.0, 0.0), 4: (107.0, 5.0, 0.0)}  # GPSInfo: latitude, longitude of Quảng Trị
    return exif.tobytes()


def variants(tmp_path: Path, src: Path):
    library = PhotoLibrary(src.parent, ImageCache(tmp_path / "cache", SETTINGS))
    library.prepare([src.name])
    return library, library.photo(src.name)


def test_phone_photo_is_turned_upright_and_loses_exif_and_gps(tmp_path):
    # 800×600 stored sideways: EXIF orientation 6 says "turn 90° clockwise to view".
    src = photo(tmp_path / "docs" / "dien-thoai.jpg", exif=exif_with_gps_and_orientation(6))
    library, found = variants(tmp_path, src)
    assert (found.width, found.height) == (600, 800)
    for file in library.files():
        with Image.open(file.source) as image:
            assert not image.getexif(), file.path
            assert "exif" not in image.info and "icc_profile" not in image.info
            if not file.path.endswith("-og.jpg"):
                assert image.height > image.width, file.path  # upright
    assert [mime for mime, _ in found.sources] == ["image/webp"]
    assert [v.width for v in found.sources[0][1]] == [320, 600]
    assert [v.width for v in found.fallback] == [600]  # JPEG: the fallback, at fewer widths


def test_jpeg_fallback_comes_at_two_widths_the_better_formats_at_five(tmp_path):
    src = photo(tmp_path / "docs" / "a.jpg", (2000, 1500))
    library = PhotoLibrary(src.parent, ImageCache(tmp_path / "cache", ImageSettings(avif=False)))
    library.prepare([src.name])
    found = library.photo(src.name)
    assert [v.width for v in found.sources[0][1]] == [320, 640, 960, 1280, 1600]
    assert [(v.width, v.height) for v in found.fallback] == [(640, 480), (1280, 960)]
    assert found.img.width == 1280  # for browsers without srcset: desktops, a 720 px column
    assert found.img_up_to(960).width == 640  # a thumbnail's <img src> stays within its srcset
    published = sorted(file.path.rsplit("-", 1)[1] for file in library.files())
    assert published == ["1280.jpg", "1280.webp", "1600.webp", "320.webp", "640.jpg", "640.webp", "960.webp", "og.jpg"]
    for file in library.files():
        with Image.open(file.source) as image:
            assert image.width == int(file.path.rsplit("-", 1)[1].split(".")[0].replace("og", "1200"))
    # A photo narrower than the widest JPEG width gets its own width as the widest JPEG.
    small = photo(tmp_path / "docs" / "b.jpg", (1000, 750))
    library.prepare([small.name])
    assert [v.width for v in library.photo(small.name).fallback] == [640, 1000]
    with pytest.raises(ValueError):
        ImageSettings(widths=(320, 640), jpeg_widths=(480,))


@pytest.mark.parametrize("mode, fmt, name", [("CMYK", "JPEG", "in-an.jpg"), ("I;16", "PNG", "quet-16-bit.png"),
                                              ("P", "PNG", "bang-mau.png"), ("L", "JPEG", "den-trang.jpg"),
                                              ("RGBA", "PNG", "trong-suot.png")])
def test_every_colour_mode_becomes_srgb_rgb(tmp_path, mode, fmt, name):
    src = photo(tmp_path / "docs" / name, (400, 300), mode, fmt)
    library, found = variants(tmp_path, src)
    for file in library.files():
        with Image.open(file.source) as image:
            assert image.mode == "RGB", (file.path, image.mode)
    if mode == "I;16":  # 40000/65535 is a mid grey, not clipped to white
        with Image.open(next(library.files()).source) as image:
            assert 140 < image.convert("L").getpixel((10, 10)) < 170


def test_unchanged_photos_come_from_the_cache(tmp_path):
    src = photo(tmp_path / "docs" / "a.jpg", (1600, 1200))
    variants(tmp_path, src)
    started = time.perf_counter()
    library, found = variants(tmp_path, src)
    assert time.perf_counter() - started < 0.5
    # Changing the photo changes its published names, so browsers never keep a stale copy.
    Image.new("RGB", (1600, 1200), (0, 90, 0)).save(src, "JPEG")
    _, changed = variants(tmp_path, src)
    assert changed.img.url != found.img.url


def test_fifty_megapixel_photo_is_processed(tmp_path):
    src = photo(tmp_path / "docs" / "may-anh.jpg", (8660, 5774), quality=50)  # 50 megapixels
    assert check_photo(src, "docs/may-anh.jpg") is None
    _, found = variants(tmp_path, src)
    assert found.width == 640 and found.height == 427


@pytest.mark.parametrize("content, name, words", [
    (b"", "rong.jpg", "không phải là ảnh"),
    (b"<html>not a photo</html>", "trang-web.jpg", "không phải là ảnh"),
    (None, "cat-cut.jpg", "bị hỏng"),
    (None, "nham-duoi.jpg", "thực chất là ảnh PNG"),
    (b"GIF89a", "dong.gif", "không phải ảnh JPEG, PNG hay WebP"),
    (None, "bom.png", "quá lớn"),
])
def test_bad_photos_get_one_vietnamese_sentence(tmp_path, content, name, words):
    path = tmp_path / name
    if name == "cat-cut.jpg":
        whole = io.BytesIO()
        Image.new("RGB", (600, 400), (9, 9, 9)).save(whole, "JPEG")
        content = whole.getvalue()[: len(whole.getvalue()) // 2]
    elif name == "nham-duoi.jpg":
        buffer = io.BytesIO()
        Image.new("RGB", (60, 40)).save(buffer, "PNG")
        content = buffer.getvalue()
    elif name == "bom.png":  # 20000×20000 of one colour: a few hundred KB that decode to 1.2 GB
        buffer = io.BytesIO()
        Image.new("1", (20000, 20000)).save(buffer, "PNG")
        content = buffer.getvalue()
    path.write_bytes(content)
    message = check_photo(path, f"docs/images/{name}")
    assert message and words in message and f"docs/images/{name}" in message


def test_share_card_draws_every_vietnamese_letter(tmp_path):
    title = "Ươm mầm “Dân vận khéo”: Đảng ủy Khối ỞỠỢ ẶẸỄ ỴỶỸ ắằẳẵặ đường ư ơ — một tiêu đề rất dài " * 2
    data = draw_card(CardText("Gương sáng", "Tin tức", title), ImageSettings())
    with Image.open(io.BytesIO(data)) as card:
        assert (card.format, card.size) == ("JPEG", (1200, 630))


def test_check_names_file_line_and_field_of_a_bad_photo(project):
    from generator.site import Project, check

    (project.root / "docs" / "images" / "hong.jpg").write_bytes(b"not a photo")
    photo(project.root / "docs" / "images" / "tot.jpg")
    project.write("tin-tuc/a.md", """
        ---
        title: Tin có ảnh hỏng
        date: 2024-05-19
        category: Dân vận
        image:
          src: images/hong.jpg
        ---
        Đoạn đầu.

        ![Ảnh tốt](images/tot.jpg "Ảnh: Báo Quảng Trị")

        ![Ảnh không có](images/khong-co.jpg)
        """)
    checked = check(Project.at(project.root))
    found = {(p.field, p.line): p.message for p in checked.problems}
    assert "không phải là ảnh" in found[("image.src", 6)]
    assert "không tìm thấy tệp ảnh docs/images/khong-co.jpg" in found[("nội dung (ảnh)", 12)]
    assert len(checked.problems) == 2


def test_a_warm_build_does_not_read_unchanged_photos_but_sees_every_change(tmp_path, monkeypatch):
    import os

    from generator.images import stat_index

    src = photo(tmp_path / "docs" / "a.jpg", (640, 480))
    old = time.time() - 60
    os.utime(src, (old, old))
    monkeypatch.setattr(stat_index, "RACY_SECONDS", 0.0)  # the file's change time is "now"
    _, first = variants(tmp_path, src)
    hashed = []
    real_digest = stat_index.file_digest
    monkeypatch.setattr(stat_index, "file_digest", lambda path: hashed.append(path) or real_digest(path))
    _, again = variants(tmp_path, src)  # a new cache object: the table was saved and read back
    assert hashed == [] and again == first
    # Same size and the old modification time restored (as `cp -p` or an editor's undo can do):
    # the change time and inode still differ, so the photo is hashed and its new content seen.
    replaced = tmp_path / "b.jpg"
    Image.new("RGB", (640, 480), (0, 0, 200)).save(replaced, "JPEG")
    replaced.replace(src)
    os.utime(src, (old, old))
    _, changed = variants(tmp_path, src)
    assert hashed == [src] and changed.img.url != first.img.url


def test_recently_written_photos_are_always_hashed(tmp_path, monkeypatch):
    from generator.images import stat_index

    src = photo(tmp_path / "docs" / "a.jpg", (640, 480))  # written just now: racily clean
    variants(tmp_path, src)
    hashed = []
    real_digest = stat_index.file_digest
    monkeypatch.setattr(stat_index, "file_digest", lambda path: hashed.append(path) or real_digest(path))
    variants(tmp_path, src)
    assert hashed == [src]


def test_a_photo_that_passed_its_check_is_not_decoded_again_until_it_changes(tmp_path, monkeypatch):
    import os

    from generator.images import checks, stat_index
    from generator.images.checks import CheckedPhotos

    monkeypatch.setattr(stat_index, "RACY_SECONDS", 0.0)
    src = photo(tmp_path / "docs" / "a.jpg", (640, 480))
    assert CheckedPhotos(tmp_path / "cache").check(src, "docs/a.jpg") is None
    first = CheckedPhotos(tmp_path / "cache")
    first.check(src, "docs/a.jpg")
    first.save()
    opened = []
    real_check = checks.check_photo
    monkeypatch.setattr(checks, "check_photo", lambda path, shown: opened.append(path) or real_check(path, shown))
    assert CheckedPhotos(tmp_path / "cache").check(src, "docs/a.jpg") is None
    assert opened == []
    # The same file cut short (a failed copy): checked again, and refused.
    data = src.read_bytes()
    src.write_bytes(data[: len(data) // 2])
    os.utime(src, (time.time() - 60, time.time() - 60))
    again = CheckedPhotos(tmp_path / "cache")
    assert "bị hỏng" in again.check(src, "docs/a.jpg")
    assert opened == [src]
    # Under a name with the wrong extension, the same content that passed is checked again too.
    renamed = src.with_suffix(".png")
    renamed.write_bytes(data)
    assert "có đuôi “.png” nhưng thực chất là ảnh JPEG" in again.check(renamed, "docs/a.png")


def test_one_photo_used_under_many_names_is_processed_once(tmp_path, monkeypatch):
    src = photo(tmp_path / "docs" / "a.jpg", (640, 480))
    for number in range(3):
        (tmp_path / "docs" / f"copy-{number}.jpg").write_bytes(src.read_bytes())
    made = []  # what would be sent to a worker process
    real_processed = ImageCache.processed
    monkeypatch.setattr(ImageCache, "processed", lambda self, path: made.append(path) or real_processed(self, path))
    library = PhotoLibrary(src.parent, ImageCache(tmp_path / "cache", SETTINGS))
    library.prepare(["a.jpg", "copy-0.jpg", "copy-1.jpg", "copy-2.jpg"])
    assert len(made) == 1
    # …while each name still publishes its own variants (records never share a file name).
    assert library.photo("copy-1.jpg").img.url != library.photo("a.jpg").img.url


def test_share_cards_drawn_by_workers_are_the_cards_one_process_draws(tmp_path):
    """Cards go to forked workers when there are many: same bytes, one file per card."""
    texts = [CardText("Gương sáng", "Tin tức", f"Đảng bộ xã số {i} tổng kết công tác dân vận") for i in range(20)]
    library = PhotoLibrary(tmp_path, ImageCache(tmp_path / "cache"), workers=2)
    urls = [library.card_url(text) for text in texts]
    published = {file.path: file.source for file in library.files()}
    assert sorted(published) == sorted(urls)
    for url, text in zip(urls, texts):
        assert published[url].read_bytes() == draw_card(text, ImageSettings())


def test_a_card_never_shows_the_title_of_the_card_drawn_before_it():
    """Cards of a kind share their drawn background; each title is drawn on its own copy."""
    first, second = (CardText("Gương sáng", "Tin tức", title) for title in ("Hội nghị dân vận", "Đảng bộ xã tổng kết"))
    before = draw_card(first, ImageSettings())
    draw_card(second, ImageSettings())
    assert draw_card(first, ImageSettings()) == before
