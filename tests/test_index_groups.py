"""The site index on a small project: which groups each kind of record is listed under, the
terms of a taxonomy with their counts, look-ups, and the publication moment."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import NOW, index_of
from generator.catalogue import Term
from generator.index import build_index
from generator.loader import Kind
from generator.records import recent_first
from generator.site import Project, check


def keys(index, entry_url):
    entry = index.by_url[entry_url]
    return {(k.value, t, v) for (k, t, v), members in index.groups.items() if entry in members}


def test_each_kind_is_grouped_by_its_own_taxonomies(small):
    assert keys(small, "tin-tuc/a/") == {
        ("tin-tuc", "category", "dan-van"), ("tin-tuc", "unit", "so-gd-dt"), ("tin-tuc", "unit", "con"),
        ("tin-tuc", "model", "chuyen-doi-so"), ("tin-tuc", "tag", "chuyen-doi-so"), ("tin-tuc", "year", "2024"),
    }
    assert {("mo-hinh", "unit", "so-gd-dt"), ("mo-hinh", "year", "2024"), ("mo-hinh", "tag", "chuyen-doi-so")} <= keys(
        small, "mo-hinh/chuyen-doi-so/"
    )
    assert ("mo-hinh", "movement", "dan-van-kheo") in keys(small, "mo-hinh/chuyen-doi-so/")
    assert {("khen-thuong", "unit", "con"), ("khen-thuong", "model", "cu"), ("khen-thuong", "year", "2023")} <= keys(
        small, "khen-thuong/bk/"
    )
    assert ("don-vi", "parent", "so-gd-dt") in keys(small, "don-vi/con/")
    assert not any(t == "parent" for _, t, _ in keys(small, "don-vi/so-gd-dt/"))  # no parent, no group
    assert small.group(Kind.UNIT, "parent", "so-gd-dt") == [small.by_url["don-vi/con/"]]


def test_labels_name_each_group_for_listing_titles(small):
    assert small.labels[("year", "2024")] == "2024"
    assert small.labels[("unit", "con")] == "con"  # units are titled from their records, not here
    assert small.labels[("model", "cu")] == "cu"
    assert small.labels[("parent", "so-gd-dt")] == "so-gd-dt"
    assert small.labels[("tag", "chuyen-doi-so")] == "Chuyển đổi số"


def test_terms_of_a_taxonomy_count_only_records_of_that_kind(small):
    assert small.terms(Kind.NEWS, "unit") == [(Term("con", "con"), 1), (Term("so-gd-dt", "so-gd-dt"), 1)]
    assert small.terms(Kind.MODEL, "unit") == [(Term("con", "con"), 1), (Term("so-gd-dt", "so-gd-dt"), 1)]
    assert small.terms(Kind.NEWS, "tag") == [(Term("chuyen-doi-so", "Chuyển đổi số"), 1)]
    assert small.terms(Kind.UNIT, "tag") == []


def test_years_come_newest_first_and_other_terms_in_vietnamese_order(project):
    project.add_unit()
    for number, (year, movement) in enumerate([("2019", "Dân vận khéo"), ("2024", "Học tập và làm theo Bác"), ("2021", "Dân vận khéo")]):
        project.add_model(f"m{number}", year=year, movement=movement)
    index = index_of(project)
    assert [term.slug for term, _ in index.terms(Kind.MODEL, "year")] == ["2024", "2021", "2019"]
    assert [(term.label, count) for term, count in index.terms(Kind.MODEL, "movement")] == [
        ("Dân vận khéo", 2), ("Học tập và làm theo Bác", 1),
    ]


def test_look_ups_by_unit_id_and_model_slug(small):
    assert small.unit("con") is small.by_url["don-vi/con/"]
    assert small.unit(None) is None and small.unit("") is None and small.unit("khong-co") is None
    assert small.model("cu") is small.by_url["mo-hinh/cu/"]
    assert small.model("khong-co") is None
    assert small.now == NOW and small.excluded == 1


def test_a_record_is_published_from_its_exact_moment(project):
    project.add_unit()
    project.write("tin-tuc/dung-gio.md", "---\ntitle: Đúng giờ\ndate: 2026-11-25 12:00\ncategory: dan-van\n---\n")
    assert "tin-tuc/dung-gio/" in index_of(project).by_url  # NOW is 2026-11-25 12:00
    assert "tin-tuc/dung-gio/" not in index_of(project, NOW - dt.timedelta(seconds=1)).by_url


def test_recent_first_orders_newest_first_then_by_slug(small):
    entries = [small.by_url[u] for u in ("mo-hinh/cu/", "tin-tuc/a/", "khen-thuong/bk/", "mo-hinh/chuyen-doi-so/")]
    assert [e.url for e in recent_first(entries)] == ["tin-tuc/a/", "mo-hinh/chuyen-doi-so/", "khen-thuong/bk/", "mo-hinh/cu/"]


@pytest.fixture
def related_project(project):
    project.add_unit("u1", "Đảng bộ Một")
    for unit in ("u2", "u3"):
        project.write(f"don-vi/{unit}.md", f"---\nid: {unit}\nname: Chi bộ {unit}\nkind: Chi bộ\nparent: u1\n---\n")
    for slug, unit, category, day in (("n1", "u1", "dan-van", 1), ("n2", "u2", "dan-van", 2), ("n3", "u1", "xay-dung-dang", 3),
                                      ("n4", "u3", "thi-dua-khen-thuong", 4)):
        project.write(f"tin-tuc/{slug}.md", f"---\ntitle: Tin {slug}\ndate: 2024-01-0{day}\ncategory: {category}\nunits: [{unit}]\n---\n")
    for slug, unit, movement, year in (("m1", "u1", "Dân vận khéo", 2024), ("m2", "u2", "Dân vận khéo", 2023),
                                       ("m3", "u1", "Thi đua yêu nước", 2022), ("m4", "u3", "Văn hóa doanh nghiệp", 2021)):
        project.add_model(slug, unit=unit, movement=movement, year=str(year))
    for slug, unit, authority, year in (("c1", "u1", "UBND tỉnh", 2024), ("c2", "u2", "UBND tỉnh", 2023),
                                        ("c3", "u1", "Tỉnh ủy", 2022), ("c4", "u3", "Trung ương", 2021)):
        project.write(
            f"khen-thuong/{slug}.md",
            f"---\ntitle: Khen {slug}\nrecipient: {{name: Tập thể {slug}, kind: Tập thể, unit: {unit}}}\nform: Bằng khen\n"
            f"authority: {authority}\nyear: {year}\n---\n",
        )
    return index_of(project)


@pytest.mark.parametrize("url, expected", [
    ("tin-tuc/n1/", ["n3", "n2"]),  # same unit; same category
    ("tin-tuc/n2/", ["n1"]),
    ("tin-tuc/n4/", []),
    ("mo-hinh/m1/", ["m2", "m3"]),  # same movement; same unit
    ("mo-hinh/m3/", ["m1"]),
    ("mo-hinh/m4/", []),
    ("khen-thuong/c1/", ["c2", "c3"]),  # same authority; same unit
    ("khen-thuong/c4/", []),
    ("don-vi/u2/", ["u3"]),  # same parent
    ("don-vi/u1/", []),
])
def test_related_records_are_those_sharing_a_unit_category_movement_authority_or_parent(related_project, url, expected):
    assert [e.slug for e in related_project.related(related_project.by_url[url])] == expected


def test_related_takes_the_nearest_older_records_then_the_nearest_newer_across_groups(project):
    project.add_unit()
    project.add_unit("khac", "Chi bộ Khác")
    for n in range(8):  # the same category, another unit: only the category relates them
        project.write(f"tin-tuc/t{n}.md", f"---\ntitle: Tin {n}\ndate: 2024-01-0{n + 1}\ncategory: dan-van\nunits: [khac]\n---\n")
    project.write("tin-tuc/goc.md", "---\ntitle: Gốc\ndate: 2023-01-01\ncategory: dan-van\nunits: [so-gd-dt]\n---\n")
    project.write("tin-tuc/nhap.md", "---\ntitle: Nháp\ndate: 2024-01-04T12:00:00+07:00\ncategory: dan-van\nunits: [so-gd-dt]\ndraft: true\n---\n")
    checked = check(Project.at(project.root))
    index = build_index(checked.entries, NOW)

    def related(slug: str, limit: int = 5) -> list[str]:
        return [e.slug for e in index.related(index.by_url[f"tin-tuc/{slug}/"], limit=limit)]

    # Older stories first, nearest to it; shown newest first.
    assert related("t7") == ["t6", "t5", "t4", "t3", "t2"]
    assert related("t4") == ["t3", "t2", "t1", "t0", "goc"]
    assert related("t7", limit=1) == ["t6"]
    # Too few older ones: the nearest newer ones fill the block.
    assert related("t1") == ["t4", "t3", "t2", "t0", "goc"]
    assert related("goc") == ["t4", "t3", "t2", "t1", "t0"]
    assert related("goc", limit=2) == ["t1", "t0"]
    # A record the index does not hold (the preview of a draft) stands where its date puts it.
    draft = next(entry for entry in checked.entries if entry.slug == "nhap")
    assert "tin-tuc/nhap/" not in index.by_url
    assert [e.slug for e in index.related(draft)] == ["t3", "t2", "t1", "t0", "goc"]
