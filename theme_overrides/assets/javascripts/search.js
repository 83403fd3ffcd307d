// Site search on the Pagefind index in /pagefind/: the search box in the header (results as
// you type) and the full search page /tim-kiem/ (filters, counts, query and filters in the
// URL). Everything is loaded from this site; nothing from another host.
//
// Vietnamese matching: Pagefind folds tone and vowel marks itself and ranks exact spellings
// first; each record also indexes the folded spelling of its words with đ and the canonical
// tone placement of its words written the other way (hoà → hòa; see generator/search.py), so
// "dang vien" finds "đảng viên" and "hoà" finds "hòa" as the same word. The query is sent in
// NFC with canonical tone placement, its finished words as whole words (indexSpelling);
// excerpts and highlights are computed here with fold() and canonicalTones(), the same rules
// as the index side.
//
// Typing: each keystroke preloads the index chunks of what is typed; the search itself runs
// once the reader pauses (waitFor), one at a time, for the newest query only (newestOnly): a
// query typed while a search runs cancels it and runs as soon as it has stopped, and results
// are shown only if no newer query was typed meanwhile. Pagefind runs in a Web Worker of our
// own (search-worker.js, Engine), two per bundle on a large site (Bundle): a search overtaken
// while its index chunks load stops before computing; one overtaken while it computes cannot
// be interrupted, so its worker is terminated and the next search runs in a spare worker.
// Pagefind's debouncedSearch does the pause but queues every search that started in its
// single worker, so the final query waited behind the partial ones (bench/RESULTS.md).
import { canonicalTones, fold, nfc } from "./vietnamese.js";

const ROOT = new URL("../../", import.meta.url); // this file is /assets/javascripts/search.js
const ALIAS_MARK = "\u00a6"; // generator/search.py: ALIAS_MARK
const FILTER_KEYS = ["loai", "don_vi", "phong_trao", "linh_vuc", "chuyen_muc", "nam"];
const PAGE_SIZE = 10;
const BOX_SIZE = 6;
// The pause after a keystroke before searching. A last word of one or two letters is most
// often a longer word being typed, and Pagefind extends it to every indexed word it begins
// ("v" → và, về, việc…), the slowest searches there are: it waits for a longer pause (unless
// it may be a whole syllable after other words: endsInSyllable), and its chunks are not
// preloaded (bench/search_bench.py --typed measures both). A consonant alone waits longest.
export const PAUSE_MS = 120;
export const SHORT_WORD_PAUSE_MS = 450;
// A consonant alone after other words ("tài khoản (k", "dân v") is no Vietnamese syllable:
// a word being typed, whose search would show nothing the reader wants and, on a cold page,
// load the chunks of every word it begins, which the words typed next do not need (over 1 MB
// for the first query at 250 ms per key: bench/RESULTS.md, issue 11, session 16). A reader who
// ends a query in one ("Vitamin K") waits longer.
export const LONE_CONSONANT_PAUSE_MS = 900;
// Pagefind ranking options (pagefind.options({ranking})). Pagefind's defaults measured best
// at 10,000 records: a higher termSimilarity ranks "đỏ" above its extension "động" but then
// misses partly typed words, a higher diacriticSimilarity misses queries typed without marks
// (bench/RESULTS.md, "Search (issue 3)"; bench/search_bench.py --ranking compares variants).
export const RANKING = {};

let loading = null;
// A sharded index holds in each shard a document with every word of the site, which no search
// may return (generator/search_index.py: VOCABULARY_FILTER).
const VOCABULARY_FILTER = "gs_tu_vung";
let sharded = false;
// In the search worker: how many shards it searches (loadPagefind).
let ownShards = 0;
// Pagefind itself runs in search-worker.js; this module is loaded there too, where there is
// no document.
const IN_PAGE = typeof document !== "undefined";

/** The subfolders of a bundle's other index shards (generator/search_index.py), or null
 * when there is no such bundle. */
async function shardsOf(bundle) {
  try {
    const response = await fetch(new URL(`${bundle}shards.json`, ROOT));
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  }
}

// The bundles of the index (generator/search_index.py): "pagefind/" holds every record, or on
// a large site the records without their body words (the lead bundle); then the full bundle
// holds every word.
const LEAD = "pagefind/";
const FULL = "pagefind/full/";
// How many workers search one bundle's shards side by side (Bundle): each searches its own
// block of shards and the page merges their results by score, as Pagefind's own merge does,
// so a search takes about half the time on two cores (phones have at least two).
const PARTS = 2;
// In the search worker: which bundle it searches, and which block of its shards
// (search-worker.js?bundle=full&part=0&parts=2).
const PARAMS = IN_PAGE ? null : new URL(self.location.href).searchParams;
const BUNDLE = PARAMS?.get("bundle") === "full" ? FULL : LEAD;
const PART = Number(PARAMS?.get("part") || 0);
const PART_COUNT = Number(PARAMS?.get("parts") || 1);

/** The `part`-th of `parts` contiguous blocks of `list` (the order of a bundle's shards is the
 * order Pagefind breaks ties of score in: contiguous blocks merged in order keep it). */
export function blockOf(list, part, parts) {
  const size = Math.ceil(list.length / parts);
  return list.slice(part * size, (part + 1) * size);
}

