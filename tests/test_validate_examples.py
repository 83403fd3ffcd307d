"""Checks between records that the live preview runs on the valid records it keeps
(generator/validate.py: `_check_references`, `_check_unique`), by example without a build:
each problem names the file, the line of the field and the field, in Vietnamese."""

from __future__ import annotations

from generator.loader import Kind, read_source
from generator.site import Project, check
from generator.validate import _check_references, _check_unique, check_image_path


def entries_of(project):
    checked = check(Project.at(project.root))
    assert checked.ok, checked.problems
    return {entry.url: entry for entry in checked.entries}


def as_tuples(problems):
    return [(p.path, p.line, p.field, p.message, p.severity) for p in problems]


def test_a_reference_to_a_record_the_preview_does_not_hold_names_its_line(project):
    project.add_unit()
    project.add_model()
    project.write("tin-tuc/a.md", "---\ntitle: Tin A\ndate: 2024-05-01\ncategory: dan-van\n"
                                  "units:\n  - so-gd-dt\nmodels: [chuyen-doi-so]\n---\n")
    entries = entries_of(project)
    assert _check_references(list(entries.values())) == []
    # The unit's file is broken while its editor types: the model and the news refer to nothing.
    without_unit = [entry for url, entry in entries.items() if url != "don-vi/so-gd-dt/"]
    assert as_tuples(_check_references(without_unit)) == [
        ("entries/mo-hinh/chuyen-doi-so.md", 3, "unit", "không có đơn vị “so-gd-dt”.", "error"),
        ("entries/tin-tuc/a.md", 6, "units.0", "không có đơn vị “so-gd-dt”.", "error"),
    ]
    assert entries["tin-tuc/a/"].line_of(("models",)) == 7
    assert entries["tin-tuc/a/"].line_of(("units", 0)) == 6


def test_a_reference_to_a_draft_warns_unless_the_record_is_a_draft_too(project):
    project.add_unit()
    project.write("mo-hinh/nhap.md", "---\ntitle: Mô hình nháp\nunit: so-gd-dt\nmovement: Dân vận khéo\nyear: 2024\n"
                                     "draft: true\n---\n")
    project.write("tin-tuc/a.md", "---\ntitle: Tin A\ndate: 2024-05-01\ncategory: dan-van\nmodels: [nhap]\n---\n")
    project.write("tin-tuc/b.md", "---\ntitle: Tin B\ndate: 2024-05-01\ncategory: dan-van\nmodels: [nhap]\ndraft: true\n---\n")
    problems = as_tuples(_check_references(list(entries_of(project).values())))
    assert problems == [(
        "entries/tin-tuc/a.md", 5, "models.0",
        "mô hình “nhap” đang là bản nháp (draft: true), nên chưa hiện trên trang này, trong dữ liệu mở "
        "hay ở bất cứ đâu cho đến khi được xuất bản.", "warning",
    )]


def test_two_valid_records_at_one_address_are_both_told(project):
    project.add_unit()
    project.write("tin-tuc/a.md", "---\ntitle: Tin A\ndate: 2024-05-01\ncategory: dan-van\n---\n")
    project.write("tin-tuc/b.md", "---\ntitle: Tin B\ndate: 2024-05-01\ncategory: dan-van\n---\n")
    entries = entries_of(project)
    assert _check_unique(list(entries.values())) == []
    a, b, unit = entries["tin-tuc/a/"], entries["tin-tuc/b/"], entries["don-vi/so-gd-dt/"]
    b.slug = "a"  # as if b's editor had just typed `slug: a`
    twin = entries_of(project)["don-vi/so-gd-dt/"]
    assert as_tuples(_check_unique([a, b, unit, twin])) == [
        ("entries/tin-tuc/a.md", 1, "slug", "trùng địa chỉ /tin-tuc/a/ với entries/tin-tuc/b.md; hãy đổi tên tệp hoặc đặt slug khác.", "error"),
        ("entries/tin-tuc/b.md", 1, "slug", "trùng địa chỉ /tin-tuc/a/ với entries/tin-tuc/a.md; hãy đổi tên tệp hoặc đặt slug khác.", "error"),
        ("entries/don-vi/so-gd-dt.md", 1, "id", "trùng địa chỉ /don-vi/so-gd-dt/ với entries/don-vi/so-gd-dt.md; hãy đổi tên tệp hoặc đặt slug khác.", "error"),
        ("entries/don-vi/so-gd-dt.md", 1, "id", "trùng địa chỉ /don-vi/so-gd-dt/ với entries/don-vi/so-gd-dt.md; hãy đổi tên tệp hoặc đặt slug khác.", "error"),
    ]


