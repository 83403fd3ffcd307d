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


def test_a_body_showing_a_photo_is_rendered_again_when_the_photo_changes_however_it_is_written(tmp_path):
    """The stored HTML names the photo's variants, which are named by its content: a replaced
    photo must not leave a body pointing at the old ones, Markdown image or raw <img>."""
    from dataclasses import replace

    from test_figures import OnePhoto

    for body in ("![Lễ ký](images/le-ky.jpg)", 'Mở đầu <img src="images/le-ky.jpg" alt="">'):
        photos = OnePhoto()
        bodies = StoredBodies(folder=tmp_path / "bodies", salt="mã", photos=photos)
        assert "anh/le-ky-960.jpg" in bodies.render(body, "tin-tuc/a/").html
        photos.le_ky = replace(photos.le_ky, fallback=tuple(replace(v, url=v.url.replace("le-ky", "le-ky-moi"))
                                                             for v in photos.le_ky.fallback))
        bodies = StoredBodies(folder=tmp_path / "bodies", salt="mã", photos=photos)  # the next build
        assert "anh/le-ky-moi-960.jpg" in bodies.render(body, "tin-tuc/a/").html, body
