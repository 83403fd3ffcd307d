"""The site audit (generator/audit/) on the built sample, and on a site built to fail it.

The sample is audited with every page type present (tests/conftest.py `audit_site`: the
sample plus enough news for a second listing page). Markup checks (Nu HTML Checker, links,
loads) run on every page; the browser checks on a few pages of each type.
"""

from __future__ import annotations

import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from generator.audit import errors, site_pages
from generator.audit.links import broken_links, count_loads, foreign_loads
from generator.audit.pagetypes import page_type, pages_by_type, sample_by_type

SAMPLE_NEWS = "tin-tuc/hoc-tap-va-lam-theo-bac-bang-nhung-viec-lam-thuong-xuyen-thiet-thuc/index.html"
# One page of every type a reader can reach, with the type the audit tells from its markup.
PAGE_TYPES = {
    "index.html": "home",
    "tin-tuc/index.html": "listing",
    "tin-tuc/trang/2/index.html": "listing:later-page",
    "chuyen-muc/hoc-tap-va-lam-theo-bac/index.html": "listing",
    "mo-hinh/phong-trao/dan-van-kheo/index.html": "listing",
    "mo-hinh/dan-van-kheo-trong-chuyen-doi-so-nganh-giao-duc/index.html": "record:mo-hinh",
    SAMPLE_NEWS: "record:tin-tuc",
    "khen-thuong/bang-khen-tinh-uy-dang-uy-so-giao-duc-va-dao-tao/index.html": "record:khen-thuong",
    "don-vi/dang-uy-so-giao-duc-va-dao-tao/index.html": "record:don-vi",
    "don-vi/index.html": "units",
    "gioi-thieu/index.html": "page",
    "404.html": "404",
}


def test_the_audited_site_has_every_page_type(audit_site):
    assert {page: page_type(audit_site, page) for page in PAGE_TYPES} == PAGE_TYPES
    assert set(pages_by_type(audit_site, site_pages(audit_site))) >= set(PAGE_TYPES.values())


def test_every_page_is_valid_html(audit_site):
    from generator.audit.html import validate_html

    findings = validate_html(audit_site, site_pages(audit_site))
    assert [str(f) for f in errors(findings)] == []


def test_every_internal_link_image_asset_and_anchor_resolves(audit_site):
    assert [str(f) for f in broken_links(audit_site, site_pages(audit_site))] == []


def test_no_page_loads_anything_from_another_host(audit_site):
    pages = site_pages(audit_site)
    assert count_loads(audit_site, pages) > 2 * len(pages), "the parser found too few stylesheets and scripts"
    assert [str(f) for f in foreign_loads(audit_site, pages)] == []


# A site built to fail: one page with every kind of defect the audit looks for.
BROKEN_PAGE = """\
<!doctype html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, user-scalable=no">
<title>Trang hỏng</title>
<link rel="stylesheet" href="https://fonts.example.com/css?family=Roboto">
</head>
<body>
<main>
<h1>Trang hỏng</h1>
<p><div>A block inside a paragraph, and an unknown attribute: <span colour="red">x</span></div></p>
<p><a href="khong-co/">missing page</a> <a href="#khong-co">missing anchor</a> <a href="/index.html#dau">root link</a></p>
<img src="anh-khong-co.png">
<div style="width: 900px">too wide for a phone</div>
<p style="font-size: 9px">chữ quá nhỏ</p>
<p style="color: #bbb">chữ quá nhạt</p>
<script>fetch("du-lieu-khong-co.json")</script>
</main>
</body>
</html>
"""


@pytest.fixture
def broken_site(tmp_path: Path) -> Path:
    (tmp_path / "index.html").write_text(textwrap.dedent(BROKEN_PAGE), encoding="utf-8")
    return tmp_path


def test_the_html_check_reports_invalid_markup(broken_site):
    from generator.audit.html import validate_html

    messages = [f.message for f in errors(validate_html(broken_site, ["index.html"]))]
    assert any("colour" in m for m in messages)
    assert any("No “p” element in scope" in m or "“div” not allowed" in m for m in messages)


def test_the_link_checks_report_missing_targets_and_foreign_loads(broken_site):
    links = [f.message for f in broken_links(broken_site, ["index.html"])]
    assert links == ["khong-co/: no such file", "#khong-co: no such anchor", "/index.html#dau: no such anchor",
                     "anh-khong-co.png: no such file"]
    assert [f.message for f in foreign_loads(broken_site, ["index.html"])] == ["loads https://fonts.example.com/css?family=Roboto"]


def test_sampling_keeps_every_type(audit_site):
    pages = site_pages(audit_site)
    sample = sample_by_type(audit_site, pages, 1)
    assert len(sample) < len(pages) / 4
    assert {page_type(audit_site, p) for p in sample} == set(pages_by_type(audit_site, pages))


# --- In the browser -----------------------------------------------------------------------


def audit_in_browser(site: Path, pages: list[str]):
    """The audit as `make audit` runs it, with its own loopback-only Chromium.

    In a thread of its own: Playwright's sync API refuses to start inside another's event loop,
    and a browser test run earlier in this process (by the same pytest-xdist worker) leaves the
    session's browser (conftest.py) running in this thread.
    """
    from generator.audit.browser import audit_in_browser

    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(audit_in_browser, site, pages).result()


@pytest.fixture(scope="module")
def browser_audit(audit_site):
    pages = sorted(set(sample_by_type(audit_site, site_pages(audit_site), 1)) | set(PAGE_TYPES))
    return audit_in_browser(audit_site, pages)


@pytest.mark.browser
def test_no_page_type_has_serious_accessibility_violations(browser_audit):
    assert browser_audit.axe_runs >= 2 * len(PAGE_TYPES)
    assert [str(f) for f in errors(browser_audit.findings) if f.check == "a11y"] == []


@pytest.mark.browser
def test_loading_a_page_requests_nothing_from_another_host(browser_audit):
    assert browser_audit.requests > 2 * len(PAGE_TYPES)
    assert [str(f) for f in browser_audit.findings if f.check == "requests"] == []


@pytest.mark.browser
def test_pages_fit_a_360px_phone_with_readable_text(browser_audit):
    assert [str(f) for f in browser_audit.findings if f.check == "mobile"] == []


@pytest.mark.browser
def test_the_browser_audit_reports_each_defect(broken_site):
    audit = audit_in_browser(broken_site, ["index.html"])
    found = "\n".join(str(f) for f in errors(audit.findings))
    assert "requested https://fonts.example.com/css" in found
    assert "404 for http://127.0.0.1:" in found and "/du-lieu-khong-co.json" in found  # fetched by a script
    assert "[mobile] 9" in found and "px wide at 360 px: div." in found
    assert "viewport meta 'width=device-width, user-scalable=no' stops phones" in found
    assert "text under 12 px: p.: 9px" in found
    assert 'lang=""' in found
    assert "first Tab stop is not a skip link" in found
    for rule in ("image-alt (critical", "color-contrast (serious", "html-has-lang (serious"):
        assert rule in found
