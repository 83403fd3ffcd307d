"""Where an incremental build spends its CPU: one record title edited, one process, timers per stage.

Usage (a project written by ../shared/bench/peers/gen_content.py --layout guongsang, built once
with `python -m generator build --site-dir site` so build/cache/ is warm):

    .venv/bin/python bench/incremental_stages.py PROJECT [N]   # edits the N-th news record (500)

The title gets the first two words of the next record's title: words the site already has, so
the search index's vocabulary stays the same and only the shards holding the record are
indexed again (a word new to the site re-indexes every shard: bench/RESULTS.md).

Workers are off (`available_cores` = 1) so every stage runs, and is timed, in this process;
stages are timed in the main thread's CPU (the search shards are prepared by another thread of
this process, counted in "other threads"); Pagefind, a separate process, is the "children" CPU.
"""
import sys, os, time, logging, resource
from pathlib import Path
from wrapping import around
os.chdir(sys.argv[1])
import generator.mkdocs_plugin as mp, generator.site as site, generator.mkdocs_generated as mg, generator.pages as pages
import generator.buildcache.store as store, generator.buildcache.fingerprint as fp, generator.engine as engine, generator.writer as writer
import mkdocs.commands.build as mb
mp.available_cores = lambda: 1
acc = {}
def timed(mod, name, label):
    if getattr(mod, name, None) is None:  # an older revision of the code, without this stage
        return
    def leave(started):  # this thread's CPU: the search index is prepared in another
        acc[label] = acc.get(label, 0) + time.thread_time() - started
    around(mod, name, time.thread_time, leave)
timed(site, "check", "core: load+validate (memo)")
timed(pages.Planner, "entry_page", "core: record pages (plan)")
timed(pages.Planner, "listing_page", "core: listing pages (plan)")
timed(mp, "generate", "core: total (check+plan+write)")
timed(site, "_page_plan", "core: page plan inputs (teasers, last plan)")
timed(site, "write_pages", "core: plan kept/changed pages + write docs/")
timed(mg.GeneratedPages, "_render", "theme: held pages (render or reuse)")
timed(mb, "_build_page", "theme: MkDocs' own pages")
timed(store.BuildCache, "open", "cache: input digests")
timed(store.BuildCache, "commit", "cache: commit (site identity, pickle)")
timed(fp, "site_identity", "cache: site identity walks")
timed(mp, "tree_digests", "cache: search documents digest")
timed(engine, "mkdocs_build", "mkdocs build (all)")
timed(mb, "get_files", "MkDocs: scan of docs/ (get_files)")
timed(mp, "patch_files", "patch: previous site linked (mkdocs_patch)")
timed(mb, "get_navigation", "MkDocs: navigation")
from generator.engine import build_site
logging.basicConfig(level=logging.WARNING)
records = sorted(Path("entries/tin-tuc").glob("*.md"))
f, donor = records[int(sys.argv[2]) if len(sys.argv) > 2 else 500:][:2]
words = " ".join(donor.read_text("utf-8").split('title: "', 1)[1].split()[:2])
text = f.read_text("utf-8").replace('title: "', f'title: "{words} ', 1)
f.write_text(text, "utf-8")
t = time.process_time(); w = time.perf_counter(); own = time.thread_time()
build_site(Path("mkdocs.yml"), Path("site"))
own = time.thread_time() - own
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
for k, v in sorted(acc.items()): print(f"{k:40s} {v:6.2f} s")
print("edited", f, "main cpu %.2f (main thread %.2f, other threads %.2f)  children cpu %.2f wall %.1f" % (
    time.process_time() - t, own, time.process_time() - t - own, ru.ru_utime + ru.ru_stime, time.perf_counter() - w))
