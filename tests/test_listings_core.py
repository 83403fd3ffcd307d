"""Every listing the site has, from the index of a small project (no build, so `make mutation`
judges listings.py with it): a section per kind with its facets, a listing per term, per tag
and per unit and kind, each with the link up to its parent. The draft is in none of them."""

from __future__ import annotations

from generator.listings import listings

SECTIONS = "Tin tức", "Mô hình tiêu biểu", "Khen thưởng"


def described(listing):
    return (listing.url, listing.title, [e.url for e in listing.entries],
            (listing.parent.text, listing.parent.url) if listing.parent else None,
            [(f.title, [(link.text, link.url, link.count) for link in f.links]) for f in listing.facets])


def test_sections_list_their_records_with_a_facet_per_taxonomy(small):
    sections = [described(listing) for listing in listings(small) if listing.title in SECTIONS]
    assert sections == [
        ("tin-tuc/", "Tin tức", ["tin-tuc/a/"], None,
         [("Chuyên mục", [("Dân vận", "chuyen-muc/dan-van/", 1)])]),
        ("mo-hinh/", "Mô hình tiêu biểu", ["mo-hinh/chuyen-doi-so/", "mo-hinh/cu/"], None,
         [("Theo phong trào", [("Dân vận khéo", "mo-hinh/phong-trao/dan-van-kheo/", 2)]),
          ("Theo lĩnh vực", []),
          ("Theo năm đăng ký", [("2024", "mo-hinh/nam/2024/", 1), ("2022", "mo-hinh/nam/2022/", 1)])]),
        ("khen-thuong/", "Khen thưởng", ["khen-thuong/bk/"], None,
         [("Theo năm", [("2023", "khen-thuong/nam/2023/", 1)]),
          ("Theo cấp khen", [("UBND tỉnh", "khen-thuong/cap-khen/ubnd-tinh/", 1)]),
          ("Theo hình thức", [("Bằng khen", "khen-thuong/hinh-thuc/bang-khen/", 1)])]),
    ]
    intros = [listing.description for listing in listings(small) if listing.title in SECTIONS]
    assert intros == ["Tin tức mới nhất, xếp theo thời gian đăng.",
                      "Các mô hình, cách làm hay do các đơn vị đăng ký thực hiện.",
                      "Các tập thể, cá nhân được biểu dương, khen thưởng."]


def test_each_term_tag_and_unit_has_its_listing_under_its_parent(small):
    others = [described(listing)[:4] for listing in listings(small) if listing.title not in SECTIONS]
    assert others == [
        ("chuyen-muc/dan-van/", "Chuyên mục: Dân vận", ["tin-tuc/a/"], ("Tin tức", "tin-tuc/")),
        ("mo-hinh/phong-trao/dan-van-kheo/", "Phong trào: Dân vận khéo", ["mo-hinh/chuyen-doi-so/", "mo-hinh/cu/"],
         ("Mô hình tiêu biểu", "mo-hinh/")),
        ("mo-hinh/nam/2024/", "Mô hình đăng ký năm 2024", ["mo-hinh/chuyen-doi-so/"], ("Mô hình tiêu biểu", "mo-hinh/")),
        ("mo-hinh/nam/2022/", "Mô hình đăng ký năm 2022", ["mo-hinh/cu/"], ("Mô hình tiêu biểu", "mo-hinh/")),
        ("khen-thuong/nam/2023/", "Khen thưởng năm 2023", ["khen-thuong/bk/"], ("Khen thưởng", "khen-thuong/")),
        ("khen-thuong/cap-khen/ubnd-tinh/", "Cấp khen: UBND tỉnh", ["khen-thuong/bk/"], ("Khen thưởng", "khen-thuong/")),
        ("khen-thuong/hinh-thuc/bang-khen/", "Hình thức: Bằng khen", ["khen-thuong/bk/"], ("Khen thưởng", "khen-thuong/")),
        # A tag gathers every kind, newest first.
        ("the/chuyen-doi-so/", "Thẻ: Chuyển đổi số", ["tin-tuc/a/", "mo-hinh/chuyen-doi-so/"], None),
        # Units in Vietnamese order (C before Đ), a listing only for the kinds they have.
        ("don-vi/con/mo-hinh/", "Mô hình tiêu biểu – Chi bộ Ấp Bắc", ["mo-hinh/cu/"], ("Chi bộ Ấp Bắc", "don-vi/con/")),
        ("don-vi/con/khen-thuong/", "Khen thưởng – Chi bộ Ấp Bắc", ["khen-thuong/bk/"], ("Chi bộ Ấp Bắc", "don-vi/con/")),
        ("don-vi/con/tin-tuc/", "Tin tức – Chi bộ Ấp Bắc", ["tin-tuc/a/"], ("Chi bộ Ấp Bắc", "don-vi/con/")),
        ("don-vi/so-gd-dt/mo-hinh/", "Mô hình tiêu biểu – Đảng ủy Sở Giáo dục và Đào tạo", ["mo-hinh/chuyen-doi-so/"],
         ("Đảng ủy Sở Giáo dục và Đào tạo", "don-vi/so-gd-dt/")),
        ("don-vi/so-gd-dt/tin-tuc/", "Tin tức – Đảng ủy Sở Giáo dục và Đào tạo", ["tin-tuc/a/"],
         ("Đảng ủy Sở Giáo dục và Đào tạo", "don-vi/so-gd-dt/")),
    ]
    assert all(not listing.facets for listing in listings(small) if listing.title not in SECTIONS)
