"""A corpus of 71 broken entries: each gets a clear Vietnamese message at the right file and
line, the valid entries beside them are still checked, and no traceback ever reaches editors."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO
from generator.loader import MAX_FILE_BYTES
from generator.site import Project, check

BROKEN = Path(__file__).parent / "fixtures" / "broken"
EXPECTED: dict[str, dict] = json.loads((BROKEN / "expected.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def broken_project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("broken")
    shutil.copytree(BROKEN / "entries", root / "entries")
    shutil.copy(REPO / "entries" / "danh-muc.yml", root / "entries" / "danh-muc.yml")
    (root / "docs" / "images").mkdir(parents=True)
    shutil.copy(REPO / "docs" / "images" / "le-ky-ket.svg", root / "docs" / "images")
    (root / "entries" / "mo-hinh" / "huge.md").write_bytes(b"---\ntitle: x\n---\n" + b"a" * MAX_FILE_BYTES)
    return root


@pytest.fixture(scope="module")
def problems(broken_project):
    found: dict[str, list] = {}
    for problem in check(Project.at(broken_project), render_bodies=True).problems:
        found.setdefault(problem.path, []).append(problem)
    return found


def test_the_corpus_is_large_enough():
    assert len(EXPECTED) >= 50


@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_each_broken_entry_gets_its_message_at_its_line(problems, path):
    expected = EXPECTED[path]
    found = problems.get(path, [])
    assert any(p.line == expected["line"] and expected["says"] in p.message for p in found), (
        f"{path}: expected line {expected['line']} saying {expected['says']!r}, got {[str(p) for p in found]}"
    )


def test_a_huge_file_is_refused_without_reading_it_as_yaml(problems):
    assert [p.message.split(" (")[0] for p in problems["entries/mo-hinh/huge.md"]] == ["“huge.md” quá lớn"]


def test_valid_entries_beside_broken_ones_are_still_checked_and_pass(broken_project, problems):
    checked = check(Project.at(broken_project))
    valid = {e.path for e in checked.entries}
    assert {"entries/don-vi/don-vi-a.md", "entries/mo-hinh/hop-le.md", "entries/tin-tuc/hop-le.md"} <= valid
    for path in ("entries/don-vi/don-vi-a.md", "entries/mo-hinh/hop-le.md", "entries/tin-tuc/hop-le.md"):
        assert path not in problems


def test_no_file_outside_the_corpus_is_blamed(problems):
    assert set(problems) - set(EXPECTED) == {"entries/mo-hinh/huge.md"}


def test_the_command_line_reports_everything_without_a_traceback(broken_project):
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--config", str(broken_project / "mkdocs.yml"), "check"],
        capture_output=True, text=True, cwd=REPO,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    for path in EXPECTED:
        assert f"{path}:{EXPECTED[path]['line']}:" in result.stdout
    assert result.stdout.rstrip().endswith("chưa xuất bản gì.")
    lines = [line for line in result.stdout.splitlines() if line.startswith("entries/")]
    assert all(line.endswith(("[lỗi]", "[cảnh báo]")) for line in lines)
