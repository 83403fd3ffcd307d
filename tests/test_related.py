"""Related records ("Các tin khác", "Mô hình tiêu biểu khác"…) on every published sample record."""

from __future__ import annotations

import pytest

from conftest import NOW, REPO, shared_scope
from generator.index import _related_groups, build_index
from generator.site import Project, check
from generator.views import Views


@pytest.fixture(scope=shared_scope)
def sample_index():
    checked = check(Project.at(REPO))
    assert checked.ok, checked.problems
    return build_index(checked.entries, NOW)


def published(index):
    return [entry for entries in index.by_kind.values() for entry in entries]


def test_no_record_is_related_to_itself(sample_index):
    entries = published(sample_index)
    with_related = [entry for entry in entries if sample_index.related(entry)]
    # Most sample records have related ones, so a record listing itself would show here.
    assert len(with_related) >= len(entries) // 2
    for entry in entries:
        assert entry.url not in [other.url for other in sample_index.related(entry)], entry.path


def test_related_records_share_a_group_and_come_newest_first(sample_index):
    for entry in published(sample_index):
        related = sample_index.related(entry)
        assert len(related) <= 5
        shared = {id(other) for key in _related_groups(entry) for other in sample_index.group(*key)}
        assert all(id(other) in shared and other.kind is entry.kind for other in related), entry.path
        assert related == sorted(related, key=lambda e: (-e.sort_date.timestamp(), e.slug)), entry.path


def test_no_record_page_links_to_itself_under_related(sample_index):
    views = Views(sample_index)
    for entry in published(sample_index):
        view = views.entry(entry, "")
        for section in view.sections:
            if section.slug in {"lien-quan", "moi-nhat"}:
                assert entry.url not in [teaser.url for teaser in section.items], (entry.path, section.title)