/** In the search worker: the Pagefind API, loaded once, with every shard of the worker's
 * block of its bundle merged in: each search runs on each shard and Pagefind merges the
 * results by score. */
function loadPagefind() {
  if (!loading) {
    const shards = shardsOf(BUNDLE);
    const full = BUNDLE === FULL ? shards : shardsOf(FULL);
    loading = (async () => {
      const mine = blockOf(["", ...((await shards) || [])], PART, PART_COUNT).map((shard) => new URL(`${BUNDLE}${shard}${shard && "/"}`, ROOT).pathname);
      ownShards = mine.length;
      const pf = await import(new URL("pagefind/pagefind.js", ROOT).href);
      await pf.options({ basePath: mine[0], baseUrl: ROOT.pathname, ranking: RANKING });
      await pf.init();
      sharded = Boolean((await shards)?.length || await full);
      await Promise.all(mine.slice(1).map((path) => pf.mergeIndex(path, { baseUrl: ROOT.pathname, ranking: RANKING })));
      return pf;
    })();
  }
  return loading;
}

/** Raised for the calls of a search that was cancelled (Engine.cancel). */
export class Cancelled extends Error {
  constructor() {
    super("search cancelled");
    this.name = "Cancelled";
  }
}

/** One search worker (search-worker.js) and the calls it has not answered yet. A search first
 * loads its index chunks, then computes; the worker says when it starts computing. */
class EngineWorker {
  constructor(url) {
    this.worker = new Worker(url, { type: "module" });
    this.pending = new Map();
    this.next = 0;
    this.searching = 0; // searches and filter loads running: what cancel() ends
    this.computing = new Set(); // the searches computing (their chunks loaded)
    this.skipped = new Set(); // searches told to stop once their chunks are loaded
    this.onOvertaken = () => {}; // a skipped search started computing all the same
    this.chunks = 0; // how many index chunks it has loaded, as of its last answer (WorkerPool.renew)
    this.initialised = false; // whether its Pagefind is ready
    this.ended = false;
    this.worker.addEventListener("message", ({ data: { id, result, error, computing, chunks } }) => {
      if (computing) {
        this.computing.add(id);
        if (this.skipped.has(id)) this.onOvertaken();
        return;
      }
      const call = this.pending.get(id);
      if (!call) return;
      this.pending.delete(id);
      this.computing.delete(id);
      this.skipped.delete(id);
      if (chunks !== undefined) this.chunks = chunks;
      if (error !== undefined) call.reject(new Error(error));
      else if (result?.skipped) call.reject(new Cancelled());
      else call.resolve(result);
    });
    this.worker.addEventListener("error", (event) => {
      event.preventDefault?.();
      this.fail(new Error(`search worker: ${event.message || "failed"}`));
    });
    this.ready = this.call("init");
    this.ready.then(() => { this.initialised = true; }, () => {});
  }

  call(op, ...args) {
    if (this.ended) return Promise.reject(new Cancelled());
    const heavy = op === "search" || op === "filters";
    if (heavy) this.searching += 1;
    const id = ++this.next;
    const answer = new Promise((resolve, reject) => this.pending.set(id, { resolve, reject, op }));
    this.worker.postMessage({ id, op, args });
    if (heavy) answer.then(() => { this.searching -= 1; }, () => { this.searching -= 1; });
    return answer;
  }

  /** Tells the searches still loading their chunks to stop before computing: the chunks
   * stay loaded for the next search, and the worker is free as soon as they are. */
  skip() {
    for (const [id, call] of this.pending) {
      if (call.op === "search" && !this.computing.has(id) && !this.skipped.has(id)) {
        this.skipped.add(id);
        this.worker.postMessage({ op: "skip", args: [id] });
      }
    }
  }

  fail(error) {
    for (const call of this.pending.values()) call.reject(error);
    this.pending.clear();
  }

  terminate() {
    this.ended = true;
    this.worker.terminate();
    this.fail(new Cancelled());
  }
}

// A lead worker holding more index chunks than this starts the reader's next query afresh
// (WorkerPool.renew): about what four queries of a few words load in a shard.
const RENEW_CHUNKS = 20;

/**
 * One search worker for one block of a bundle's shards, with a spare one started once the
 * first search is answered. `cancel()` ends the search running, if any: one still loading its
 * index chunks is told to stop before it computes (terminating the worker then would throw its
 * half-loaded chunks away, and the next search would fetch them again); one computing cannot be
 * interrupted, so its worker is terminated and the spare takes over at once (its chunks
 * preloaded while the reader typed) and a new spare starts.
 */
class WorkerPool {
  constructor(url) {
    this.url = url;
    this.current = this.started();
    this.spare = null;
    this.renewAbove = RENEW_CHUNKS;
  }

  started() {
    const worker = new EngineWorker(this.url);
    worker.onOvertaken = () => {
      if (this.current === worker) this.replace();
    };
    return worker;
  }

  async search(raw, selected, options = {}) {
    const worker = this.current;
    await worker.ready;
    const found = await worker.call("search", raw, selected, options);
    // The spare starts once a search has been answered, not with the first one: starting a
    // worker (WebAssembly, index metadata) would take the first search's CPU.
    if (!this.spare) this.spare = this.started();
    if (!found) return null;
    for (const result of found.results) {
      const ref = result.ref;
      result.data = () => worker.call("data", ref);
    }
    return found;
  }