def problems_of(project):
    return as_tuples(check(Project.at(project.root)).problems)


def test_ids_and_slugs_must_be_written_as_addresses(project):
    project.add_unit()
    project.write("don-vi/hoa.md", "---\nid: Hoa Sen\nname: Hoa\nkind: Chi bộ\n---\n")
    project.write("don-vi/trong.md", "---\nid: ' '\nname: Trống\nkind: Chi bộ\n---\n")
    project.write("don-vi/so.md", "---\nid: 12\nname: Số\nkind: Chi bộ\n---\n")
    project.write("tin-tuc/slug-hoa.md", "---\ntitle: T\ndate: 2024-01-01\ncategory: dan-van\nslug: Tin Hoa\n---\n")
    project.write("tin-tuc/slug-trong.md", "---\ntitle: T\ndate: 2024-01-01\ncategory: dan-van\nslug: ' '\n---\n")
    project.write("tin-tuc/!!!.md", "---\ntitle: T\ndate: 2024-01-01\ncategory: dan-van\n---\n")
    project.write("tin-tuc/tot.md", "---\ntitle: T\ndate: 2024-01-01\ncategory: dan-van\nslug: ' tot-dep '\n---\n")
    problems = problems_of(project)
    assert [p for p in problems if p[0] != "entries/don-vi/so.md"] == [
        ("entries/don-vi/hoa.md", 2, "id", "mã đơn vị phải viết thường, không dấu, nối bằng “-”, ví dụ “hoa-sen”.", "error"),
        ("entries/don-vi/trong.md", 2, "id", "mã đơn vị không được để trống.", "error"),
        ("entries/tin-tuc/!!!.md", 1, "", "không tạo được địa chỉ trang từ tên tệp; hãy thêm trường slug.", "error"),
        ("entries/tin-tuc/slug-hoa.md", 5, "slug", "slug phải viết thường, không dấu, nối bằng “-”, ví dụ “tin-hoa”.", "error"),
        ("entries/tin-tuc/slug-trong.md", 5, "slug",
         "slug không được để trống; hãy xóa dòng này để dùng tên tệp, hoặc điền một slug.", "error"),
    ]
    # An id that is not text is the schema's to explain, once.
    assert [p[2] for p in problems if p[0] == "entries/don-vi/so.md"] == ["id"]
    # A slug is read without the spaces around it.
    assert "tin-tuc/tot-dep/" in {e.url for e in check(Project.at(project.root)).entries}


def test_reserved_addresses_are_refused_from_a_file_name_or_a_slug(project):
    project.write("tin-tuc/trang.md", "---\ntitle: T\ndate: 2024-01-01\ncategory: dan-van\n---\n")
    project.write("tin-tuc/x.md", "---\ntitle: T\ndate: 2024-01-01\ncategory: dan-van\nslug: trang\n---\n")
    reserved = "“trang” là địa chỉ dành riêng của trang; hãy đổi tên tệp hoặc đặt slug khác."
    twice = "trùng địa chỉ /tin-tuc/trang/ với entries/tin-tuc/{}.md; hãy đổi tên tệp hoặc đặt slug khác."
    assert problems_of(project) == [
        ("entries/tin-tuc/trang.md", 1, "", reserved, "error"),
        ("entries/tin-tuc/x.md", 5, "slug", reserved, "error"),
        ("entries/tin-tuc/trang.md", 1, "slug", twice.format("x"), "error"),
        ("entries/tin-tuc/x.md", 1, "slug", twice.format("trang"), "error"),
    ]


