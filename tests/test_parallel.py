"""Record pages rendered in worker processes are the pages one process renders."""

from __future__ import annotations

import hashlib

from conftest import NOW
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
