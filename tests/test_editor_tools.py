"""Editor tools: `new`, `schema`, Vietnamese help and messages, JSON output of `check`."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from pydantic import BaseModel

from generator.catalogue import load_catalogue
from generator.cli import main
from generator.loader import Kind
from generator.newentry import EntryExists, create_entry, entry_text
from generator.schemafiles import SCHEMA_DIR, field_help, schema_files
from generator.site import Project, check
from generator.validate import SCHEMAS

from conftest import REPO

TODAY = dt.date(2026, 11, 25)


def all_field_paths(model: type[BaseModel], prefix: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
    paths = set()
    for name, info in model.model_fields.items():
        key = prefix + (info.alias or name,)
        paths.add(key)
        for arg in getattr(info.annotation, "__args__", (info.annotation,)):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                paths |= all_field_paths(arg, key)
    return paths


@pytest.mark.parametrize("kind", list(Kind))
def test_new_entry_lists_every_field_of_its_kind_with_a_vietnamese_comment(kind):
    expected = all_field_paths(SCHEMAS[kind])
    if kind is Kind.UNIT:
        expected.discard(("slug",))  # a unit's address is its id
    assert set(field_help(kind)) == expected
    text = entry_text(kind, "Mô hình “Dân vận khéo”: số 1", TODAY)
    for path in expected:
        assert re.search(rf"^\s*(# )?{re.escape(path[-1])}:.*#\s*\S", text, re.M), path


def test_new_creates_a_draft_in_the_kind_folder_with_slug_and_todays_date(project):
    created = create_entry(project.root / "entries", Kind.NEWS, "Đảng bộ Khối: học tập và làm theo Bác", TODAY)
    assert created.path == project.root / "entries" / "tin-tuc" / "dang-bo-khoi-hoc-tap-va-lam-theo-bac.md"
    text = created.path.read_text("utf-8")
    assert 'title: "Đảng bộ Khối: học tập và làm theo Bác"' in text
    assert "date: 2026-11-25" in text
    assert "draft: true" in text


def test_new_refuses_to_overwrite(project):
    create_entry(project.root / "entries", Kind.MODEL, "Quỹ cho con", TODAY)
    path = project.root / "entries" / "mo-hinh" / "quy-cho-con.md"
    path.write_text("sửa tay", "utf-8")
    with pytest.raises(EntryExists):
        create_entry(project.root / "entries", Kind.MODEL, "Quỹ cho con", TODAY)
    assert path.read_text("utf-8") == "sửa tay"


def test_a_new_file_asks_for_the_required_values_and_validates_once_filled(project):
    project.add_unit()
    created = create_entry(project.root / "entries", Kind.MODEL, "Chuyển đổi số", TODAY)
    problems = check(Project.at(project.root)).problems
    assert {(p.field, p.message) for p in problems} == {
        ("unit", "chưa điền giá trị cho trường bắt buộc này"),
        ("movement", "chưa điền giá trị cho trường bắt buộc này"),
    }
    text = created.path.read_text("utf-8")
    text = re.sub(r"^unit: ", "unit: so-gd-dt", text, flags=re.M)
    text = re.sub(r"^movement: ", "movement: dan-van-kheo", text, flags=re.M)
    created.path.write_text(text, "utf-8")
    assert check(Project.at(project.root)).problems == []


def test_new_command_prints_the_path_and_uses_vietnam_today(project, capsys):
    assert main(["--config", str(project.root / "mkdocs.yml"), "new", "don-vi", "Chi bộ Báo Quảng Trị"]) == 0
    assert capsys.readouterr().out.strip() == "entries/don-vi/chi-bo-bao-quang-tri.md"
    text = (project.root / "entries/don-vi/chi-bo-bao-quang-tri.md").read_text("utf-8")
    assert "id: chi-bo-bao-quang-tri" in text
    today = dt.datetime.now(dt.timezone(dt.timedelta(hours=7))).date()
    assert f"date: {today.isoformat()}" in text
    assert main(["--config", str(project.root / "mkdocs.yml"), "new", "don-vi", "Chi bộ Báo Quảng Trị"]) == 1
    assert "không ghi đè" in capsys.readouterr().err


def test_unknown_kind_and_bad_arguments_are_explained_in_vietnamese(project, capsys):
    assert main(["--config", str(project.root / "mkdocs.yml"), "new", "bai-viet", "X"]) == 2
    assert "Không có loại bài “bai-viet”" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["new"])
    err = capsys.readouterr().err
    assert "Cách dùng: python -m generator new" in err and "thiếu tham số" in err
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "hiện hướng dẫn này" in out and "tùy chọn" in out and "usage" not in out


def test_committed_json_schemas_are_up_to_date():
    catalogue, problems = load_catalogue(REPO / "entries")
    assert problems == []
    for name, content in schema_files(catalogue).items():
        committed = REPO / SCHEMA_DIR / name
        assert committed.is_file(), f"run `python -m generator schema` to create {committed}"
        assert committed.read_text("utf-8") == content, f"{committed} is stale: run `python -m generator schema`"


def test_json_schema_accepts_what_the_validator_accepts():
    schema = json.loads(schema_files(None)["mo-hinh.schema.json"])
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {"title", "unit", "movement", "year"}
    assert "Dân vận khéo" not in json.dumps(schema)  # no catalogue given
    period = schema["$defs"]["Period"]["properties"]["from"]
    assert period["description"].startswith("năm bắt đầu")
    with_lists = json.loads(schema_files(load_catalogue(REPO / "entries")[0])["mo-hinh.schema.json"])
    assert "dan-van-kheo" in with_lists["properties"]["movement"]["examples"]
    assert "Dân vận khéo" in with_lists["properties"]["movement"]["examples"]


def test_check_reports_as_json_for_tools(project, capsys):
    project.add_model(unit="so-gd-dt", movment="Dân vận khéo")
    assert main(["--config", str(project.root / "mkdocs.yml"), "check", "--format", "json"]) == 1
    problems = json.loads(capsys.readouterr().out)
    assert {"path": "entries/mo-hinh/chuyen-doi-so.md", "line": 6, "field": "movment",
            "message": "trường “movment” không được hỗ trợ. Có phải ý bạn là “movement”?", "severity": "error"} in problems


def test_long_builds_report_progress_and_every_build_ends_with_a_summary():
    from generator.progress import Progress, summary

    said: list[str] = []
    progress = Progress(12816, said.append, every=0.0)
    for _ in range(3):
        progress.tick()
    assert said[-1] == "Đang dựng trang: 3/12.816 (0%)"
    assert summary({Kind.NEWS: 6009, Kind.UNIT: 70}, 2, 12816, 5, 1, 63.25) == (
        "Tóm tắt: 6.009 tin tức, 70 đơn vị (không xuất bản 2 bản nháp/hẹn giờ); "
        "12.816 trang (5 trang mới/cập nhật); 1 cảnh báo; 63,2 giây."
    )
