// The search engine's own Web Worker (search.js: Engine). Pagefind runs here, inside this
// worker (pagefind.js finds no `window` and searches in the worker's thread instead of starting
// a worker of its own), so the page can end a search that has been overtaken by terminating
// this worker: a running Pagefind search cannot be interrupted any other way, and Pagefind's
// own worker is private to its module (bench/RESULTS.md, "Search (issue 11)").
//
// Messages: {id, op, args} in, {id, result} or {id, error} out, with `chunks`: how many index
// chunks it has fetched so far (search.js: WorkerPool.renew). Ops: "init", "search" (the
// results come back without their data(): each has a `ref` for "data"), "data", "preload",
// "filters", and "skip" (args: [id of a search]; no answer). A search loads its index chunks,
// then says {id, computing: true} and computes; one told to skip before it computes answers
// {skipped: true} instead (search.js: WorkerPool.cancel).
import { localLoad, localPreload, localSearch, pagefind, plainData } from "./search.js";

// Every shard of every bundle holds the same Pagefind WebAssembly (one Pagefind wrote them all,
// generator/search_index.py), and Pagefind fetches it from its first shard's folder: a worker
// whose first shard is another folder (the full bundle's, or a second block of shards:
// search.js, Bundle) would download it again under another URL. It gets the lead bundle's
// copy, which the HTTP cache already holds.
const WASM = /\/pagefind\/(?:[\w-]+\/)*(wasm\.[\w-]+\.pagefind)$/;
const fetchFile = self.fetch.bind(self);
// Index chunks fetched so far: the chunks earlier queries left loaded (search.js: WorkerPool.renew).
const CHUNK = /\/index\/[^/]+\.pf_index$/;
let chunks = 0;
self.fetch = (input, init) => {
  const url = typeof input === "string" ? new URL(input, self.location.href) : null;
  if (url && CHUNK.test(url.pathname)) chunks += 1;
  const wasm = url && WASM.exec(url.pathname);
  if (wasm) url.pathname = url.pathname.slice(0, wasm.index) + `/pagefind/${wasm[1]}`;
  return fetchFile(wasm ? url.href : input, init);
};

// The results of the last searches, for "data" (the page describes a search's results after
// it, and the search page's "more" button later still).
const KEPT_SEARCHES = 32;
const kept = new Map();
let searches = 0;
const skipped = new Set();

const ops = {
  init: async () => {
    await pagefind();
    return true;
  },
  search: async (id, raw, selected, options) => {
    await localLoad(raw, selected, options);
    if (skipped.has(id)) return { skipped: true };
    self.postMessage({ id, computing: true });
    const found = await localSearch(raw, selected, options);
    if (!found) return null;
    const key = ++searches;
    kept.set(key, found.results);
    if (kept.size > KEPT_SEARCHES) kept.delete(kept.keys().next().value);
    const results = found.results.map((result, i) => ({ ref: [key, i], id: result.id, score: result.score }));
    return { ...found, results };
  },
  data: async ([key, i]) => {
    const results = kept.get(key);
    if (!results) throw new Error("Pagefind result no longer kept");
    return plainData(await results[i].data());
  },
  preload: async (raw) => {
    await localPreload(raw);
    return true;
  },
  filters: async () => (await pagefind()).filters(),
};

self.addEventListener("message", async ({ data: { id, op, args } }) => {
  if (op === "skip") {
    skipped.add(args[0]);
    return;
  }
  try {
    const result = await (op === "search" ? ops.search(id, ...args) : ops[op](...args));
    self.postMessage({ id, result, chunks });
  } catch (error) {
    self.postMessage({ id, error: String(error?.message || error), chunks });
  } finally {
    skipped.delete(id);
  }
});
