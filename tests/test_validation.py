"""Each kind of editor mistake gets a Vietnamese message naming file, line and field."""

from __future__ import annotations

from generator.problems import errors
from generator.site import Project, check


def problems_of(files) -> list:
    return errors(check(Project.at(files.root)).problems)


def only_problem(files):
    found = problems_of(files)
    assert len(found) == 1, "\n".join(map(str, found))
    return found[0]


def test_a_valid_project_has_no_problems(project):
    project.add_unit()
    project.add_model()
    checked = check(Project.at(project.root))
    assert checked.problems == []
    assert {e.slug for e in checked.entries} == {"so-gd-dt", "chuyen-doi-so"}


def test_unknown_key_suggests_the_closest_field(project):
    project.add_unit()
    project.write("tin-tuc/a.md", """
        ---
        titel: Tin thử
        title: Tin thử
        date: 2024-05-19
        category: Dân vận
        ---
        Nội dung.
        """)
    problem = only_problem(project)
    assert (problem.path, problem.line, problem.field) == ("entries/tin-tuc/a.md", 2, "titel")
    assert "không được hỗ trợ" in problem.message and "“title”" in problem.message


def test_missing_required_field_is_named(project):
    project.add_unit()
    project.write("mo-hinh/m.md", "---\ntitle: Mô hình\nunit: so-gd-dt\nyear: 2024\n---\n")
    problem = only_problem(project)
    assert problem.field == "movement"
    assert "thiếu trường bắt buộc" in problem.message


def test_wrong_type_points_at_its_line(project):
    project.add_unit()
    project.write("mo-hinh/m.md", "---\ntitle: Mô hình\nunit: so-gd-dt\nmovement: Dân vận khéo\nyear: năm ngoái\n---\n")
    problem = only_problem(project)
    assert (problem.line, problem.field) == (5, "year")
    assert "số nguyên" in problem.message


def test_impossible_date_is_reported_not_crashed_on(project):
    project.write("tin-tuc/a.md", "---\ntitle: Tin\ndate: 2024-02-30\ncategory: Dân vận\n---\n")
    problem = only_problem(project)
    assert (problem.line, problem.field) == (3, "date")
    assert "2024-02-30" in problem.message and "không tồn tại" in problem.message


def test_vietnamese_date_format_is_accepted(project):
    project.write("tin-tuc/a.md", "---\ntitle: Tin\ndate: 19/05/2024 08:30\ncategory: dan-van\n---\n")
    checked = check(Project.at(project.root))
    assert checked.problems == []
    assert checked.entries[0].published_at.isoformat() == "2024-05-19T08:30:00+07:00"


def test_value_outside_a_configured_list_lists_the_allowed_values(project):
    project.add_unit()
    project.add_model(movement="Dân vận khé")
    problem = only_problem(project)
    assert problem.field == "movement"
    assert "“Dân vận khéo”" in problem.message  # did you mean
    assert "Các giá trị hợp lệ" in problem.message


def test_reference_to_a_missing_unit_suggests_one(project):
    project.add_unit()
    project.add_model(unit="so-gd-d")
    problem = only_problem(project)
    assert (problem.field, problem.line) == ("unit", 3)
    assert "không có đơn vị “so-gd-d”" in problem.message and "so-gd-dt" in problem.message


def test_reference_to_a_missing_model_in_a_list(project):
    project.write("tin-tuc/a.md", "---\ntitle: Tin\ndate: 2024-05-19\ncategory: Dân vận\nmodels:\n  - khong-co\n---\n")
    problem = only_problem(project)
    assert (problem.field, problem.line) == ("models.0", 6)


def test_two_records_with_the_same_slug_both_reported(project):
    project.add_unit()
    project.add_model("trung")
    project.write("mo-hinh/khac.md", "---\nslug: trung\ntitle: Khác\nunit: so-gd-dt\nmovement: dan-van-kheo\nyear: 2023\n---\n")
    found = problems_of(project)
    assert sorted(p.path for p in found) == ["entries/mo-hinh/khac.md", "entries/mo-hinh/trung.md"]
    assert all("trùng địa chỉ /mo-hinh/trung/" in p.message for p in found)


def test_malformed_yaml_gives_the_line_and_a_hint(project):
    project.write("tin-tuc/a.md", "---\ntitle: Chủ đề: học tập\ndate: 2024-05-19\ncategory: Dân vận\n---\n")
    problem = only_problem(project)
    assert problem.line == 2
    assert "dấu ngoặc kép" in problem.message


def test_tabs_in_yaml_are_explained(project):
    project.write("tin-tuc/a.md", "---\ntitle: Tin\nimage:\n\tsrc: a.png\n---\n")
    problem = only_problem(project)
    assert "Tab" in problem.message


def test_non_utf8_file_is_reported_with_its_line(project):
    project.write("tin-tuc/a.md", "---\ntitle: Tin\n".encode() + "author: Hà\n".encode("cp1258") + b"---\n")
    problem = only_problem(project)
    assert (problem.path, problem.line) == ("entries/tin-tuc/a.md", 3)
    assert "UTF-8" in problem.message


