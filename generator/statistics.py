"""Statistics of published records ("71 đơn vị đăng ký ... 110 mô hình"), computed at build time.

Each table is drawn as an inline SVG bar chart beside its text table. The chart is a few
rectangles whose geometry is computed here; a charting library would either need JavaScript
in the page or pull a dependency far larger than this, for bars alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .taxonomies import taxonomy
from .index import SiteIndex
from .loader import Kind
from .vietnamese import sort_key

CHART_ROWS = 15  # bars drawn; the table beside the chart always lists every row
# Each label sits on its own line above its bar, so the chart can be as narrow as a phone
# (360 px) and still print its labels at about their CSS size instead of shrunk to 7 px.
CHART_WIDTH = 360
LABEL_WIDTH = 0
ROW_HEIGHT = 40
VALUE_WIDTH = 40
LABEL_CHARS = 46


@dataclass(frozen=True)
class Count:
    label: str
    value: int
    url: str | None = None  # site-relative listing of the counted records


@dataclass(frozen=True)
class Bar:
    label: str  # shortened to fit the chart
    value: int
    y: int
    width: float


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    label_width: int
    row_height: int
    bars: list[Bar]


@dataclass(frozen=True)
class Table:
    slug: str
    title: str
    heading: str  # of the first column
    counts: list[Count]
    total: int
    chart: Chart = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "chart", chart(self.counts))

    @property
    def truncated(self) -> bool:
        return len(self.counts) > CHART_ROWS


def chart(counts: list[Count]) -> Chart:
    shown = counts[:CHART_ROWS]
    largest = max((c.value for c in shown), default=0) or 1
    room = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars = [
        Bar(_shorten(c.label), c.value, position * ROW_HEIGHT, round(room * c.value / largest, 1))
        for position, c in enumerate(shown)
    ]
    return Chart(CHART_WIDTH, max(len(bars), 1) * ROW_HEIGHT, LABEL_WIDTH, ROW_HEIGHT, bars)


def _shorten(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


@dataclass(frozen=True)
class Statistics:
    models: int
    units_with_models: int
    commendations: int
    news: int
    units: int
    tables: list[Table]


def statistics(index: SiteIndex) -> Statistics:
    models = index.by_kind[Kind.MODEL]
    commendations = index.by_kind[Kind.COMMENDATION]

    def by_term(kind: Kind, name: str, total: int, missing: str | None = None) -> list[Count]:
        listing = taxonomy(kind, name)
        counts = [Count(term.label, n, listing.term_url(term.slug)) for term, n in index.terms(kind, name)]
        counts.sort(key=lambda c: (-c.value, sort_key(c.label)))
        if missing and (left := total - sum(c.value for c in counts)):
            counts.append(Count(missing, left))
        return counts

    def by_year(kind: Kind) -> list[Count]:
        listing = taxonomy(kind, "year")
        found = [Count(term.label, n, listing.term_url(term.slug)) for term, n in index.terms(kind, "year")]
        return sorted(found, key=lambda c: c.label)

    unit_counts = []
    for term, n in index.terms(Kind.MODEL, "unit"):
        unit = index.unit(term.slug)
        if unit is not None:
            unit_counts.append(Count(unit.title, n, f"{unit.url}{Kind.MODEL.value}/"))
    unit_counts.sort(key=lambda c: (-c.value, sort_key(c.label)))

    n_models, n_awards = len(models), len(commendations)
    tables = [
        Table("mo-hinh-theo-phong-trao", "Mô hình theo phong trào", "Phong trào",
              by_term(Kind.MODEL, "movement", n_models), n_models),
        Table("mo-hinh-theo-linh-vuc", "Mô hình theo lĩnh vực", "Lĩnh vực",
              by_term(Kind.MODEL, "field", n_models, "Chưa ghi lĩnh vực"), n_models),
        Table("mo-hinh-theo-nam", "Mô hình theo năm đăng ký", "Năm", by_year(Kind.MODEL), n_models),
        Table("mo-hinh-theo-don-vi", "Mô hình theo đơn vị", "Đơn vị", unit_counts, n_models),
        Table("khen-thuong-theo-hinh-thuc", "Khen thưởng theo hình thức", "Hình thức",
              by_term(Kind.COMMENDATION, "form", n_awards), n_awards),
        Table("khen-thuong-theo-cap-khen", "Khen thưởng theo cấp khen", "Cấp khen",
              by_term(Kind.COMMENDATION, "authority", n_awards), n_awards),
        Table("khen-thuong-theo-nam", "Khen thưởng theo năm", "Năm", by_year(Kind.COMMENDATION), n_awards),
    ]
    return Statistics(
        models=n_models,
        units_with_models=len(unit_counts),
        commendations=n_awards,
        news=len(index.by_kind[Kind.NEWS]),
        units=len(index.by_kind[Kind.UNIT]),
        tables=tables,
    )
