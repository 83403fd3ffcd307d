"""The Vietnamese editor guide covers every field and is part of the built site."""

from __future__ import annotations

import pytest

from conftest import REPO
from generator.loader import Kind
from generator.validate import SCHEMAS

GUIDE = REPO / "docs" / "huong-dan" / "index.md"


@pytest.mark.parametrize("kind", list(Kind))
def test_the_guide_gives_every_field_of_every_kind(kind):
    text = GUIDE.read_text("utf-8")
    section = text.split(f"(`{kind.value}`)", 1)[1].split("\n## ", 1)[0]
    shared = text.split("## Các trường dùng chung", 1)[1].split("\n## ", 1)[0]
    for name, info in SCHEMAS[kind].model_fields.items():
        assert f"`{info.alias or name}`" in section + shared, f"{kind.value}: {name}"


def test_the_guide_documents_the_html_policy_and_every_hosting_option():
    text = GUIDE.read_text("utf-8")
    for words in ("nh3", "<script>", "onclick", "draft: true", "preview", "make check", "nginx", "s3 sync", "GitLab", "GitHub"):
        assert words in text, words


def test_the_guide_is_in_the_site_and_its_navigation(sample_site):
    html = (sample_site / "huong-dan" / "index.html").read_text("utf-8")
    assert "<title>Hướng dẫn biên tập" in html
    assert 'href="huong-dan/"' in (sample_site / "index.html").read_text("utf-8")
