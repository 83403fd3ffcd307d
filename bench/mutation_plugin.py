"""pytest plugin for `make mutation`: leave out the tests that build a whole site.

mutmut runs, for each mutant, every selected test that called the mutated function. A test
that builds the sample with MkDocs (the `sample_site` fixture, `build_site`, a `generator`
subprocess) costs seconds, and every record-level function is called by it: on two shared
cores that makes a run of ~1,800 mutants take hours. So mutants are judged by the tests that
work without the engine (the core plans the same pages and files in memory); the build
tests still run in `make test`. Loaded with `-p bench.mutation_plugin` ([tool.mutmut]).
"""

from __future__ import annotations

import inspect
import os

import pytest

# Test modules that build a site (MkDocs, Pagefind, a subprocess) in most of their tests,
# or that exercise none of the mutated modules (loader properties, Node.js).
SLOW_MODULES = {
    "test_audit.py", "test_publishing.py", "test_preview.py", "test_parallel.py",
    "test_loader_properties.py", "test_js.py", "test_atomic_build.py",
    "test_search_vietnamese_details.py",  # builds the search fixture site with Pagefind
}
SLOW_TESTS = {
    "test_build.py::test_a_broken_entry_fails_the_build_and_keeps_the_old_site",
    "test_broken_corpus.py::test_the_command_line_reports_everything_without_a_traceback",
    "test_cms.py::test_the_decap_bundle_is_pinned_by_the_lock_file",  # reads node_modules/, not copied
}


# Fixtures that build a site with MkDocs and Pagefind.
BUILT_SITES = {"sample_site", "audit_site", "sample_url"}


def _copies_the_sample(item: pytest.Item) -> bool:
    """The test, or a fixture it uses, copies the sample project: to build it, in every case."""
    functions = [getattr(item, "function", None)]
    info = getattr(item, "_fixtureinfo", None)
    for definitions in (info.name2fixturedefs.values() if info else ()):
        functions += [definition.func for definition in definitions]
    for function in filter(None, functions):
        try:
            if "copy_sample(" in inspect.getsource(function) and function.__name__ not in BUILT_SITES:
                return True
        except (OSError, TypeError):
            continue
    return False


def _slow(item: pytest.Item) -> bool:
    name = item.path.name
    return (
        name in SLOW_MODULES
        or f"{name}::{item.name}" in SLOW_TESTS
        or bool(BUILT_SITES & set(getattr(item, "fixturenames", ())))
        or item.get_closest_marker("browser") is not None
        or _copies_the_sample(item)
    )


# Fixtures that check, index and plan the whole sample project: no build, but a few seconds per
# test on the loaded machine, where the tests of one module take a hundredth of that.
READS_THE_SAMPLE = ("plan_sample_portal(", "Project.at(REPO)")


def _reads_the_sample(item: pytest.Item) -> bool:
    info = getattr(item, "_fixtureinfo", None)
    for definitions in (info.name2fixturedefs.values() if info else ()):
        for definition in definitions:
            try:
                source = inspect.getsource(definition.func)
            except (OSError, TypeError):
                continue
            if any(call in source for call in READS_THE_SAMPLE):
                return True
    return False


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    slow = [item for item in items if _slow(item)]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if not _slow(item)]
    # mutmut passes a mutant's tests in no particular order (a set) and stops at the first
    # failure. Tests on small examples go first, so that most mutants are killed before the
    # sample is planned; among them, the test files named for the mutated module.
    module = os.environ.get("MUTANT_UNDER_TEST", "").split(".")
    stem = module[1][:6] if len(module) > 2 and module[0] == "generator" else None
    items.sort(key=lambda item: (_reads_the_sample(item), not (stem and stem in item.path.name)))