def test_a_reference_by_name_or_with_a_typo_suggests_the_id(project):
    project.add_unit()
    project.add_unit("so-y-te", "Đảng ủy Sở Y tế")
    project.write("tin-tuc/ten.md", "---\ntitle: T\ndate: 2024-01-01\ncategory: dan-van\n"
                                    "units: [đảng ủy sở giáo dục và đào tạo, so-gd-d, ' so-y-te ']\n---\n")
    project.write("mo-hinh/m.md", "---\ntitle: M\nunit: Đảng ủy Sở Y tế\nmovement: Dân vận khéo\nyear: 2024\n---\n")
    project.write("khen-thuong/k.md", "---\ntitle: K\nrecipient: {name: A, kind: Tập thể, unit: so-y}\nform: Bằng khen\n"
                                      "authority: UBND tỉnh\nyear: 2023\nmodels: [khong-co]\n---\n")
    assert problems_of(project) == [
        ("entries/khen-thuong/k.md", 3, "recipient.unit", "không có đơn vị “so-y”. Có phải ý bạn là “so-y-te”?", "error"),
        ("entries/khen-thuong/k.md", 7, "models.0", "không có mô hình “khong-co”.", "error"),
        ("entries/mo-hinh/m.md", 3, "unit", "không có đơn vị “Đảng ủy Sở Y tế”. Có phải ý bạn là “so-y-te”?", "error"),
        ("entries/tin-tuc/ten.md", 5, "units.0",
         "không có đơn vị “đảng ủy sở giáo dục và đào tạo”. Có phải ý bạn là “so-gd-dt”?", "error"),
        ("entries/tin-tuc/ten.md", 5, "units.1", "không có đơn vị “so-gd-d”. Có phải ý bạn là “so-gd-dt”?", "error"),
    ]


def test_a_unit_above_itself_directly_or_in_a_loop_is_told_on_each_unit_of_the_loop(project):
    for unit, parent in (("a", "b"), ("b", "c"), ("c", "a"), ("tu", "tu"), ("con", "a"), ("goc", ""), ("la", "goc")):
        project.write(f"don-vi/{unit}.md", f"---\nid: {unit}\nname: Đơn vị {unit}\nkind: Chi bộ\nparent: '{parent}'\n---\n")
    loop = "các đơn vị cấp trên tạo thành vòng lặp: {}; hãy sửa trường parent của một trong số đó."
    assert problems_of(project) == [
        ("entries/don-vi/a.md", 5, "parent", loop.format("a → b → c → a"), "error"),
        ("entries/don-vi/b.md", 5, "parent", loop.format("b → c → a → b"), "error"),
        ("entries/don-vi/c.md", 5, "parent", loop.format("c → a → b → c"), "error"),
        ("entries/don-vi/tu.md", 5, "parent", "đơn vị không thể là cấp trên của chính nó.", "error"),
    ]


