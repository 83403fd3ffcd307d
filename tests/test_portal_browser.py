"""Reader tools in a real headless Chromium: share links, font size kept across pages, print."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest


pytestmark = pytest.mark.browser

SAMPLE_NEWS = "tin-tuc/hoc-tap-va-lam-theo-bac-bang-nhung-viec-lam-thuong-xuyen-thiet-thuc/"
PUBLIC_URL = "http://127.0.0.1:8000/" + SAMPLE_NEWS  # mkdocs.yml sample_url + the page


def test_reader_shares_resizes_text_and_prints_a_record(sample_url, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=sample_url.rstrip("/"))
    page = context.new_page()
    page.goto(sample_url + SAMPLE_NEWS)

    share = page.get_by_role("complementary", name="Chia sẻ và in")
    facebook = share.get_by_role("link", name="Facebook").get_attribute("href")
    zalo = share.get_by_role("link", name="Zalo").get_attribute("href")
    email = share.get_by_role("link", name="Thư điện tử").get_attribute("href")
    assert parse_qs(urlsplit(facebook).query)["u"] == [PUBLIC_URL]
    assert parse_qs(urlsplit(zalo).query)["url"] == [PUBLIC_URL]
    assert email.startswith("mailto:?") and parse_qs(urlsplit(email).query)["body"] == [PUBLIC_URL]
    copy = share.get_by_role("link", name="Sao chép liên kết")
    copy.click()
    assert page.evaluate("navigator.clipboard.readText()") == PUBLIC_URL
    assert copy.inner_text() == "Đã sao chép liên kết"
    assert page.url == sample_url + SAMPLE_NEWS  # copying does not navigate
    assert share.get_by_role("button", name="In bài").is_visible()

    def root_size() -> float:
        return float(page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)"))

    default = root_size()
    page.get_by_role("button", name="Tăng cỡ chữ").click()
    page.get_by_role("button", name="Tăng cỡ chữ").click()
    larger = root_size()
    assert larger > default * 1.2
    page.reload()
    assert root_size() == larger  # remembered
    # …before the page is drawn: the inline part of <head> applies it, not the deferred script.
    page.route("**/guong-sang.js", lambda route: route.abort())
    page.reload()
    assert root_size() == larger
    page.unroute("**/guong-sang.js")
    page.reload()
    page.get_by_role("link", name="Tin tức", exact=True).first.click()
    page.wait_for_url("**/tin-tuc/")
    assert root_size() == larger  # and on other pages
    page.get_by_role("button", name="Cỡ chữ mặc định").click()
    assert root_size() == default

    # Abbreviations explain themselves to keyboard users too.
    page.goto(sample_url + SAMPLE_NEWS)
    abbr = page.locator(".gs-entry__summary abbr", has_text="CCVC")
    assert abbr.get_attribute("title") == "công chức, viên chức"
    abbr.focus()
    assert page.evaluate("document.activeElement.textContent") == "CCVC"

    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-tabs", ".md-sidebar--primary", ".gs-share", ".gs-tools", ".md-footer", ".gs-portal"):
        assert page.locator(hidden).first.is_hidden(), hidden
    assert page.locator(".gs-print-only").is_visible()
    assert PUBLIC_URL in page.locator(".gs-print-only").inner_text()
    assert page.locator(".gs-entry__body").is_visible()
    context.close()
