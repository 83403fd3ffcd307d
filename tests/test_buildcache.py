"""The build cache (generator/buildcache/): an incremental build writes what a cold one writes."""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import copy_sample, github_build_cache_step, stable_digest
from generator import engine, mkdocs_plugin, parallel, site as site_module
from generator.buildcache.store import FOLDER
from generator.publish.spare import spare_folder
from generator.schema import TIME_ZONE

SCHEDULED = "entries/tin-tuc/tuong-lai-tin-hen-gio-dang.md"  # dated 2030-01-01 in the sample


REUSED = re.compile(r"Gương sáng: ([\d.]+) trang không đổi, lấy lại từ lần dựng trước")


@pytest.fixture
def workers(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    monkeypatch.setattr(parallel, "MIN_ITEMS", 1)  # the sample is small: use the workers anyway
    monkeypatch.setattr(mkdocs_plugin, "available_cores", lambda: 2)


def reused(caplog) -> int:
    """How many pages the last build took from the previous site, as it reported."""
    counts = [int(m.group(1).replace(".", "")) for r in caplog.records if (m := REUSED.search(r.getMessage()))]
    caplog.clear()
    return sum(counts)


def cold_build(src: Path, scratch: Path) -> dict[str, str]:
    """The same sources built from scratch: no cache, no previous site."""
    shutil.copytree(src, scratch, ignore=shutil.ignore_patterns("site", ".site*", "build"))
    return stable_digest(engine.build_site(scratch / "mkdocs.yml", scratch / "site"))


@pytest.fixture
def built_sample(tmp_path: Path, workers) -> tuple[Path, Path]:
    """A copy of the sample project, built once with the cache: its mkdocs.yml and its site/."""
    config = copy_sample(tmp_path / "src")
    site = config.parent / "site"
    engine.build_site(config, site)
    return config, site


def folders(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_dir()}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_a_build_after_an_edit_says_nothing_false_about_the_files_it_kept(built_sample, caplog):
    """The previous site's files are kept, not copied again (mkdocs_patch.py): MkDocs, which
    sees them marked excluded, must not tell the editor that the guide's screenshots are left
    out of the site."""
    caplog.set_level(logging.INFO)
    config, site = built_sample
    docs = config.parent / "docs"
    edit(next((config.parent / "entries" / "tin-tuc").glob("*.md")), "title: ", "title: Đã sửa — ")
    caplog.clear()
    engine.build_site(config, site)
    messages = [record.getMessage() for record in caplog.records]
    assert any(message.startswith("Gương sáng: chỉ bản ghi thay đổi: giữ") for message in messages)  # patched
    assert not [message for message in messages if "excluded from the built site" in message]
    screenshots = list((docs / "huong-dan").rglob("*.png"))
    assert len(screenshots) >= 3
    assert all((site / shot.relative_to(docs)).is_file() for shot in screenshots)


def test_an_edit_and_a_template_change_build_what_a_cold_build_builds(built_sample, tmp_path, workers, caplog):
    caplog.set_level(logging.INFO)
    config, site = built_sample
    src = config.parent
    assert (src / FOLDER / "stamp.json").is_file()

    # One record edited: its page and the pages showing it are rendered, the rest reused.
    record = next((src / "entries" / "mo-hinh").glob("*.md"))
    edit(record, "title: ", "title: Đã sửa — ")
    caplog.clear()
    incremental = stable_digest(engine.build_site(config, site))
    assert reused(caplog) > 20, "unchanged pages were rendered again"
    assert incremental == cold_build(src, tmp_path / "cold-1")
    assert "Đã sửa — " in (site / "mo-hinh" / record.stem / "index.html").read_text("utf-8")

    # A template change reaches every page: nothing rendered before is reused.
    edit(src / "theme_overrides" / "main.html", "{% extends", "{# đã sửa #}\n{% extends")
    caplog.clear()
    incremental = stable_digest(engine.build_site(config, site))
    assert reused(caplog) == 0
    assert incremental == cold_build(src, tmp_path / "cold-2")


PLANNED_AGAIN = re.compile(r"Gương sáng: chỉ lập lại ([\d.]+) trang có bản ghi đã sửa")


def planned_again(caplog) -> int | None:
    """How many record and listing pages the last build planned again; None: it planned all."""
    counts = [int(m.group(1).replace(".", "")) for r in caplog.records if (m := PLANNED_AGAIN.search(r.getMessage()))]
    return counts[0] if counts else None


def test_record_edits_plan_only_the_pages_they_touch_and_build_what_a_cold_build_builds(tmp_path, workers, caplog):
    caplog.set_level(logging.INFO)
    config = copy_sample(tmp_path / "src")
    src = config.parent
    site = src / "site"
    news = src / "entries" / "tin-tuc"
    first = news / "bieu-duong-tap-the-ca-nhan-dien-hinh-hoc-tap-va-lam-theo-bac.md"
    second = news / "doanh-nghiep-trong-khoi-uu-tien-su-dung-san-pham-dich-vu-cua-nhau.md"
    third = news / "lan-toa-mo-hinh-dan-van-kheo-trong-chuyen-doi-so-nganh-giao-duc.md"
    engine.build_site(config, site)
    pages = len(list(site.rglob("index.html")))

    def add_copy() -> None:
        text = second.read_text("utf-8").replace('title: "', 'title: "Bản thêm: ', 1)
        (news / "ban-them-mot-tin.md").write_text(text, "utf-8")

    # (what the editor does, whether the index keeps its structure: then only the pages
    # showing the edited record are planned again)
    steps = [
        ("title", lambda: edit(first, 'title: "', 'title: "Đã sửa <b>tiêu đề</b> — '), True),
        ("body", lambda: edit(second, "\n---\n", "\n---\nĐoạn mở đầu mới của bài.\n\n"), True),
        ("nothing", lambda: None, None),
        ("date", lambda: edit(first, "date: 2024-12-20 15:00", "date: 2019-01-05 08:00"), False),
        ("add", add_copy, False),
        ("delete", lambda: third.unlink(), False),
        ("draft", lambda: edit(second, "\n---\n", "\ndraft: true\n---\n"), False),
        ("title after the changes", lambda: edit(first, 'title: "', 'title: "Lần nữa: '), True),
    ]
    for step, (what, change, structure_kept) in enumerate(steps):
        change()
        caplog.clear()
        incremental = stable_digest(engine.build_site(config, site))
        again = planned_again(caplog)
        if structure_kept:
            # A body edit touches its own page only, a title edit every page showing the
            # record (listings, related blocks; "Mới nhất" on record pages is one file).
            assert again is not None and 0 < again <= (1 if what == "body" else pages / 2), f"{what}: planned {again} of {pages}"
        elif structure_kept is False:
            assert again is None, f"{what}: the index changed, every page must be planned again"
        assert incremental == cold_build(src, tmp_path / f"cold-{step}"), what


def test_a_ci_run_after_a_one_record_push_plans_only_its_page_and_builds_what_a_cold_build_builds(tmp_path, workers, caplog):
    """CI builds on a fresh clone with the workflow's caches restored (contents and times, as
    actions/cache unpacks them): that must be enough to plan again only the edited page."""
    caplog.set_level(logging.INFO)
    before = copy_sample(tmp_path / "last-run").parent
    engine.build_site(before / "mkdocs.yml", before / "site")
    checkout = copy_sample(tmp_path / "this-run").parent  # a fresh clone, elsewhere, as some runners do
    for path in github_build_cache_step()["with"]["path"].split():
        kept = before / path
        if kept.is_dir():
            shutil.copytree(kept, checkout / path, dirs_exist_ok=True)
        elif kept.is_file():
            shutil.copy2(kept, checkout / path)
    assert not (checkout / "docs" / "anh").exists()  # photo variants: linked again from .cache/images
    record = checkout / "entries" / "tin-tuc" / "doanh-nghiep-trong-khoi-uu-tien-su-dung-san-pham-dich-vu-cua-nhau.md"
    edit(record, "\n---\n", "\n---\nĐoạn mở đầu mới của bài.\n\n")
    caplog.clear()
    built = stable_digest(engine.build_site(checkout / "mkdocs.yml", checkout / "site"))
    assert planned_again(caplog) == 1
    assert reused(caplog) > 20
    assert built == cold_build(checkout, tmp_path / "cold")


def test_an_edit_writes_again_only_the_feeds_listing_the_record_and_any_feed_changed_outside(built_sample, tmp_path, workers):
    config, site = built_sample
    src = config.parent
    feeds = src / "docs" / "rss"
    edited = src / "entries" / "tin-tuc" / "bieu-duong-tap-the-ca-nhan-dien-hinh-hoc-tap-va-lam-theo-bac.md"
    before = {path: path.stat().st_mtime_ns for path in feeds.rglob("*.xml")}
    listing = {path for path in before if edited.stem in path.read_text("utf-8")}
    assert listing and len(listing) < len(before)
    tampered = next(path for path in before if path not in listing and path.name.endswith(".rss.xml"))
    tampered.write_text(tampered.read_text("utf-8").replace("<channel>", "<channel><!-- sửa tay -->"), "utf-8")
    before[tampered] = tampered.stat().st_mtime_ns

    edit(edited, 'title: "', 'title: "Đã sửa — ')
    incremental = stable_digest(engine.build_site(config, site))

    rewritten = {path for path, mtime in before.items() if path.stat().st_mtime_ns != mtime}
    assert rewritten == listing | {tampered}
    assert "Đã sửa — " in (feeds / "tin-tuc.rss.xml").read_text("utf-8")
    assert "sửa tay" not in tampered.read_text("utf-8")
    assert incremental == cold_build(src, tmp_path / "cold")


PATCHED = re.compile(r"Gương sáng: chỉ bản ghi thay đổi: giữ ([\d.]+) tệp của lần dựng trước")


def test_an_edit_to_records_only_patches_the_previous_site_and_never_writes_into_it(built_sample, tmp_path, workers, caplog):
    """Only records changed: the new site starts as hard links to the previous one's outputs of
    unchanged sources (generator/mkdocs_patch.py), and MkDocs writes the rest into new files,
    never into one the published site shares."""
    caplog.set_level(logging.INFO)
    config, site = built_sample
    src = config.parent
    edited, other = sorted((src / "entries" / "tin-tuc").glob("*.md"))[:2]
    page = site / "tin-tuc" / edited.stem / "index.html"
    witness = tmp_path / "witness.html"  # the published page's own file, whatever its name becomes
    os.link(page, witness)
    published = witness.read_bytes()
    kept = (site / "tin-tuc" / other.stem / "index.html").stat().st_ino
    edit(edited, "\n---\n", "\n---\nĐoạn mở đầu mới của bài.\n\n")
    caplog.clear()
    incremental = stable_digest(engine.build_site(config, site))
    patched = [m.group(1) for r in caplog.records if (m := PATCHED.search(r.getMessage()))]
    assert patched and int(patched[0].replace(".", "")) > 100, "the previous site was not patched"
    assert witness.read_bytes() == published
    assert "Đoạn mở đầu mới của bài." in page.read_text("utf-8")
    assert (site / "tin-tuc" / other.stem / "index.html").stat().st_ino == kept
    assert incremental == cold_build(src, tmp_path / "cold")

    # Any other input changed (here the configuration): MkDocs builds every page again.
    edit(config, "site_name: ", "site_name: Bản thử — ")
    caplog.clear()
    incremental = stable_digest(engine.build_site(config, site))
    assert not any(PATCHED.search(r.getMessage()) for r in caplog.records)
    assert incremental == cold_build(src, tmp_path / "cold-config")


def test_edit_after_edit_each_starts_from_the_site_it_replaces_and_never_writes_into_the_published_one(
        built_sample, tmp_path, workers, caplog):
    """A patched build keeps the site it replaced beside the new one (publish/spare.py); the
    next patched build starts from it instead of an empty folder, and builds the same site."""
    caplog.set_level(logging.INFO)
    config, site = built_sample
    src = config.parent
    spare = spare_folder(site)
    first, second = sorted((src / "entries" / "tin-tuc").glob("*.md"))[:2]
    edit(first, "\n---\n", "\n---\nĐoạn mở đầu thứ nhất.\n\n")
    engine.build_site(config, site)
    assert spare.is_dir(), "a patched build keeps the site it replaced"

    witnesses = []  # every published file, by a name of its own: none may change
    for number, page in enumerate(p for p in site.rglob("*") if p.is_file() and "pagefind" not in p.parts):
        os.link(page, tmp_path / f"witness-{number}")
        witnesses.append((tmp_path / f"witness-{number}", page.read_bytes()))
    edit(second, "\n---\n", "\n---\nĐoạn mở đầu thứ hai.\n\n")
    caplog.clear()
    started_from = spare.stat().st_ino
    incremental = stable_digest(engine.build_site(config, site))
    assert PATCHED.search(caplog.text), "the previous site was not patched"
    assert site.stat().st_ino == started_from, "the build did not start from the spare"
    assert all(witness.read_bytes() == published for witness, published in witnesses)
    assert "Đoạn mở đầu thứ hai." in (site / "tin-tuc" / second.stem / "index.html").read_text("utf-8")
    assert incremental == cold_build(src, tmp_path / "cold")
    assert folders(site) == folders(tmp_path / "cold" / "site")  # none left empty
    assert spare.is_dir()

    # A full build (the configuration changed) shares nothing with the site it replaces.
    edit(config, "site_name: ", "site_name: Bản thử — ")
    assert stable_digest(engine.build_site(config, site)) == cold_build(src, tmp_path / "cold-config")
    assert not spare.exists()


def test_a_page_rewritten_outside_the_cache_is_planned_again(built_sample, tmp_path, workers, caplog):
    """`mkdocs serve` and the preview write docs/ without the cache: its page plan is then not trusted."""
    caplog.set_level(logging.INFO)
    config, site = built_sample
    src = config.parent
    page = next((src / "docs" / "tin-tuc").glob("*/index.md"))
    page.write_text(page.read_text("utf-8").replace("</article>", "<p>sửa tay</p></article>", 1), "utf-8")
    edit(next((src / "entries" / "tin-tuc").glob("*.md")), 'title: "', 'title: "Sửa: ')
    caplog.clear()
    incremental = stable_digest(engine.build_site(config, site))
    assert planned_again(caplog) is None
    assert incremental == cold_build(src, tmp_path / "cold")


def test_no_change_leaves_the_site_alone_until_a_scheduled_record_is_due(built_sample, tmp_path, workers, caplog, monkeypatch):
    config, site = built_sample
    built = site.stat().st_ino
    assert engine.build_site(config, site).stat().st_ino == built  # nothing to do: no new site

    # The scheduled record's date has come: the same inputs now make a different site.
    later = dt.datetime(2030, 1, 2, tzinfo=TIME_ZONE)
    monkeypatch.setattr(engine, "now_in_vietnam", lambda: later)
    monkeypatch.setattr(site_module, "now_in_vietnam", lambda: later)
    engine.build_site(config, site)
    assert site.stat().st_ino != built
    assert (site / "tin-tuc" / Path(SCHEDULED).stem / "index.html").is_file()


def test_a_changed_or_replaced_site_is_never_reused(built_sample, tmp_path, workers, caplog):
    caplog.set_level(logging.INFO)
    config, site = built_sample
    (site / "gioi-thieu" / "index.html").write_text("hỏng", "utf-8")  # someone edited the output
    caplog.clear()
    engine.build_site(config, site)
    assert reused(caplog) == 0
    assert "hỏng" not in (site / "gioi-thieu" / "index.html").read_text("utf-8")


def test_a_replaced_photo_or_a_changed_editor_config_is_never_skipped(built_sample, tmp_path, workers, caplog):
    from PIL import Image

    caplog.set_level(logging.INFO)
    config, site = built_sample
    src = config.parent
    assert (site / "admin" / "config.yml").is_file(), "the sample's editor (/admin/) is built"

    # A photo replaced under the same name: new variants, new <picture> markup, same Markdown.
    used = "nguoi-chup-anh.jpg"
    pages_before = {p: p.read_text("utf-8") for p in site.rglob("index.html") if used[:-4] in p.read_text("utf-8")}
    assert pages_before, f"the sample shows {used}"
    Image.new("RGB", (1000, 700), (200, 30, 30)).save(src / "docs" / "images" / used, "JPEG")
    built = stable_digest(engine.build_site(config, site))
    assert built == cold_build(src, tmp_path / "cold-photo")
    assert any(page.read_text("utf-8") != before for page, before in pages_before.items())

    # The editor's settings live in mkdocs.yml (extra.cms): /admin/config.yml follows them.
    edit(config, "branch: main", "branch: xuat-ban")
    built = stable_digest(engine.build_site(config, site))
    assert "xuat-ban" in (site / "admin" / "config.yml").read_text("utf-8")
    assert built == cold_build(src, tmp_path / "cold-cms")


def _index_digest(site: Path) -> dict[str, str]:
    """The search index's stable files, every shard's (filter files are written in hash-map
    order: see UNSTABLE_OUTPUTS)."""
    import hashlib

    bundle = site / "pagefind"
    return {p.relative_to(bundle).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(bundle.rglob("*")) if p.is_file()
            and "filter" not in p.relative_to(bundle).parts and not p.name.startswith(("pagefind.", "pagefind-entry"))}


SHARDS_REUSED = re.compile(r"Gương sáng: (\d+) phần chỉ mục tìm kiếm không đổi, dùng lại")


def shards_reused(caplog) -> int:
    counts = [int(m.group(1)) for r in caplog.records if (m := SHARDS_REUSED.search(r.getMessage()))]
    caplog.clear()
    return sum(counts)


@pytest.fixture
def sharded_sample(tmp_path, workers, caplog, monkeypatch) -> tuple[Path, Path]:
    """The sample built once with its records in several search shards: mkdocs.yml, site/."""
    from generator import search_index

    monkeypatch.setattr(search_index, "SHARD_RECORDS", 5)
    caplog.set_level(logging.INFO)
    config = copy_sample(tmp_path / "src")
    engine.build_site(config, config.parent / "site")
    return config, config.parent / "site"


def test_an_edit_reindexes_only_the_search_shards_it_changed(sharded_sample, tmp_path, caplog, monkeypatch):
    import json

    from generator import search_index

    niced = []  # the output folder of each Pagefind process given a lower priority
    real_lower = search_index._lower_priority
    monkeypatch.setattr(search_index, "_lower_priority",
                        lambda process: niced.append(Path(process.args[-1]).parent.name) or real_lower(process))
    config, site = sharded_sample
    src = config.parent
    assert shards_reused(caplog) == 0
    full = 1 + len(json.loads((site / "pagefind" / "full" / "shards.json").read_text("utf-8")))
    lead = 1 + len(json.loads((site / "pagefind" / "shards.json").read_text("utf-8")))
    assert full >= 3 and lead >= 2

    # A sentence of words the site already has, added to a (short) news story: only the two
    # shards holding that story change, one of each bundle (the site's vocabulary, which every
    # shard holds, is the same).
    story = src / "entries" / "tin-tuc" / "bieu-duong-tap-the-ca-nhan-dien-hinh-hoc-tap-va-lam-theo-bac.md"
    story.write_text(story.read_text("utf-8") + "\nTin minh họa cho trang mẫu.\n", "utf-8")
    engine.build_site(config, site)
    assert shards_reused(caplog) == full + lead - 2
    assert _index_digest(site) == _index_digest(cold_index(src, tmp_path / "cold-sentence"))
    # The two run at once; the lead bundle's shard, the larger, ends the build: the full
    # bundle's yields it the CPU.
    assert niced == ["full"]
    niced.clear()

    # A word no record had: the vocabulary changes, so every shard is indexed again.
    edit(story, "Tin minh họa cho trang mẫu.\n", "Tin minh họa cho trang mẫu Xyzzyqua.\n")
    engine.build_site(config, site)
    assert shards_reused(caplog) == 0
    assert _index_digest(site) == _index_digest(cold_index(src, tmp_path / "cold-word"))
    assert niced == []  # one after another: none yields

    # Kept shards whose keeping was cut short (no stamp) are indexed again, never trusted.
    kept = sorted((src / FOLDER / "search-shards" / "full").iterdir())
    assert len(kept) == full
    for shard in kept:
        (shard / "stamp.json").unlink()
    edit(story, "Xyzzyqua.\n", "Xyzzyqua.\n\nTin minh họa.\n")
    engine.build_site(config, site)
    assert shards_reused(caplog) == lead - 1
    assert _index_digest(site) == _index_digest(cold_index(src, tmp_path / "cold-stamp"))

    # Each shard's input folder (its documents, hard-linked) is kept and brought up to date:
    # a record removed leaves every one of them, and the index is a cold build's.
    story.unlink()
    engine.build_site(config, site)
    assert _index_digest(site) == _index_digest(cold_index(src, tmp_path / "cold-removed"))
    documents = {p.relative_to(src / "build" / "search-documents").as_posix()
                 for p in (src / "build" / "search-documents").rglob("index.html")}
    inputs = [p for p in (src / "build" / "search-index-inputs" / "full").iterdir() if p.is_dir()]
    held = [p.relative_to(folder).as_posix() for folder in inputs for p in folder.rglob("index.html")
            if p.parent.name != search_index.VOCABULARY]
    assert sorted(held) == sorted(documents) and story.stem not in " ".join(held)


def test_a_site_deleted_takes_every_search_shard_from_the_cache(sharded_sample, tmp_path, caplog):
    """No document changed but the site is gone: the index is made again from the kept shards
    alone, no Pagefind process at all."""
    import json

    config, site = sharded_sample
    src = config.parent
    full = 1 + len(json.loads((site / "pagefind" / "full" / "shards.json").read_text("utf-8")))
    lead = 1 + len(json.loads((site / "pagefind" / "shards.json").read_text("utf-8")))
    caplog.clear()
    shutil.rmtree(site)
    engine.build_site(config, site)
    assert shards_reused(caplog) == full + lead
    assert _index_digest(site) == _index_digest(cold_index(src, tmp_path / "cold"))


def cold_index(src: Path, scratch: Path) -> Path:
    cold_build(src, scratch)
    return scratch / "site"


def test_a_sharded_search_index_is_a_cold_builds_or_reused_whole(sharded_sample, tmp_path, caplog):
    import json

    config, site = sharded_sample
    src = config.parent
    shards = json.loads((site / "pagefind" / "full" / "shards.json").read_text("utf-8"))
    assert len(shards) >= 2

    # A model's title changed (shown on other records' pages too): the shards it changed are
    # indexed again, and the index is the one a cold build makes.
    record = next((src / "entries" / "mo-hinh").glob("*.md"))
    edit(record, "title: ", "title: Đã sửa — ")
    engine.build_site(config, site)
    cold = cold_index(src, tmp_path / "cold-index")
    assert _index_digest(site) == _index_digest(cold)

    # Only the theme changed: the search documents did not, and the whole index is reused.
    edit(src / "theme_overrides" / "main.html", "{% extends", "{# đã sửa #}\n{% extends")
    caplog.clear()
    engine.build_site(config, site)
    assert any("dùng lại chỉ mục tìm kiếm" in r.getMessage() for r in caplog.records)
    assert json.loads((site / "pagefind" / "full" / "shards.json").read_text("utf-8")) == shards
    assert _index_digest(site) == _index_digest(cold)


def test_an_edit_reads_only_the_entry_files_it_changed(built_sample, workers, monkeypatch):
    """Entry files whose stat (size, modification time, inode) is the one the last build read
    them with are neither read nor digested again (buildcache/documents.py)."""
    config, site = built_sample
    entries = config.parent / "entries"
    for path in entries.rglob("*"):  # all older than the next scan: none racy
        if path.is_file():
            stat = path.stat()
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns - 10 * 10**9))
    engine.build_site(config, site)
    record = next((entries / "mo-hinh").glob("*.md"))
    edit(record, "title: ", "title: Đã sửa — ")
    read = []
    real = site_module.read_limited
    monkeypatch.setattr(site_module, "read_limited", lambda path, *args, **kw: read.append(path) or real(path, *args, **kw))
    engine.build_site(config, site)
    assert read == [record]
    assert "Đã sửa — " in (site / "mo-hinh" / record.stem / "index.html").read_text("utf-8")