def test_a_key_written_twice_and_unusable_image_paths_are_told_with_their_lines(project):
    project.write("tin-tuc/hai.md", "---\ntitle: T\ntitle: U\ndate: 2024-01-01\ncategory: dan-van\n---\n")
    project.write("tin-tuc/anh.md", "---\ntitle: T\ndate: 2024-01-01\ncategory: dan-van\nimage: {src: ../a.jpg}\n---\n\n"
                                    "![x](https://a.vn/a.jpg) ![x](//a.vn/b.jpg)\n\n![y](images/khong.jpg)\n")
    project.write("tin-tuc/xa.md", "---\ntitle: T\ndate: 2024-01-01\ncategory: dan-van\nimage: {src: 'http://a.vn/a.jpg'}\n---\n")
    project.write("tin-tuc/gan.md", "---\ntitle: T\ndate: 2024-01-01\ncategory: dan-van\nimage: {src: //a.vn/a.jpg}\n---\n")
    outside = "ảnh phải nằm trong thư mục docs/ của trang, không lấy từ trang web khác (để trang chạy được trong mạng nội bộ)."
    assert problems_of(project) == [
        ("entries/tin-tuc/anh.md", 5, "image.src", "đường dẫn ảnh không được ra ngoài thư mục docs/ (không dùng “..”).", "error"),
        ("entries/tin-tuc/anh.md", 10, "nội dung (ảnh)", "không tìm thấy tệp ảnh docs/images/khong.jpg.", "error"),
        ("entries/tin-tuc/gan.md", 5, "image.src", outside, "error"),
        ("entries/tin-tuc/hai.md", 3, "title", "trường này xuất hiện hai lần; chỉ giữ một dòng.", "error"),
        ("entries/tin-tuc/xa.md", 5, "image.src", outside, "error"),
    ]


def test_a_body_is_counted_from_its_first_line_after_the_blank_ones():
    """Found by these examples: the body's blank first lines were stripped but still counted, so
    every problem in a body (images, characters, removed markup) named the line above it."""
    source = read_source("---\ntitle: T\n---\n\n\nDòng năm.\n\n![](images/a.jpg)\n".encode(), "x.md", Kind.NEWS)
    assert (source.body_line, source.body.split("\n")[0]) == (6, "Dòng năm.")
    assert read_source(b"---\ntitle: T\n---\nNgay sau.\n", "x.md", Kind.NEWS).body_line == 4
    assert read_source(b"---\ntitle: T\n---\n\n\n", "x.md", Kind.NEWS).body_line == 4  # no body


def test_at_most_three_ids_are_suggested_and_three_records_at_one_address_name_the_other_two(project):
    for n in range(1, 5):
        project.add_unit(f"so-gd-{n}", f"Sở {n}")
    project.write("tin-tuc/a.md", "---\ntitle: T\ndate: 2024-01-01\ncategory: dan-van\nunits: [so-gd]\n---\n")
    for name in ("b", "c"):
        project.write(f"tin-tuc/{name}.md", "---\ntitle: T\ndate: 2024-01-01\ncategory: dan-van\nslug: a\n---\n")
    problems = problems_of(project)
    assert problems[0] == ("entries/tin-tuc/a.md", 5, "units.0",
                           "không có đơn vị “so-gd”. Có phải ý bạn là “so-gd-4”, “so-gd-3” hoặc “so-gd-2”?", "error")
    assert problems[1][3] == ("trùng địa chỉ /tin-tuc/a/ với entries/tin-tuc/b.md, entries/tin-tuc/c.md; "
                              "hãy đổi tên tệp hoặc đặt slug khác.")
    # The preview's own check of valid records joins the others the same way.
    entries = [entry for entry in check(Project.at(project.root)).entries if entry.kind is Kind.UNIT][:3]
    for entry in entries:
        entry.slug = "so-gd-1"
    assert as_tuples(_check_unique(entries))[0][3] == (
        "trùng địa chỉ /don-vi/so-gd-1/ với entries/don-vi/so-gd-2.md, entries/don-vi/so-gd-3.md; "
        "hãy đổi tên tệp hoặc đặt slug khác.")


