"""Reader tools in a real headless Chromium: share links, font size kept across pages, print."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urljoin, urlsplit
from urllib.request import urlopen

import pytest


pytestmark = pytest.mark.browser

SAMPLE_NEWS = "tin-tuc/hoc-tap-va-lam-theo-bac-bang-nhung-viec-lam-thuong-xuyen-thiet-thuc/"
SAMPLE_MODEL = "mo-hinh/dan-van-kheo-trong-chuyen-doi-so-nganh-giao-duc/"
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


def test_a_record_lists_the_newest_stories_not_already_on_the_page(sample_url, browser):
    page = browser.new_page(viewport={"width": 360, "height": 800})
    page.goto(sample_url + SAMPLE_MODEL)
    latest = page.locator(".gs-section--moi-nhat")
    titles = latest.locator(".gs-teaser__title a")
    titles.first.wait_for()
    others = page.locator(".gs-teaser__title a").evaluate_all(
        "links => links.filter(a => !a.closest('.gs-section--moi-nhat')).map(a => a.href)")
    shown = titles.evaluate_all("links => links.map(a => a.href)")
    newest = json.loads(urlopen(sample_url + "tin-tuc/moi-nhat.json").read())["items"]
    # Its addresses are written for a record page (views.LATEST_READER), as the model's page.
    expected = [url for item in newest if (url := urljoin(page.url, item["url"])) not in {*others, page.url}]
    # The model page lists news of its own: the newest stories but those fill the block.
    assert len(others) > 1 and len(newest) > len(expected) > 0
    assert shown == expected[:5]
    # Filled from one file beside the news listing: its photos and links work on this page.
    photos = latest.locator("img")
    for i in range(photos.count()):
        photos.nth(i).scroll_into_view_if_needed()
        assert page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=photos.nth(i).element_handle())
    heading = titles.first.inner_text()
    titles.first.click()
    assert page.locator("h1").inner_text() == heading

    # A page that already lists every one of the newest stories (the sample has four) shows
    # no empty block.
    page.goto(sample_url + SAMPLE_NEWS)
    page.wait_for_load_state("networkidle")
    assert page.locator(".gs-section--lien-quan .gs-teaser").count() == 3
    assert page.locator(".gs-section--moi-nhat").is_hidden()

    # Without the file (or without scripts), the link to all news stays.
    page.route("**/moi-nhat.json", lambda route: route.abort())
    page.goto(sample_url + SAMPLE_MODEL)
    page.wait_for_load_state("networkidle")
    assert latest.locator(".gs-teaser").count() == 0
    latest.get_by_role("link", name="Tất cả tin tức").click()
    page.wait_for_url("**/tin-tuc/")
    page.close()
