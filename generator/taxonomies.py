"""The site's taxonomies (Hugo's term): which values records are browsed by, and their URLs.

One table, so listings, metadata cards, statistics and the reserved-slug check all agree on
where "Phong trào: Dân vận khéo" lives.
"""

from __future__ import annotations

from dataclasses import dataclass

from .loader import Kind


@dataclass(frozen=True)
class Taxonomy:
    kind: Kind
    name: str  # key in Entry.terms and in the site index ("movement", "year")
    url: str  # listing base, site-relative: "mo-hinh/phong-trao/"
    label: str  # "Phong trào", for card rows and listing titles
    facet_title: str  # "Theo phong trào", for the link block on the section's first page
    title_prefix: str  # listing title before the value: "Phong trào: "

    def term_url(self, slug: str) -> str:
        return f"{self.url}{slug}/"


TAXONOMIES = (
    Taxonomy(Kind.NEWS, "category", "chuyen-muc/", "Chuyên mục", "Chuyên mục", "Chuyên mục: "),
    Taxonomy(Kind.MODEL, "movement", "mo-hinh/phong-trao/", "Phong trào", "Theo phong trào", "Phong trào: "),
    Taxonomy(Kind.MODEL, "field", "mo-hinh/linh-vuc/", "Lĩnh vực", "Theo lĩnh vực", "Lĩnh vực: "),
    Taxonomy(Kind.MODEL, "year", "mo-hinh/nam/", "Năm đăng ký", "Theo năm đăng ký", "Mô hình đăng ký năm "),
    Taxonomy(Kind.COMMENDATION, "year", "khen-thuong/nam/", "Năm", "Theo năm", "Khen thưởng năm "),
    Taxonomy(Kind.COMMENDATION, "authority", "khen-thuong/cap-khen/", "Cấp khen", "Theo cấp khen", "Cấp khen: "),
    Taxonomy(Kind.COMMENDATION, "form", "khen-thuong/hinh-thuc/", "Hình thức", "Theo hình thức", "Hình thức: "),
)

PAGINATION_SEGMENT = "trang"  # page n of a listing is <listing>trang/<n>/

# Record slugs that would collide with a listing URL inside their kind's section.
RESERVED_SLUGS = frozenset(
    {PAGINATION_SEGMENT, "index"}
    | {t.url.split("/")[1] for t in TAXONOMIES if t.url.startswith(f"{t.kind.value}/")}
)


def taxonomy(kind: Kind, name: str) -> Taxonomy:
    return next(t for t in TAXONOMIES if t.kind is kind and t.name == name)


def of_kind(kind: Kind) -> list[Taxonomy]:
    return [t for t in TAXONOMIES if t.kind is kind]
