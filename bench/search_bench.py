#!/usr/bin/env python3
"""Search benchmark: Pagefind with Vietnamese folding on N synthetic records, in headless Chromium.

Usage::

    .venv/bin/python bench/search_bench.py --n 10000 [--work /tmp/gs-search-bench] [--reuse]

It generates N records (bench/make_entries.py), builds the site (`python -m generator build`,
which runs Pagefind), times Pagefind alone on the built site, measures the index on disk, then
drives Debian's Chromium through the site's own search module (assets/javascripts/search.js):

- first query: bytes downloaded (Pagefind's loader, WebAssembly, metadata, index chunks and the
  fragments of the 6 results the header box shows) and times: loading the engine (done when the
  search box gets focus) and the search itself (engine time: `pagefind.search()`);
- later queries: engine time (median, 95th percentile);
- hit@5 over a query set built from the records' titles, one query per class (exact, without
  diacritics, other tone placement, NFD, upper case, partial last word, đ typed as d).

`--typed 0 100 250` also types a sample of the queries as a reader does, key by key at 100 and
250 ms per key (0: pasted at once), into the header box (`--typed-where box`) or the search
page (`page`), each delay in a fresh browser context (so its first query is cold), and measures
from the last key to the moment the list shows the final query's results (the list names the
query it shows in `data-query`, search.js: announce): median, 95th percentile, max, how many
took over 1 s, how often older results were shown after them (stale) or they never came within
15 s (never final), how often the list ended with other records than `search()` gives for the
same words in the same page just after, and the bytes the cold first query transferred. It
watches the page only, so it measures a site built from older code too (one that announces its
query: since issue 11's third session).

`--save FILE` appends each typing speed's per-query latencies as JSON lines: on a shared
machine, run two builds alternately (A B, then B A) and pool each build's lines, so both see
the same load.

It prints a Markdown section for bench/RESULTS.md. `--reuse` keeps an already built site.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import socketserver
import statistics
import subprocess
import sys
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from build_bench import prepare_records  # noqa: E402
from generator.audit import chromium as browser_module  # noqa: E402  (serve()'s handler lives here)
from generator.audit.chromium import chromium, serve  # noqa: E402
from generator.search_index import index_site  # noqa: E402
from generator.vietnamese import fold, slugify  # noqa: E402

PYTHON = sys.executable

# Old-style ↔ new-style tone placement (hoà/hòa, thuỷ/thủy), both directions.
_TONE_SWAPS = {}
for vowel, glide in (("a", "o"), ("e", "o"), ("y", "u")):
    for mark in "\u0300\u0301\u0309\u0303\u0323":
        old = unicodedata.normalize("NFC", glide + vowel + mark)  # hoà: mark on the last vowel
        new = unicodedata.normalize("NFC", glide + mark + vowel)  # hòa: mark on the glide
        _TONE_SWAPS[old], _TONE_SWAPS[new] = new, old
# Only at the end of a syllable: "hoà" ↔ "hòa", but "hoàng" has one spelling.
_TONE_PATTERN = re.compile("(?:" + "|".join(sorted(_TONE_SWAPS, key=len, reverse=True)) + r")(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class Query:
    case: str
    text: str
    url: str  # expected record; its copies (same text, slug suffix -2, -3…) count as hits


def _body_phrase(path: Path, words: int = 6) -> str | None:
    """Words from deep in a record's body (its 8th paragraph or later), where only a
    whole-body index finds them."""
    text = path.read_text("utf-8")
    body = text.split("\n---\n", 1)[1] if "\n---\n" in text else ""
    paragraphs = [p for p in body.split("\n\n") if p and not p.startswith(("#", "-", "Nội dung từ Wikipedia"))]
    for paragraph in paragraphs[7:]:
        found = re.findall(r"[^\W\d_]+", paragraph)
        if len(found) >= words + 4:
            return " ".join(found[2:2 + words])
    return None


def _front(path: Path) -> dict[str, str]:
    """The one-line string fields of a generated record (make_entries writes them as JSON)."""
    fields = {}
    for line in path.read_text("utf-8").splitlines()[1:]:
        if line == "---":
            break
        key, sep, value = line.partition(": ")
        if sep and value.startswith('"'):
            fields[key] = json.loads(value)
        elif sep:
            fields[key] = value
    return fields


def query_set(entries: Path, site: Path, per_case: int = 25) -> list[Query]:
    """Queries from published records' titles (first copies only), `per_case` per class."""
    records: list[tuple[str, str]] = []
    paths: dict[str, Path] = {}
    for kind in ("tin-tuc", "mo-hinh", "khen-thuong", "don-vi"):
        for path in sorted((entries / kind).glob("*.md")):
            front = _front(path)
            title = front.get("title") or front.get("name")
            slug = front.get("id") or front.get("slug") or slugify(path.stem)
            published = (site / kind / slug / "index.html").exists()  # drafts and future records are not
            if title and published and not re.search(r" \(\d+\)$", title):
                records.append((title, f"/{kind}/{slug}/"))
                paths[f"/{kind}/{slug}/"] = path
    # Spread the picks over the corpus, deterministically.
    step = max(1, len(records) // (per_case * 4))
    picked = records[::step]

    # The end of a title: commendation titles all begin "Giấy khen của BTV Đảng ủy Khối cho".
    def words(title: str, limit: int = 6) -> str:
        return " ".join(title.split()[-limit:])

    cases: dict[str, list[Query]] = {c: [] for c in ("exact", "no diacritics", "other tone placement", "NFD query", "upper case", "partial", "đ as d", "deep in the body", "deep in the body, no diacritics")}
    for title, url in picked:
        text = words(title)
        if len(fold(text)) < 4:
            continue
        cases["exact"].append(Query("exact", text, url))
        cases["no diacritics"].append(Query("no diacritics", fold(text), url))
        cases["NFD query"].append(Query("NFD query", unicodedata.normalize("NFD", text), url))
        cases["upper case"].append(Query("upper case", text.upper(), url))
        head, _, last = text.rpartition(" ")
        if head and len(last) >= 4:
            cases["partial"].append(Query("partial", f"{head} {last[: len(last) // 2 + 1]}", url))
    for title, url in records[::max(1, step // 4)]:
        text = words(title)
        if _TONE_PATTERN.search(text):
            cases["other tone placement"].append(Query("other tone placement", _TONE_PATTERN.sub(lambda m: _TONE_SWAPS.get(m.group(), m.group()), text), url))
        if re.search("[đĐ]", text):
            cases["đ as d"].append(Query("đ as d", fold(text), url))
    for title, url in picked:
        phrase = _body_phrase(paths[url])
        if phrase:
            cases["deep in the body"].append(Query("deep in the body", phrase, url))
            cases["deep in the body, no diacritics"].append(Query("deep in the body, no diacritics", fold(phrase), url))
    return [q for found in cases.values() for q in found[:per_case]]


def is_hit(expected: str, urls: list[str]) -> bool:
    """The expected record or one of its copies (same text; any kind, slug suffix -2, -3…)."""
    slug = expected.rstrip("/").rsplit("/", 1)[1]
    return any(re.fullmatch(r"/[a-z-]+/" + re.escape(slug) + r"(-\d+)?/", u) for u in urls)


_RANKING_LINE = re.compile(r"^export const RANKING = .*;$", re.MULTILINE)


def set_ranking(site: Path, ranking: dict) -> None:
    """Replace the ranking options in the built site's search module."""
    module = site / "assets" / "javascripts" / "search.js"
    text, count = _RANKING_LINE.subn(f"export const RANKING = {json.dumps(ranking)};", module.read_text("utf-8"))
    if count != 1:
        raise SystemExit(f"{module}: no `export const RANKING = …;` line to replace")
    module.write_text(text, "utf-8")


def directory_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())




def browser_measurements(site: Path, queries: list[Query], enough: int | None = None) -> dict:
    # Bytes are counted where files are served: Pagefind 1.5 searches in a Web Worker, whose
    # requests the page's network events do not show.
    received: list[int] = []
    _count_bytes(received)
    with serve(site) as base, chromium() as browser:
        context = browser.new_context()
        page = context.new_page()
        page.goto(base)
        page.wait_for_load_state("networkidle")
        page.evaluate("(url) => import(url)", base + "assets/javascripts/search.js")
        received.clear()
        first_query = queries[0].text
        timing = page.evaluate(
            """async ([url, q]) => {
              const s = await import(url);
              let t = performance.now();
              await s.pagefind();                       // what focusing the search box does
              const init = performance.now() - t;
              t = performance.now();
              const found = await s.search(q);
              const search = found.ms, rerank = found.rerankMs;
              await Promise.all(found.results.slice(0, 6).map((r) => s.describe(r, q)));
              return { init, search, rerank, total: performance.now() - t + init };
            }""",
            [base + "assets/javascripts/search.js", first_query],
        )
        page.wait_for_timeout(300)  # let the last loadingFinished events arrive
        first_bytes = sum(received)
        # The same first query as the search box runs it: the input events preload the chunks
        # of the terms while the reader types (and the 120 ms debounce runs), then it searches.
        warm_context = browser.new_context()
        warm_page = warm_context.new_page()
        warm_page.goto(base)
        warm_page.wait_for_load_state("networkidle")
        timing.update(warm_page.evaluate(
            """async ([url, q]) => {
              const s = await import(url);
              const pf = await s.pagefind();
              let t = performance.now();
              await pf.preload(s.queryText(q));
              const preload = performance.now() - t;
              const found = await s.search(q);
              return { preload, warmSearch: found.ms };
            }""",
            [base + "assets/javascripts/search.js", first_query],
        ))
        warm_context.close()

        later: list[float] = []
        hits: dict[str, list[bool]] = {}
        hits1: dict[str, list[bool]] = {}
        for query in queries:
            result = page.evaluate(
                """async ([url, q, enough]) => {
                  const s = await import(url);
                  const found = await s.search(q, {}, { enough: enough ?? Infinity });
                  const urls = [];
                  for (const r of found.results.slice(0, 5)) urls.push((await r.data()).url);
                  return { ms: found.ms, urls };
                }""",
                [base + "assets/javascripts/search.js", query.text, enough],
            )
            later.append(result["ms"])
            hits.setdefault(query.case, []).append(is_hit(query.url, result["urls"]))
            hits1.setdefault(query.case, []).append(is_hit(query.url, result["urls"][:1]))
            if not hits[query.case][-1]:
                print(f"  miss [{query.case}] {query.text!r} → expected {query.url}, got {result['urls']}", file=sys.stderr)
        context.close()
    _count_bytes(None)
    return {"first": timing, "first_bytes": first_bytes, "later": later, "hits": hits, "hits1": hits1}


# Watches a result list: when the input changed, and what the list showed, with times. The list
# says which query it shows (search.js: announce, `data-query`), so the bench knows when the
# final query's results are up without guessing from their URLs.
_WATCH = """([input, list]) => {
  const box = document.querySelector(input), shown = document.querySelector(list);
  window.gsWatch = { inputs: [], states: [] };
  box.addEventListener("input", () => window.gsWatch.inputs.push(performance.now()));
  new MutationObserver(() => window.gsWatch.states.push(
    [performance.now(), [...shown.querySelectorAll("a")].map((a) => a.getAttribute("href")), shown.dataset.query ?? null]))
    .observe(shown, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-query"] });
}"""

# The results a list ends up showing: the header box answers from a large site's lead bundle
# when it has enough results (search.js: Engine.search, `enough`), the search page from all.
_RESULTS = """async ([url, q, size, enough]) => {
  const s = await import(url);
  const found = await s.search(q, {}, { enough: enough ?? Infinity });
  if (!found) return [];
  const urls = [];
  for (const r of found.results.slice(0, size)) urls.push((await r.data()).url);
  return urls;
}"""

_WHERE = {  # page, input, result list, results shown
    "box": ("", "#gs-searchbox-q", "#gs-searchbox-list", 6),
    "page": ("tim-kiem/", "#gs-search-q", "[data-gs-results]", 10),
}


def typed_measurements(site: Path, queries: list[Query], delays: list[int], where: str) -> dict:
    """Types each query key by key (`delay` ms per key; 0: pasted) and times the final results."""
    received: list[int] = []
    path, input_sel, list_sel, size = _WHERE[where]
    out = {}
    with serve(site) as base, chromium() as browser:
        enough = size if where == "box" else None
        _count_bytes(received)
        for delay in delays:
            context = browser.new_context()
            page = context.new_page()
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            # The words a list names (`data-query`) as the module compares queries, once per page.
            page.evaluate("async (url) => { window.gsQueryText = (await import(url)).queryText; }",
                          base + "assets/javascripts/search.js")
            latencies, complete, stale, wrong, differs, first_bytes = [], [], 0, 0, 0, None
            for n, query in enumerate(queries):
                box = page.locator(input_sel)
                box.click()
                if n:
                    box.fill("")
                    page.wait_for_timeout(700)
                else:
                    received.clear()
                page.evaluate(_WATCH, [input_sel, list_sel])
                if delay:
                    page.keyboard.type(query.text, delay=delay)
                else:
                    box.fill(query.text)
                # Settled: the list has announced the final query (search.js: announce) and nothing
                # changed for 1 s after it (a stale list shown later would be seen), or 15 s passed.
                # A last key that leaves the query the same ("kế toán" → "kế toán)") searches
                # nothing: the list then still names the query before it, the same words.
                final = page.evaluate("(q) => window.gsQueryText(q)", query.text)
                page.wait_for_function(
                    """([final, t0, list]) => { const w = window.gsWatch, last = w.states.at(-1);
                         const quiet = performance.now() - Math.max(last ? last[0] : 0, w.inputs.at(-1));
                         const shown = document.querySelector(list).dataset.query;
                         return (quiet > 1000 && shown != null && window.gsQueryText(shown) === final)
                           || performance.now() - t0 > 15000; }""",
                    arg=[final, page.evaluate("performance.now()"), list_sel],
                    timeout=60000, polling=100)
                # Each state with whether it showed the final query's results.
                watch = page.evaluate("""([final, list]) => ({
                    inputs: window.gsWatch.inputs,
                    states: window.gsWatch.states.map(([at, urls, q]) => [at, urls, q, q != null && window.gsQueryText(q) === final]),
                    now: document.querySelector(list).dataset.query ?? null })""", [final, list_sel])
                if n == 0:
                    first_bytes = sum(received)
                here = page.evaluate(_RESULTS, [base + "assets/javascripts/search.js", query.text, size, enough])
                last_key = watch["inputs"][-1]
                is_final = [state[3] for state in watch["states"]]
                hits = [i for i, state in enumerate(watch["states"]) if state[3] and state[0] >= last_key - 1]
                if not hits and watch["now"] is not None and page.evaluate("(q) => window.gsQueryText(q)", watch["now"]) == final:
                    latencies.append(0.0)  # the last key searched nothing new: its results were up
                    continue
                if not hits:
                    wrong += 1
                    latencies.append(15000.0)
                    print(f"  [{where} {delay} ms] never showed the final results: {query.text!r}; "
                          f"last shown {[(round(at - last_key), q, urls[:2]) for at, urls, q, _ in watch['states'][-2:]]}",
                          file=sys.stderr)
                    continue
                latencies.append(watch["states"][hits[0]][0] - last_key)
                # A large site's box shows the lead bundle's results first and shows them again
                # with the full bundle's count: the last change is when the search completed.
                complete.append(watch["states"][-1][0] - last_key)
                if not all(is_final[hits[0]:]):
                    stale += 1
                    print(f"  [{where} {delay} ms] another query's results after the final ones: {query.text!r}",
                          file=sys.stderr)
                if watch["states"][-1][1] != here:
                    # The list a reader ends with is not what search() gives for the same words
                    # in the same page just after: results that depend on what ran before.
                    differs += 1
                if latencies[-1] > 1000:
                    print(f"  [{where} {delay} ms] {latencies[-1]:.0f} ms: {query.text!r}", file=sys.stderr)
            context.close()
            out[delay] = {"latencies": latencies, "complete": complete, "stale": stale, "wrong": wrong,
                          "differs": differs, "first_bytes": first_bytes}
    _count_bytes(None)
    return out


_original_send_head = browser_module._QuietHandler.send_head
_original_handle_error = socketserver.BaseServer.handle_error


def _quiet_broken_pipes(server, request, client_address) -> None:
    """A search worker terminated mid-request (search.js: Engine.cancel) closes its connection:
    not an error worth a traceback."""
    if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
        _original_handle_error(server, request, client_address)


socketserver.BaseServer.handle_error = _quiet_broken_pipes


def _count_bytes(received: list[int] | None) -> None:
    """Count the bytes of each file served into `received` (None: stop counting). Pagefind 1.5
    searches in a Web Worker, whose requests the page's network events do not show."""
    if received is None:
        browser_module._QuietHandler.send_head = _original_send_head
        return

    def counting_send_head(handler):
        result = _original_send_head(handler)
        if result is None:  # not modified (304) or not found: no file sent
            return result
        path = Path(handler.translate_path(handler.path))
        if path.is_dir():
            path = path / "index.html"
        if path.is_file():
            received.append(path.stat().st_size)
        return result

    browser_module._QuietHandler.send_head = counting_send_head


def typed_sample(queries: list[Query], count: int) -> list[Query]:
    """`count` queries spread over the classes (round robin), deterministically."""
    by_case: dict[str, list[Query]] = {}
    for q in queries:
        by_case.setdefault(q.case, []).append(q)
    picked: list[Query] = []
    for i in range(max(len(v) for v in by_case.values())):
        for found in by_case.values():
            if i < len(found) and len(picked) < count:
                picked.append(found[i])
    return picked


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/gs-search-bench"))
    parser.add_argument("--reuse", action="store_true", help="reuse the site built by an earlier run")
    parser.add_argument("--keep-index", action="store_true", help="with --reuse: do not re-run Pagefind either")
    parser.add_argument("--typed", type=int, nargs="*", default=[], metavar="MS",
                        help="type queries key by key at these ms per key (0: pasted); see the module doc")
    parser.add_argument("--typed-where", choices=sorted(_WHERE), default="box")
    parser.add_argument("--typed-queries", type=int, default=42, help="how many queries to type")
    parser.add_argument("--skip-hits", action="store_true", help="only the typed measurements")
    parser.add_argument("--save", type=Path, help="with --typed: append each typing speed's per-query latencies to this "
                        "file as JSON lines (to pool alternating runs of two builds: compare A/B under the same load)")
    parser.add_argument("--box-hits", action="store_true",
                        help="hit rates of the header box's answers (a large site's lead bundle when it finds 6 records) "
                             "instead of the search page's")
    parser.add_argument("--ranking", help="Pagefind ranking options as JSON, written into the built site's search.js "
                        "in place of its RANKING (to compare ranking variants on one build)")
    args = parser.parse_args()
    root = args.work / f"n{args.n}"
    site = root / "site"
    build_seconds = None
    if not (args.reuse and (site / "pagefind").is_dir()):
        prepare_records(args.n, root)
        started = time.perf_counter()
        subprocess.run([PYTHON, "-m", "generator", "build", "--site-dir", str(site)], cwd=root, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        build_seconds = time.perf_counter() - started
    if args.ranking is not None:
        set_ranking(site, json.loads(args.ranking))
    index_seconds = index_peak = None
    if not (args.reuse and args.keep_index):
        started = time.perf_counter()
        index_site(site)
        index_seconds = time.perf_counter() - started
        # The largest child waited for: Pagefind (the build's own processes are smaller).
        index_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 ** 2
    bundle = site / "pagefind"
    # A sharded index (generator/search_index.py) has a bundle per shard, each with one
    # vocabulary document that is not a record; a large site has a lead bundle (pagefind/ and
    # its shards) and a full one (pagefind/full/ and its shards).

    def shards_of(folder: Path) -> list[Path]:
        listed = folder / "shards.json"
        return [folder] + [folder / name for name in json.loads(listed.read_text("utf-8"))] if listed.is_file() else [folder]

    two_bundles = (bundle / "full" / "pagefind-entry.json").is_file()
    sharded = two_bundles or len(shards_of(bundle)) > 1
    lead_shards = shards_of(bundle)
    full_shards = shards_of(bundle / "full") if two_bundles else []
    pages = 0
    for shard in lead_shards:
        entry = json.loads((shard / "pagefind-entry.json").read_text("utf-8"))
        pages += sum(language["page_count"] for language in entry["languages"].values()) - sharded

    def bytes_of(shards: list[Path]) -> int:
        return sum(sum(directory_bytes(shard / d) for d in ("index", "fragment", "filter"))
                   + sum(p.stat().st_size for p in shard.glob("*.pf_meta")) for shard in shards)

    index_bytes = bytes_of(lead_shards) + bytes_of(full_shards)
    layout = (f"lead {bytes_of(lead_shards) / 1e6:.1f} MB in {len(lead_shards)} shards + full "
              f"{bytes_of(full_shards) / 1e6:.1f} MB in {len(full_shards)} shards" if full_shards
              else f"{len(lead_shards)} shard(s)")
    queries = query_set(root / "entries", site)
    if args.typed:
        sample = typed_sample(queries, args.typed_queries)
        typed = typed_measurements(site, sample, args.typed, args.typed_where)
        if args.save:
            with args.save.open("a", encoding="utf-8") as out:
                for delay, m in typed.items():
                    out.write(json.dumps({"work": str(args.work), "where": args.typed_where, "delay": delay,
                                          "load": Path("/proc/loadavg").read_text().split()[:3], "at": time.strftime("%H:%M:%S", time.gmtime()),
                                          "queries": [q.text for q in sample], **m}, ensure_ascii=False) + "\n")
        print(f"\n#### {args.n:,} records, typed into the {args.typed_where} ({args.typed_queries} queries)\n")
        print("| ms per key | median | p95 | max | over 1 s | stale shown | never final | final list ≠ search() after it | first query, cold | complete (count), median / p95 |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for delay, m in typed.items():
            lat, done = m["latencies"], m["complete"] or [0.0]
            print(f"| {delay or 'pasted'} | {statistics.median(lat):.0f} ms | {percentile(lat, 0.95):.0f} ms | {max(lat):.0f} ms | "
                  f"{sum(x > 1000 for x in lat)} | {m['stale']} | {m['wrong']} | {m['differs']} | {m['first_bytes'] / 1024:.0f} KB | "
                  f"{statistics.median(done):.0f} / {percentile(done, 0.95):.0f} ms |")
        sys.stdout.flush()
        if args.skip_hits:
            return
    measured = browser_measurements(site, queries, enough=6 if args.box_hits else None)

    later = sorted(measured["later"][1:])
    all_hits = [h for hs in measured["hits"].values() for h in hs]
    print(f"\n### {args.n:,} records\n")
    print(f"Command: `.venv/bin/python bench/search_bench.py --n {args.n}`\n")
    print("| measure | value |\n| --- | --- |")
    print(f"| pages indexed | {pages:,} |")
    if args.ranking is not None:
        print(f"| Pagefind ranking options | `{args.ranking}` |")
    if build_seconds is not None:
        print(f"| full build (generate + MkDocs + Pagefind) | {build_seconds:.1f} s |")
    if index_seconds is not None:
        print(f"| Pagefind indexing alone | {index_seconds:.1f} s |")
        print(f"| Pagefind peak memory (largest child process's peak RSS) | {index_peak:.2f} GB |")
    print(f"| index on disk (index + fragments + filters + metadata) | {index_bytes / 1e6:.1f} MB in {sum(1 for _ in bundle.rglob('*'))} files ({layout}) |")
    print(f"| first query: bytes downloaded (engine, metadata, index chunks, 6 result fragments) | {measured['first_bytes'] / 1024:.0f} KB |")
    first = measured["first"]
    print(f"| first query: loading the engine (on focus) | {first['init']:.0f} ms |")
    print(f"| first query: engine time (`pagefind.search`) | {first['search']:.0f} ms |")
    print(f"| first query: re-ranking by title (fetches the first 10 results' fragments) | {first['rerank']:.0f} ms |")
    print(f"| first query: engine load + search + re-ranking + 6 excerpts | {first['total']:.0f} ms |")
    print(f"| first query, typed in the box: preloading its chunks while typing | {first['preload']:.0f} ms |")
    print(f"| first query, typed in the box: engine time after the preload | {first['warmSearch']:.0f} ms |")
    print(f"| later queries: engine time, median / 95th percentile | {statistics.median(later):.0f} / {later[int(len(later) * 0.95)]:.0f} ms |")
    print(f"| hit@5, all {len(all_hits)} queries | {100 * sum(all_hits) / len(all_hits):.1f} % |")
    all_hits1 = [h for hs in measured["hits1"].values() for h in hs]
    print(f"| hit@1, all {len(all_hits1)} queries | {100 * sum(all_hits1) / len(all_hits1):.1f} % |")
    print("\n| class | queries | hit@1 | hit@5 |\n| --- | ---: | ---: | ---: |")
    for case, hs in measured["hits"].items():
        h1 = measured["hits1"][case]
        print(f"| {case} | {len(hs)} | {100 * sum(h1) / len(h1):.0f} % | {100 * sum(hs) / len(hs):.0f} % |")


if __name__ == "__main__":
    main()
