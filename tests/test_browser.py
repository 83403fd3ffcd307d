"""A reader's path through the sample site in a real headless Chromium."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser


def test_reader_goes_from_home_through_a_listing_to_a_model(sample_url, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844})  # a phone
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))

    page.goto(sample_url)
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("h1").inner_text() == "Gương sáng"
    assert "9 đơn vị" in page.locator(".gs-counts").inner_text().replace("\n", " ")

    page.get_by_role("link", name="9 mô hình").click()
    page.wait_for_url("**/mo-hinh/")
    page.get_by_role("navigation", name="Theo phong trào").get_by_role("link", name="Dân vận khéo").click()
    page.wait_for_url("**/mo-hinh/phong-trao/dan-van-kheo/")
    assert page.locator("h1").inner_text() == "Phong trào: Dân vận khéo"

    page.get_by_role("link", name="Dân vận khéo trong chuyển đổi số", exact=False).first.click()
    page.wait_for_url("**/mo-hinh/dan-van-kheo-trong-chuyen-doi-so-nganh-giao-duc/")
    card = page.locator(".gs-card")
    assert card.locator("dt", has_text="Đơn vị").locator("xpath=../dd").inner_text() == "Đảng ủy Sở Giáo dục và Đào tạo"
    assert card.locator("dt", has_text="Phong trào").locator("xpath=../dd").inner_text() == "Dân vận khéo"
    assert page.get_by_role("heading", name="Khen thưởng cho mô hình").is_visible()

    page.get_by_role("link", name="Đảng ủy Sở Giáo dục và Đào tạo").first.click()
    page.wait_for_url("**/don-vi/dang-uy-so-giao-duc-va-dao-tao/")
    assert page.get_by_role("heading", name="Mô hình của đơn vị").is_visible()

    # Nothing was fetched from another host, and nothing overflows a phone's width.
    hosts = {urlsplit(url).netloc for url in requested}
    assert hosts == {urlsplit(sample_url).netloc}
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
