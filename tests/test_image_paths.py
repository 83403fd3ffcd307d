"""Which image paths an editor may use: files of the site itself, never another host or `..`."""

from __future__ import annotations

from generator.validate import check_image_path


def test_image_paths_must_name_a_file_of_the_site(tmp_path):
    docs = tmp_path / "docs"
    (docs / "images").mkdir(parents=True)
    (docs / "images" / "anh.jpg").write_bytes(b"\xff\xd8")
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
