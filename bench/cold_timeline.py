"""When each part of a cold build starts and ends (wall clock), workers on, as `make build` runs.

Usage (a project written by ../shared/bench/peers/gen_content.py --layout guongsang, built
once so its share cards are cached):

    .venv/bin/python bench/cold_timeline.py PROJECT

Removes site/, build/ and docs/ (docs/ restored from docs.src/), then builds and prints, in
seconds from the start: the core (check, plan, write docs/), MkDocs until the theme workers
start, the theme workers, and each Pagefind process (shard), so that the serial tail of a
build shows (on an idle 2-core machine a build takes about max(CPU / 2, longest chain)).
"""
import logging, os, resource, shutil, sys, threading, time
from pathlib import Path

from wrapping import around

os.chdir(sys.argv[1])
for folder in ("site", "build", "docs"):
    shutil.rmtree(folder, ignore_errors=True)
shutil.copytree("docs.src", "docs")
import generator.mkdocs_plugin as mp, generator.mkdocs_generated as mg, generator.search_index as si
T0 = time.perf_counter()
events: list[tuple[float, str]] = []
lock = threading.Lock()


def note(what: str) -> None:
    with lock:
        events.append((time.perf_counter() - T0, what))


def spans(mod, name, label):
    around(mod, name, lambda: note(f"{label} start"), lambda _: note(f"{label} end"))

spans(mp, "generate", "core (check, plan, write docs/)")
spans(mg.GeneratedPages, "start", "theme workers forked")
spans(mp.GuongSangPlugin, "on_post_build", "post_build (wait for theme, then Pagefind)")
spans(si, "_vocabulary_of", "search: vocabulary (its words, once every document is read)")
spans(si.IndexingJob, "_run_jobs", "search: Pagefind processes")
finish = si._finish


def timed_finish(process):
    started = time.perf_counter() - T0
    report = finish(process)
    note(f"  pagefind {'/'.join(Path(process.args[2]).parts[-2:])} ({report.pages} pages) ran until here, waited on from {started:.1f}")
    return report


si._finish = timed_finish
original = mg.GeneratedPages.finish


def timed_results(self):
    yield from original(self)
    note("theme workers done")


mg.GeneratedPages.finish = timed_results
from generator.engine import build_site
logging.basicConfig(level=logging.WARNING)
build_site(Path("mkdocs.yml"), Path("site"))
note("build done (swapped in)")
for at, what in sorted(events):
    print(f"{at:7.1f}  {what}")
ru, me = resource.getrusage(resource.RUSAGE_CHILDREN), resource.getrusage(resource.RUSAGE_SELF)
print("cpu: build process %.1f s, children (workers, Pagefind) %.1f s; load %s" % (
    me.ru_utime + me.ru_stime, ru.ru_utime + ru.ru_stime, os.getloadavg()))