def test_entries_kept_by_a_build_that_failed_are_never_taken_for_other_inputs(built_sample, workers, monkeypatch):
    """The validated entries are saved before the build ends (while Pagefind finishes), so a
    build that fails after that leaves them beside the stamp of the build before it: they are
    taken again only under the inputs they were validated under."""
    config, site = built_sample
    original = config.read_text("utf-8")
    config.write_text(original + "\n# a comment changes the configuration's digest\n", "utf-8")

    def publish_fails(*args, **kwargs):
        raise OSError("disk full")

    real_publish = engine.publish
    monkeypatch.setattr(engine, "publish", publish_fails)
    with pytest.raises(OSError):
        engine.build_site(config, site)
    monkeypatch.setattr(engine, "publish", real_publish)

    config.write_text(original, "utf-8")  # the inputs of the stamp in place again, and an edit
    edit(next((config.parent / "entries" / "mo-hinh").glob("*.md")), "title: ", "title: Đã sửa — ")
    validated = []
    real = site_module._validate_one
    monkeypatch.setattr(site_module, "_validate_one", lambda source, *a, **kw: validated.append(source) or real(source, *a, **kw))
    engine.build_site(config, site)
    assert len(validated) == len(list((config.parent / "entries").rglob("*.md")))


def test_an_edit_to_a_news_record_digests_only_its_own_teaser(built_sample, tmp_path, workers, monkeypatch):
    """The page plan's teaser digests of unchanged records are the last plan's (buildcache/plan.py)."""
    config, site = built_sample
    src = config.parent
    record = src / "entries" / "tin-tuc" / "bieu-duong-tap-the-ca-nhan-dien-hinh-hoc-tap-va-lam-theo-bac.md"
    digested = []
    real = site_module.combine
    monkeypatch.setattr(site_module, "combine", lambda *parts: digested.append(parts) or real(*parts))
    edit(record, 'title: "', 'title: "Đã sửa — ')
    incremental = stable_digest(engine.build_site(config, site))
    assert len(digested) == 1 and "Đã sửa — " in repr(digested[0])
    assert incremental == cold_build(src, tmp_path / "cold")

    # A unit's edit is printed beside other records' teasers: every teaser is digested again.
    digested.clear()
    edit(next((src / "entries" / "don-vi").glob("*.md")), 'name: "', 'name: "Đơn vị — ')
    engine.build_site(config, site)
    assert len(digested) > 10