def test_the_preview_suggests_a_model_by_its_title(project):
    project.add_unit()
    project.add_model()
    project.write("tin-tuc/a.md", "---\ntitle: Tin A\ndate: 2024-05-01\ncategory: dan-van\nmodels: [chuyen-doi-so]\n---\n")
    entries = entries_of(project)
    news = entries["tin-tuc/a/"]
    news.front.data["models"] = ["Dân vận khéo trong chuyển đổi số (chuyen-doi-so)"]  # as an editor types the title
    assert as_tuples(_check_references(list(entries.values()))) == [(
        "entries/tin-tuc/a.md", 5, "models.0", "không có mô hình “Dân vận khéo trong chuyển đổi số (chuyen-doi-so)”. "
        "Có phải ý bạn là “chuyen-doi-so”?", "error")]


def test_image_problems_name_the_file_under_docs(project, tmp_path):
    docs = project.root / "docs"
    (docs / "images" / "hong.jpg").write_bytes(b"khong phai anh")
    project.write("tin-tuc/a.md", "---\ntitle: T\ndate: 2024-01-01\ncategory: dan-van\nimage: {src: /images/hong.jpg}\n---\n"
                                  "\n![](/XaHoi.jpg)\n")
    broken = "tệp docs/images/hong.jpg không phải là ảnh hoặc đã hỏng; hãy xuất lại ảnh dưới dạng JPEG."
    assert problems_of(project) == [
        ("entries/tin-tuc/a.md", 5, "image.src", broken, "error"),
        ("entries/tin-tuc/a.md", 8, "nội dung (ảnh)", "không tìm thấy tệp ảnh docs/XaHoi.jpg.", "error"),
    ]
    assert check_image_path("/images/hong.jpg", docs) == broken
    assert check_image_path("images/a.svg", docs) == "không tìm thấy tệp ảnh docs/images/a.svg."


def test_a_nested_key_written_twice_is_named_with_its_parent(project):
    project.add_unit()
    project.write("khen-thuong/k.md", "---\ntitle: K\nrecipient:\n  name: A\n  name: B\n  kind: Tập thể\nform: Bằng khen\n"
                                      "authority: UBND tỉnh\nyear: 2023\n---\n")
    assert problems_of(project) == [
        ("entries/khen-thuong/k.md", 5, "recipient.name", "trường này xuất hiện hai lần; chỉ giữ một dòng.", "error")]


def test_a_field_already_reported_as_wrong_is_not_checked_again(project):
    """One mistake, one message: a value written twice, or refused by the schema, is not also
    looked up in its list or among the records it names."""
    project.add_unit()
    project.write("khen-thuong/hai-lan.md", "---\ntitle: K\nrecipient:\n  name: A\n  kind: Tập thể\n  unit: so-gd-dt\n"
                                            "  unit: khong-co\nform: Bằng khen\nauthority: UBND tỉnh\nyear: 2023\n---\n")
    project.write("khen-thuong/sai-loai.md", "---\ntitle: K\nrecipient: {name: A, kind: Đội, unit: khong-co}\nform: Bằng khen\n"
                                             "authority: UBND tỉnh\nyear: 2023\n---\n")
    project.write("tin-tuc/thieu.md", "---\ndate: 2024-01-01\ncategory: dan-van\ncategory: khong-co\n---\n")
    problems = [(path.split("/")[-1], line, field) for path, line, field, _, _ in problems_of(project)]
    assert problems == [
        ("hai-lan.md", 7, "recipient.unit"),  # written twice: the unit it names last is not looked up
        ("sai-loai.md", 3, "recipient.kind"),  # refused by the schema: its unit is not looked up
        ("thieu.md", 4, "category"),  # written twice, and the title is missing: both said, nothing more
        ("thieu.md", 1, "title"),
    ]


def test_each_list_field_is_checked_even_after_one_that_was_not(project):
    project.add_unit()
    project.write("mo-hinh/m.md", "---\ntitle: M\nunit: so-gd-dt\nmovement: Dân vận khéo\nmovement: khong-co\n"
                                  "field: khong-co\nyear: 2024\n---\n")
    assert [(line, field, message[:40]) for _, line, field, message, _ in problems_of(project)] == [
        (5, "movement", "trường này xuất hiện hai lần; chỉ giữ mộ"),
        (6, "field", "“khong-co” không có trong danh sách lĩnh"),
    ]


