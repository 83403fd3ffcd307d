"""When each part of a cold build starts and ends (wall clock), workers on, as `make build` runs.

Usage (a project written by ../shared/bench/peers/gen_content.py --layout guongsang, built
once so its share cards are cached):

    .venv/bin/python bench/cold_timeline.py PROJECT

Removes site/, build/ and docs/ (docs/ restored from docs.src/), then builds and prints, in
seconds from the start: the core (check, plan, write docs/), MkDocs until the theme workers
start, the theme workers, and each Pagefind process (shard), so that the serial tail of a
build shows (on an idle 2-core machine a build takes about max(CPU / 2, longest chain)).
"""
import logging, os, shutil, sys
from pathlib import Path

from wrapping import Timeline

os.chdir(sys.argv[1])
for folder in ("site", "build", "docs"):
    shutil.rmtree(folder, ignore_errors=True)
shutil.copytree("docs.src", "docs")
import generator.mkdocs_plugin as mp, generator.mkdocs_generated as mg, generator.search_index as si
timeline = Timeline()
timeline.spans(mp, "generate", "core (check, plan, write docs/)")
timeline.spans(mg.GeneratedPages, "start", "theme workers forked")
timeline.spans(mp.GuongSangPlugin, "on_post_build", "post_build (wait for theme, then Pagefind)")
timeline.spans(si, "_vocabulary_of", "search: vocabulary (its words, once every document is read)")
timeline.spans(si.IndexingJob, "_run_jobs", "search: Pagefind processes")
timeline.pagefind_processes(si)
original = mg.GeneratedPages.finish


def timed_results(self):
    yield from original(self)
    timeline.note("theme workers done")


mg.GeneratedPages.finish = timed_results
from generator.engine import build_site
logging.basicConfig(level=logging.WARNING)
build_site(Path("mkdocs.yml"), Path("site"))
timeline.note("build done (swapped in)")
timeline.print()
