// The search engine's own Web Worker (search.js: Engine). Pagefind runs here, inside this
// worker (pagefind.js finds no `window` and searches in the worker's thread instead of starting
// a worker of its own), so the page can end a search that has been overtaken by terminating
// this worker: a running Pagefind search cannot be interrupted any other way, and Pagefind's
// own worker is private to its module (bench/RESULTS.md, "Search (issue 11)").
//
// Messages: {id, op, args} in, {id, result} or {id, error} out. Ops: "init", "search" (the
// results come back without their data(): each has a `ref` for "data"), "data", "preload",
// "filters".
import { localPreload, localSearch, pagefind } from "./search.js";

// The results of the last searches, for "data" (the page describes a search's results after
// it, and the search page's "more" button later still).
const KEPT_SEARCHES = 32;
const kept = new Map();
let searches = 0;

const ops = {
  init: async () => {
    await pagefind();
    return true;
  },
  search: async (raw, selected, options) => {
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
    return results[i].data();
  },
  preload: async (raw) => {
    await localPreload(raw);
    return true;
  },
  filters: async () => (await pagefind()).filters(),
};

self.addEventListener("message", async ({ data: { id, op, args } }) => {
  try {
    self.postMessage({ id, result: await ops[op](...args) });
  } catch (error) {
    self.postMessage({ id, error: String(error?.message || error) });
  }
});
