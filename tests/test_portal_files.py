"""The portal's files (open data, sitemap, robots.txt) planned from the sample by the core alone,
without the engine: exact values, so that a wrong column, date or URL shows. The built site's
copies are checked in test_portal.py."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from urllib.parse import urlsplit
import xml.etree.ElementTree as ET

import pytest

from conftest import NOW, plan_sample_portal, shared_scope
from generator.index import build_index
from generator.loader import Kind
from generator.opendata import DATASETS
from generator.outputs import OutputFile
from generator.pages import Page
from generator.portal import Portal
from generator.site import Project, check, make_planner
from generator.social import modified_at

SITE = "https://guong-sang.example.vn/tinh/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope=shared_scope)
def planned():
    index, items = plan_sample_portal(SITE)
    files = {item.path: item.data for item in items if isinstance(item, OutputFile)}
    pages = [item for item in items if isinstance(item, Page)]
    return index, files, pages


def rows(files, name):
    return json.loads(files[f"du-lieu/{name}.json"])


# Open data --------------------------------------------------------------------------------------


def test_each_dataset_holds_exactly_the_published_records_of_its_kind_in_site_order(planned):
    index, files, _ = planned
    for dataset in DATASETS:
        key = dataset.columns[0].name
        assert [row[key] for row in rows(files, dataset.name)] == [e.slug for e in index.by_kind[dataset.kind]]
        assert all(row["url"] == SITE + f"{dataset.kind.value}/{row[key]}/" for row in rows(files, dataset.name))
    text = b"".join(data for path, data in files.items() if path.startswith("du-lieu/")).decode("utf-8-sig")
    assert "nhap-dien-dan" not in text and "tuong-lai-tin-hen-gio" not in text


def test_a_model_row_has_every_column_right(planned):
    _, files, _ = planned
    row = next(r for r in rows(files, "mo-hinh") if r["slug"] == "chi-so-hanh-phuc-petrolimex-quang-tri")
    assert row == {
        "slug": "chi-so-hanh-phuc-petrolimex-quang-tri",
        "url": SITE + "mo-hinh/chi-so-hanh-phuc-petrolimex-quang-tri/",
        "title": "Chỉ số hạnh phúc",
        "unit_id": "dang-bo-cong-ty-xang-dau-quang-tri",
        "unit_name": "Đảng bộ Công ty Xăng dầu Quảng Trị",
        "movement": "Văn hóa doanh nghiệp",
        "field": "Sản xuất, kinh doanh",
        "year": 2024,
        "period_from": None,
        "period_to": None,
        "status": "đang thực hiện",
        "summary": "Đảng bộ Công ty Xăng dầu Quảng Trị thực hiện tốt phong trào văn hóa doanh nghiệp, xác định "
        "“Chỉ số hạnh phúc” chính là chìa khóa thành công của Petrolimex Quảng Trị.",
        "results": [],
        "date": None,
        "tags": ["văn hóa doanh nghiệp", "Petrolimex Quảng Trị"],
    }


def small_site_rows(project, name):
    checked = check(Project.at(project.root, "Thử", SITE))
    assert checked.ok, checked.problems
    index = build_index(checked.entries, NOW)
    files = {f.path: f.data for f in Portal(make_planner(Project.at(project.root, "Thử", SITE), index)).plan()
             if isinstance(f, OutputFile)}
    return rows(files, name)


def test_dates_periods_lists_and_links_are_exported_as_written(project):
    project.add_unit()
    project.write(
        "don-vi/con.md",
        "---\nid: con\nname: Chi bộ Con\nkind: Chi bộ\nparent: so-gd-dt\nwebsite: https://con.example.vn/\n"
        "description: Chi bộ trực thuộc.\n---\n",
    )
    project.add_model(date="2024-03-05 08:30", period="{from: 2021, to: 2023-06-30}", results="[Một, Hai]")
    assert small_site_rows(project, "mo-hinh") == [{
        "slug": "chuyen-doi-so", "url": SITE + "mo-hinh/chuyen-doi-so/",
        "title": "Dân vận khéo trong chuyển đổi số (chuyen-doi-so)",
        "unit_id": "so-gd-dt", "unit_name": "Đảng ủy Sở Giáo dục và Đào tạo",
        "movement": "Dân vận khéo", "field": None, "year": 2024,
        "period_from": "2021", "period_to": "2023-06-30", "status": None, "summary": None,
        "results": ["Một", "Hai"], "date": "2024-03-05", "tags": [],
    }]
    units = {row["id"]: row for row in small_site_rows(project, "don-vi")}
    assert units["con"] | {"models": 0} == {
        "id": "con", "url": SITE + "don-vi/con/", "name": "Chi bộ Con", "short_name": None, "kind": "Chi bộ",
        "parent_id": "so-gd-dt", "website": "https://con.example.vn/", "description": "Chi bộ trực thuộc.",
        "models": 0, "commendations": 0, "news": 0,
    }
    assert units["so-gd-dt"]["models"] == 1 and units["so-gd-dt"]["parent_id"] is None


def test_a_parent_or_model_that_is_not_published_is_not_exported(project):
    project.write("don-vi/me.md", "---\nid: me\nname: Đảng bộ Mẹ\nkind: Đảng bộ\ndraft: true\n---\n")
    project.write("don-vi/con.md", "---\nid: con\nname: Chi bộ Con\nkind: Chi bộ\nparent: me\n---\n")
    project.add_model(unit="con")
    project.add_model("sau", unit="con", date="2027-01-01")
    project.write(
        "khen-thuong/bk.md",
        "---\ntitle: Bằng khen\nrecipient: {name: Nguyễn Văn A, kind: Cá nhân, position: Bí thư, unit: con}\n"
        "form: Bằng khen\nauthority: UBND tỉnh\nyear: 2024\nmodels: [chuyen-doi-so, sau]\n---\n",
    )
    (unit,) = small_site_rows(project, "don-vi")
    assert unit["parent_id"] is None
    (commendation,) = small_site_rows(project, "khen-thuong")
    assert commendation["models"] == ["chuyen-doi-so"]
    assert (commendation["recipient_kind"], commendation["recipient_position"]) == ("cá nhân", "Bí thư")
    assert (commendation["decision_number"], commendation["decision_date"]) == (None, None)


def test_a_commendation_row_has_every_column_right(planned):
    _, files, _ = planned
    row = next(r for r in rows(files, "khen-thuong") if r["slug"] == "bieu-duong-trung-uong-dang-bo-cong-ty-xang-dau-quang-tri")
    assert row == {
        "slug": "bieu-duong-trung-uong-dang-bo-cong-ty-xang-dau-quang-tri",
        "url": SITE + "khen-thuong/bieu-duong-trung-uong-dang-bo-cong-ty-xang-dau-quang-tri/",
        "title": "Biểu dương cấp Trung ương cho Đảng bộ Công ty Xăng dầu Quảng Trị",
        "recipient_name": "Đảng bộ Công ty Xăng dầu Quảng Trị",
        "recipient_kind": "tập thể",
        "recipient_position": None,
        "unit_id": "dang-bo-cong-ty-xang-dau-quang-tri",
        "unit_name": "Đảng bộ Công ty Xăng dầu Quảng Trị",
        "form": "Biểu dương",
        "authority": "Trung ương",
        "decision_number": "456-QĐ/BTGTW",
        "decision_date": "2024-09-20",
        "year": 2024,
        "reason": "Điển hình trong gắn học tập và làm theo Bác với phong trào văn hóa doanh nghiệp, "
        "“Chỉ số hạnh phúc” (nội dung minh họa).",
        "models": ["chi-so-hanh-phuc-petrolimex-quang-tri"],
        "tags": ["văn hóa doanh nghiệp", "Petrolimex Quảng Trị"],
    }
    people = [r for r in rows(files, "khen-thuong") if r["recipient_kind"] == "cá nhân"]
    assert people and all(r["recipient_position"] for r in people)


def test_a_unit_row_has_every_column_right_and_counts_its_published_records(planned):
    index, files, _ = planned
    row = next(r for r in rows(files, "don-vi") if r["id"] == "chi-bo-bao-quang-tri")
    assert row == {
        "id": "chi-bo-bao-quang-tri",
        "url": SITE + "don-vi/chi-bo-bao-quang-tri/",
        "name": "Chi bộ Báo Quảng Trị",
        "short_name": "Báo Quảng Trị",
        "kind": "Chi bộ",
        "parent_id": "dang-uy-khoi-cqdn",
        "website": None,
        "description": None,
        "models": 1,
        "commendations": 1,
        "news": 2,
    }
    for row in rows(files, "don-vi"):
        for kind, column in ((Kind.MODEL, "models"), (Kind.COMMENDATION, "commendations"), (Kind.NEWS, "news")):
            assert row[column] == len(index.group(kind, "unit", row["id"]))


def test_csv_is_the_json_with_a_bom_crlf_and_joined_lists(planned):
    _, files, _ = planned
    for dataset in DATASETS:
        raw = files[f"du-lieu/{dataset.name}.csv"]
        assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
        table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
        names = [column.name for column in dataset.columns]
        assert table[0] == names
        expected = [
            ["" if v is None else "; ".join(v) if isinstance(v, list) else str(v) for v in (row[n] for n in names)]
            for row in rows(files, dataset.name)
        ]
        assert table[1:] == expected
    # A list cell with several values, and an empty one, both occur.
    assert any("; " in cell for row in csv.reader(io.StringIO(files["du-lieu/mo-hinh.csv"].decode("utf-8-sig"))) for cell in row)


def test_datapackage_describes_each_csv_column_by_column(planned):
    _, files, _ = planned
    package = json.loads(files["du-lieu/datapackage.json"])
    assert package["profile"] == "tabular-data-package" and package["name"] == "guong-sang"
    assert package["title"] == "Gương sáng Quảng Trị: dữ liệu mở"
    assert package["homepage"] == SITE + "du-lieu/"
    assert [r["name"] for r in package["resources"]] == ["mo-hinh", "khen-thuong", "don-vi"]
    for resource, dataset in zip(package["resources"], DATASETS):
        assert resource["title"] == dataset.title and resource["path"] == f"{dataset.name}.csv"
        assert resource["profile"] == "tabular-data-resource"
        assert (resource["format"], resource["mediatype"], resource["encoding"]) == ("csv", "text/csv", "utf-8")
        assert resource["dialect"] == {"delimiter": ",", "header": True}
        fields = resource["schema"]["fields"]
        header = next(csv.reader(io.StringIO(files[f"du-lieu/{dataset.name}.csv"].decode("utf-8-sig"))))
        assert [f["name"] for f in fields] == header
        assert resource["schema"]["primaryKey"] == header[0]
        for field, column in zip(fields, dataset.columns):
            assert field["title"] == column.title
            if column.type == "array":
                assert field["type"] == "string" and field["description"] == "Nhiều giá trị, ngăn cách bởi “;”"
            else:
                assert field["type"] == column.type and "description" not in field
    types = {f["name"]: f["type"] for r in package["resources"] for f in r["schema"]["fields"]}
    assert types["year"] == "integer" and types["date"] == "date" and types["tags"] == "string"


# Sitemap and robots.txt -------------------------------------------------------------------------


def sitemap(files) -> dict[str, str | None]:
    root = ET.fromstring(files["sitemap.xml"])
    assert root.tag == SITEMAP + "urlset"
    found = {}
    for url in root:
        lastmod = url.find(SITEMAP + "lastmod")
        found[url.find(SITEMAP + "loc").text] = lastmod.text if lastmod is not None else None
    return found


def test_sitemap_lists_every_planned_page_and_the_hand_written_ones(planned):
    _, files, pages = planned
    urls = sitemap(files)
    assert set(urls) == {SITE + page.url for page in pages} | {SITE + "gioi-thieu/", SITE + "lien-he/"} | {
        SITE + u for u in ("huong-dan/",)
    } | {u for u in urls if u.startswith(SITE + "huong-dan/")}
    assert urls[SITE + "gioi-thieu/"] is None and urls[SITE + "lien-he/"] is None  # no date known: none claimed
    assert not any("/images/" in u or "/." in u or "/_" in u for u in urls)


def test_sitemap_dates_each_page_by_its_records(planned):
    index, files, _ = planned
    urls = sitemap(files)
    newest = max(e.dated_at for entries in index.by_kind.values() for e in entries if e.dated_at)
    stamp = lambda moment: moment.isoformat(timespec="seconds")  # noqa: E731
    assert urls[SITE] == stamp(newest) and urls[SITE + "thong-ke/"] == stamp(newest)
    for kind in (Kind.NEWS, Kind.MODEL, Kind.COMMENDATION):
        for entry in index.by_kind[kind]:
            # lastmod: its `updated` field or its date (social.modified_at), else 1 January of its year
            assert urls[SITE + entry.url] == stamp(modified_at(entry) or entry.sort_date), entry.path
    dated_units = 0
    for unit in index.by_kind[Kind.UNIT]:
        heads = [g[0].dated_at for k in Kind if (g := index.group(k, "unit", unit.slug)) and g[0].dated_at]
        assert urls[SITE + unit.url] == (stamp(max(heads)) if heads else None), unit.path
        dated_units += bool(heads)
    assert dated_units >= 3
    assert all(dt.datetime.fromisoformat(v) <= NOW for v in urls.values() if v)


def test_robots_txt_allows_everything_but_the_editor_and_names_the_sitemap(planned):
    _, files, _ = planned
    assert files["robots.txt"] == f"User-agent: *\nAllow: /\nDisallow: {urlsplit(SITE).path}admin/\n\nSitemap: {SITE}sitemap.xml\n".encode()


def test_json_files_keep_vietnamese_readable_one_value_a_line(planned):
    _, files, _ = planned
    for name in ("mo-hinh", "khen-thuong", "don-vi", "datapackage"):
        data = files[f"du-lieu/{name}.json"]
        # Vietnamese is never \u-escaped; only <, >, & and U+2028/9 are (generator/escaping).
        assert not re.search(rb"\\u(?!003c|003e|0026|2028|2029)", data) and data.count(b"\n") > 20, name
    assert "Chỉ số hạnh phúc".encode() in files["du-lieu/mo-hinh.json"]
    assert "dữ liệu mở".encode() in files["du-lieu/datapackage.json"]


def test_a_feed_is_kept_only_if_it_lists_no_edited_record_and_its_files_are_as_the_last_build_left_them(tmp_path):
    from conftest import REPO
    from generator.feeds import feeds
    from generator.index import build_index
    from generator.portal import feed_unchanged
    from generator.site import Project, check
    from generator.siteinfo import SiteInfo
    from generator.writer import file_stat

    index = build_index(check(Project.at(REPO)).entries, NOW)
    site_feeds = feeds(index, SiteInfo("Thử", "https://example.org/"))
    everything, unit = site_feeds[0], site_feeds[-1]  # all news, and a unit's feed
    edited = {everything.entries[0].url}
    assert not edited & {entry.url for entry in unit.entries}
    docs = tmp_path / "docs"
    for path in everything.paths + unit.paths:
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text("đã dựng", "utf-8")
    stats = {path: file_stat(docs / path) for path in everything.paths + unit.paths}

    assert feed_unchanged(unit, edited, docs, stats)
    assert not feed_unchanged(everything, edited, docs, stats)  # it lists the edited record
    assert not feed_unchanged(unit, edited, docs, {})  # no stat from the last build: never kept
    assert not feed_unchanged(unit, edited, tmp_path / "empty", {})  # nor with no file either
    (docs / unit.rss_path).write_text("sửa ngoài bộ nhớ đệm", "utf-8")  # the preview or `mkdocs serve`
    assert not feed_unchanged(unit, edited, docs, stats)
