"""Vietnamese search in a real headless Chromium, on a built fixture site and the sample site."""

from __future__ import annotations

import json
import unicodedata
from urllib.parse import parse_qs, urlsplit

import pytest

from generator.audit.chromium import serve
from generator.engine import build_site
from generator.vietnamese import canonical_tones, fold
from search_fixture import EXACT_FIRST, QUERIES, REPO, nfd, write_project

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


def open_search_page(browser, site_url: str):
    """A search page kept open for a module's queries: `search(q, filters)` → the result URLs."""
    page = browser.new_page()
    page.goto(site_url + "tim-kiem/")
    yield lambda q, filters=None: page.evaluate(SEARCH, [q, filters or {}])
    page.close()


@pytest.fixture(scope="module")
def search_page(browser, fixture_url):
    yield from open_search_page(browser, fixture_url)


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
        "/mo-hinh/to-hoa-giai/", "/mo-hinh/kenh-muong/", "/mo-hinh/khuyen-hoc/", "/mo-hinh/hoa-thuan/",
    }
    assert search_page("", {"nam": ["2022", "2023"]}) != []
    assert set(search_page("", {"nam": ["2022", "2023"], "loai": ["Mô hình"]})) == {"/mo-hinh/to-hoa-giai/", "/mo-hinh/kenh-muong/"}


def test_drafts_future_records_and_listings_are_not_results(search_page):
    assert search_page("bímậtxyz") == []
    assert search_page("hẹngiờxyz") == []
    everything = []
    for kind in ("Tin tức", "Mô hình", "Khen thưởng", "Đơn vị"):
        everything += search_page("", {"loai": [kind]})
    assert len(everything) == 17  # 4 units, 4 models, 8 published news, 1 commendation
    assert all(url.split("/")[1] in {"tin-tuc", "mo-hinh", "khen-thuong", "don-vi"} and url.count("/") == 3 for url in everything)


STRINGS = [
    "Đảng viên trẻ", "ĐOÀN THANH NIÊN", "hoà giải", "hòa giải", "thuỷ lợi", "thủy lợi", "Sở GD&ĐT",
    "Chuyển đổi số", "Ưu tiên ơn nghĩa", "Nguyễn Thị Ánh Tuyết", "Kết luận 01-KL/TW", "«Quỹ “Cho con”»",
    "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ",
    "Ça va, naïve café, Straße, İstanbul, ǅ", "日本語 テスト", "",
]


def test_javascript_fold_and_tone_placement_agree_with_python(search_page, browser, fixture_url):
    page = browser.new_page()
    page.goto(fixture_url)
    samples = STRINGS + TONE_STRINGS + [nfd(s) for s in STRINGS + TONE_STRINGS]
    folded = page.evaluate(
        """async (samples) => {
          const v = await import("/assets/javascripts/vietnamese.js");
          return samples.map((s) => [v.fold(s), v.nfc(s), v.canonicalTones(s)]);
        }""",
        samples,
    )
    assert [f for f, _, _ in folded] == [fold(s) for s in samples]
    assert [n for _, n, _ in folded] == [unicodedata.normalize("NFC", s) for s in samples]
    assert [c for _, _, c in folded] == [canonical_tones(s) for s in samples]
    page.close()


TONE_STRINGS = [
    "hoà hòa HOÀ Hoà", "thuỷ thủy THUỶ", "khoẻ khỏe", "uỷ ủy Uỷ ban", "toạ tọa", "hoạ sĩ, loè loẹt, xoè",
    "hoàn thành, hoảng, khuỷu tay, ngoáy, quý, quỳ, Quỹ, thuyền, tuỳ, tuỳ tiện", "hoà.", "«hoà»", "hoà2",
]


def test_tone_placement_is_canonicalised_both_ways():
    assert canonical_tones("Hoà thuỷ khoẻ uỷ toạ") == "Hòa thủy khỏe ủy tọa"
    assert canonical_tones("Hòa thủy khỏe ủy tọa") == "Hòa thủy khỏe ủy tọa"
    # Only a glide ending the word: hoàn, thuyền, khuỷu, ngoáy keep their one spelling, and
    # "qu" + y (quý, quỳ) is not the glide "uy".
    for word in ("hoàn", "thuyền", "khuỷu", "ngoáy", "quý", "quỳ", "Quỹ"):
        assert canonical_tones(word) == word


