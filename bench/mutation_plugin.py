"""pytest plugin for `make mutation`: leave out the tests that build a whole site.

mutmut runs, for each mutant, every selected test that called the mutated function. A test
that builds the sample with MkDocs (the `sample_site` fixture, `build_site`, a `generator`
subprocess) costs seconds, and every record-level function is called by it: on two shared
cores that makes a run of ~1,800 mutants take hours. So mutants are judged by the tests that
work without the engine (the core plans the same pages and files in memory); the build
tests still run in `make test`. Loaded with `-p bench.mutation_plugin` ([tool.mutmut]).
"""

from __future__ import annotations

import pytest

# Test modules that build a site (MkDocs, Pagefind, a subprocess) in most of their tests,
# or that exercise none of the mutated modules (loader properties, Node.js).
SLOW_MODULES = {
    "test_audit.py", "test_publishing.py", "test_preview.py", "test_parallel.py",
    "test_loader_properties.py", "test_js.py",
}
SLOW_TESTS = {
    "test_build.py::test_a_broken_entry_fails_the_build_and_keeps_the_old_site",
    "test_broken_corpus.py::test_the_command_line_reports_everything_without_a_traceback",
}


def _slow(item: pytest.Item) -> bool:
    name = item.path.name
    return (
        name in SLOW_MODULES
        or f"{name}::{item.name}" in SLOW_TESTS
        or "sample_site" in getattr(item, "fixturenames", ())
        or item.get_closest_marker("browser") is not None
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    slow = [item for item in items if _slow(item)]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if not _slow(item)]
