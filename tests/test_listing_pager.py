"""The pager under a listing (1 … 4 5 6 … 20) and where each listing page lives."""

from __future__ import annotations

import pytest

from generator.listings import Listing, ListingPage, page_url, paginate_listing


def pager(number: int, count: int) -> str:
    page = ListingPage(Listing("tin-tuc/", "Tin tức", []), number, count, [], 0, 0)
    return " ".join(link.text for link in page.pager())


@pytest.mark.parametrize(
    "number, count, shown",
    [
        (1, 1, ""),
        (1, 2, "1 2"),
        (2, 2, "1 2"),
        (1, 3, "1 2 3"),
        (1, 10, "1 2 3 … 10"),
        (3, 10, "1 2 3 4 5 … 10"),
        (4, 10, "1 2 3 4 5 6 … 10"),
        (5, 10, "1 … 3 4 5 6 7 … 10"),
        (6, 20, "1 … 4 5 6 7 8 … 20"),
        (10, 10, "1 … 8 9 10"),
        (8, 10, "1 … 6 7 8 9 10"),
    ],
)
def test_the_pager_shows_the_first_last_and_two_pages_either_side(number, count, shown):
    assert pager(number, count) == shown


def test_pager_links_point_at_each_page_and_gaps_link_nowhere():
    page = ListingPage(Listing("mo-hinh/", "Mô hình", []), 5, 10, [], 0, 0)
    links = {link.text: link.url for link in page.pager()}
    assert links["1"] == "mo-hinh/" and links["7"] == "mo-hinh/trang/7/" and links["…"] == ""
    assert (page.previous_url, page.next_url) == ("mo-hinh/trang/4/", "mo-hinh/trang/6/")
    first, last = (ListingPage(page.listing, n, 10, [], 0, 0) for n in (1, 10))
    assert first.previous_url is None and last.next_url is None
    assert (first.title, last.title) == ("Mô hình", "Mô hình – Trang 10")


def test_pages_split_the_entries_and_an_empty_listing_has_one_page():
    entries = list(range(45))
    pages = list(paginate_listing(Listing("tin-tuc/", "Tin tức", entries), per_page=20))
    assert [(p.number, p.count, p.first_item, p.last_item, len(p.entries)) for p in pages] == [
        (1, 3, 1, 20, 20), (2, 3, 21, 40, 20), (3, 3, 41, 45, 5),
    ]
    assert [p.url for p in pages] == ["tin-tuc/", "tin-tuc/trang/2/", "tin-tuc/trang/3/"]
    (empty,) = paginate_listing(Listing("the/x/", "Thẻ: x", []))
    assert (empty.number, empty.count, empty.entries, empty.first_item, empty.last_item) == (1, 1, [], 0, 0)
    assert page_url("the/x/", 1) == "the/x/" and page_url("the/x/", 2) == "the/x/trang/2/"


def test_a_listing_can_hold_fewer_records_a_page():
    pages = list(paginate_listing(Listing("the/x/", "Thẻ: x", list("abcde")), per_page=2))
    assert [(p.number, p.count, p.entries, p.first_item, p.last_item) for p in pages] == [
        (1, 3, ["a", "b"], 1, 2), (2, 3, ["c", "d"], 3, 4), (3, 3, ["e"], 5, 5),
    ]