def test_a_list_value_is_read_as_the_schema_cleaned_it(project):
    project.add_unit()
    project.write("tin-tuc/a.md", "---\ntitle: T\ndate: 2024-01-01\ncategory: '  Dân vận '\n---\n")
    (entry,) = [e for e in check(Project.at(project.root)).entries if e.kind is Kind.NEWS]
    assert (entry.terms["category"].slug, entry.terms["category"].label) == ("dan-van", "Dân vận")
    project.write("tin-tuc/b.md", "---\ntitle: T\ndate: 2024-01-01\ncategory: '  khong-co '\n---\n")
    assert problems_of(project)[0][3].startswith("“khong-co” không có trong danh sách chuyên mục.")


def test_a_refused_character_in_the_body_names_the_file_and_line(project):
    project.write("tin-tuc/a.md", "---\ntitle: T\ndate: 2024-01-01\ncategory: dan-van\n---\n\nDòng một.\n\nChữ \u202eđảo\n")
    assert problems_of(project) == [(
        "entries/tin-tuc/a.md", 9, "nội dung", "có ký tự đảo hướng chữ (U+202E RIGHT-TO-LEFT OVERRIDE) không nhìn thấy "
        "được, có thể làm chữ hiện khác với nội dung thật; hãy gõ lại dòng này.", "error")]


def test_the_preview_checks_one_file_without_the_others(project):
    """The live preview re-reads one file and checks it alone (references are checked later)."""
    from generator.catalogue import load_catalogue
    from generator.loader import read_sources
    from generator.validate import _validate_one

    project.write("tin-tuc/a.md", "---\ntitle: T\ndate: 2024-01-01\ncategory: dan-van\nunits: [khong-co]\n---\n")
    project.write("tin-tuc/b.md", "---\ntitle: T\ndate: 2024-01-01\ncategory: dan-van\nslug: Sai Slug\n---\n")
    catalogue, _ = load_catalogue(project.root / "entries")
    sources, _ = read_sources(project.root / "entries", project.root)
    (a, problems_a), (b, problems_b) = (_validate_one(s, catalogue, project.root / "docs") for s in sources)
    assert (a.url, problems_a) == ("tin-tuc/a/", [])
    assert b is None and [(p.field, p.line) for p in problems_b] == [("slug", 5)]


def test_a_draft_may_refer_to_a_draft_however_it_writes_draft(project):
    project.add_unit()
    project.write("mo-hinh/nhap.md", "---\ntitle: Mô hình nháp\nunit: so-gd-dt\nmovement: Dân vận khéo\nyear: 2024\n"
                                     "draft: true\n---\n")
    for name, draft in (("a", "true"), ("b", "'true'"), ("c", "1")):
        project.write(f"tin-tuc/{name}.md", f"---\ntitle: Tin\ndate: 2024-05-01\ncategory: dan-van\nmodels: [nhap]\n"
                                            f"draft: {draft}\n---\n")
    assert problems_of(project) == []
    project.write("tin-tuc/d.md", "---\ntitle: Tin\ndate: 2024-05-01\ncategory: dan-van\nmodels: [nhap]\n---\n")
    assert [(p[0], p[2], p[4]) for p in problems_of(project)] == [("entries/tin-tuc/d.md", "models.0", "warning")]


def test_a_parent_unit_that_does_not_exist_is_told_with_a_suggestion(project):
    project.add_unit()
    project.write("don-vi/con.md", "---\nid: con\nname: Chi bộ\nkind: Chi bộ\nparent: so-gd\n---\n")
    assert problems_of(project) == [
        ("entries/don-vi/con.md", 5, "parent", "không có đơn vị “so-gd”. Có phải ý bạn là “so-gd-dt”?", "error")]