def test_records_holding_the_query_as_a_phrase_come_first(browser, fixture_url):
    # Pagefind extends "đỏ" to "động", so "Động đất…" can outrank "Huyện Đất Đỏ" for "đất đỏ".
    records = [
        ("Động đất ở Nhật Bản", "Đất rung, nhà đổ."), ("Núi lửa và động đất", "Đất đỏ sau phun trào."),
        ("Huyện Đất Đỏ", ""), ("Đất đỏ bazan", ""), ("Đất Đỏ", ""), ("Cây cà phê", "Trồng trên đất, lá đỏ."),
    ]
    page = browser.new_page()
    page.goto(fixture_url)
    ranked = page.evaluate(
        """async ([records, query]) => {
          const s = await import("/assets/javascripts/search.js");
          const results = records.map(([title, text]) => ({ title, data: async () => ({ meta: { title }, content: text }) }));
          return (await s.phraseMatchesFirst(results, query)).map((r) => r.title);
        }""",
        [records, "dat do"],
    )
    # Titles holding the phrase (whole words, in order, folded), then texts holding it, then
    # the rest; ties keep Pagefind's order.
    assert ranked == ["Huyện Đất Đỏ", "Đất đỏ bazan", "Đất Đỏ", "Núi lửa và động đất", "Động đất ở Nhật Bản", "Cây cà phê"]
    page.close()


def excerpt(page, url: str, query: str) -> dict:
    return page.evaluate(
        """async ([url, q]) => {
          const s = await import("/assets/javascripts/search.js");
          const found = await s.search(q);
          for (const r of found.results) {
            const item = await s.describe(r, q);
            if (item.url !== url) continue;
            const box = document.createElement("p");
            box.innerHTML = item.excerpt;
            return { text: box.textContent, marks: [...box.querySelectorAll("mark")].map((m) => m.textContent) };
          }
          return null;
        }""",
        [url, query],
    )


def test_highlighting_follows_the_marks_the_reader_typed(browser, fixture_url):
    page = browser.new_page()
    page.goto(fixture_url)
    # Typed with marks: only words spelled so; "Chuyên" and "Sở" are other words.
    assert excerpt(page, "/tin-tuc/chuyen-de-so/", "chuyển đổi số")["marks"] == ["chuyển", "đổi", "số"]
    # Typed without marks: every word with those letters.
    assert excerpt(page, "/tin-tuc/chuyen-de-so/", "chuyen doi so")["marks"] == ["Chuyên", "Sở", "chuyển", "đổi", "số"]
    # Marks typed on one word only: that word is compared with its marks, the other folded.
    assert excerpt(page, "/tin-tuc/chuyen-de-so/", "chuyên de")["marks"] == ["Chuyên", "đề"]
    # Tone placement does not matter: "thủy" marks "thuỷ", "ủy ban" marks "Uỷ ban".
    assert excerpt(page, "/mo-hinh/hoa-thuan/", "thủy sản")["marks"] == ["thuỷ", "sản"]
    assert excerpt(page, "/mo-hinh/hoa-thuan/", "ủy ban")["marks"] == ["Uỷ", "ban"]
    page.close()


def test_excerpts_come_from_the_text_without_field_labels(browser, fixture_url):
    page = browser.new_page()
    page.goto(fixture_url)
    for url, query in (("/mo-hinh/hoa-thuan/", "ủy ban kiểm tra"), ("/mo-hinh/to-hoa-giai/", "dan van kheo"),
                       ("/khen-thuong/bang-khen-doan/", "dang uy so giao duc"), ("/tin-tuc/so-y-te/", "xay dung dang")):
        shown = excerpt(page, url, query)
        assert shown is not None, (url, query)  # found by its card's values
        for label in ("Đơn vị", "Phong trào", "Lĩnh vực", "Chuyên mục", "Năm", "Thẻ"):
            assert label not in shown["text"], (query, shown)
    page.close()


def test_the_count_is_of_records_holding_every_word(search_page, browser, fixture_url):
    page = browser.new_page()
    page.goto(fixture_url)
    counted = page.evaluate(
        """async (queries) => {
          const s = await import("/assets/javascripts/search.js");
          const out = [];
          for (const q of queries) {
            const found = await s.search(q);
            out.push([found.total, found.results.length, found.missing, s.statusText(found, q)]);
          }
          return out;
        }""",
        ["thanh nien", "thanh nien xyzabc"],
    )
    assert counted[0][:3] == [3, 3, []]
    # Pagefind drops a word no record holds and returns the other words' records: the count
    # says none holds every word, and which word is missing.
    total, shown, missing, status = counted[1]
    assert (total, shown, missing) == (0, 3, ["xyzabc"])
    assert "không tìm thấy “xyzabc”" in status
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
    page.wait_for_function("document.querySelector('[role=listbox]').dataset.query === 'dang vien tre'")
    first = listbox.get_by_role("option").first
    assert box.get_attribute("aria-expanded") == "true"
    assert "Đảng viên trẻ xung kích chuyển đổi số" in first.inner_text()
    assert "Tin tức" in first.text_content()
    assert first.locator("mark").first.inner_text() == "đảng"  # highlighted although typed without đ
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


