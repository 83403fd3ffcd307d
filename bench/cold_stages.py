"""Where a cold full build spends its CPU: one process, timers per stage.

Usage (a project written by ../shared/bench/peers/gen_content.py --layout guongsang; build it
once first so its share cards are in .cache/images/, as on CI with the cache kept):

    .venv/bin/python bench/cold_stages.py PROJECT

Removes site/, build/ and docs/ (docs/ is restored from docs.src/) before the build: a cold
build, image cache kept. Workers are off (`available_cores` = 1), so every stage of the
build's own process runs, and is timed, in this process, each by its own thread's CPU clock
(the search index's thread, which writes the shards' documents and the vocabulary document,
runs beside the theme in the same process);
Pagefind, separate processes, is the "children" CPU.
"""
import logging, os, resource, shutil, sys, threading, time
from pathlib import Path

from wrapping import around

os.chdir(sys.argv[1])
for folder in ("site", "build", "docs"):
    shutil.rmtree(folder, ignore_errors=True)
shutil.copytree("docs.src", "docs")
import generator.mkdocs_plugin as mp, generator.site as site, generator.mkdocs_generated as mg, generator.pages as pages
import generator.search_index as si, generator.writer as writer, generator.feeds as feeds
import mkdocs.commands.build as mb
mp.available_cores = lambda: 1
acc: dict[str, float] = {}
lock = threading.Lock()


def timed(mod, name, label, clock=time.thread_time):
    def leave(started):
        with lock:
            acc[label] = acc.get(label, 0) + clock() - started
    around(mod, name, clock, leave)

timed(site, "check", "core: load + validate")
timed(pages.Planner, "entry_page", "core: plan record pages")
timed(pages.Planner, "listing_page", "core: plan listing pages")
timed(mp, "generate", "core: total (check, plan, write docs/)")
timed(mg.GeneratedPages, "_render", "theme: generated pages")
timed(mb, "_build_page", "theme: all pages (MkDocs' own included)")
timed(mb, "build", "mkdocs build (all, main process)")
timed(si.IndexingJob, "_run_shards", "search thread: total (thread CPU)", time.thread_time)
for part in ("_tokens", "_vocabulary_of"):  # each document's tokens, then their words
    timed(si, part, "search thread: vocabulary document (thread CPU)", time.thread_time)
from generator.engine import build_site
logging.basicConfig(level=logging.WARNING)
t = time.process_time(); w = time.perf_counter()
build_site(Path("mkdocs.yml"), Path("site"))
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
for k, v in sorted(acc.items()):
    print(f"{k:50s} {v:7.2f} s")
print("main process cpu %.2f  children (Pagefind) cpu %.2f  wall %.1f  load %s" % (
    time.process_time() - t, ru.ru_utime + ru.ru_stime, time.perf_counter() - w, os.getloadavg()))
