"""When each part of a build after one edit starts and ends (wall clock), as `make build` runs.

Usage (a project written by ../shared/bench/peers/gen_content.py --layout guongsang, built
with `python -m generator build` at least twice since the generator's code last changed, so
that the cache and the spare site are warm):

    python3 bench/edit_record.py PROJECT title N      # an edit with words the site has
    .venv/bin/python bench/edit_timeline.py PROJECT

Prints, in seconds from the start: the cache's checks, the core (check, page plan, writing
docs/), the walk of the previous site, MkDocs' file scan and the patch of the previous site,
the search index's preparation of each shard indexed again (its input folder, seeded
fragments), each Pagefind process, and the cache's commit: what holds back the process that
ends the build (bench/RESULTS.md, "Issue 13 … Session 12").
"""
import logging, os, resource, sys, threading, time
from pathlib import Path

from wrapping import around

os.chdir(sys.argv[1])
import generator.mkdocs_plugin as mp, generator.mkdocs_generated as mg, generator.search_index as si
import generator.site as site, generator.engine as engine, generator.buildcache.store as store
import mkdocs.commands.build as mb
T0 = time.perf_counter()
events: list[tuple[float, str]] = []
lock = threading.Lock()


def note(what: str) -> None:
    with lock:
        events.append((time.perf_counter() - T0, what))


def spans(owner, name, label):
    around(owner, name, lambda: note(f"{label} start"), lambda _: note(f"{label} end"))


spans(store.BuildCache, "open", "cache: input digests")
spans(site, "check", "core: check")
spans(site, "_page_plan", "core: page plan")
spans(site, "write_pages", "core: plan and write the pages")
spans(mp, "generate", "core")
spans(si.IndexingJob, "_run_jobs", "search: shards")
spans(si.IndexingJob, "_shard_input", "search: a shard's input folder")
spans(si.IndexingJob, "_seed", "search: a shard's seeded fragments")
spans(mb, "get_files", "MkDocs: scan docs/")
spans(mp.GuongSangPlugin, "on_files", "plugin: patch the previous site")
spans(mg.GeneratedPages, "start", "theme workers")
spans(mp.GuongSangPlugin, "on_post_build", "plugin: post-build (waits for Pagefind)")
spans(engine, "_remember", "cache: commit")
finish = si._finish


def timed_finish(process):
    started = time.perf_counter() - T0
    report = finish(process)
    note(f"  pagefind {'/'.join(Path(process.args[2]).parts[-2:])} ({report.pages} pages) ran until here, started by {started:.1f}")
    return report


si._finish = timed_finish
logging.basicConfig(level=logging.WARNING)
engine.build_site(Path("mkdocs.yml"), Path("site"))
note("build done (swapped in)")
seen = set()
for at, what in sorted(events):
    if (round(at, 2), what) not in seen:  # a span entered many times in the same instant once
        seen.add((round(at, 2), what))
        print(f"{at:7.2f}  {what}")
ru, me = resource.getrusage(resource.RUSAGE_CHILDREN), resource.getrusage(resource.RUSAGE_SELF)
print("cpu: build process %.1f s, children (workers, Pagefind) %.1f s; load %s" % (
    me.ru_utime + me.ru_stime, ru.ru_utime + ru.ru_stime, os.getloadavg()))
