"""The glossary file (entries/viet-tat.yml) as editors and accidents leave it: read without a
build, so that `make mutation` can judge every change to glossary.py."""

from __future__ import annotations

import os

from generator.glossary import Glossary, load_glossary
from generator.problems import Problem


def test_a_glossary_that_is_not_a_file_is_refused_on_line_1_and_leaves_no_abbreviations(project):
    entries = project.root / "entries"
    os.mkfifo(entries / "viet-tat.yml")  # reading a FIFO would hang the check
    glossary, problems = load_glossary(entries)
    assert glossary.terms == {}
    assert problems == [Problem("entries/viet-tat.yml", 1, "",
                                "“viet-tat.yml” không phải tệp thường (là một đường ống FIFO); hãy xóa nó.")]


def test_a_glossary_linked_from_outside_the_project_is_refused(project, tmp_path):
    outside = tmp_path / "ngoai.yml"
    outside.write_text("DN: doanh nghiệp\n", "utf-8")
    entries = project.root / "entries"
    (entries / "viet-tat.yml").symlink_to(outside)
    glossary, problems = load_glossary(entries)
    assert glossary.terms == {}
    (problem,) = problems
    assert (problem.path, problem.line, problem.field, problem.severity) == ("entries/viet-tat.yml", 1, "", "error")
    assert problem.message.startswith("“viet-tat.yml” là liên kết tượng trưng trỏ ra ngoài thư mục dự án")


def test_a_glossary_linked_inside_the_project_is_read(project):
    entries = project.root / "entries"
    project.write("chung/viet-tat.yml", "DN: doanh nghiệp\n")
    (entries / "viet-tat.yml").symlink_to(entries / "chung" / "viet-tat.yml")
    glossary, problems = load_glossary(entries)
    assert (glossary.terms, problems) == ({"DN": "doanh nghiệp"}, [])


def test_no_glossary_file_means_no_abbreviations_and_no_problem(project):
    entries = project.root / "entries"
    glossary, problems = load_glossary(entries)
    assert (glossary.terms, problems) == ({}, [])
    assert str(glossary.abbreviate("DN & NLĐ")) == "DN &amp; NLĐ"


def test_an_invisible_character_is_dropped_with_a_warning_and_the_meaning_kept(project):
    project.write("viet-tat.yml", 'NLĐ: người lao động\nDN: "doanh\u200b nghiệp"\n')
    glossary, problems = load_glossary(project.root / "entries")
    assert glossary.terms == {"NLĐ": "người lao động", "DN": "doanh nghiệp"}
    assert problems == [Problem("entries/viet-tat.yml", 2, "DN", "đã bỏ ký tự vô hình (U+200B ZERO WIDTH SPACE) khỏi giá trị; "
                                "hãy xóa nó trong tệp.", "warning")]


def test_a_control_character_drops_the_whole_glossary_with_an_error_at_its_field(project):
    project.write("viet-tat.yml", 'NLĐ: người lao động\nDN:\n  ghi-chu: "doanh\\x00 nghiệp"\n')
    glossary, problems = load_glossary(project.root / "entries")
    assert glossary.terms == {}
    assert problems == [Problem("entries/viet-tat.yml", 3, "DN.ghi-chu", "có ký tự điều khiển (U+0000) không được phép, "
                                "thường do sao chép từ phần mềm khác; hãy gõ lại giá trị này.")]


def test_a_meaning_that_is_a_list_is_an_error_at_its_line_after_the_warnings(project):
    project.write("viet-tat.yml", 'DN: "doanh\u200b nghiệp"\nCCVC:\n  - công chức\n')
    glossary, problems = load_glossary(project.root / "entries")
    assert glossary.terms == {}
    assert problems == [
        Problem("entries/viet-tat.yml", 1, "DN", "đã bỏ ký tự vô hình (U+200B ZERO WIDTH SPACE) khỏi giá trị; hãy xóa nó trong tệp.", "warning"),
        Problem("entries/viet-tat.yml", 2, "CCVC", "phải là một đoạn văn bản (đặt trong dấu ngoặc kép nếu là số)"),
    ]


def test_an_empty_meaning_or_word_is_skipped_with_a_warning_naming_which(project):
    project.write("viet-tat.yml", 'CCVC: công chức\nBTV: "  "\n"": rỗng\n')
    glossary, problems = load_glossary(project.root / "entries")
    assert glossary.terms == {"CCVC": "công chức"}
    assert problems == [
        Problem("entries/viet-tat.yml", 2, "BTV", "nghĩa để trống; dòng này bị bỏ qua.", "warning"),
        Problem("entries/viet-tat.yml", 3, "", "chữ viết tắt để trống; dòng này bị bỏ qua.", "warning"),
    ]


def test_the_longest_abbreviation_wins_where_a_shorter_one_begins_it():
    glossary = Glossary({"GD": "giáo dục", "GD&ĐT": "Giáo dục và Đào tạo"})
    assert str(glossary.abbreviate("Sở GD&ĐT, ngành GD")) == (
        'Sở <abbr title="Giáo dục và Đào tạo">GD&amp;ĐT</abbr>, ngành <abbr title="giáo dục">GD</abbr>')


def test_a_folder_named_like_the_glossary_is_refused_in_vietnamese_not_crashed_on(project):
    entries = project.root / "entries"
    (entries / "viet-tat.yml").mkdir()  # an editor's "new folder" given the file's name
    glossary, problems = load_glossary(entries)
    assert glossary.terms == {}
    assert [(p.line, p.field, p.message) for p in problems] == [
        (1, "", "“viet-tat.yml” là một thư mục, không phải tệp; hãy đổi tên thư mục (bỏ đuôi .md, .yml).")]
