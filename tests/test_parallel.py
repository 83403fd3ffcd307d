"""Record pages rendered in worker processes are the pages one process renders."""

from __future__ import annotations

import hashlib

from conftest import NOW, copy_sample, stable_digest
from generator import mkdocs_plugin, parallel
from generator.engine import build_site
from generator.parallel import MIN_ITEMS, render_all
from generator.site import Project, generate


def test_results_come_back_in_order():
    items = list(range(MIN_ITEMS + 50))
    assert list(render_all(str, items, workers=2)) == [str(i) for i in items]


def test_a_large_site_builds_the_same_in_one_or_two_processes(project, tmp_path):
    project.add_unit()
    for n in range(MIN_ITEMS + 10):
        project.write(
            f"tin-tuc/tin-{n:04}.md",
            f"---\ntitle: Tin số {n}\ndate: 2024-01-{n % 28 + 1:02} 08:00\ncategory: dan-van\nunits: [so-gd-dt]\n---\n"
            f"## Đảng bộ {n}\n\nNội dung tin số {n}.\n",
        )

    def digest(workers: int) -> dict[str, str]:
        docs = project.root / "docs"
        generate(Project.at(project.root), NOW, workers=workers)
        return {p.relative_to(docs).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(docs.rglob("*.md"))}

    one = digest(1)
    assert len(one) > MIN_ITEMS
    assert digest(2) == one


def test_theme_pages_are_the_same_from_workers_one_process_or_mkdocs_alone(tmp_path, monkeypatch):
    """Generated pages outside the navigation are rendered by mkdocs_generated.py; the site
    must be byte for byte what MkDocs' own loop renders, with workers or without."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    monkeypatch.setattr(parallel, "MIN_ITEMS", 1)  # the sample is small: use the workers anyway
    config = copy_sample(tmp_path / "src")

    def built(name: str, cores: int) -> dict[str, str]:
        monkeypatch.setattr(mkdocs_plugin, "available_cores", lambda: cores)
        return stable_digest(build_site(config, tmp_path / name))

    workers = built("workers", 2)
    assert built("one", 1) == workers
    monkeypatch.setattr(mkdocs_plugin, "hold_out", lambda files, nav, generated: [])
    assert built("mkdocs", 1) == workers
    assert sum(path.startswith("mo-hinh/") and path.endswith("/index.html") for path in workers) > 5