def test_duplicate_keys_are_not_silently_dropped(project):
    project.write("tin-tuc/a.md", "---\ntitle: Một\ntitle: Hai\ndate: 2024-05-19\ncategory: Dân vận\n---\n")
    problem = only_problem(project)
    assert (problem.line, problem.field) == (3, "title")
    assert "hai lần" in problem.message


def test_missing_front_matter_and_empty_file(project):
    project.write("tin-tuc/a.md", "Chỉ có nội dung, quên phần đầu.\n")
    project.write("tin-tuc/b.md", "")
    found = {p.path: p.message for p in problems_of(project)}
    assert "bắt đầu bằng dòng “---”" in found["entries/tin-tuc/a.md"]
    assert "rỗng" in found["entries/tin-tuc/b.md"]


def test_image_from_another_host_or_outside_docs_is_refused(project):
    project.write("tin-tuc/a.md", "---\ntitle: A\ndate: 2024-05-19\ncategory: Dân vận\nimage:\n  src: https://example.com/a.jpg\n---\n")
    project.write("tin-tuc/b.md", "---\ntitle: B\ndate: 2024-05-19\ncategory: Dân vận\nimage:\n  src: ../../etc/passwd\n---\n")
    found = {p.path: p for p in problems_of(project)}
    assert found["entries/tin-tuc/a.md"].field == "image.src"
    assert "trang web khác" in found["entries/tin-tuc/a.md"].message
    assert "“..”" in found["entries/tin-tuc/b.md"].message


def test_every_problem_is_reported_and_valid_entries_are_kept(project):
    project.add_unit()
    project.add_model("tot")
    project.write("mo-hinh/hong-1.md", "---\ntitle: Hỏng\nunit: khong-co\nmovement: dan-van-kheo\nyear: 2024\n---\n")
    project.write("mo-hinh/hong-2.md", "---\ntitle: [\n---\n")
    checked = check(Project.at(project.root))
    assert {p.path for p in checked.problems} == {"entries/mo-hinh/hong-1.md", "entries/mo-hinh/hong-2.md"}
    assert "tot" in {e.slug for e in checked.entries}


def test_nfd_text_bom_and_crlf_are_normalised_on_load(project):
    import unicodedata

    title = unicodedata.normalize("NFD", "Đảng viên trẻ")
    raw = ("\ufeff---\r\ntitle: " + title + "\r\ndate: 2024-05-19\r\ncategory: Dân vận\r\n---\r\nThân bài.\r\n").encode()
    project.write("tin-tuc/nfd.md", raw)
    checked = check(Project.at(project.root))
    assert checked.problems == []
    assert checked.entries[0].title == "Đảng viên trẻ"  # NFC
    assert checked.entries[0].body == "Thân bài."


def test_messages_read_as_path_line_field(project):
    project.add_unit()
    project.add_model(unit="nowhere")
    assert str(only_problem(project)).startswith("entries/mo-hinh/chuyen-doi-so.md:3: unit: không có đơn vị")


def test_a_blank_title_name_or_list_item_is_refused_where_it_is_written(project):
    # Before: `title: ""` passed check and stopped the build in the feed writer ("Lỗi không
    # mong đợi (ValueError)", no file named); a blank unit name published an empty headline.
    project.add_unit()
    project.write("tin-tuc/a.md", '---\ntitle: "\u200b"\ndate: 2024-05-19\ncategory: Dân vận\ntags: ["", "ok"]\nunits: [" "]\n---\n')
    project.write("don-vi/b.md", '---\nid: b\nname: "  "\n---\n')
    project.write("mo-hinh/c.md", '---\ntitle: C\nunit: so-gd-dt\nmovement: Dân vận khéo\nyear: 2024\nresults: [Tốt, ""]\n'
                                  'image:\n  src: ""\n---\n')
    project.write("khen-thuong/d.md", '---\ntitle: D\nrecipient: {name: "", kind: tập thể}\nform: Bằng khen\n'
                                      'authority: Tỉnh ủy\nyear: 2024\n---\n')
    found = {(p.path, p.line, p.field, p.message) for p in problems_of(project)}
    blank = "không được để trống"
    assert found == {
        ("entries/tin-tuc/a.md", 2, "title", blank), ("entries/tin-tuc/a.md", 5, "tags.0", blank),
        ("entries/tin-tuc/a.md", 6, "units.0", blank), ("entries/don-vi/b.md", 3, "name", blank),
        ("entries/mo-hinh/c.md", 6, "results.1", blank), ("entries/mo-hinh/c.md", 8, "image.src", blank),
        ("entries/khen-thuong/d.md", 3, "recipient.name", blank),
    }


def test_a_blank_label_in_the_lists_is_refused(project):
    lists = project.root / "entries" / "danh-muc.yml"
    lists.write_text(lists.read_text("utf-8").replace('label: "Dân vận"', 'label: " "', 1), "utf-8")
    (problem,) = problems_of(project)
    assert (problem.path, problem.message) == ("entries/danh-muc.yml", "không được để trống")
    assert problem.field.endswith(".label")