def test_only_the_newest_query_is_searched_and_shown(browser, fixture_url):
    # Searches that take longer the shorter the query, as Pagefind's do: "d" is still running
    # when the reader has typed on; the queries typed meanwhile are never searched but the
    # newest, and what "d" found is never shown.
    page = browser.new_page()
    page.goto(fixture_url)
    ran, shown = page.evaluate(
        """async () => {
          const s = await import("/assets/javascripts/search.js");
          const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
          const ran = [], shown = [];
          const run = s.newestOnly(async (q, stale) => { ran.push(q); await sleep(q.length < 3 ? 300 : 20); return q; },
                                   (result) => shown.push(result));
          run("d"); await sleep(50);
          run("da"); run("dan"); await sleep(50);
          run("dan v");
          await sleep(600);
          run("dan van"); await sleep(100);
          return [ran, shown];
        }""")
    assert ran == ["d", "dan v", "dan van"]
    assert shown == ["dan v", "dan van"]
    page.close()


# A search worker whose searches of one letter compute for 4 s without a pause, as Pagefind's
# searches of a common syllable do at 10,000 records: only terminating the worker ends them.
SLOW_WORKER = """
self.addEventListener("message", ({ data: { id, op, args } }) => {
  if (op === "search") self.postMessage({ id, computing: true });
  if (op === "search" && args[0].length < 2) { const end = performance.now() + 4000; while (performance.now() < end); }
  const result = op === "search" ? { results: [], query: args[0] } : true;
  self.postMessage({ id, result });
});
"""


@pytest.mark.parametrize("cancelling", [True, False])
def test_a_query_typed_while_a_search_computes_is_shown_at_once(browser, fixture_url, cancelling):
    # The search of "d" cannot be interrupted; the engine terminates its worker, and the newest
    # query runs in the spare worker: its results come in well under the 4 s "d" would take,
    # and what "d" found is never shown. Without cancelling, "dan van" waits for "d".
    page = browser.new_page()
    page.goto(fixture_url)
    shown = page.evaluate(
        """async ([code, cancelling]) => {
          const s = await import("/assets/javascripts/search.js");
          const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
          const engine = new s.Engine(URL.createObjectURL(new Blob([code], { type: "text/javascript" })));
          await engine.ready;
          const shown = [], t0 = performance.now();
          const run = s.newestOnly(async (q) => (await engine.search(q)).query,
                                   (query) => shown.push([query, performance.now() - t0]),
                                   () => cancelling && engine.cancel());
          run("d"); await sleep(300);
          run("dan van");
          while (!shown.length && performance.now() - t0 < 6000) await sleep(20);
          await sleep(200);
          return shown;
        }""", [SLOW_WORKER, cancelling])
    assert [query for query, _ in shown] == ["dan van"]
    if cancelling:
        assert shown[0][1] < 1500, shown
    else:  # the measure can fail: without cancelling, the newest query waits
        assert shown[0][1] > 4000, shown
    page.close()


def test_search_runs_in_a_worker_and_a_cancelled_search_gives_way_to_the_spare(browser, fixture_url):
    # A search cancelled while it computes: its worker is terminated, the spare takes over.
    page = browser.new_page()
    page.goto(fixture_url)
    outcome = page.evaluate(
        """async (code) => {
          const s = await import("/assets/javascripts/search.js");
          const engine = new s.Engine(URL.createObjectURL(new Blob([code], { type: "text/javascript" })));
          await engine.ready;
          const first = engine.lead.pools[0].current;
          const running = engine.search("d");
          await new Promise((done) => setTimeout(done, 300));
          const cancelled = engine.cancel();
          const error = await running.then(() => "finished", (e) => e.name);
          const found = await engine.search("dan van");
          return { cancelled, error, replaced: engine.lead.pools[0].current !== first, query: found.query, idle: engine.cancel() };
        }""", SLOW_WORKER)
    assert outcome == {"cancelled": True, "error": "Cancelled", "replaced": True, "query": "dan van", "idle": False}
    page.close()


def test_a_search_cancelled_while_loading_its_chunks_stops_there_and_keeps_its_worker(browser, fixture_url):
    # Cancelled before it computes (its index chunks still loading), the search answers
    # Cancelled once they are loaded and never computes; the worker is kept, chunks and all, and
    # runs the next search. Terminating it would throw the chunks away mid-download.
    page = browser.new_page()
    page.goto(fixture_url)
    outcome = page.evaluate(
        """async () => {
          const s = await import("/assets/javascripts/search.js");
          const engine = await s.pagefind();
          const first = engine.lead.pools[0].current;
          const computed = [];
          first.worker.addEventListener("message", ({ data }) => data.computing && computed.push(data.id));
          const running = s.search("hoa giai");
          await new Promise((done) => setTimeout(done, 0));
          const cancelled = engine.cancel();
          const error = await running.then(() => "finished", (e) => e.name);
          const computedBefore = computed.length;
          const found = await s.search("hoa giai");
          return { worker: engine instanceof s.Engine, cancelled, error, computedBefore, computedAfter: computed.length,
                   kept: engine.lead.pools[0].current === first,
                   title: (await found.results[0].data()).meta.title, idle: engine.cancel() };
        }""")
    assert outcome == {"worker": True, "cancelled": True, "error": "Cancelled", "computedBefore": 0, "computedAfter": 1,
                       "kept": True, "title": outcome["title"], "idle": False}
    assert outcome["title"].startswith("Tổ hòa giải giỏi"), outcome
    page.close()


