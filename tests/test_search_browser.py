"""Vietnamese search in a real headless Chromium, on a built fixture site and the sample site."""

from __future__ import annotations

import unicodedata
from urllib.parse import parse_qs, urlsplit

import pytest

from generator.audit.chromium import serve
from generator.engine import build_site
from generator.vietnamese import fold
from search_fixture import EXACT_FIRST, QUERIES, nfd, write_project

pytestmark = pytest.mark.browser

# Runs the site's own search module (the one the search box uses) and returns result URLs.
SEARCH = """async ([q, filters]) => {
  const s = await import("/assets/javascripts/search.js");
  const found = await s.search(q, filters);
  if (!found) return [];
  const urls = [];
  for (const r of found.results.slice(0, 10)) urls.push((await r.data()).url);
  return urls;
}"""


@pytest.fixture(scope="module")
def fixture_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("search")
    site = build_site(write_project(root / "src"), root / "site")
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def search_page(browser, fixture_url):
    page = browser.new_page()
    page.goto(fixture_url + "tim-kiem/")
    yield lambda q, filters=None: page.evaluate(SEARCH, [q, filters or {}])
    page.close()


@pytest.mark.parametrize("query", QUERIES, ids=[f"{q.case}: {q.text}" for q in QUERIES])
def test_query_finds_the_record_in_the_top_results(search_page, query):
    urls = search_page(query.text, query.filters)
    assert query.expected in urls[: query.top], urls


@pytest.mark.parametrize("query, exact, other", EXACT_FIRST)
def test_exact_spelling_ranks_above_other_diacritics(search_page, query, exact, other):
    urls = search_page(query)
    assert exact in urls and other in urls
    assert urls.index(exact) < urls.index(other)


def test_filters_keep_only_matching_records(search_page):
    assert set(search_page("", {"loai": ["Mô hình"]})) == {
        "/mo-hinh/to-hoa-giai/", "/mo-hinh/kenh-muong/", "/mo-hinh/khuyen-hoc/",
    }
    assert search_page("", {"nam": ["2022", "2023"]}) != []
    assert set(search_page("", {"nam": ["2022", "2023"], "loai": ["Mô hình"]})) == {"/mo-hinh/to-hoa-giai/", "/mo-hinh/kenh-muong/"}


def test_drafts_future_records_and_listings_are_not_results(search_page):
    assert search_page("bímậtxyz") == []
    assert search_page("hẹngiờxyz") == []
    everything = search_page("", {"loai": ["Tin tức", "Mô hình", "Khen thưởng", "Đơn vị"]})
    assert len(everything) == 9  # 2 units, 3 models, 3 published news, 1 commendation
    assert all(url.split("/")[1] in {"tin-tuc", "mo-hinh", "khen-thuong", "don-vi"} and url.count("/") == 3 for url in everything)


STRINGS = [
    "Đảng viên trẻ", "ĐOÀN THANH NIÊN", "hoà giải", "hòa giải", "thuỷ lợi", "thủy lợi", "Sở GD&ĐT",
    "Chuyển đổi số", "Ưu tiên ơn nghĩa", "Nguyễn Thị Ánh Tuyết", "Kết luận 01-KL/TW", "«Quỹ “Cho con”»",
    "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ",
    "Ça va, naïve café, Straße, İstanbul, ǅ", "日本語 テスト", "",
]


def test_javascript_fold_agrees_with_python(search_page, browser, fixture_url):
    page = browser.new_page()
    page.goto(fixture_url)
    samples = STRINGS + [nfd(s) for s in STRINGS]
    folded = page.evaluate(
        """async (samples) => {
          const v = await import("/assets/javascripts/vietnamese.js");
          return samples.map((s) => [v.fold(s), v.nfc(s)]);
        }""",
        samples,
    )
    assert [f for f, _ in folded] == [fold(s) for s in samples]
    assert [n for _, n in folded] == [unicodedata.normalize("NFC", s) for s in samples]
    page.close()