def test_a_tag_or_unit_written_twice_is_one_with_a_warning_and_the_story_is_listed_once(project):
    from generator.index import build_index
    from generator.records import Kind

    project.add_unit()
    project.write("tin-tuc/a.md", "---\ntitle: A\ndate: 2024-05-19\ncategory: Dân vận\n"
                                  'tags: ["Dân vận", "dân vận", "Dan van", "!!!"]\nunits: [so-gd-dt, so-gd-dt]\n---\n')
    checked = check(Project.at(project.root))
    assert [(p.line, p.field, p.message, p.severity) for p in checked.problems] == [
        (5, "tags.1", "“dân vận” trùng với “Dân vận” ở trên; chỉ cần ghi một lần.", "warning"),
        (5, "tags.2", "“Dan van” trùng với “Dân vận” ở trên; chỉ cần ghi một lần.", "warning"),
        (5, "tags.3", "thẻ “!!!” không có chữ hay số nào nên không có trang thẻ; hãy sửa hoặc xóa.", "warning"),
        (6, "units.1", "“so-gd-dt” đã ghi ở trên; chỉ cần ghi một lần.", "warning"),
    ]
    (story,) = [e for e in checked.entries if e.kind is Kind.NEWS]
    assert [(t.slug, t.label) for t in story.tags] == [("dan-van", "Dân vận")]
    assert story.fields.units == ["so-gd-dt"]
    index = build_index(checked.entries, story.published_at)
    assert index.groups[(Kind.NEWS, "tag", "dan-van")] == [story]
    assert index.groups[(Kind.NEWS, "unit", "so-gd-dt")] == [story]


def test_an_address_too_long_for_a_folder_name_is_refused_where_it_is_written(project):
    # Before: a 380-character tag (a sentence pasted into tags) stopped the build with
    # "Lỗi không mong đợi (OSError): [Errno 36] File name too long" and no file named.
    sentence = " ".join(["Phong trào thi đua"] * 20)
    project.add_unit()
    project.write("tin-tuc/a.md", f'---\ntitle: A\ndate: 2024-05-19\ncategory: Dân vận\ntags: ["{sentence}"]\n---\n')
    project.write("tin-tuc/b.md", f"---\ntitle: B\ndate: 2024-05-19\ncategory: Dân vận\nslug: {'b-' * 150}b\n---\n")
    project.write("don-vi/c.md", f"---\nid: {'c-' * 150}c\nname: C\n---\n")
    found = {(p.path, p.line, p.field): p.message for p in problems_of(project)}
    assert found == {
        ("entries/tin-tuc/a.md", 5, "tags.0"): "thẻ quá dài để làm địa chỉ trang (379 ký tự; tối đa 200); hãy viết ngắn lại.",
        ("entries/tin-tuc/b.md", 5, "slug"): "slug quá dài để làm địa chỉ trang (301 ký tự; tối đa 200); hãy viết ngắn lại.",
        ("entries/don-vi/c.md", 2, "id"): "mã đơn vị quá dài để làm địa chỉ trang (301 ký tự; tối đa 200); hãy viết ngắn lại.",
    }
    lists = project.root / "entries" / "danh-muc.yml"
    lists.write_text(lists.read_text("utf-8").replace("slug: dan-van,", f"slug: dan-van-{'x-' * 100}x,", 1), "utf-8")
    assert any(p.path == "entries/danh-muc.yml" and "slug quá dài" in p.message for p in problems_of(project))


def test_a_paragraph_pasted_as_the_title_is_published_with_a_warning(project):
    project.add_unit()
    project.write("tin-tuc/a.md", f"---\ntitle: {'Tiêu đề rất dài ' * 40}\ndate: 2024-05-19\ncategory: Dân vận\n---\n")
    project.write("tin-tuc/b.md", f"---\ntitle: {'Tiêu đề vừa ' * 12}\ndate: 2024-05-19\ncategory: Dân vận\n---\n")
    checked = check(Project.at(project.root))
    assert [(p.path, p.field, p.severity) for p in checked.problems] == [("entries/tin-tuc/a.md", "title", "warning")]
    assert checked.problems[0].message.startswith("dài 639 ký tự: có lẽ đã dán nhầm cả đoạn văn vào đây?")
    assert {"a", "b"} <= {e.slug for e in checked.entries}


def test_an_update_before_the_publication_is_refused_at_its_line(project):
    # Before: published, with a sitemap lastmod and a JSON-LD dateModified a year before the story existed.
    project.add_unit()
    project.write("tin-tuc/a.md", "---\ntitle: A\ndate: 2025-03-05 08:00\nupdated: 2024-03-06\ncategory: Dân vận\n---\n")
    project.write("tin-tuc/b.md", "---\ntitle: B\ndate: 2025-03-05 08:00\nupdated: 2025-03-05\ncategory: Dân vận\n---\n")
    problem = only_problem(project)
    assert (problem.path, problem.line, problem.field) == ("entries/tin-tuc/a.md", 4, "updated")
    assert problem.message == "ngày cập nhật (06/03/2024) trước ngày đăng (05/03/2025); hãy sửa lại năm, tháng hoặc ngày."