  async filters() {
    await this.current.ready;
    return this.current.call("filters");
  }

  /** Preloads in the worker that will run the next search: the current one, and the spare
   * too while the current one computes (it takes over if that search is cancelled). */
  preload(raw) {
    const workers = this.current.computing.size && this.spare ? [this.current, this.spare] : [this.current];
    return Promise.all(workers.map((worker) => worker.call("preload", raw).catch(() => false)));
  }

  replace() {
    this.current.terminate();
    this.current = this.spare || this.started();
    this.spare = this.started();
  }

  cancel() {
    if (!this.current.searching) return false;
    if (this.current.computing.size) this.replace();
    else this.current.skip();
    return true;
  }

  /** A new query starts in a worker that holds no index chunks, once the worker holds more
   * than `renewAbove` (RENEW_CHUNKS), the spare is ready and nothing runs: the spare takes over and a new spare
   * starts. Pagefind extends each query word to every indexed word it begins among the chunks
   * its worker has loaded, so the chunks of earlier queries made later ones slower (a common
   * syllable 3 to 5 times at 10,000 records) and changed what they found ("da thanh pho ho chi
   * minh": 386 records in a fresh worker, 972 after 40 other queries); renewing at every query
   * made each pay for loading its chunks again (bench/RESULTS.md, issue 11, session 11). */
  renew() {
    if (!this.spare?.initialised || this.current.chunks <= this.renewAbove || this.current.searching) return false;
    this.current.terminate();
    this.current = this.spare;
    this.spare = this.started();
    return true;
  }
}

/** Filter counts of several searches added up (Pagefind's mergeFilters). */
function mergeFilters(all) {
  const merged = {};
  for (const filters of all) {
    for (const [key, values] of Object.entries(filters || {})) {
      merged[key] ||= {};
      for (const [value, count] of Object.entries(values)) merged[key][value] = (merged[key][value] || 0) + count;
    }
  }
  return merged;
}

/**
 * One bundle, its shards searched by `parts` workers side by side (PARTS). A search asks each
 * and merges their results by score as Pagefind merges its shards' (a stable sort of the
 * blocks' results in order), then re-ranks and counts (finishSearch).
 */
export class Bundle {
  constructor(url, name, parts, shards = Infinity) {
    // Whether a search can match the marks typed exactly (Engine.search): Pagefind switches
    // that only for a worker's first shard, so only when each worker searches one.
    this.canExact = parts >= shards;
    this.pools = Array.from({ length: parts }, (_, part) => {
      const partUrl = new URL(url);
      if (name === FULL) partUrl.searchParams.set("bundle", "full");
      if (parts > 1) {
        partUrl.searchParams.set("part", String(part));
        partUrl.searchParams.set("parts", String(parts));
      }
      return new WorkerPool(partUrl);
    });
    this.ready = Promise.all(this.pools.map((pool) => pool.current.ready));
  }

  async search(raw, selected, { rerank = true, exact = false } = {}) {
    const started = performance.now();
    const options = { exact: exact && this.canExact };
    const founds = await Promise.all(this.pools.map((pool) => pool.search(raw, selected, options)));
    if (founds.some((found) => !found)) return null;
    const found = founds.length === 1 ? founds[0] : {
      ...founds[0],
      results: founds.flatMap((f) => f.results).sort((a, b) => b.score - a.score),
      unfilteredResultCount: founds.reduce((sum, f) => sum + f.unfilteredResultCount, 0),
      filters: mergeFilters(founds.map((f) => f.filters)),
      totalFilters: mergeFilters(founds.map((f) => f.totalFilters)),
    };
    return finishSearch(found, raw, { rerank, started });
  }

  async filters() {
    return mergeFilters(await Promise.all(this.pools.map((pool) => pool.filters())));
  }

  preload(raw) {
    return Promise.all(this.pools.map((pool) => pool.preload(raw)));
  }

  cancel() {
    return this.pools.map((pool) => pool.cancel()).some(Boolean);
  }

  renew() {
    return this.pools.map((pool) => pool.renew()).some(Boolean);
  }
}

/** How many workers search a bundle of `shards` shards (other than its first). */
function partsFor(shards) {
  const cores = (IN_PAGE && navigator.hardwareConcurrency) || PARTS;
  return Math.max(1, Math.min(PARTS, cores, 1 + (shards?.length || 0)));
}

/**
 * The page's search engine: Pagefind in workers of our own (search-worker.js), one Bundle per
 * bundle. On a large site the search page asks the full bundle (every word); the header box
 * asks the lead bundle first (`enough`: records whose title, summary or opening hold the words,
 * which rank first anyway, in a fraction of the time) and the full one only when the lead's
 * results do not fill it. `cancel()` ends the searches running (WorkerPool.cancel): their
 * calls reject with Cancelled. Results carry `data()` like Pagefind's.
 */
export class Engine {
  constructor(url = new URL("search-worker.js", import.meta.url)) {
    this.url = url;
    this.fullShards = shardsOf(FULL);
    this.hasFull = this.fullShards.then(Boolean);
    this.split = false; // whether the lead bundle serves the header box only (hasFull)
    this.hasFull.then((yes) => { this.split = yes; });
    this.fullBundle = null; // started when first needed: the box may never need it
    this.short = null; // the box's last query (queryText) whose lead results were too few
    this.ready = shardsOf(LEAD).then(async (shards) => {
      this.lead = new Bundle(url, LEAD, partsFor(shards), 1 + (shards?.length || 0));
      await Promise.all([this.lead.ready, this.hasFull]);
      return this;
    });
  }

