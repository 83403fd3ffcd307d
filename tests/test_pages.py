"""The page plan, without an engine: pagination, related records, publication rules."""

from __future__ import annotations

import datetime as dt
import re

from conftest import NOW
from generator.index import build_index
from generator.markup import relative_url
from generator.pages import Planner
from generator.siteinfo import SiteInfo
from generator.site import Project, check


def plan(files, now=NOW):
    checked = check(Project.at(files.root))
    assert checked.ok, checked.problems
    index = build_index(checked.entries, now)
    return index, {page.url: page for page in Planner(index, SiteInfo("Gương sáng")).pages()}


def add_news(files, count: int, category: str = "dan-van", unit: str = "so-gd-dt") -> None:
    for n in range(count):
        files.write(
            f"tin-tuc/tin-{n:03}.md",
            f"---\ntitle: Tin số {n}\ndate: 2024-01-01 08:{n % 60:02}\ncategory: {category}\nunits: [{unit}]\n---\nNội dung {n}.\n",
        )


def test_listings_paginate_twenty_per_page(project):
    project.add_unit()
    add_news(project, 45)
    _, pages = plan(project)
    assert {"tin-tuc/", "tin-tuc/trang/2/", "tin-tuc/trang/3/"} <= set(pages)
    assert "tin-tuc/trang/4/" not in pages
    assert pages["tin-tuc/trang/3/"].html.count('class="gs-teaser ') == 5
    assert "Tin tức – Trang 2" == pages["tin-tuc/trang/2/"].title
    second = pages["tin-tuc/trang/2/"].html
    assert 'rel="prev"' in second and 'rel="next"' in second
    assert 'href="../../../tin-tuc/"' in second  # page 1 is the listing itself


def test_drafts_and_future_records_are_not_planned(project):
    project.add_unit()
    project.write("tin-tuc/nhap.md", "---\ntitle: Bản nháp\ndate: 2024-01-01\ncategory: dan-van\ndraft: true\n---\n")
    project.write("tin-tuc/sau.md", "---\ntitle: Tin hẹn giờ\ndate: 2026-11-26 07:00\ncategory: dan-van\n---\n")
    project.add_model(date="2027-01-01")
    index, pages = plan(project)
    assert index.excluded == 3
    everything = "".join(page.html + page.title for page in pages.values())
    assert "Bản nháp" not in everything and "hẹn giờ" not in everything and "chuyen-doi-so" not in everything
    # The scheduled news appears once its time has come.
    _, later = plan(project, NOW + dt.timedelta(days=1))
    assert "tin-tuc/sau/" in later


def test_related_records_share_a_unit_or_category_and_are_the_nearest_in_time(project):
    project.add_unit()
    project.add_unit("khac", "Chi bộ Báo Quảng Trị")
    add_news(project, 8)
    project.write("tin-tuc/la.md", "---\ntitle: Tin lạ\ndate: 2024-06-01\ncategory: xay-dung-dang\nunits: [khac]\n---\n")
    index, _ = plan(project)
    first = index.by_url["tin-tuc/tin-000/"]  # the oldest: the stories just after it
    related = index.related(first)
    assert [e.slug for e in related] == ["tin-005", "tin-004", "tin-003", "tin-002", "tin-001"]


def test_unit_page_lists_its_models_commendations_and_news(project):
    project.add_unit()
    project.add_model()
    project.write(
        "khen-thuong/bk.md",
        "---\ntitle: Bằng khen\nrecipient: {name: Sở GD&ĐT, kind: Tập thể, unit: so-gd-dt}\nform: Bằng khen\n"
        "authority: UBND tỉnh\nyear: 2024\nmodels: [chuyen-doi-so]\n---\n",
    )
    add_news(project, 1)
    _, pages = plan(project)
    unit = pages["don-vi/so-gd-dt/"].html
    assert "Mô hình của đơn vị" in unit and "../../mo-hinh/chuyen-doi-so/" in unit
    assert "../../khen-thuong/bk/" in unit and "../../tin-tuc/tin-000/" in unit
    model = pages["mo-hinh/chuyen-doi-so/"].html
    assert "Khen thưởng cho mô hình" in model and "../../khen-thuong/bk/" in model


def test_raw_html_in_a_body_is_sanitised(project):
    project.write(
        "tin-tuc/x.md",
        "---\ntitle: X\ndate: 2024-01-01\ncategory: dan-van\n---\nChào <script>alert(1)</script>"
        ' <img src="https://tracker.example/p.gif" onerror="alert(2)"> <b onclick="x()">đậm</b>\n',
    )
    _, pages = plan(project)
    html = pages["tin-tuc/x/"].html
    assert "<script" not in html and "onerror" not in html and "onclick" not in html
    assert "tracker.example" not in html and "<b>đậm</b>" in html


def test_relative_urls_work_from_any_depth():
    assert relative_url("", "tin-tuc/") == "tin-tuc/"
    assert relative_url("tin-tuc/a/", "") == "../../"
    assert relative_url("tin-tuc/a/", "images/x.svg") == "../../images/x.svg"
    assert relative_url("tin-tuc/", "tin-tuc/") == "../tin-tuc/"
    assert relative_url("", "") == "./"


def test_body_headings_get_vietnamese_anchors_that_never_clash(project):
    project.write(
        "mo-hinh/m.md",
        "---\ntitle: M\nunit: so-gd-dt\nmovement: dan-van-kheo\nyear: 2024\nresults: [Tốt]\n---\n"
        "## Đảng bộ\n\n## Đảng bộ\n\n## Kết quả\n\n## Riêng {#rieng}\n",
    )
    project.add_unit()
    _, pages = plan(project)
    html = pages["mo-hinh/m/"].html
    assert '<h2 id="dang-bo">' in html and '<h2 id="dang-bo_1">' in html and '<h2 id="rieng">' in html
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids)), ids  # the body's "Kết quả" and the results block differ