# Records a result list's shown queries (its data-query) with the time of each.
WATCH = """(selector) => {
  const list = document.querySelector(selector);
  window.gsShown = [];
  new MutationObserver(() => window.gsShown.push(list.dataset.query)).observe(list, { attributes: true, childList: true });
}"""


@pytest.mark.parametrize("where, box", [("", "#gs-searchbox-q"), ("tim-kiem/", "#gs-search-q")])
@pytest.mark.parametrize("delay", [40, 160, 300])
def test_typed_queries_show_the_final_results_and_never_stale_ones(browser, fixture_url, where, box, delay):
    page = browser.new_page()
    page.goto(fixture_url + where)
    results = "[role=listbox]" if not where else "[data-gs-results]"
    page.evaluate(WATCH, results)
    page.locator(box).click()
    page.keyboard.type("hoa giai", delay=delay)
    page.wait_for_function(f"document.querySelector('{results}').dataset.query === 'hoa giai'", timeout=10000)
    page.wait_for_timeout(800)  # nothing older may come after the final results
    shown = [q for q in page.evaluate("window.gsShown") if q is not None]
    assert shown[-1] == "hoa giai", shown
    # Shown in typing order: each shown query is a longer prefix of the final one.
    assert all("hoa giai".startswith(q) for q in shown), shown
    assert [len(q) for q in shown] == sorted(len(q) for q in shown), shown
    first = page.locator(f"{results} a").first
    assert first.inner_text().startswith("Tổ hòa giải giỏi"), first.inner_text()
    page.close()


# A large site's index is split into shards merged in the browser (generator/search_index.py);
# the fixture's records split three to a shard give the same answers, typed or pasted.
@pytest.fixture(scope="module")
def sharded_url(tmp_path_factory):
    import generator.search_index as search_index

    root = tmp_path_factory.mktemp("search-sharded")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search_index, "SHARD_RECORDS", 3)
        site = build_site(write_project(root / "src"), root / "site")
    with serve(site) as url:
        yield url, site


def test_a_sharded_index_lists_its_shards(sharded_url):
    import json

    _, site = sharded_url
    # The lead bundle (records without their body words) in larger shards, the full one in more.
    lead = json.loads((site / "pagefind" / "shards.json").read_text("utf-8"))
    full = json.loads((site / "pagefind" / "full" / "shards.json").read_text("utf-8"))
    assert 1 <= len(lead) < len(full), (lead, full)
    assert all((site / "pagefind" / shard / "pagefind-entry.json").is_file() for shard in lead)
    assert all((site / "pagefind" / "full" / shard / "pagefind-entry.json").is_file() for shard in ["", *full])


def wait_until(page, script: str, timeout_ms: int = 10000) -> None:
    """Waits until the async JavaScript function `script` resolves to a truthy value.
    (Playwright's wait_for_function takes the promise such a function returns for a truthy
    value at once.)"""
    page.evaluate(f"""async () => {{
        const check = {script};
        const end = performance.now() + {timeout_ms};
        while (!(await check())) {{
          if (performance.now() > end) throw new Error("still false after {timeout_ms} ms");
          await new Promise((resolve) => setTimeout(resolve, 50));
        }}
      }}""")


def evaluate_in_page(browser, url, script):
    """What `script` returns in a fresh page of the site at `url`."""
    page = browser.new_page()
    try:
        page.goto(url)
        return page.evaluate(script)
    finally:
        page.close()


def test_the_box_answers_from_the_lead_bundle_when_it_is_enough_and_from_the_full_one_otherwise(browser, sharded_url):
    # "hoa giai" is in titles: with `enough` (the header box) the lead bundle's results are the
    # answer, marked partial. "dang uy phuong dong le" is only in the body of one record: the
    # lead bundle finds no record, the full bundle does; the search page always asks it.
    url, _ = sharded_url
    outcome = evaluate_in_page(browser, url,
        """async () => {
          const s = await import("/assets/javascripts/search.js");
          const urls = async (found) => Promise.all(found.results.map(async (r) => (await r.data()).url));
          const lead = await s.search("hoa giai", {}, { enough: 1 });
          const deep = await s.search("dang uy phuong dong le", {}, { enough: 1 });
          const page = await s.search("hoa giai");
          return { lead: [lead.partial, (await lead.results[0].data()).meta.title],
                   deep: [Boolean(deep.partial), deep.total, ...await urls(deep)],
                   page: [Boolean(page.partial), (await page.results[0].data()).meta.title] };
        }""")
    assert outcome["lead"][0] is True and outcome["lead"][1].startswith("Tổ hòa giải giỏi"), outcome
    assert outcome["deep"] == [False, 1, "/tin-tuc/ngay-hoi-thon/"], outcome
    assert outcome["page"][0] is False and outcome["page"][1].startswith("Tổ hòa giải giỏi"), outcome


