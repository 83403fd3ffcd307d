// Site search on the Pagefind index in /pagefind/: the search box in the header (results as
// you type) and the full search page /tim-kiem/ (filters, counts, query and filters in the
// URL). Everything is loaded from this site; nothing from another host.
//
// Vietnamese matching: Pagefind folds tone and vowel marks itself and ranks exact spellings
// first; each record also indexes the folded spelling of its words with đ (see
// generator/search.py), so "dang vien" finds "đảng viên". The query is sent in NFC; the
// excerpts and highlights are computed here with fold(), the same rule as the index side.
import { fold, nfc } from "./vietnamese.js";

const ROOT = new URL("../../", import.meta.url); // this file is /assets/javascripts/search.js
const ALIAS_MARK = "\u00a6"; // generator/search.py: ALIAS_MARK
const FILTER_KEYS = ["loai", "don_vi", "phong_trao", "linh_vuc", "chuyen_muc", "nam"];
const PAGE_SIZE = 10;
const BOX_SIZE = 6;
const DEBOUNCE_MS = 120;
// Pagefind ranking options (pagefind.options({ranking})). Pagefind's defaults measured best
// at 10,000 records: a higher termSimilarity ranks "đỏ" above its extension "động" but then
// misses partly typed words, a higher diacriticSimilarity misses queries typed without marks
// (bench/RESULTS.md, "Search (issue 3)"; bench/search_bench.py --ranking compares variants).
export const RANKING = {};

let loading = null;

/** The Pagefind API, loaded once (on first focus or first search). */
export function pagefind() {
  if (!loading) {
    loading = import(new URL("pagefind/pagefind.js", ROOT).href).then(async (pf) => {
      await pf.options({ baseUrl: ROOT.pathname, ranking: RANKING });
      await pf.init();
      return pf;
    });
  }
  return loading;
}

/** The query as Pagefind gets it: NFC (pasted text may be NFD), lower case, trimmed. */
export function queryText(raw) {
  return nfc(raw).toLowerCase().trim();
}

/**
 * Start loading the index chunks of what is being typed, before the debounced search runs:
 * Pagefind's preload fetches the chunks the terms need, so the search itself only computes.
 */
export function preload(raw) {
  const query = queryText(raw);
  if (query) pagefind().then((pf) => pf.preload(query));
}

/** Pagefind filter object: values of one filter are alternatives, filters combine. */
function pagefindFilters(selected) {
  const filters = {};
  for (const [key, values] of Object.entries(selected)) {
    if (values.length) filters[key] = { any: values };
  }
  return filters;
}

/**
 * Search; returns {results, filters, totalFilters, total, ms, rerankMs} (ms: Pagefind's time;
 * rerankMs: re-ranking, see titleMatchesFirst). `rerank: false` skips re-ranking when only the
 * counts are wanted.
 */
export async function search(raw, selected = {}, { rerank = true } = {}) {
  const pf = await pagefind();
  const query = queryText(raw);
  const filters = pagefindFilters(selected);
  if (!query && !Object.keys(filters).length) return null;
  const started = performance.now();
  const found = await pf.search(query || null, { filters });
  const ms = performance.now() - started;
  // Re-ranking fetches the first results' fragments, which showing them needs anyway; its
  // time is reported apart from Pagefind's.
  const results = rerank && query ? await titleMatchesFirst(found.results, query) : found.results;
  return { ...found, results, total: found.results.length, ms, rerankMs: performance.now() - started - ms };
}

// How many of Pagefind's first results are re-ranked: enough to hold the record a reader
// names, few enough that fetching their fragments stays small (about 3 KB each).
const RERANK = 10;

/**
 * Pagefind scores words, and extends each query word to every indexed word it begins
 * ("đỏ" also matches "động"), so a record that merely repeats a longer word can outrank the
 * record whose title is the query. Among the first results, those whose title holds the
 * query's words in order, as whole words (compared folded), come first; the rest keep
 * Pagefind's order (bench/RESULTS.md, "Search (issue 3)").
 */
export async function titleMatchesFirst(results, query) {
  const head = results.slice(0, RERANK);
  const wanted = ` ${words(query)} `;
  const titles = await Promise.all(head.map(async (r) => ` ${words((await r.data()).meta?.title || "")} `));
  const order = head.map((result, i) => ({ result, i, named: titles[i].includes(wanted) }));
  order.sort((a, b) => b.named - a.named || a.i - b.i);
  return [...order.map((o) => o.result), ...results.slice(RERANK)];
}