def test_records_whose_title_holds_the_query_come_first(browser, fixture_url):
    # Pagefind extends "đỏ" to "động", so "Động đất…" can outrank "Huyện Đất Đỏ" for "đất đỏ".
    titles = ["Động đất ở Nhật Bản", "Núi lửa và động đất", "Huyện Đất Đỏ", "Đất đỏ bazan", "Đất Đỏ"]
    page = browser.new_page()
    page.goto(fixture_url)
    ranked = page.evaluate(
        """async ([titles, query]) => {
          const s = await import("/assets/javascripts/search.js");
          const results = titles.map((title) => ({ title, data: async () => ({ meta: { title } }) }));
          return (await s.titleMatchesFirst(results, query)).map((r) => r.title);
        }""",
        [titles, "dat do"],
    )
    # Whole words in order, folded; ties keep Pagefind's order ("Đất đỏ bazan" before "Đất Đỏ").
    assert ranked == ["Huyện Đất Đỏ", "Đất đỏ bazan", "Đất Đỏ", "Động đất ở Nhật Bản", "Núi lửa và động đất"]
    page.close()


def test_header_box_shows_results_as_you_type_and_works_from_the_keyboard(browser, fixture_url):
    page = browser.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(fixture_url)
    box = page.get_by_role("combobox", name="Tìm kiếm tin tức, mô hình, khen thưởng, đơn vị")
    page.keyboard.press("/")  # the shortcut focuses the box
    assert box.evaluate("el => el === document.activeElement")
    page.keyboard.type("dang vien tre")
    listbox = page.get_by_role("listbox", name="Kết quả tìm kiếm")
    first = listbox.get_by_role("option").first
    first.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    assert "Đảng viên trẻ xung kích chuyển đổi số" in first.inner_text()
    assert "Tin tức" in first.text_content()
    assert first.locator("mark").first.inner_text() == "Đảng"  # highlighted although typed without đ
    page.keyboard.press("ArrowDown")
    assert first.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    page.keyboard.press("Enter")
    page.wait_for_url("**/tin-tuc/dang-vien-tre/")
    hosts = {urlsplit(url).netloc for url in requested}
    assert hosts == {urlsplit(fixture_url).netloc}
    page.close()


def test_search_page_filters_counts_and_url(browser, fixture_url):
    page = browser.new_page()
    page.goto(fixture_url + "tim-kiem/?q=thanh+nien&loai=Khen+th%C6%B0%E1%BB%9Fng")
    status = page.get_by_role("status").filter(has_text="kết quả")
    status.wait_for()
    results = page.locator("[data-gs-results] > li")
    assert results.count() == 1
    result = results.first
    assert result.get_by_role("heading").inner_text() == "Bằng khen cho Đoàn thanh niên Sở Giáo dục và Đào tạo"
    meta = result.locator(".gs-result__meta").text_content()
    assert "Khen thưởng" in meta and "2024" in meta and "Đảng ủy Sở Giáo dục và Đào tạo" in meta
    assert result.locator("mark").count() >= 1

    kinds = page.get_by_role("group", name="Loại")
    chosen = kinds.get_by_role("checkbox", name="Khen thưởng")
    assert chosen.is_checked()
    # Counts per value: the query "thanh nien" matches 1 commendation and 1 model.
    assert "(1)" in kinds.locator("label", has_text="Mô hình").inner_text()

    kinds.get_by_role("checkbox", name="Mô hình").check()  # alternatives within one filter
    page.wait_for_function("document.querySelectorAll('[data-gs-results] > li').length === 2")
    params = parse_qs(urlsplit(page.url).query)
    assert params["q"] == ["thanh nien"] and sorted(params["loai"]) == ["Khen thưởng", "Mô hình"]

    page.get_by_role("button", name="Bỏ mọi bộ lọc").click()
    page.wait_for_function("!location.search.includes('loai')")
    page.close()


def test_sample_site_search_folds_diacritics(browser, sample_url):
    page = browser.new_page()
    page.goto(sample_url + "tim-kiem/?q=dan+van+kheo+chuyen+doi+so")
    first = page.locator("[data-gs-results] > li").first
    first.wait_for()
    assert "Dân vận khéo" in first.get_by_role("heading").inner_text()
    urls = page.evaluate(SEARCH, ["tuong lai", {}]) + page.evaluate(SEARCH, ["nhap", {}])
    assert not any("tuong-lai" in u or "nhap-dien-dan" in u for u in urls)
    page.close()