  /** The full bundle's workers, or null when the lead bundle is the whole index. */
  async full() {
    const shards = await this.fullShards;
    if (!shards) return null;
    this.fullBundle ||= new Bundle(this.url, FULL, partsFor(shards), 1 + shards.length);
    return this.fullBundle;
  }

  /** Whether the lead bundle will not fill the box for `raw` either: it extends a query whose
   * lead results were too few, and more words or a longer last word find no more records. */
  leadTooFew(raw) {
    return this.short !== null && queryText(raw).startsWith(this.short);
  }

  /** Search. With `enough`, on a large site, the lead bundle's results when they are that
   * many and hold every word: then `partial` (their count, of the records whose lead holds
   * the words, is a lower bound). Where the reader typed marks, the lead's records spelling
   * the words with the marks typed come first, when they are enough (Pagefind's
   * exactDiacritics: "là" then extends to làm, làng… but no longer to every la- word, which
   * made queries of common syllables take a second). Otherwise the full bundle's, which is
   * asked at once, side by side with the lead, when the query extends one the lead could not
   * answer (leadTooFew). */
  async search(raw, selected = {}, { rerank = true, enough = Infinity } = {}) {
    await this.ready;
    if (!(await this.hasFull)) return this.lead.search(raw, selected, { rerank });
    if (enough === Infinity) return (await this.full()).search(raw, selected, { rerank });
    const early = this.leadTooFew(raw) ? (await this.full()).search(raw, selected, { rerank }) : null;
    early?.catch(() => {});
    const fills = (found) => !found || (found.results.length >= enough && !found.missing.length);
    const exact = matchesMarksExactly(raw) && this.lead.canExact ? await this.lead.search(raw, selected, { rerank, exact: true }) : undefined;
    const lead = exact !== undefined && fills(exact) ? exact : await this.lead.search(raw, selected, { rerank });
    const answered = fills(lead);
    this.short = answered ? null : queryText(raw);
    if (answered) {
      if (early) this.fullBundle.cancel();
      return lead && { ...lead, partial: true };
    }
    return early || (await this.full()).search(raw, selected, { rerank });
  }

  async filters() {
    await this.ready;
    return ((await this.full()) || this.lead).filters();
  }

  /** Preloads what the next search needs: the lead bundle's chunks (the header box; and the
   * full bundle's too when it will be asked: leadTooFew) or the full bundle's (the search page). */
  async preload(raw, { lead = false } = {}) {
    await this.ready;
    const full = (!lead || this.leadTooFew(raw)) && await this.full();
    return Promise.all([lead || !full ? this.lead.preload(raw) : null, full?.preload(raw)]);
  }

  cancel() {
    const lead = this.lead?.cancel();
    const full = this.fullBundle?.cancel();
    return Boolean(lead || full);
  }

  /** The reader starts a new query in the header box. Only on a large site, where the lead
   * bundle answers the box alone (on a small one it also holds the search page's results, whose
   * data() its workers answer later):
   * - the lead bundle's workers start it with no index chunks loaded (WorkerPool.renew). Not the
   *   full bundle's: each of its workers holds several shards, whose restart took longer than
   *   it saved (bench/RESULTS.md, issue 11, session 6);
   * - the full bundle's workers start, if they have not: starting them (WebAssembly, its
   *   shards' metadata) took 150–200 ms of the first query that needs them, and a reader's
   *   first query keeps its bytes (bench/RESULTS.md, issue 11, session 14). */
  newQuery() {
    if (!this.split) return;
    this.lead?.renew();
    this.full();
  }
}

let engine = null;

/** The page's search engine (in the search worker: the Pagefind API itself). */
export function pagefind() {
  if (!IN_PAGE) return loadPagefind();
  engine ||= new Engine();
  return engine.ready;
}

/** The query as Pagefind gets it: NFC (pasted text may be NFD), lower case, one tone
 * placement (hoà → hòa), trimmed. */
export function queryText(raw) {
  return canonicalTones(nfc(raw).toLowerCase()).trim();
}

/** The query Pagefind searches: queryText without repeated words ("chi phí chi phí sản xuất"
 * → "chi phí sản xuất"). A repeated word finds the same records again; Pagefind would compare
 * every result with each of its postings once more (bench/RESULTS.md, issue 11, session 6).
 * Re-ranking and highlighting still use the whole query (queryText). */
export function engineQuery(raw) {
  return [...new Set(queryText(raw).split(/\s+/))].join(" ");
}

/** Whether the box may match the marks typed exactly (Engine.search): the reader typed a tone
 * or vowel mark or đ. A last word in the old tone placement ("toà") is then searched both as
 * its canonical form ("tòa", which every spelling of the word is indexed under) and as typed,
 * whose extensions ("toàn") it may be the start of (exactQueries). */
export function matchesMarksExactly(raw) {
  const query = queryText(raw);
  return fold(query) !== query;
}

/** What an exact search asks Pagefind (localSearch): engineQuery, and, when the last word is in
 * the old tone placement, the same with that word as typed. Matched as "tòa" alone, "Nguyễn Đức
 * Toà" no longer found "Nguyễn Đức Toàn"; folded, "Thánh hoá" compared every thanh- and hoa-
 * word (bench/RESULTS.md, issue 11, session 14). */
