"""Publishing a staged site (generator/publish/swap.py) on file systems with and without an
atomic exchange, used on its own. Whole builds are in test_engine_swap.py and test_atomic_build.py."""

from __future__ import annotations

import ctypes
import errno
import stat
import sys

import pytest

from generator.publish import publish, remove_leftovers, staging_folder
from generator.publish import swap


def site_with(folder, text: str):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(text, "utf-8")
    return folder


def failing_renameat2(code: int):
    """renameat2 as the C library reports a failure: -1, and the error in errno."""
    def renameat2(*args) -> int:
        ctypes.set_errno(code)
        return -1
    return renameat2


def test_a_staging_folder_is_a_fresh_hidden_sibling_of_the_site(tmp_path):
    target = tmp_path / "du-an" / "ban-dung" / "site"  # folders made as needed
    first, second = staging_folder(target), staging_folder(target)
    assert first != second and first.parent == second.parent == target.parent
    assert first.name.startswith(".site-") and list(first.iterdir()) == []


def test_the_first_site_is_moved_into_place_readable_by_a_web_server(tmp_path):
    target = tmp_path / "site"
    staging = site_with(staging_folder(target), "mới")
    publish(staging, target)
    assert (target / "index.html").read_text("utf-8") == "mới" and not staging.exists()
    assert stat.S_IMODE(target.stat().st_mode) == 0o755


@pytest.mark.parametrize("code", [None, errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP],
                         ids=["no renameat2", "EINVAL", "ENOSYS", "EOPNOTSUPP"])
def test_without_an_atomic_exchange_the_old_site_is_renamed_away_first(tmp_path, monkeypatch, code):
    monkeypatch.setattr(swap, "_renameat2", lambda: None if code is None else failing_renameat2(code))
    removed = []
    monkeypatch.setattr(swap, "remove_in_background", removed.append)
    target = site_with(tmp_path / "site", "cũ")
    publish(site_with(staging_folder(target), "mới"), target)
    assert (target / "index.html").read_text("utf-8") == "mới"
    (old,) = removed
    assert old.name.startswith(".site-old-") and (old / "site" / "index.html").read_text("utf-8") == "cũ"


def test_any_other_failure_of_the_exchange_stops_the_build_and_keeps_the_old_site(tmp_path, monkeypatch):
    monkeypatch.setattr(swap, "_renameat2", lambda: failing_renameat2(errno.EACCES))
    target = site_with(tmp_path / "site", "cũ")
    staging = site_with(staging_folder(target), "mới")
    with pytest.raises(PermissionError) as failure:
        publish(staging, target)
    assert failure.value.errno == errno.EACCES and failure.value.filename == str(target)
    assert failure.value.strerror == "Permission denied"  # the system's words, for the log
    assert (target / "index.html").read_text("utf-8") == "cũ"


def test_the_exchange_is_used_only_on_linux(monkeypatch):
    swap._renameat2.cache_clear()
    monkeypatch.setattr(sys, "platform", "darwin")
    try:
        assert swap._renameat2() is None
    finally:
        swap._renameat2.cache_clear()
    if sys.platform.startswith("linux"):
        assert swap._renameat2() is not None  # glibc 2.28+ has it


def test_leftovers_are_swept_but_not_files_links_or_other_folders(tmp_path):
    target = tmp_path / "site"
    site_with(target, "đang xuất bản")
    for name in (".site-abc", ".site-old-def"):
        site_with(tmp_path / name, "bỏ dở")
    (tmp_path / ".site-tep").write_text("một tệp", "utf-8")
    (tmp_path / "giu-lai").mkdir()
    (tmp_path / ".site-lienket").symlink_to(tmp_path / "giu-lai", target_is_directory=True)
    (tmp_path / ".khac-abc").mkdir()
    remove_leftovers(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".khac-abc", ".site-lienket", ".site-tep", "giu-lai", "site"]
