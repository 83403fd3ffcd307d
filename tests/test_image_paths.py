"""Which image paths an editor may use: files of the site itself, never another host or `..`."""

from __future__ import annotations

from PIL import Image

from generator.validate import check_image_path


def test_image_paths_must_name_a_file_of_the_site(tmp_path):
    docs = tmp_path / "docs"
    (docs / "images").mkdir(parents=True)
    Image.new("RGB", (8, 8), "red").save(docs / "images" / "anh.jpg")
    assert check_image_path("images/anh.jpg", docs) is None
    assert check_image_path("/images/anh.jpg", docs) is None  # site-absolute is the same file
    assert check_image_path("images/khong-co.jpg", docs) == "không tìm thấy tệp ảnh docs/images/khong-co.jpg."


def test_images_from_other_hosts_or_outside_docs_are_refused(tmp_path):
    other_host = "ảnh phải nằm trong thư mục docs/ của trang, không lấy từ trang web khác (để trang chạy được trong mạng nội bộ)."
    assert check_image_path("https://example.com/anh.jpg", tmp_path) == other_host
    assert check_image_path("//cdn.example.com/anh.jpg", tmp_path) == other_host
    outside = "đường dẫn ảnh không được ra ngoài thư mục docs/ (không dùng “..”)."
    (tmp_path / "bi-mat.jpg").write_bytes(b"x")
    (tmp_path / "docs").mkdir()
    assert check_image_path("../bi-mat.jpg", tmp_path / "docs") == outside
    assert check_image_path("/images/../../bi-mat.jpg", tmp_path / "docs") == outside


def test_a_file_whose_name_only_looks_the_same_is_found_or_pointed_out(tmp_path):
    """An NFD name (a Mac's) is the same name to the editor, and found; other capitals (Windows
    finds them, CI's Linux does not) are pointed out, with the file's name."""
    import unicodedata

    docs = tmp_path / "docs"
    (docs / "images").mkdir(parents=True)
    Image.new("RGB", (8, 8)).save(docs / "images" / unicodedata.normalize("NFD", "Ảnh hội nghị.jpg"))
    Image.new("RGB", (8, 8)).save(docs / "images" / "Le-Ky-Ket.JPG")
    assert check_image_path("images/Ảnh hội nghị.jpg", docs) is None
    assert check_image_path("images/le-ky-ket.jpg", docs) == (
        "không tìm thấy tệp ảnh docs/images/le-ky-ket.jpg. Trong docs/images/ có tệp “Le-Ky-Ket.JPG”: tên tệp phân "
        "biệt chữ hoa, chữ thường.")
    assert check_image_path("images/le-ky-ket.jpeg", docs) == (
        "không tìm thấy tệp ảnh docs/images/le-ky-ket.jpeg. Trong docs/images/ có tệp “Le-Ky-Ket.JPG”.")
    assert check_image_path("images/khac.jpg", docs) == "không tìm thấy tệp ảnh docs/images/khac.jpg."


def test_a_path_one_slip_away_from_a_photo_gets_the_path_to_write(tmp_path):
    docs = tmp_path / "docs"
    (docs / "images").mkdir(parents=True)
    Image.new("RGB", (8, 8)).save(docs / "images" / "anh.jpg")
    assert check_image_path("docs/images/anh.jpg", docs) == (
        "không tìm thấy tệp ảnh docs/docs/images/anh.jpg. Có lẽ bạn muốn viết “images/anh.jpg” (đường dẫn tính từ thư mục docs/).")
    assert check_image_path("images\\anh.jpg", docs) == (
        "không tìm thấy tệp ảnh docs/images\\anh.jpg. Có lẽ bạn muốn viết “images/anh.jpg” (dùng dấu “/” chứ không dùng “\\”).")
    assert check_image_path("anh.jpg", docs) == (
        "không tìm thấy tệp ảnh docs/anh.jpg. Có lẽ bạn muốn viết “images/anh.jpg” (ảnh nằm trong thư mục docs/images/).")


def test_markdown_images_are_found_as_python_markdown_reads_them():
    from generator.images.library import body_image_sources

    body = "\n".join([
        '![A](images/a.jpg "Ảnh: X")',
        "![B](<images/Ảnh hội nghị.jpg> 'Ảnh: Y')",
        "![C](images/%E1%BA%A2nh%20b.jpg (Ảnh: Z))",
        "![D](/images/d.png)",
        "chữ ![E](images/e.webp) giữa dòng",
    ])
    assert body_image_sources(body) == [(0, "images/a.jpg"), (1, "images/Ảnh hội nghị.jpg"), (2, "images/Ảnh b.jpg"),
                                        (3, "/images/d.png"), (4, "images/e.webp")]


def test_images_written_as_raw_html_are_found_too():
    from generator.images.library import body_image_sources

    body = ('Mở đầu <img src="images/a.jpg" alt="x">\n<IMG alt=\'y\' SRC=\'images/%C4%91.png\'>\n'
            '<img src=images/c.webp>\n<img src="data:image/png;base64,AA"> <img src="https://example.org/d.jpg">\n'
            '<img src="images/e&amp;f.jpg">\n![G](images/g.jpg)')
    assert body_image_sources(body) == [(0, "images/a.jpg"), (1, "images/đ.png"), (2, "images/c.webp"),
                                        (3, "https://example.org/d.jpg"), (4, "images/e&f.jpg"), (5, "images/g.jpg")]
