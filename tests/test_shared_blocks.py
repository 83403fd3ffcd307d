"""Material's blocks rendered once per group of generated pages (generator/mkdocs_generated.py)."""

from __future__ import annotations

from types import SimpleNamespace

from mkdocs.structure.files import InclusionLevel

from generator.mkdocs_generated import SharedBlocks


def _page(url: str, hide=("navigation", "toc")):
    file = SimpleNamespace(inclusion=InclusionLevel.EXCLUDED)
    return SimpleNamespace(url=url, file=file, toc=SimpleNamespace(items=[]), meta={"hide": list(hide)})


def test_pages_whose_links_read_alike_share_a_block_and_others_do_not():
    nav = SimpleNamespace(pages=[SimpleNamespace(url="gioi-thieu/"), SimpleNamespace(url="tin-tuc/")])
    shared = SharedBlocks(nav, SimpleNamespace(extra={}))
    rendered = []

    def render(page):
        def block():
            rendered.append(page.url)
            return f"menu for {page.url}"
        return block

    first, sibling, deeper = _page("tin-tuc/a/"), _page("tin-tuc/b/"), _page("tin-tuc/trang/2/")
    assert shared("tabs", first, render(first)) == "menu for tin-tuc/a/"
    assert shared("site_nav", first, render(first)) == "menu for tin-tuc/a/"
    # Same depth: the links read the same, so the first page's blocks are reused.
    assert shared("tabs", sibling, render(sibling)) == "menu for tin-tuc/a/"
    assert shared("site_nav", sibling, render(sibling)) == "menu for tin-tuc/a/"
    # One level deeper, then back: each page's own links, never the previous page's.
    assert shared("tabs", deeper, render(deeper)) == "menu for tin-tuc/trang/2/"
    assert shared("tabs", sibling, render(sibling)) == "menu for tin-tuc/a/"
    assert shared("tabs", _page("tin-tuc/c/", hide=("toc",)), render(_page("tin-tuc/c/"))) == "menu for tin-tuc/c/"
    assert rendered == ["tin-tuc/a/", "tin-tuc/a/", "tin-tuc/trang/2/", "tin-tuc/c/"]