@pytest.fixture(scope="module")
def sharded_search_page(browser, sharded_url):
    """One search page of the sharded site, as for the single index: the first query merges the
    shards cold, the next ones search them as a reader's later queries do. (A fresh page per
    query started the search workers and merged every shard again: 2 s each.)"""
    yield from open_search_page(browser, sharded_url[0])


@pytest.mark.parametrize("query", QUERIES, ids=[f"{q.case}: {q.text}" for q in QUERIES])
def test_a_sharded_index_finds_what_one_index_finds(sharded_search_page, query):
    urls = sharded_search_page(query.text, query.filters)
    assert query.expected in urls[: query.top], (query, urls)


@pytest.mark.parametrize("delay", [100, 250])
def test_typed_body_only_phrase_shows_its_record_and_never_stale_results_on_a_sharded_index(browser, sharded_url, delay):
    url, _ = sharded_url
    page = browser.new_page()
    page.goto(url)
    results = "[role=listbox]"
    page.evaluate(WATCH, results)
    page.locator("#gs-searchbox-q").click()
    page.keyboard.type("dang uy phuong dong le", delay=delay)
    page.wait_for_function(f"document.querySelector('{results}').dataset.query === 'dang uy phuong dong le'",
                           timeout=10000)
    page.wait_for_timeout(800)
    shown = [q for q in page.evaluate("window.gsShown") if q is not None]
    assert shown[-1] == "dang uy phuong dong le", shown
    assert [len(q) for q in shown] == sorted(len(q) for q in shown), shown
    assert page.locator(f"{results} a").first.get_attribute("href").endswith("/tin-tuc/ngay-hoi-thon/")
    page.close()


def test_a_bundle_searched_by_two_workers_answers_as_one_worker_does(browser, sharded_url):
    # Each worker searches its block of the shards; the page merges their results by score.
    # The merged answer is one worker's over every shard: same records in the same order, same
    # counts and filter counts, and it uses two workers.
    url, _ = sharded_url
    outcome = evaluate_in_page(browser, url,
        """async () => {
          const s = await import("/assets/javascripts/search.js");
          const worker = new URL("/assets/javascripts/search-worker.js", location.href);
          const one = new s.Bundle(worker, "pagefind/full/", 1), two = new s.Bundle(worker, "pagefind/full/", 2);
          const engine = await s.pagefind();
          const canon = (filters) => JSON.stringify(Object.keys(filters).sort().map((k) => [k, Object.entries(filters[k]).sort()]));
          const answers = async (bundle) => {
            const out = [];
            for (const q of ["hoa giai", "dang uy", "thon", "khuyen hoc", "nong thon moi"]) {
              const found = await bundle.search(q, {});
              const urls = await Promise.all(found.results.map(async (r) => (await r.data()).url));
              out.push([q, found.total, found.unfilteredResultCount, canon(found.filters), urls]);
            }
            return out;
          };
          return { one: await answers(one), two: await answers(two), pools: [one.pools.length, two.pools.length],
                   box: engine.lead.pools.length, filters: canon(await one.filters()) === canon(await two.filters()) };
        }""")
    assert outcome["pools"] == [1, 2] and outcome["box"] == 2, outcome
    assert outcome["one"] == outcome["two"], outcome
    assert sum(len(urls) for *_, urls in outcome["one"]) > 10, outcome  # queries that find several records
    assert outcome["filters"], outcome


def test_the_box_asks_the_full_bundle_at_once_for_a_query_extending_one_the_lead_could_not_answer(browser, sharded_url):
    # "dang uy phuong" is only in a body: the lead bundle finds too few records, then the full
    # bundle is asked. "dang uy phuong dong le" extends it (it cannot find more records in the
    # lead), so the full bundle is asked side by side with the lead, not after it; an unrelated
    # query is not. The answers are the full bundle's as before.
    url, _ = sharded_url
    outcome = evaluate_in_page(browser, url,
        """async () => {
          const s = await import("/assets/javascripts/search.js");
          const engine = await s.pagefind();
          const full = await engine.full();
          const log = [];
          for (const [name, bundle] of [["lead", engine.lead], ["full", full]]) {
            const search = bundle.search.bind(bundle);
            bundle.search = async (...args) => { log.push(`${name} asked`); const found = await search(...args); log.push(`${name} answered`); return found; };
          }
          const asks = async (q) => {
            log.length = 0;
            const found = await s.search(q, {}, { enough: 1 });
            return [q, [...log], await Promise.all(found.results.map(async (r) => (await r.data()).url))];
          };
          return [await asks("dang uy phuong"), await asks("dang uy phuong dong le"), await asks("hoa giai")];
        }""")
    first, extended, other = outcome
    assert first[1] == ["lead asked", "lead answered", "full asked", "full answered"], outcome
    assert extended[1][:2] == ["full asked", "lead asked"] and extended[1].index("full answered") > extended[1].index("lead asked"), outcome
    assert extended[2] == ["/tin-tuc/ngay-hoi-thon/"], outcome
    assert other[1] == ["lead asked", "lead answered"], outcome