def test_references_of_the_wrong_type_or_in_a_broken_draft_are_the_schemas_to_tell(project):
    project.add_unit()
    project.write("mo-hinh/nhap.md", "---\ntitle: Mô hình nháp\nunit: so-gd-dt\nmovement: Dân vận khéo\nyear: 2024\n"
                                     "draft: true\n---\n")
    project.write("tin-tuc/so.md", "---\ntitle: T\ndate: 2024-01-01\ncategory: dan-van\nunits: [7, so-gd-dt]\n"
                                   "models: [khong-co]\n---\n")
    project.write("tin-tuc/nhap.md", "---\ndate: 2024-01-01\ncategory: dan-van\nmodels: [nhap]\ndraft: true\n---\n")
    assert [(p[0], p[2], p[4]) for p in problems_of(project)] == [
        ("entries/tin-tuc/nhap.md", "title", "error"),  # no title; its draft model is no news to it
        ("entries/tin-tuc/so.md", "units.0", "error"),  # a number is not an id: said once, no crash
        ("entries/tin-tuc/so.md", "models.0", "error"),  # the next field's references are still checked
    ]


def test_a_hand_written_page_at_a_records_address_is_told_even_if_the_record_is_broken(project):
    project.add_unit()
    project.write("tin-tuc/hong.md", "---\ntitle: T\ndate: 2024-01-01\ncategory: khong-co\n---\n")
    (project.root / "docs" / "tin-tuc").mkdir()
    (project.root / "docs" / "tin-tuc" / "hong.md").write_text("# Trang viết tay", "utf-8")
    problems = problems_of(project)
    assert [(p[0], p[2]) for p in problems] == [("entries/tin-tuc/hong.md", "category"), ("docs/tin-tuc/hong.md", "")]
    assert problems[1][3] == ("trang viết tay này có cùng địa chỉ /tin-tuc/hong/ với trang sinh tự động "
                              "(entries/tin-tuc/hong.md); hãy đổi tên tệp viết tay hoặc đổi slug của bài.")


def test_a_model_named_by_its_title_is_suggested_by_its_id(project):
    project.add_unit()
    project.add_model()
    project.write("tin-tuc/a.md", "---\ntitle: T\ndate: 2024-01-01\ncategory: dan-van\n"
                                  "models: [dân vận khéo trong chuyển đổi số (chuyen-doi-so)]\n---\n")
    assert problems_of(project) == [(
        "entries/tin-tuc/a.md", 5, "models.0", "không có mô hình “dân vận khéo trong chuyển đổi số (chuyen-doi-so)”. "
        "Có phải ý bạn là “chuyen-doi-so”?", "error")]


def test_validate_on_its_own_reads_what_records_exist_from_the_files(project):
    from generator.catalogue import load_catalogue
    from generator.loader import read_sources
    from generator.validate import validate

    project.add_unit()
    project.write("tin-tuc/a.md", "---\ntitle: T\ndate: 2024-01-01\ncategory: dan-van\nunits: [so-gd-dt, khong-co]\n---\n")
    sources, _ = read_sources(project.root / "entries", project.root)
    entries, problems = validate(sources, load_catalogue(project.root / "entries")[0], project.root / "docs")
    assert [entry.url for entry in entries] == ["don-vi/so-gd-dt/"]
    assert as_tuples(problems) == [("entries/tin-tuc/a.md", 5, "units.1", "không có đơn vị “khong-co”.", "error")]


def test_two_unit_files_with_one_id_are_told_on_their_id(project):
    project.add_unit()
    project.write("don-vi/ban-sao.md", "---\nid: so-gd-dt\nname: Bản sao\nkind: Đảng bộ\n---\n")
    assert [(p[0], p[1], p[2]) for p in problems_of(project)] == [
        ("entries/don-vi/ban-sao.md", 1, "id"), ("entries/don-vi/so-gd-dt.md", 1, "id")]
