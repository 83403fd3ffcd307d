"""Photos as readers see them, in Chromium at phone and desktop widths: every page type shows
its photo, decoded from the site's own variants, with no layout shift and no sideways scroll."""

from __future__ import annotations

import re
import time

import pytest

pytestmark = pytest.mark.browser

PAGES = {
    "home": "",
    "listing": "tin-tuc/",
    "news": "tin-tuc/doanh-nghiep-trong-khoi-uu-tien-su-dung-san-pham-dich-vu-cua-nhau/",
    "model": "mo-hinh/chi-so-hanh-phuc-petrolimex-quang-tri/",
    "model listing": "mo-hinh/",
}

# Layout shifts as the page loads (the CLS metric's input), collected from the first paint.
CLS_OBSERVER = """
window.__shifts = 0; window.__moved = [];
new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) {
  window.__shifts += e.value;
  window.__moved.push(...(e.sources || []).map(s => s.node ? s.node.nodeName + '.' + s.node.className : '?'));
} })
  .observe({type: 'layout-shift', buffered: true});
"""


@pytest.mark.parametrize("width", [360, 1280])
def test_every_page_type_shows_its_photo_without_shift_or_overflow(sample_url, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    context.add_init_script(CLS_OBSERVER)
    # Photos and fonts arrive after the first paint, as on a phone's network: a page whose
    # layout waits for them shifts (a figure sized by its caption until its photo came in did,
    # and every line reflowed when a web font shown with `font-display: swap` came in).
    context.route(re.compile(r"/anh/|\.woff2$"), lambda route: (time.sleep(0.2), route.continue_()))
    page = context.new_page()
    for name, url in PAGES.items():
        page.goto(sample_url + url)
        page.wait_for_load_state("networkidle")
        first = page.locator("main picture img").first
        first.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=first.element_handle())
        box = first.bounding_box()
        assert box and box["width"] >= min(110, width / 3) and box["height"] > 60, (name, box)
        chosen = first.evaluate("img => img.currentSrc")
        assert "/anh/" in chosen and chosen.endswith((".avif", ".webp")), (name, chosen)  # a modern format, from this site
        for img in page.locator("main img").all():
            assert img.get_attribute("width") and img.get_attribute("height"), (name, img.get_attribute("src"))
        eager = page.locator("main img:not([loading=lazy])").count()
        assert eager <= 1, name  # only the first (largest) photo loads before the others
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_timeout(150)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name
        assert page.evaluate("window.__shifts") == 0, (name, page.evaluate("window.__moved"))
    context.close()


def test_the_font_is_served_by_the_site_and_draws_vietnamese(sample_url, browser):
    page = browser.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(sample_url + PAGES["news"])
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.fonts.check('700 20px \"Be Vietnam Pro\"', 'Đảng ủy Khối ưu tiên')")
    fonts = [url for url in requests if url.endswith(".woff2")]
    assert fonts and all(url.startswith(sample_url) for url in fonts)
    page.close()