export function exactQueries(raw) {
  const typed = nfc(raw).toLowerCase().trim().split(/\s+/);
  const last = typed.at(-1);
  if (canonicalTones(last) === last) return [engineQuery(raw)];
  const words = queryText(raw).split(/\s+/);
  return [engineQuery(raw), [...new Set([...words.slice(0, -1), last])].join(" ")];
}

/** Whether the query is a single letter ("t" on the way to "Tài"): a search would extend it to
 * every indexed word it begins, the slowest search there is, and show nothing a reader wants;
 * on a cold page it also loads an index chunk the words typed next do not need. */
export function loneLetter(raw) {
  return (fold(queryText(raw)).match(/[\p{L}\p{N}]/gu) || []).length === 1;
}

/** The word being typed, folded: the last one, when nothing follows it ("" after a space). */
function wordBeingTyped(raw) {
  return fold(/[\p{L}\p{N}]*$/u.exec(nfc(raw))[0]);
}

/** Whether the last word of what is typed is one or two letters, not followed by a space. */
function endsInShortWord(raw) {
  const last = wordBeingTyped(raw);
  return last.length > 0 && [...last].length <= 2;
}

/** Whether what is typed is words followed by a short word that is most often a whole
 * syllable: one with a vowel and a mark ("khi là", "Vệ binh Thuỵ Sĩ"; not "dân đ"), which the
 * box matches with its marks (matchesMarksExactly), or a word typed before ("… tên là"), which
 * engineQuery leaves out. Unmarked ("cac che do", "ke to" on the way to "kế toán") it still
 * waits, as alone ("Hà", on the way to "Hàn"): searched after the usual pause, it measured no
 * better at 10,000 records (bench/RESULTS.md, issue 11, sessions 15 and 16). */
function endsInSyllable(raw) {
  const words = nfc(raw).toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const last = words.at(-1) || "";
  if (words.length < 2) return false;
  if (words.slice(0, -1).includes(last)) return true;
  const folded = fold(last);
  return folded !== last && /[aeiouy]/.test(folded) && matchesMarksExactly(raw);
}

/** Whether the last word of what is typed is one consonant, not followed by a space. */
function endsInConsonant(raw) {
  return /^[b-df-hj-np-tv-xz]$/.test(wordBeingTyped(raw));
}

/** How long to wait after a keystroke before searching what is typed. */
export function waitFor(raw) {
  if (!endsInShortWord(raw) || endsInSyllable(raw)) return PAUSE_MS;
  return endsInConsonant(raw) ? LONE_CONSONANT_PAUSE_MS : SHORT_WORD_PAUSE_MS;
}

/**
 * Start loading the index chunks of what is being typed, before the search runs: Pagefind's
 * preload fetches the chunks the terms need, so the search itself only computes.
 */
export function preload(raw, options = {}) {
  if (queryText(raw) && !endsInShortWord(raw)) pagefind().then((pf) => pf.preload(raw, options));
}

/** In the search worker: what preload asks for. */
export async function localPreload(raw) {
  const query = engineQuery(raw);
  if (query && !endsInShortWord(raw)) await (await loadPagefind()).preload(indexSpelling(query, raw));
}

// Ends every word of the indexed text (generator/search_index.py: WORD_END), so that a query
// word the reader has finished typing matches that word only: Pagefind extends every query word
// to each indexed word it begins, and on syllables ("da" → dân, đảng, danh…) that was most of
// its time (bench/RESULTS.md, issue 11, session 15). A letter (Pagefind keeps only letters and
// digits in words) that Vietnamese never uses.
export const WORD_END = "\u01c2";

/** `query` (engineQuery's) as the index spells it: each word the reader has finished typing,
 * followed by a space or a mark, ends in WORD_END; the last one, still being typed, does not
 * and matches every word it begins. */
export function indexSpelling(query, raw) {
  const open = /[\p{L}\p{N}\p{M}]$/u.test(raw);
  return query.replace(/[\p{L}\p{N}\p{M}]+/gu, (word, at) => (open && at + word.length === query.length ? word : word + WORD_END));
}

/** A result's data without WORD_END, as the page shows and compares it: every text in it (its
 * content, excerpts, anchors, sub-results) is plain data, sent to the page as such anyway. */
export function plainData(data) {
  return JSON.parse(JSON.stringify(data).replaceAll(WORD_END, ""));
}

/**
 * `task(...args, stale)` for the newest call only. At most one task runs at a time; a call
 * made while one runs replaces any call waiting before it and calls `cancel()`, which may end
 * the running task early (Engine.cancel: its promise rejects); the call then runs as soon as
 * the running task has settled. `show(result, ...args)` runs only when no newer call was made
 * meanwhile, so stale results are never shown. `stale()` tells a running task it has been
 * overtaken (it may stop early and return anything). A task that fails with Cancelled while
 * still the newest (another caller cancelled the engine's search) runs again.
 */
