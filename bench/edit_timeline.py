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
import logging, os, sys
from pathlib import Path

from wrapping import Timeline

os.chdir(sys.argv[1])
import generator.mkdocs_plugin as mp, generator.mkdocs_generated as mg, generator.search_index as si
import generator.site as site, generator.engine as engine, generator.buildcache.store as store
import mkdocs.commands.build as mb
timeline = Timeline()
for owner, name, label in [
    (store.BuildCache, "open", "cache: input digests"),
    (site, "check", "core: check"),
    (site, "_page_plan", "core: page plan"),
    (site, "write_pages", "core: plan and write the pages"),
    (mp, "generate", "core"),
    (si.IndexingJob, "_run_jobs", "search: shards"),
    (si.IndexingJob, "_shard_input", "search: a shard's input folder"),
    (si.IndexingJob, "_seed", "search: a shard's seeded fragments"),
    (mb, "get_files", "MkDocs: scan docs/"),
    (mp.GuongSangPlugin, "on_files", "plugin: patch the previous site"),
    (mg.GeneratedPages, "start", "theme workers"),
    (mp.GuongSangPlugin, "on_post_build", "plugin: post-build (waits for Pagefind)"),
    (engine, "_remember", "cache: commit"),
]:
    timeline.spans(owner, name, label)
timeline.pagefind_processes(si)
logging.basicConfig(level=logging.WARNING)
engine.build_site(Path("mkdocs.yml"), Path("site"))
timeline.note("build done (swapped in)")
timeline.print(digits=2)