@pytest.mark.parametrize("renew_above", [0, None])
def test_a_new_query_in_the_box_starts_afresh_in_lead_workers_holding_many_index_chunks(browser, sharded_url, renew_above):
    # Pagefind extends each word to every word it begins among the index chunks its worker has
    # loaded, so the chunks of earlier queries slowed later ones and changed what they found.
    # Emptying the box (or typing other text over it) hands the lead bundle's searches to the
    # idle spare workers once the workers hold more chunks than `renewAbove` (0 here; the
    # default, far above what this small site loads, keeps them); typing on keeps the workers
    # and their chunks. Answers are unchanged.
    url, _ = sharded_url
    page = browser.new_page()
    page.goto(url)
    shown = lambda query: page.wait_for_function(
        f"document.querySelector('[role=listbox]').dataset.query === {query!r}", timeout=10000)
    engine = """async () => (await (await import("/assets/javascripts/search.js")).pagefind())"""
    workers = f"async () => (await ({engine})()).lead.pools.map((p) => [p.current.id ||= Math.random(), p.current.chunks])"
    if renew_above is not None:
        page.evaluate(f"async (n) => (await ({engine})()).lead.pools.forEach((p) => {{ p.renewAbove = n; }})", renew_above)
    page.locator("#gs-searchbox-q").click()
    page.keyboard.type("hoa giai", delay=50)
    shown("hoa giai")
    wait_until(page, f"async () => (await ({engine})()).lead.pools.every((p) => p.spare?.initialised)")
    first = page.evaluate(workers)
    # An input method puts the mark on a letter typed before ("to" → "toà"), and "toà" reads
    # "tòa" (canonical tone placement), yet "toàn" is its next key, not a new query.
    page.keyboard.type(" to", delay=50)
    page.locator("#gs-searchbox-q").fill("hoa giai toà")
    page.keyboard.type("n")
    shown("hoa giai toàn")
    typed_on = page.evaluate(workers)
    page.locator("#gs-searchbox-q").fill("")
    emptied = page.evaluate(workers)
    page.keyboard.type("khuyen hoc", delay=50)
    shown("khuyen hoc")
    href = page.locator("[role=listbox] a").first.get_attribute("href")
    page.close()
    assert len(first) == 2 and all(chunks > 0 for _, chunks in first), first
    assert [worker for worker, _ in typed_on] == [worker for worker, _ in first], (first, typed_on)
    if renew_above is None:
        assert emptied == typed_on, (typed_on, emptied)
    else:
        assert all(new != old and chunks == 0 for (new, chunks), (old, _) in zip(emptied, first)), (first, emptied)
    assert href.endswith("/mo-hinh/khuyen-hoc/"), href


def test_the_box_matches_the_marks_typed_in_the_lead_and_falls_back_to_folding(browser, sharded_url):
    # Typed with marks, "hóa" in the box finds the records spelling "hóa", not those spelling
    # "hòa" or "hoà" (Pagefind's exactDiacritics on the lead bundle: a common syllable with its
    # tone no longer extends to every word with the same letters). The search page still folds.
    # A query whose marks find too few records ("tổ hoa giải", "hoa" typed without its tone)
    # is answered by folding, as before.
    url, _ = sharded_url
    outcome = evaluate_in_page(browser, url,
        """async () => {
          const s = await import("/assets/javascripts/search.js");
          const titles = async (found) => Promise.all(found.results.map(async (r) => (await r.data()).meta.title));
          return { box: await titles(await s.search("hóa", {}, { enough: 1 })),
                   page: await titles(await s.search("hóa")),
                   mixed: await titles(await s.search("tổ hoa giải", {}, { enough: 1 })),
                   old: await titles(await s.search("hoà", {}, { enough: 1 })),
                   start: await titles(await s.search("toà", {}, { enough: 1 })) };
        }""")
    # A last word in the old tone placement is matched exactly too: as its canonical form
    # ("hoà" finds "hòa", not "hóa") and as typed, whose extensions it may begin ("toà" → the
    # "Toàn bộ tài liệu" of "Số hóa tài liệu lưu trữ").
    assert any(title.startswith("Tổ hòa giải giỏi") for title in outcome["old"]), outcome
    assert "Số hóa tài liệu lưu trữ" not in outcome["old"], outcome
    assert "Số hóa tài liệu lưu trữ" in outcome["start"], outcome
    assert "Số hóa tài liệu lưu trữ" in outcome["box"], outcome
    assert not any(title.startswith(("Tổ hòa giải", "Khu dân cư hoà")) for title in outcome["box"]), outcome
    assert any(title.startswith("Tổ hòa giải giỏi") for title in outcome["page"]), outcome
    assert outcome["mixed"][0].startswith("Tổ hòa giải giỏi"), outcome


