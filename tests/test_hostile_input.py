"""Hostile and broken input (issue 9): nothing hangs, nothing outside the repository is
published, and `check` reports at once everything the build would reject.

What git cannot store (FIFOs, symlinks, directories named `x.md`) is made here; the rest of
the reproductions are in the broken-entry corpus (tests/fixtures/broken).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import NOW, REPO
from generator.index import build_index
from generator.newentry import create_entry
from generator.loader import Kind
from generator.opendata import data_files
from generator.problems import ValidationFailed, errors
from generator.schema import parse_moment
from generator.site import Project, check, generate
from generator.siteinfo import SiteInfo

BOMB = (REPO / "tests/fixtures/broken/entries/mo-hinh/yaml-alias-bomb.md").read_bytes()


def run_check(root: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "--config", str(root / "mkdocs.yml"), "check", *args],
                          capture_output=True, text=True, cwd=REPO, timeout=timeout)


def messages(project, path: str) -> list[str]:
    return [p.message for p in check(Project.at(project.root)).problems if p.path == path]


def test_an_alias_bomb_is_refused_in_well_under_a_second(project):
    project.add_unit()
    project.write("mo-hinh/bomb.md", BOMB)
    started = time.perf_counter()
    found = messages(project, "entries/mo-hinh/bomb.md")
    assert time.perf_counter() - started < 1.0  # it used to run past 120 s and 9 GB
    assert len(found) == 1 and "tham chiếu YAML" in found[0]


def test_the_same_limits_guard_the_configured_lists_and_the_glossary(project):
    project.write("viet-tat.yml", BOMB.split(b"---\n")[1])
    found = [p for p in check(Project.at(project.root)).problems if p.path.endswith("viet-tat.yml")]
    assert len(found) == 1 and "tham chiếu YAML" in found[0].message


def test_a_few_aliases_are_still_fine(project):
    project.add_unit()
    project.add_model(tags="&t [a, b]\nsummary: Tóm tắt")
    assert errors(check(Project.at(project.root)).problems) == []


def test_what_is_not_a_regular_file_is_refused_beside_every_other_problem(project):
    project.add_unit()
    project.add_model(year="hai nghìn")  # an ordinary mistake that must still be reported
    folder = project.root / "entries" / "mo-hinh"
    os.mkfifo(folder / "ong.md")
    (folder / "thu-muc.md").mkdir()
    (folder / "hong.md").symlink_to("khong-co.md")
    started = time.perf_counter()
    result = run_check(project.root, "--format", "json", timeout=30)  # a FIFO used to hang here
    assert time.perf_counter() - started < 30
    assert result.returncode == 1 and "Traceback" not in result.stderr
    found = {p["path"]: p for p in json.loads(result.stdout)}
    assert "FIFO" in found["entries/mo-hinh/ong.md"]["message"]
    assert "thư mục" in found["entries/mo-hinh/thu-muc.md"]["message"]
    assert "liên kết tượng trưng hỏng" in found["entries/mo-hinh/hong.md"]["message"]
    assert found["entries/mo-hinh/chuyen-doi-so.md"]["field"] == "year"
    assert all(p["line"] >= 1 and p["severity"] == "error" for p in found.values())
    assert "Errno" not in result.stdout


def test_an_entry_linked_from_outside_the_project_is_refused(project, tmp_path):
    project.add_unit()
    outside = tmp_path / "ngoai.md"
    outside.write_text("---\ntitle: Mô hình ngoài\nunit: so-gd-dt\nmovement: Dân vận khéo\nyear: 2024\n---\nx\n", "utf-8")
    (project.root / "entries" / "mo-hinh").mkdir()
    (project.root / "entries" / "mo-hinh" / "ngoai.md").symlink_to(outside)
    (project.root / "entries" / "mo-hinh" / "trong.md").symlink_to(project.root / "entries" / "don-vi" / "so-gd-dt.md")
    checked = check(Project.at(project.root))
    assert "ra ngoài thư mục dự án" in messages(project, "entries/mo-hinh/ngoai.md")[0]
    assert "ngoai" not in {e.slug for e in checked.entries}


def test_a_docs_file_linked_outside_the_project_is_refused_by_check_and_build(project):
    project.add_unit()
    (project.root / "docs" / "mat-khau.txt").symlink_to("/etc/passwd")
    (project.root / "hinh").mkdir()
    (project.root / "hinh" / "a.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", "utf-8")
    (project.root / "docs" / "images" / "trong-du-an.svg").symlink_to(project.root / "hinh" / "a.svg")
    (project.root / "docs" / "thu-muc-ngoai").symlink_to(REPO / "docs" / "images", target_is_directory=True)
    problems = check(Project.at(project.root)).problems
    assert {p.path for p in problems} == {"docs/mat-khau.txt", "docs/thu-muc-ngoai"}  # links inside are fine
    assert all("ra ngoài thư mục dự án" in p.message for p in problems)
    with pytest.raises(ValidationFailed):
        generate(Project.at(project.root))
    assert not (project.root / "docs" / "don-vi").exists()  # nothing written


def test_one_file_with_three_mistakes_gets_all_three_in_one_run(project):
    project.add_unit()
    project.add_unit("so-gd-dt-2", "Đảng ủy Sở Giáo dục 2")
    project.add_model(unit="so-gd-dtt", movement="Dân vận khé", year="99999")
    found = {p.field: p for p in errors(check(Project.at(project.root)).problems)}
    assert set(found) == {"year", "movement", "unit"}
    assert "2100" in found["year"].message
    assert "“Dân vận khéo”" in found["movement"].message
    assert "“so-gd-dt”" in found["unit"].message and "“so-gd-dt-2”" in found["unit"].message  # closest ids


def test_a_unit_written_by_name_suggests_its_id(project):
    project.add_unit()
    project.add_model(unit="Đảng ủy Sở Giáo dục và Đào tạo")
    (problem,) = errors(check(Project.at(project.root)).problems)
    assert "Có phải ý bạn là “so-gd-dt”" in problem.message


def test_a_reference_to_a_record_with_its_own_mistake_is_not_blamed_twice(project):
    project.write("don-vi/so-gd-dt.md", "---\nid: so-gd-dt\nname: Sở\nwebsite: javascript:alert(1)\n---\n")
    project.add_model()
    found = errors(check(Project.at(project.root)).problems)
    assert [(p.path, p.field) for p in found] == [("entries/don-vi/so-gd-dt.md", "website")]


def test_a_hand_written_page_at_a_generated_address_is_reported_by_check(project):
    project.add_unit()
    project.add_model()
    (project.root / "docs" / "mo-hinh").mkdir()
    (project.root / "docs" / "mo-hinh" / "chuyen-doi-so.md").write_text("# Viết tay\n", "utf-8")
    (project.root / "docs" / "don-vi" / "so-gd-dt").mkdir(parents=True)
    (project.root / "docs" / "don-vi" / "so-gd-dt" / "index.md").write_text("# Viết tay\n", "utf-8")
    (project.root / "docs" / "gioi-thieu.md").write_text("# Giới thiệu\n", "utf-8")
    found = {p.path: p.message for p in errors(check(Project.at(project.root)).problems)}
    assert set(found) == {"docs/mo-hinh/chuyen-doi-so.md", "docs/don-vi/so-gd-dt/index.md"}
    assert "entries/mo-hinh/chuyen-doi-so.md" in found["docs/mo-hinh/chuyen-doi-so.md"]


def test_zero_width_characters_are_stripped_with_a_warning(project):
    project.add_unit()
    project.add_model(title="Dân\u200b vận\u2060 khéo")
    checked = check(Project.at(project.root))
    (warning,) = checked.problems
    assert warning.severity == "warning" and warning.field == "title" and "U+200B" in warning.message
    model = next(e for e in checked.entries if e.kind is Kind.MODEL)
    assert model.title == "Dân vận khéo"


def test_dates_before_1911_get_a_whole_minute_offset():
    # The tz database gives Vietnam +07:06:30 before 1911, which ISO 8601 readers reject.
    assert parse_moment("1905-03-01 08:00").isoformat() == "1905-03-01T08:00:00+07:00"
    assert parse_moment("2024-03-01 08:00").isoformat() == "2024-03-01T08:00:00+07:00"
    with pytest.raises(ValueError, match="1900"):
        parse_moment("1899-12-31")


def test_a_draft_unit_never_reaches_open_data(project):
    project.write("don-vi/nhap.md", "---\nid: don-vi-nhap\nname: Đơn vị nháp\ndraft: true\n---\n")
    project.add_model(unit="don-vi-nhap")
    project.write("khen-thuong/k.md", "---\ntitle: Khen\nrecipient:\n  name: A\n  kind: tập thể\n  unit: don-vi-nhap\n"
                  "form: Bằng khen\nauthority: Tỉnh ủy\nyear: 2024\n---\n")
    checked = check(Project.at(project.root))
    assert [(p.severity, p.field) for p in sorted(checked.problems)] == [("warning", "recipient.unit"), ("warning", "unit")]
    index = build_index(checked.entries, NOW)
    assert [e.slug for e in index.by_kind[Kind.MODEL]] == ["chuyen-doi-so"]
    for output in data_files(index, SiteInfo()):
        assert b"don-vi-nhap" not in output.data, output.path


def test_new_refuses_a_title_whose_slug_is_reserved(project):
    with pytest.raises(ValueError, match="dành riêng"):
        create_entry(project.root / "entries", Kind.MODEL, "Năm", dt.date(2024, 5, 19))
    assert not (project.root / "entries" / "mo-hinh" / "nam.md").exists()


def test_an_empty_abbreviation_is_left_out_with_a_warning(project):
    project.write("viet-tat.yml", '"": rỗng\nCCVC: công chức, viên chức\nBTV: ""\n')
    checked = check(Project.at(project.root))
    assert sorted((p.line, p.severity) for p in checked.problems) == [(1, "warning"), (3, "warning")]
    assert checked.glossary.terms == {"CCVC": "công chức, viên chức"}


def test_a_duplicate_slug_in_one_configured_list_is_an_error(project):
    catalogue = project.root / "entries" / "danh-muc.yml"
    text = catalogue.read_text("utf-8")
    line = '  - {slug: dan-van-kheo, label: "Dân vận khéo"}\n'
    catalogue.write_text(text.replace(line, line + line.replace("khéo", "khéo léo")), "utf-8")
    found = errors(check(Project.at(project.root)).problems)
    assert len(found) == 1 and "“dan-van-kheo” đã có ở mục thứ 2" in found[0].message
    assert (found[0].line, found[0].field) == (text[: text.index(line)].count("\n") + 2, "movements.2.slug")


def test_a_duplicate_address_is_reported_even_beside_other_mistakes(project):
    project.add_unit()
    project.write("mo-hinh/a.md", "---\ntitle: A\nunit: so-gd-dt\nmovement: Dân vận khéo\nyear: 2024\nslug: trung\n---\n")
    project.write("mo-hinh/b.md", "---\ntitle: B\nunit: so-gd-dt\nmovement: Dân vận khéo\nyear: 99999\nslug: trung\n---\n")
    found = sorted((p.path, p.field) for p in errors(check(Project.at(project.root)).problems))
    assert found == [("entries/mo-hinh/a.md", "slug"), ("entries/mo-hinh/b.md", "slug"), ("entries/mo-hinh/b.md", "year")]


# MkDocs copies docs/ and the theme's custom_dir into the site, following links.
@pytest.mark.parametrize("folder", ["docs", "theme_overrides/assets"])
def test_the_build_refuses_a_link_to_etc_passwd_and_keeps_the_old_site(tmp_path, folder):
    from conftest import copy_sample

    config = copy_sample(tmp_path / "src")
    site = tmp_path / "src" / "site"
    site.mkdir()
    (site / "index.html").write_text("trang cũ", "utf-8")
    (tmp_path / "src" / folder / "mat-khau.txt").symlink_to("/etc/passwd")
    result = subprocess.run([sys.executable, "-m", "generator", "--config", str(config), "build"],
                            capture_output=True, text=True, cwd=tmp_path, timeout=600)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{folder}/mat-khau.txt:1: “mat-khau.txt” là liên kết tượng trưng trỏ ra ngoài thư mục dự án" in result.stderr
    assert [p.name for p in site.iterdir()] == ["index.html"]


def test_theme_files_linked_outside_the_project_are_refused_hidden_ones_too(project):
    theme = project.root / "giao-dien"
    (theme / "partials").mkdir(parents=True)
    (theme / "main.html").write_text("{% extends 'base.html' %}", "utf-8")
    (theme / ".an").mkdir()  # hidden: MkDocs does not copy it, but a template may include it
    (theme / ".an" / "shadow.html").symlink_to("/etc/shadow")
    (theme / "partials" / "trong.html").symlink_to(theme / "main.html")  # inside: fine
    (theme / "partials" / "ngoai").symlink_to("/etc", target_is_directory=True)
    found = {p.path: p.message for p in check(Project.at(project.root, theme_dirs=("giao-dien",))).problems}
    assert set(found) == {"giao-dien/.an/shadow.html", "giao-dien/partials/ngoai"}
    assert all("ra ngoài thư mục dự án" in message for message in found.values())


def test_check_reads_the_folders_mkdocs_yml_names(tmp_path):
    # docs_dir and theme.custom_dir are where mkdocs.yml says, not always docs/ and theme_overrides/.
    from conftest import copy_sample

    config = copy_sample(tmp_path / "src")
    root = config.parent
    (root / "docs").rename(root / "trang")
    (root / "theme_overrides").rename(root / "giao-dien")
    config.write_text(config.read_text("utf-8").replace("docs_dir: docs", "docs_dir: trang")
                      .replace("custom_dir: theme_overrides", "custom_dir: giao-dien"), "utf-8")
    (root / "trang" / "a.txt").symlink_to("/etc/passwd")
    (root / "giao-dien" / "b.txt").symlink_to("/etc/passwd")
    result = run_check(root, "--format", "json")
    assert {p["path"] for p in json.loads(result.stdout)} == {"trang/a.txt", "giao-dien/b.txt"}


def test_a_photo_linked_from_outside_the_project_is_refused(project, tmp_path):
    # Photos come from docs/images/ (the web editor's media_folder): the same walk covers them.
    from PIL import Image

    Image.new("RGB", (800, 600), "red").save(tmp_path / "ngoai.jpg")
    (project.root / "docs" / "images" / "anh.jpg").symlink_to(tmp_path / "ngoai.jpg")
    project.add_unit()
    project.add_model(image="\n  src: images/anh.jpg\n  alt: Ảnh")
    found = {p.path: p.message for p in errors(check(Project.at(project.root)).problems)}
    assert "ra ngoài thư mục dự án" in found["docs/images/anh.jpg"]


def test_control_and_bidi_characters_in_a_body_are_refused_at_their_line(project):
    project.add_unit()
    project.add_model()
    path = project.root / "entries" / "mo-hinh" / "chuyen-doi-so.md"
    fine = "Có\ttab, emoji 👨\u200d👩\u200d👧, gạch &#150; và &amp;#x202E; đều được.\n"
    path.write_text(path.read_text("utf-8") + fine + "\nDòng \x01 một.\n\nDòng \u202e hai.\n\nDòng &#8238; ba.\n", "utf-8")
    found = [(p.line, p.field, p.message.split(" (")[0]) for p in check(Project.at(project.root)).problems]
    assert found == [(10, "nội dung", "có ký tự điều khiển"), (12, "nội dung", "có ký tự đảo hướng chữ"),
                     (14, "nội dung", "có mã “&#8238;”, tức ký tự đảo hướng chữ")]


def test_left_to_right_formatting_pasted_into_a_body_is_stripped_with_a_warning(project):
    # As in the corpus' Wikipedia text: it changes nothing a reader of Vietnamese sees.
    project.add_unit()
    project.add_model(title="Nhà vô địch \u202aProject Runway\u202c")
    path = project.root / "entries" / "mo-hinh" / "chuyen-doi-so.md"
    path.write_text(path.read_text("utf-8") + "\nNhà vô địch \u2066Project Runway\u2069 mùa 3.\n", "utf-8")
    checked = check(Project.at(project.root))
    assert [(p.line, p.field, p.severity) for p in checked.problems] == [(2, "title", "warning"), (9, "nội dung", "warning")]
    model = next(e for e in checked.entries if e.kind is Kind.MODEL)
    assert model.title == "Nhà vô địch Project Runway" and model.body.endswith("Nhà vô địch Project Runway mùa 3.")


def test_a_link_to_a_hidden_file_of_the_project_is_refused(project):
    # In CI, .git/config holds the checkout's access token (actions/checkout persists it): a
    # link to it "inside the project" would publish it with the site.
    (project.root / ".git").mkdir()
    (project.root / ".git" / "config").write_text("[http]\n\textraheader = AUTHORIZATION: basic bi-mat\n", "utf-8")
    (project.root / ".env").write_text("MAT_KHAU=bi-mat\n", "utf-8")
    (project.root / "docs" / "cau-hinh.txt").symlink_to("../.git/config")
    (project.root / "docs" / "images" / "moi-truong.txt").symlink_to(project.root / ".env")
    (project.root / "docs" / "kho").symlink_to(project.root / ".git", target_is_directory=True)
    found = {p.path: p.message for p in check(Project.at(project.root)).problems}
    assert set(found) == {"docs/cau-hinh.txt", "docs/images/moi-truong.txt", "docs/kho"}
    assert all("tệp ẩn" in message for message in found.values())