export function newestOnly(task, show, cancel = () => {}) {
  let newest = 0;
  let running = false;
  let waiting = null;
  const pump = async () => {
    if (running || !waiting) return;
    running = true;
    const { id, args } = waiting;
    waiting = null;
    const stale = () => id !== newest;
    try {
      const result = await task(...args, stale);
      if (!stale()) show(result, ...args);
    } catch (error) {
      if (error instanceof Cancelled && !stale()) waiting ||= { id, args };
      else if (!stale()) throw error;
    } finally {
      running = false;
      pump();
    }
  };
  return (...args) => {
    waiting = { id: ++newest, args };
    if (running) cancel();
    pump();
  };
}

/** `call(...args)` after `wait(...args)` ms without another call. */
function pauseThen(call, wait) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => call(...args), wait(...args));
  };
}

/** Ends the search running in the page's search worker, if any (newestOnly's `cancel`). */
function cancelSearch() {
  engine?.cancel();
}

/** Pagefind filter object: values of one filter are alternatives, filters combine. */
function pagefindFilters(selected) {
  const filters = {};
  for (const [key, values] of Object.entries(selected)) {
    if (values.length) filters[key] = { any: values };
  }
  if (sharded) filters[VOCABULARY_FILTER] = { none: ["1"] };
  return filters;
}

/**
 * Search; returns {results, filters, totalFilters, total, missing, ms, rerankMs} (ms: Pagefind's
 * time; rerankMs: re-ranking, see phraseMatchesFirst), or null for an empty query. `total`
 * counts the records holding every word: Pagefind leaves out a word found in no record at all
 * ("thanh niên xyz" gives the results of "thanh niên"); such words are in `missing` and then
 * `total` is 0 while `results` keeps what the other words found. `rerank: false` skips
 * re-ranking when only the counts are wanted. Runs in the page's search workers (Engine): a
 * search cancelled meanwhile rejects with Cancelled. On a large site, `enough` answers with the
 * lead bundle's results when they are that many (Engine.search).
 */
export async function search(raw, selected = {}, { rerank = true, enough = Infinity } = {}) {
  return (await pagefind()).search(raw, selected, { rerank, enough });
}

/** In the search worker: loads the index chunks a search needs (a search cancelled while
 * they load stops here: WorkerPool.cancel). */
export async function localLoad(raw, selected = {}, { exact = false } = {}) {
  const pf = await loadPagefind();
  const queries = workerQueries(raw, exact);
  if (queries[0]) await Promise.all(queries.map((query) => pf.preload(indexSpelling(query, raw), { filters: pagefindFilters(selected) })));
}

/** In the search worker: what Pagefind is asked for `raw` (one query, or exactQueries'). Pagefind's
 * exactDiacritics is its first shard's only (merged shards keep the one they were merged with):
 * the page asks for it only from workers holding one shard (Bundle.canExact). */
function workerQueries(raw, exact) {
  return exact && ownShards === 1 ? exactQueries(raw) : [engineQuery(raw)];
}

/** In the search worker: Pagefind's search for what search() asks, without re-ranking (the
 * page merges the workers' results first, then re-ranks them: finishSearch). `exact`: words
 * match only forms with the marks typed (Pagefind's exactDiacritics; Engine.search). */
export async function localSearch(raw, selected = {}, { exact = false } = {}) {
  const pf = await loadPagefind();
  const queries = workerQueries(raw, exact);
  if (!queries[0] && !Object.values(selected).some((values) => values.length)) return null;
  const started = performance.now();
  const searchAll = async () => union(await Promise.all(queries.map((text) => pf.search(text ? indexSpelling(text, raw) : null, { filters: pagefindFilters(selected) }))));
  const found = exact && ownShards === 1 ? await withExactDiacritics(pf, searchAll) : await searchAll();
  return { ...found, ms: performance.now() - started };
}

/** Several searches' results as one: each record once, with its best score, best first (a
 * stable sort: ties in the first search's order). Counts and filters are the first search's. */
function union([first, ...others]) {
  if (!others.length) return first;
  const best = new Map(first.results.map((result) => [result.id, result]));
  for (const result of others.flatMap((found) => found.results)) {
    if (!best.has(result.id) || best.get(result.id).score < result.score) best.set(result.id, result);
  }
  return { ...first, results: [...best.values()].sort((a, b) => b.score - a.score) };
}

/** `search()` with Pagefind's exactDiacritics on, then off again (one search at a time runs in
 * a search worker: newestOnly). */
async function withExactDiacritics(pf, search) {
  await pf.options({ exactDiacritics: true });
  try {
    return await search();
  } finally {
    await pf.options({ exactDiacritics: false });
  }
}

/** Pagefind's (merged) results as search() returns them: re-ranked, with `total`, `missing`,
 * `ms` (Pagefind's time, from `started`) and `rerankMs`. */
async function finishSearch(found, raw, { rerank, started }) {
  const query = queryText(raw);
  const ms = performance.now() - started;
  if (!query) return { ...found, total: found.results.length, missing: [], ms, rerankMs: 0 };
  // Re-ranking fetches the first results' fragments, which showing them needs anyway; its
  // time is reported apart from Pagefind's.
  const results = rerank ? await phraseMatchesFirst(found.results, query) : found.results;
  const missing = await missingWords(results[0], query);
  const total = missing.length ? 0 : found.results.length;
  return { ...found, results, total, missing, ms, rerankMs: performance.now() - started - ms };
}

// How many of Pagefind's first results are re-ranked: enough to hold the record a reader
// names, few enough that fetching their fragments stays small.
const RERANK = 10;