def test_the_box_waits_longer_after_a_short_word_unless_it_is_a_syllable_after_others(browser, fixture_url):
    # A word of one or two letters is most often the start of a longer one, and Pagefind would
    # extend it to every word it begins: the box waits for a longer pause. Not when it has a
    # vowel and a mark after other words ("khi là", "Vệ binh Thuỵ Sĩ"): a complete syllable,
    # most often, matched exactly; nor when it repeats a word before it, which is not searched
    # again. "đ" begins most words; "Hà" alone may be "Hàn" on a cold page; "ke to" may be "kế
    # toán", and searching "to" would load the chunks of every to- word. A consonant alone is no
    # syllable at all: the longest wait ("Vitamin K" waits too, rare as it is); a vowel or a
    # digit alone may be one ("ngành y", "lớp 5").
    queries = ["khi là", "Vệ binh Thuỵ Sĩ", "Quân đội Mỹ", "dân v", "dân đ", "khi la", "Hà", "ban uỷ", "dân vận",
               "khi là ", "cac che do", "Đông Nam Á", "thanh th", "năm 20", "khi la giai co ten la", "ke to",
               "tài khoản (k", "ngành y", "lớp 5", "Vitamin K", "d"]
    waits = evaluate_in_page(browser, fixture_url,
        f"""async () => {{
          const s = await import("/assets/javascripts/search.js");
          const names = {{ [s.PAUSE_MS]: "usual", [s.SHORT_WORD_PAUSE_MS]: "longer", [s.LONE_CONSONANT_PAUSE_MS]: "longest" }};
          return {queries!r}.map((q) => names[s.waitFor(q)] || "?");
        }}""")
    assert dict(zip(queries, waits)) == {
        "khi là": "usual", "Vệ binh Thuỵ Sĩ": "usual", "Quân đội Mỹ": "usual",
        "dân v": "longest", "dân đ": "longest", "khi la": "longer", "Hà": "longer", "ban uỷ": "usual",
        "dân vận": "usual", "khi là ": "usual", "cac che do": "longer", "Đông Nam Á": "usual",
        "thanh th": "longer", "năm 20": "longer", "khi la giai co ten la": "usual", "ke to": "longer",
        "tài khoản (k": "longest", "ngành y": "longer", "lớp 5": "longer", "Vitamin K": "longest", "d": "longest"}


def test_words_typed_to_the_end_are_sent_as_whole_words(browser, fixture_url):
    # The index ends each word in WORD_END (generator/search_index.py): a word followed by a
    # space or a mark is sent with it and matches that word only; the last one, maybe still
    # being typed, matches every word it begins.
    queries = ["dân vận khéo", "dân vận khéo ", "altyn-tagh", "tp.hcm", "covid-19 ở", "ban chỉ đạo."]
    spelled = evaluate_in_page(browser, fixture_url,
        f"""async () => {{
          const s = await import("/assets/javascripts/search.js");
          return {queries!r}.map((q) => s.indexSpelling(s.engineQuery(q), q).replaceAll(s.WORD_END, "|"));
        }}""")
    assert dict(zip(queries, spelled)) == {
        "dân vận khéo": "dân| vận| khéo", "dân vận khéo ": "dân| vận| khéo|", "altyn-tagh": "altyn|-tagh",
        "tp.hcm": "tp|.hcm", "covid-19 ở": "covid|-19| ở", "ban chỉ đạo.": "ban| chỉ| đạo|."}


def test_a_whole_word_finds_that_word_only_and_results_show_no_word_ends(browser, fixture_url):
    # "than" followed by a space matches "Than" (Bến Than), not "thanh" (once Pagefind extended
    # every word to the words it begins); typed last, "than" still finds what it begins. What
    # the box shows holds no WORD_END.
    found = evaluate_in_page(browser, fixture_url,
        """async () => {
          const s = await import("/assets/javascripts/search.js");
          const titles = async (raw) => Promise.all((await s.search(raw)).results.map(async (r) => (await r.data()).meta.title));
          const best = (await s.search("ben than")).results[0];
          return { whole: await titles("than "), start: await titles("than"), data: await best.data(),
                   shown: await s.describe(best, "ben than") };
        }""")
    assert found["whole"] == ["Ngày hội ở thôn Bến Than"], found
    assert "Ngày hội ở thôn Bến Than" in found["start"] and any("thanh niên" in title for title in found["start"]), found
    assert found["data"]["content"].startswith("Ngày hội ở thôn Bến Than"), found["data"]
    dumped = json.dumps([found["data"], found["shown"]], ensure_ascii=False)
    assert "ǂ" not in dumped, dumped[max(0, dumped.find("ǂ") - 200):dumped.find("ǂ") + 100]


