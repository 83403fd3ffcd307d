"""Rendered bodies kept between builds (generator/buildcache/bodies.py)."""

from __future__ import annotations

from pathlib import Path

from generator.buildcache.bodies import StoredBodies


def stored(folder: Path) -> int:
    return sum(1 for path in folder.rglob("*") if path.is_file())


def test_stale_bodies_are_swept_once_they_add_up_and_the_bodies_in_use_stay(tmp_path):
    bodies = StoredBodies(folder=tmp_path / "bodies", salt="mã")
    records = [(f"Bài số {n}: **Dân vận khéo**.", f"tin-tuc/bai-{n}/") for n in range(40)]
    for body, url in records:
        bodies.render(body, url)
    bodies.render("Bản cũ của bài 0.", "tin-tuc/bai-0/")  # an edit leaves the old body behind
    assert stored(tmp_path / "bodies") == 41

    bodies.keep_only(records)  # 1 stale body of 40: not worth computing 40 keys
    assert stored(tmp_path / "bodies") == 41

    bodies.keep_only(records[:30])  # 10 records deleted: 11 stale
    assert stored(tmp_path / "bodies") == 30
    for body, url in records[:30]:  # the bodies in use are still there: read back, none added
        assert "<strong>Dân vận khéo</strong>" in bodies.render(body, url).html
    assert stored(tmp_path / "bodies") == 30