/**
 * Pagefind scores words, and extends each query word to every indexed word it begins
 * ("đỏ" also matches "động"), so a record that merely repeats a longer word can outrank the
 * record whose title is the query, and records holding the query's syllables apart can
 * outrank those holding it as a phrase. Among the first results: those whose title holds the
 * query as a phrase come first, then those whose text does, then the rest, each in Pagefind's
 * order. Words compare as the highlighting compares them (see wordMatcher); the last query
 * word may be the start of a word (bench/RESULTS.md, "Search (issue 3)" and "issue 11").
 */
export async function phraseMatchesFirst(results, query) {
  const head = results.slice(0, RERANK);
  const matcher = wordMatcher(query);
  const datas = await Promise.all(head.map((r) => r.data()));
  const order = head.map((result, i) => {
    const meta = datas[i].meta || {};
    const rank = holdsPhrase(meta.title || "", matcher) ? 2 : holdsPhrase(textOf(datas[i].content || ""), matcher) ? 1 : 0;
    return { result, i, rank };
  });
  order.sort((a, b) => b.rank - a.rank || a.i - b.i);
  return [...order.map((o) => o.result), ...results.slice(RERANK)];
}

/** Whether `text`'s words hold the query's words in order, next to each other. */
function holdsPhrase(text, matcher) {
  const words = text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const n = matcher.terms.length;
  if (!n) return false;
  outer: for (let i = 0; i + n <= words.length; i++) {
    for (let j = 0; j < n; j++) if (!matcher.matches(words[i + j], j)) continue outer;
    return true;
  }
  return false;
}

/** Query words that the best result does not hold anywhere (title, text, names, aliases):
 * Pagefind requires every word it knows, so these are words no record holds. */
async function missingWords(best, query) {
  if (!best) return [];
  const data = await best.data();
  const held = fold(`${data.meta?.title || ""} ${data.content || ""}`).split(/[^\p{L}\p{N}]+/u);
  // Pagefind extends each word to the indexed words it begins, so a prefix counts as held.
  return [...new Set(fold(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean))]
    .filter((term) => !held.some((word) => word.startsWith(term)));
}

/** A record's text as excerpts show it: without the aliases and names after ALIAS_MARK. */
function textOf(content) {
  const cut = content.indexOf(ALIAS_MARK);
  return cut >= 0 ? content.slice(0, cut) : content;
}

/**
 * The query's words and how a word of a record matches the i-th of them. Where the reader
 * typed marks (tones, ă â ê ô ơ ư, đ) the word must have the same spelling, tone placement
 * canonicalised ("chuyển" marks "Chuyển", not "Chuyên"); where the reader typed none it is
 * compared folded ("dang" marks "Đảng"). Whole words match; the last query word, which may
 * still be being typed, also matches the start of a word.
 */