def test_emptying_the_box_starts_the_full_bundle_for_the_next_query(browser, sharded_url):
    # A reader who searches again may type a word only the full bundle holds: its workers start
    # when the box is emptied (or typed over), not during the first query, whose bytes they
    # would add to.
    url, _ = sharded_url
    page = browser.new_page()
    page.goto(url)
    engine = """async () => (await (await import("/assets/javascripts/search.js")).pagefind())"""
    box = page.locator("#gs-searchbox-q")
    box.click()
    page.keyboard.type("x")
    wait_until(page, f"async () => (await ({engine})()).split")
    before = page.evaluate(f"async () => (await ({engine})()).fullBundle !== null")
    box.fill("")
    wait_until(page, f"async () => (await ({engine})()).fullBundle !== null")
    started = page.evaluate(f"async () => {{ const e = await ({engine})(); await e.fullBundle.ready; return e.fullBundle.pools.length; }}")
    page.close()
    assert before is False
    assert started >= 1


def test_pagefind_gets_each_word_once_and_a_lone_letter_is_not_searched(browser, fixture_url):
    # A repeated word adds no record, only work (Pagefind compares each result with each of
    # its postings again). A lone letter, the start of a word being typed, would extend to every
    # word it begins: the box waits for more.
    page = browser.new_page()
    page.goto(fixture_url)
    queries = page.evaluate(
        """async () => {
          const s = await import("/assets/javascripts/search.js");
          return [["Chi phí chi phí sản xuất", "khi là giải có tên là", "dân vận"].map(s.engineQuery),
                  ["hóa", "Cộng hoà Texas", "dan van", "Nguyễn Đức Toà"].map(s.matchesMarksExactly),
                  ["Nguyễn Đức Toà", "Thánh hoá", "hoà bình hoà", "Cộng hoà Texas"].map(s.exactQueries)];
        }""")
    assert queries[0] == ["chi phí sản xuất", "khi là giải có tên", "dân vận"]
    # Marks are matched exactly in the box, a last word in the old tone placement too: as its
    # canonical form, and as typed, for the words it may be the start of ("toà" → "toàn").
    assert queries[1] == [True, True, False, True]
    assert queries[2] == [["nguyễn đức tòa", "nguyễn đức toà"], ["thánh hóa", "thánh hoá"],
                          ["hòa bình", "hòa bình hoà"], ["cộng hòa texas"]]
    box = page.locator("#gs-searchbox-q")
    box.click()
    page.keyboard.type("s")
    page.wait_for_timeout(1000)
    assert box.get_attribute("aria-expanded") != "true"
    assert page.locator("[role=listbox] [role=option]").count() == 0
    page.keyboard.type("ở y")
    page.wait_for_function("document.querySelector('[role=listbox]').dataset.query === 'sở y'")
    assert "Sở Y tế" in page.locator("[role=listbox] [role=option]").first.inner_text()
    page.close()


def test_a_record_titled_with_the_query_ranks_above_records_holding_it_in_their_body(browser, tmp_path):
    # Pagefind weighs query words found in the title metadata; the box sends finished words
    # with WORD_END, so the title's words must end in it too (search_index.end_words). With a
    # plain title, the 14 records repeating the phrase in their body filled the first 10
    # results, which the box re-ranks by title, and the titled record was not among them. (These
    # pages hold no folded aliases, which the generator writes: queries here keep their marks.)
    import shutil

    from generator.search_index import index_site

    site = tmp_path / "site"
    scripts = site / "assets" / "javascripts"
    scripts.mkdir(parents=True)
    for name in ("search.js", "search-worker.js", "vietnamese.js"):
        shutil.copy(REPO / "theme_overrides" / "assets" / "javascripts" / name, scripts / name)

    def record(slug: str, title: str, body: str) -> None:
        page = site / "tin-tuc" / slug / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(
            f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{title}</title></head><body>'
            f'<article data-pagefind-body><h1>{title}</h1><div hidden data-pagefind-ignore>'
            f'<span data-pagefind-meta="title">{title}</span></div><p>{body}</p></article></body></html>', "utf-8")

    record("chu-nghia-da-van-hoa", "Chủ nghĩa đa văn hóa", "Nhiều cộng đồng cùng sống trong một quốc gia. " * 30)
    for i in range(14):
        record(f"dan-toc-{i}", f"Chủ nghĩa dân tộc {i}", "Chủ nghĩa đa văn hóa được bàn nhiều. " * 3)
    index_site(site)
    with serve(site) as url:
        found = evaluate_in_page(browser, url + "tin-tuc/chu-nghia-da-van-hoa/",
            """async () => {
              const s = await import("/assets/javascripts/search.js");
              const urls = async (raw) => Promise.all((await s.search(raw)).results.map(async (r) => (await r.data()).url));
              return { typed: await urls("Chủ nghĩa đa văn hóa"), lower: await urls("chủ nghĩa đa văn hóa") };
            }""")
    assert found["typed"][0] == "/tin-tuc/chu-nghia-da-van-hoa/", found
    assert found["lower"][0] == "/tin-tuc/chu-nghia-da-van-hoa/", found