/** Folded words separated by single spaces: "Đất Đỏ (huyện)" → "dat do huyen". */
function words(text) {
  return fold(text).replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

/** A result's fragment as shown: title, kind, date, unit, url and an excerpt with <mark>. */
export async function describe(result, raw) {
  const data = await result.data();
  const meta = data.meta || {};
  return {
    url: data.url,
    title: meta.title || data.url,
    kind: meta.kind || "",
    date: meta.date || "",
    unit: meta.unit || "",
    excerpt: excerptHtml(data.content || "", meta.title || "", raw),
  };
}

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]);
}

function queryTerms(raw) {
  return fold(nfc(raw)).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/**
 * The stretch of a record's text with the most words matching the query, as HTML with the
 * matches in <mark>. A word matches when its folded form starts with a folded query term, so
 * "dang" marks "Đảng" and "hoa" marks "hoà" and "hòa".
 */
export function excerptHtml(content, title, raw, length = 28) {
  let text = content;
  const cut = text.lastIndexOf(ALIAS_MARK);
  if (cut >= 0) text = text.slice(0, cut);
  if (title && text.startsWith(title)) text = text.slice(title.length).replace(/^[.\s]+/, "");
  const words = text.split(/\s+/).filter(Boolean);
  const terms = queryTerms(raw);
  const last = terms.length - 1;
  // Which query term each word matches (-1: none). Whole words match; the last term, which
  // may still be being typed, also matches the start of a word.
  const matched = words.map((word) => {
    const folded = fold(word).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    const exact = terms.indexOf(folded);
    if (exact >= 0) return exact;
    return last >= 0 && terms[last] && folded.startsWith(terms[last]) ? last : -1;
  });
  const hits = matched.map((term) => term >= 0);
  // Best window: most distinct query terms, then most matching words.
  const inWindow = new Array(terms.length).fill(0);
  let distinct = 0;
  let count = 0;
  let bestEnd = Math.min(length, words.length) - 1;
  let bestScore = 0;
  let bestCount = 0;
  for (let i = 0; i < words.length; i++) {
    if (matched[i] >= 0) {
      count += 1;
      if (inWindow[matched[i]]++ === 0) distinct += 1;
    }
    const leaving = i - length;
    if (leaving >= 0 && matched[leaving] >= 0) {
      count -= 1;
      if (--inWindow[matched[leaving]] === 0) distinct -= 1;
    }
    const score = distinct * 1000 + count;
    if (score > bestScore) {
      bestScore = score;
      bestCount = count;
      bestEnd = i;
    }
  }
  let start = Math.max(0, bestEnd - length + 1);
  const firstHit = hits.indexOf(true, start);
  if (firstHit >= 0 && bestCount > 0) start = Math.max(0, Math.min(start, firstHit - 4));
  const end = Math.min(words.length, start + length);
  const shown = words.slice(start, end).map((word, i) => {
    if (!hits[start + i]) return escapeHtml(word);
    const [, lead, core, tail] = word.match(/^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/u);
    return `${escapeHtml(lead)}<mark>${escapeHtml(core)}</mark>${escapeHtml(tail)}`;
  });
  return (start > 0 ? "… " : "") + shown.join(" ") + (end < words.length ? " …" : "");
}

function metaLine(item) {
  const parts = [item.date, item.unit].filter(Boolean).map(escapeHtml);
  const kind = item.kind ? `<span class="gs-kind">${escapeHtml(item.kind)}</span>` : "";
  return [kind, ...parts].filter(Boolean).join(" · ");
}

function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

// ---------------------------------------------------------------- header search box

function setUpBox(form) {
  const input = form.querySelector(".gs-searchbox__input");
  const panel = form.querySelector("[data-gs-panel]");
  const list = form.querySelector("[role=listbox]");
  const status = form.querySelector("[data-gs-box-status]");
  const all = form.querySelector("[data-gs-all]");
  let sequence = 0;
  let active = -1;

  const options = () => [...list.querySelectorAll("[role=option]")];
  const open = (yes) => {
    panel.hidden = !yes;
    input.setAttribute("aria-expanded", String(yes));
    if (!yes) setActive(-1);
  };
  const setActive = (index) => {
    const items = options();
    active = index;
    items.forEach((item, i) => item.setAttribute("aria-selected", String(i === index)));
    if (index >= 0 && items[index]) {
      input.setAttribute("aria-activedescendant", items[index].id);
      items[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  };

  const run = debounce(async () => {
    const raw = input.value;
    const mine = ++sequence;
    if (!queryText(raw)) {
      list.replaceChildren();
      open(false);
      return;
    }
    const found = await search(raw);
    const items = await Promise.all(found.results.slice(0, BOX_SIZE).map((r) => describe(r, raw)));
    if (mine !== sequence) return; // a newer query has been typed meanwhile
    all.href = `${all.getAttribute("data-base")}?q=${encodeURIComponent(raw.trim())}`;
    all.textContent = found.total ? `Xem tất cả ${found.total} kết quả` : "Mở trang tìm kiếm";
    status.textContent = found.total ? `${found.total} kết quả` : "Không tìm thấy kết quả nào.";
    list.replaceChildren(...items.map((item, i) => {
      const li = document.createElement("li");
      li.id = `gs-box-option-${i}`;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.innerHTML = `<a href="${escapeHtml(item.url)}" tabindex="-1"><span class="gs-box__title">${escapeHtml(item.title)}</span>` +
        `<span class="gs-box__meta">${metaLine(item)}</span><span class="gs-box__excerpt">${item.excerpt}</span></a>`;
      return li;
    }));
    setActive(-1);
    open(true);
  }, DEBOUNCE_MS);

  input.addEventListener("focus", () => pagefind(), { once: true });
  input.addEventListener("input", () => preload(input.value));
  input.addEventListener("input", run);
  input.addEventListener("keydown", (event) => {
    const items = options();
    if (event.key === "ArrowDown" && items.length) {
      event.preventDefault();
      open(true);
      setActive((active + 1) % items.length);
    } else if (event.key === "ArrowUp" && items.length) {
      event.preventDefault();
      setActive(active <= 0 ? items.length - 1 : active - 1);
    } else if (event.key === "Enter" && active >= 0 && items[active]) {
      event.preventDefault();
      window.location.href = items[active].querySelector("a").href;
    } else if (event.key === "Escape") {
      if (!panel.hidden) {
        event.preventDefault();
        open(false);
      } else {
        input.value = "";
      }
    }
  });
  form.addEventListener("focusout", (event) => {
    if (!form.contains(event.relatedTarget)) open(false);
  });
  document.addEventListener("keydown", (event) => {
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement?.tagName || "");
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      input.focus();
    }
  });
}

// ---------------------------------------------------------------- full search page

function readUrl() {
  const params = new URLSearchParams(window.location.search);
  const selected = {};
  for (const key of FILTER_KEYS) selected[key] = params.getAll(key);
  return { q: params.get("q") || "", selected };
}

function writeUrl(q, selected) {
  const params = new URLSearchParams();
  if (q.trim()) params.set("q", q.trim());
  for (const key of FILTER_KEYS) for (const value of selected[key] || []) params.append(key, value);
  const query = params.toString();
  history.replaceState(null, "", query ? `?${query}` : window.location.pathname);
}

function compareValues(key) {
  if (key === "nam") return (a, b) => b[0].localeCompare(a[0], "vi", { numeric: true });
  return (a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "vi");
}

/**
 * Result counts per filter value, as faceted search shows them: a filter's own choices do not
 * narrow its counts (its values are alternatives), the other filters' choices do.
 */
async function facetCounts(raw, chosen, result) {
  const counts = { ...result.filters };
  for (const key of FILTER_KEYS) {
    if (!(chosen[key] || []).length) continue;
    const others = await search(raw, { ...chosen, [key]: [] }, { rerank: false });
    counts[key] = others ? others.filters[key] : (await (await pagefind()).filters())[key];
  }
  return counts;
}

function setUpPage(root) {
  const form = root.querySelector("form");
  const input = form.querySelector("input[name=q]");
  const status = root.querySelector("[data-gs-status]");
  const list = root.querySelector("[data-gs-results]");
  const more = root.querySelector("[data-gs-more]");
  const clear = root.querySelector("[data-gs-clear]");
  const fieldsets = Object.fromEntries([...root.querySelectorAll("[data-gs-filter]")].map((f) => [f.dataset.gsFilter, f]));
  const state = readUrl();
  input.value = state.q;
  let sequence = 0;
  let filtersLoaded = null;
  let found = null;
  let shown = 0;

  const selected = () => {
    const result = {};
    for (const key of FILTER_KEYS) {
      result[key] = [...(fieldsets[key]?.querySelectorAll("input:checked") || [])].map((box) => box.value);
    }
    return result;
  };

  const renderFilters = (counts, chosen) => {
    let anyChosen = false;
    for (const key of FILTER_KEYS) {
      const fieldset = fieldsets[key];
      if (!fieldset) continue;
      const values = new Map(Object.entries(counts[key] || {}));
      for (const value of chosen[key] || []) if (!values.has(value)) values.set(value, 0);
      const entries = [...values.entries()].filter(([v, n]) => n > 0 || (chosen[key] || []).includes(v)).sort(compareValues(key));
      const box = fieldset.querySelector(".gs-filter__values");
      box.replaceChildren(...entries.map(([value, count], i) => {
        const id = `gs-f-${key}-${i}`;
        const row = document.createElement("div");
        row.className = "gs-filter__value";
        const checked = (chosen[key] || []).includes(value);
        anyChosen ||= checked;
        row.innerHTML = `<input type="checkbox" id="${id}" name="${key}" value="${escapeHtml(value)}"${checked ? " checked" : ""}>` +
          `<label for="${id}">${escapeHtml(value)} <span class="gs-count" aria-label="${count} kết quả">(${count})</span></label>`;
        return row;
      }));
      fieldset.hidden = entries.length === 0;
    }
    clear.hidden = !anyChosen;
  };

  const renderMore = async (mine) => {
    const raw = input.value;
    const slice = found.results.slice(shown, shown + PAGE_SIZE);
    const items = await Promise.all(slice.map((r) => describe(r, raw)));
    if (mine !== sequence) return;
    list.append(...items.map((item) => {
      const li = document.createElement("li");
      li.className = "gs-result";
      li.innerHTML = `<h2 class="gs-result__title"><a href="${escapeHtml(item.url)}">${escapeHtml(item.title)}</a></h2>` +
        `<p class="gs-result__meta">${metaLine(item)}</p><p class="gs-result__excerpt">${item.excerpt}</p>`;
      return li;
    }));
    shown += slice.length;
    more.hidden = shown >= found.total;
  };

  const run = async () => {
    const mine = ++sequence;
    const raw = input.value;
    const chosen = selected();
    writeUrl(raw, chosen);
    const pf = await pagefind();
    // Pagefind counts only the filters it has loaded; load them all once for the counts.
    const allFilters = await (filtersLoaded ||= pf.filters());
    const result = await search(raw, chosen);
    if (mine !== sequence) return;
    found = result;
    shown = 0;
    list.replaceChildren();
    if (!result) {
      renderFilters(allFilters, chosen);
      status.textContent = "Nhập từ khóa hoặc chọn bộ lọc để tìm.";
      more.hidden = true;
      return;
    }
    renderFilters(await facetCounts(raw, chosen, result), chosen);
    const about = queryText(raw) ? ` cho “${raw.trim()}”` : "";
    status.textContent = result.total ? `Tìm thấy ${result.total} kết quả${about}.` : `Không tìm thấy kết quả nào${about}.`;
    await renderMore(mine);
  };

  // Checkboxes are rebuilt by renderFilters: restore the URL's choices before the first run.
  renderFilters({}, state.selected);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  input.addEventListener("input", () => preload(input.value));
  input.addEventListener("input", debounce(run, DEBOUNCE_MS));
  root.addEventListener("change", (event) => {
    if (event.target.matches(".gs-filter input")) run();
  });
  clear.addEventListener("click", () => {
    for (const box of root.querySelectorAll(".gs-filter input:checked")) box.checked = false;
    run();
    input.focus();
  });
  more.addEventListener("click", () => {
    const first = list.children.length;
    renderMore(sequence).then(() => list.children[first]?.querySelector("a")?.focus());
  });
  run();
}

for (const form of document.querySelectorAll("[data-gs-searchbox]")) setUpBox(form);
const page = document.querySelector("[data-gs-search-page]");
if (page) setUpPage(page);