export function wordMatcher(raw) {
  const terms = queryText(raw).split(/[^\p{L}\p{N}]+/u).filter(Boolean).map((text) => {
    const folded = fold(text);
    return { text, folded, marked: text !== folded };
  });
  const last = terms.length - 1;
  const matches = (word, i) => {
    const term = terms[i];
    const form = term.marked ? canonicalTones(nfc(word).toLowerCase()) : fold(word);
    const wanted = term.marked ? term.text : term.folded;
    return form === wanted || (i === last && form.startsWith(wanted));
  };
  return { terms, matches };
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

/**
 * The stretch of a record's text with the most words matching the query, as HTML with the
 * matches in <mark> (see wordMatcher). The text is the record's title, summary and body as
 * Pagefind holds them, without the names and aliases after ALIAS_MARK.
 */
export function excerptHtml(content, title, raw, length = 28) {
  let text = textOf(content);
  if (title && text.startsWith(title)) text = text.slice(title.length).replace(/^[.\s]+/, "");
  const words = text.split(/\s+/).filter(Boolean);
  const matcher = wordMatcher(raw);
  const terms = matcher.terms;
  // Which query term each word matches (-1: none).
  const matched = words.map((word) => {
    const core = word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    return core ? terms.findIndex((_, i) => matcher.matches(core, i)) : -1;
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

/** What the status line says of a search: how many records hold every word, and which words
 * no record holds (the results then hold the other words). */
export function statusText(found, raw, about = "") {
  // The lead bundle's results alone (Engine.search: enough): their count is a lower bound.
  if (found.partial) return `Ít nhất ${found.total} kết quả${about}`;
  if (found.missing.length) {
    const words = found.missing.map((w) => `“${w}”`).join(", ");
    return found.results.length
      ? `Không có kết quả nào chứa đủ các từ${about}: không tìm thấy ${words}. Kết quả cho các từ còn lại:`
      : `Không tìm thấy kết quả nào${about}.`;
  }
  return found.total ? `${found.total} kết quả${about}` : `Không tìm thấy kết quả nào${about}.`;
}

/** Marks which query a result list shows (for tests and bench/search_bench.py --typed). */
function announce(list, raw) {
  list.dataset.query = raw;
}

// ---------------------------------------------------------------- header search box

function setUpBox(form) {
  const input = form.querySelector(".gs-searchbox__input");
  const panel = form.querySelector("[data-gs-panel]");
  const list = form.querySelector("[role=listbox]");
  const status = form.querySelector("[data-gs-box-status]");
  const all = form.querySelector("[data-gs-all]");
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

  const render = (outcome, raw) => {
    if (!outcome) {
      list.replaceChildren();
      open(false);
      announce(list, raw);
      return;
    }
    const { found, items } = outcome;
    all.href = `${all.getAttribute("data-base")}?q=${encodeURIComponent(raw.trim())}`;
    all.textContent = found.partial ? "Xem tất cả kết quả" : found.total ? `Xem tất cả ${found.total} kết quả` : "Mở trang tìm kiếm";
    status.textContent = statusText(found, raw);
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
    announce(list, raw);
  };
  const run = newestOnly(async (raw, stale) => {
    if (!queryText(raw) || loneLetter(raw)) return null;
    // On a large site, when the lead bundle's results fill the box they are its results (the
    // records whose title, summary or opening hold the words, which rank first anyway); the
    // full bundle, slower, is asked only when they do not (the search page always asks it).
    const found = await search(raw, {}, { enough: BOX_SIZE });
    if (stale()) return null;
    const items = await Promise.all(found.results.slice(0, BOX_SIZE).map((r) => describe(r, raw)));
    return { found, items };
  }, render, cancelSearch);
  let asked = null; // the query last searched: "dân " after "dân" needs no new search
  const ask = pauseThen(() => {
    const raw = input.value;
    if (queryText(raw) === asked && !panel.hidden) return;
    asked = queryText(raw);
    run(raw);
  }, () => waitFor(input.value));

  let typed = "";
  input.addEventListener("focus", () => pagefind(), { once: true });
  input.addEventListener("input", () => {
    // Folded: an input method puts a mark on a letter typed before ("toa" → "toá"), and
    // "toá" reads "tóa" in queryText, yet "toán" is its next key.
    const now = fold(input.value).trim();
    // Emptied, or replaced by other text: a new query, not the next key of the last one.
    if (!now || !(now.startsWith(typed) || typed.startsWith(now))) engine?.newQuery();
    typed = now;
    preload(input.value, { lead: true });
  });
  input.addEventListener("input", ask);
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
  let generation = 0; // counts the searches shown, so "more" never appends to a newer one
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

  const items = (raw, from) => Promise.all(found.results.slice(from, from + PAGE_SIZE).map((r) => describe(r, raw)));
  const append = (described) => {
    list.append(...described.map((item) => {
      const li = document.createElement("li");
      li.className = "gs-result";
      li.innerHTML = `<h2 class="gs-result__title"><a href="${escapeHtml(item.url)}">${escapeHtml(item.title)}</a></h2>` +
        `<p class="gs-result__meta">${metaLine(item)}</p><p class="gs-result__excerpt">${item.excerpt}</p>`;
      return li;
    }));
    shown += described.length;
    more.hidden = shown >= found.results.length;
  };

  // The search, the filter counts and the first page of results are computed for the newest
  // query only, then shown at once (see newestOnly).
  const run = newestOnly(async (raw, chosen, stale) => {
    const pf = await pagefind();
    // Pagefind counts only the filters it has loaded: load them all for the counts (once per
    // search worker; a cancelled search's worker is replaced by one that has not).
    const allFilters = await pf.filters();
    const result = await search(raw, chosen);
    if (!result) return { allFilters };
    if (stale()) return null;
    const counts = await facetCounts(raw, chosen, result);
    const first = await Promise.all(result.results.slice(0, PAGE_SIZE).map((r) => describe(r, raw)));
    return { result, counts, first };
  }, (outcome, raw, chosen) => {
    generation += 1;
    found = outcome.result || null;
    shown = 0;
    list.replaceChildren();
    if (!found) {
      renderFilters(outcome.allFilters, chosen);
      status.textContent = "Nhập từ khóa hoặc chọn bộ lọc để tìm.";
      more.hidden = true;
    } else {
      renderFilters(outcome.counts, chosen);
      const about = queryText(raw) ? ` cho “${raw.trim()}”` : "";
      status.textContent = found.missing.length ? statusText(found, raw, about)
        : found.total ? `Tìm thấy ${found.total} kết quả${about}.` : `Không tìm thấy kết quả nào${about}.`;
      append(outcome.first);
    }
    announce(list, raw);
  }, cancelSearch);
  const runNow = () => {
    const chosen = selected();
    writeUrl(input.value, chosen);
    run(input.value, chosen);
  };

  // Checkboxes are rebuilt by renderFilters: restore the URL's choices before the first run.
  renderFilters({}, state.selected);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    runNow();
  });
  input.addEventListener("input", () => preload(input.value));
  input.addEventListener("input", pauseThen(runNow, () => waitFor(input.value)));
  root.addEventListener("change", (event) => {
    if (event.target.matches(".gs-filter input")) runNow();
  });
  clear.addEventListener("click", () => {
    for (const box of root.querySelectorAll(".gs-filter input:checked")) box.checked = false;
    runNow();
    input.focus();
  });
  more.addEventListener("click", async () => {
    const mine = generation;
    const first = list.children.length;
    const described = await items(input.value, shown);
    if (mine !== generation) return; // a newer search has been shown meanwhile
    append(described);
    list.children[first]?.querySelector("a")?.focus();
  });
  runNow();
}

if (IN_PAGE) {
  for (const form of document.querySelectorAll("[data-gs-searchbox]")) setUpBox(form);
  const page = document.querySelector("[data-gs-search-page]");
  if (page) setUpPage(page);
}
