#!/usr/bin/env python3
"""Generate a synthetic ``entries/`` tree for benchmarks, from the Wikipedia corpus.

Usage::

    python bench/make_entries.py --n 1000 --out /tmp/x/entries \
        [--corpus ../shared/corpus/articles.jsonl] [--seed 1] [--units 70] \
        [--danh-muc entries/danh-muc.yml] [--quote-dates] [--force]

Standard library only.  What it writes (see CONTENT_MODEL.md for the fields):

* ``don-vi/don-vi-NNN.md``: ``--units`` units (default 70, but at most N/4 so a
  small N still gets a mix), named "Đảng bộ <title>", "Chi bộ <title>", ...
* the other records: about 60 % news (``tin-tuc``), 25 % models (``mo-hinh``),
  15 % commendations (``khen-thuong``); the kind of each record is picked from a
  hash of its corpus id, so the mix is approximate for a small N.
* ``danh-muc.yml``, copied byte for byte from the project.

Record i (0-based, units first) uses corpus record ``i % len(corpus)``.  When N
is larger than the corpus, copies number ``k = i // len(corpus) + 1 >= 2`` get
the title suffix `` (k)`` and the slug suffix ``-k`` (made unique if needed).

Every synthetic value (dates, authors, category/movement/field/form/authority
slugs from danh-muc.yml, unit ids, model references, years, status...) is taken
from a SHA-256 hash of ``seed:corpus_id:copy``, so the output depends only on
the corpus, danh-muc.yml, N, --units and --seed.  Run it twice and the trees are
byte-identical.

Text handling:

* All text is NFC; files are UTF-8 without BOM, with LF line ends.
* Front matter strings are written with ``json.dumps`` (a JSON string is a valid
  YAML double-quoted scalar); the few characters YAML forbids or treats as line
  breaks (C0/C1 controls, U+2028/2029, U+FEFF...) are written as ``\\uXXXX``.
  Front matter is *not* HTML-escaped: titles like "Giesecke & Devrient" stay as
  they are; escaping them is the site generator's job.
* Dates are written unquoted, as an editor would type them
  (``2024-05-19 08:30``, ``19/05/2024 08:30`` or ``2024-05-19``); note that YAML
  reads the date-only form as a date object and the others as strings.  Use
  ``--quote-dates`` to write them as quoted strings instead.
* The body is the corpus body as Markdown paragraphs, without control characters
  (three in the corpus, which ``check`` refuses in bodies).  ``&``, ``<`` and ``>``
  become ``&amp;``, ``&lt;`` and ``&gt;`` so literal tags (``<style>`` in the
  CSS article) stay text.  A paragraph shorter than 60 characters without final
  punctuation becomes a ``## `` heading (``### `` if it directly follows another
  heading).  A paragraph that would otherwise be read as an ATX heading or a
  thematic break (``#...``, ``---``) is backslash-escaped.  Paragraphs starting
  "- " or "1. " are kept and render as lists, as in the source page.
* Each body ends with the attribution line required by CC BY-SA 3.0:
  "Nội dung từ Wikipedia tiếng Việt, theo giấy phép CC BY-SA 3.0 — nguồn:
  <source_url>", plus a note that the text was changed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import re
import shutil
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
DEFAULT_CORPUS = PROJECT.parent / "shared" / "corpus" / "articles.jsonl"
DEFAULT_DANH_MUC = PROJECT / "entries" / "danh-muc.yml"
MARKER = ".make_entries"  # dotfile marking an output dir as ours (for --force)

KINDS = ("tin-tuc", "mo-hinh", "khen-thuong", "don-vi")
LICENSE_URL = "https://creativecommons.org/licenses/by-sa/3.0/"

DATE_START = dt.date(2015, 1, 1)
DATE_END = dt.date(2026, 6, 30)


# --------------------------------------------------------------------------
# text helpers


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


_VN_MAP = str.maketrans({"đ": "d", "Đ": "d"})


def slugify(s: str) -> str:
    """Lowercase ASCII slug, đ->d, diacritics dropped (as in CONTENT_MODEL.md)."""
    s = nfc(s).translate(_VN_MAP)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.encode("ascii", "ignore").decode("ascii").lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s or "x"


# Characters that must not appear raw in a YAML double-quoted scalar (PyYAML
# rejects non-printables; U+0085/2028/2029 are YAML line breaks and would be
# folded).  json.dumps already escapes C0 controls, quotes and backslashes.
_YAML_UNSAFE = re.compile("[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def yaml_str(s: str) -> str:
    out = json.dumps(nfc(s), ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: "\\u%04x" % ord(m.group(0)), out)


# The corpus holds three C1 controls in two bodies (mojibake of "’" and a stray U+0081):
# `check` refuses them in bodies, as an editor's garbled paste; benchmarks drop them.
_BODY_CONTROL = re.compile("[\u0000-\u0008\u000b-\u001f\u007f-\u009f]")


def html_escape(s: str) -> str:
    s = _BODY_CONTROL.sub("", s)
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_TERMINAL = tuple(".!?…:;,\"”’)]")
_THEMATIC = re.compile(r"^ {0,3}([-*_])( *\1){2,} *$")


def is_heading(p: str) -> bool:
    return (
        len(p) < 60
        and not p.endswith(_TERMINAL)
        and any(c.isalpha() for c in p)
        and not p.startswith(("- ", "+ ", "* "))
        and not re.match(r"\d+[.)] ", p)
    )


def body_markdown(body: str) -> list[str]:
    """Corpus body (plain text, paragraphs split by blank lines) -> Markdown blocks."""
    blocks: list[str] = []
    prev_heading = False
    paras = [p.strip() for p in nfc(body).split("\n\n")]
    paras = [" ".join(p.split()) for p in paras if p.strip()]
    for i, p in enumerate(paras):
        text = html_escape(p)
        last = i == len(paras) - 1
        if not last and is_heading(p):
            text = re.sub(r"#+$", lambda m: "\\#" * len(m.group(0)), text)
            blocks.append(("### " if prev_heading else "## ") + text)
            prev_heading = True
            continue
        prev_heading = False
        if text.startswith("#") or _THEMATIC.match(text):
            text = "\\" + text
        blocks.append(text)
    return blocks


def attribution(source_url: str) -> str:
    return (
        "Nội dung từ Wikipedia tiếng Việt, theo giấy phép "
        f"[CC BY-SA 3.0]({LICENSE_URL}) — nguồn: <{source_url}>. "
        "Văn bản đã được định dạng lại và lược bỏ các mục tham khảo."
    )


def full_body(rec: dict) -> str:
    return "\n\n".join(body_markdown(rec["body"]) + [attribution(rec["source_url"])])


# --------------------------------------------------------------------------
# deterministic "randomness" from a hash of the corpus id


class H:
    """Draws derived from sha256(seed:id:copy:salt); stable across Python versions."""

    def __init__(self, seed: int, key: str):
        self.base = f"{seed}:{key}:"

    def int(self, salt: str, n: int) -> int:
        d = hashlib.sha256((self.base + salt).encode("utf-8")).digest()
        return int.from_bytes(d[:8], "big") % n

    def pct(self, salt: str) -> int:
        return self.int(salt, 100)

    def choice(self, salt: str, seq):
        return seq[self.int(salt, len(seq))]

    def sample(self, salt: str, seq, k: int) -> list:
        pool = list(seq)
        out = []
        for j in range(min(k, len(pool))):
            out.append(pool.pop(self.int(f"{salt}{j}", len(pool))))
        return out

    def date(self, salt: str, start=DATE_START, end=DATE_END) -> dt.date:
        return start + dt.timedelta(days=self.int(salt, (end - start).days + 1))

    def datetime(self, salt: str) -> dt.datetime:
        d = self.date(salt + "d")
        return dt.datetime(d.year, d.month, d.day, 6 + self.int(salt + "h", 16), self.int(salt + "m", 60))


# --------------------------------------------------------------------------
# synthetic vocabulary (Vietnamese)

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
            "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trương", "Đinh", "Lương", "Mai"]
MIDDLES = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quang", "Ngọc", "Xuân", "Thu",
           "Công", "Đình", "Kim", "Hồng", "Anh"]
GIVEN = ["An", "Bình", "Chính", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa",
         "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phong",
         "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Thắng", "Trang", "Trung", "Tuấn", "Yến"]
SOURCES = ["Báo Quảng Trị", "Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh",
           "Cổng thông tin điện tử tỉnh", "Ban Tuyên giáo Tỉnh ủy", "Đài PT-TH tỉnh"]
TAGS = ["chuyển đổi số", "đại hội", "an sinh xã hội", "thanh niên", "công đoàn",
        "phụ nữ", "cải cách hành chính", "sáng kiến", "nêu gương", "đảng viên mới",
        "kiểm tra, giám sát", "văn hóa công sở", "hiến máu", "từ thiện", "Kết luận 01-KL/TW",
        "học tập", "doanh nghiệp", "người lao động", "tập huấn", "sơ kết", "tổng kết"]
POSITIONS = ["Bí thư Chi bộ", "Phó Bí thư Đảng ủy", "Giám đốc", "Phó Giám đốc",
             "Trưởng phòng", "Chuyên viên", "Chủ tịch Công đoàn", "Bí thư Chi đoàn",
             "Kế toán trưởng", "Nhân viên"]
RESULTS = ["Thu hút {n} lượt cán bộ, đảng viên, người lao động tham gia",
           "Giải quyết đúng hạn {p}% hồ sơ, thủ tục hành chính",
           "Tiết kiệm khoảng {n} triệu đồng chi phí mỗi năm",
           "Được {k} đơn vị trong khối học tập, nhân rộng",
           "Hỗ trợ {k} hộ gia đình có hoàn cảnh khó khăn",
           "Có {k} sáng kiến được công nhận cấp cơ sở",
           "Tỷ lệ người dân hài lòng đạt {p}%"]
MODEL_STATUS_DONE = ["đã hoàn thành", "được nhân rộng"]
UNIT_KINDS = [("dang-bo", "Đảng bộ", "ĐB", 40), ("chi-bo", "Chi bộ", "CB", 30),
              ("co-quan", "Cơ quan", "CQ", 15), ("doanh-nghiep", "Công ty", "Cty", 15)]
# realistic pairs: which authority gives which form
FORM_AUTHORITIES = {
    "huan-chuong-lao-dong": ["trung-uong"],
    "bang-khen": ["trung-uong", "tinh-uy", "ubnd-tinh", "btv-dang-uy-khoi"],
    "giay-khen": ["btv-dang-uy-khoi"],
    "co-thi-dua": ["ubnd-tinh", "trung-uong"],
    "bieu-duong": ["tinh-uy", "btv-dang-uy-khoi"],
}
DECISION_SUFFIX = {"trung-uong": "QĐ-CTN", "tinh-uy": "QĐ/TU", "ubnd-tinh": "QĐ-UBND",
                   "btv-dang-uy-khoi": "QĐ/ĐUK"}


def person(h: H, salt: str) -> str:
    return f"{h.choice(salt + 's', SURNAMES)} {h.choice(salt + 'm', MIDDLES)} {h.choice(salt + 'g', GIVEN)}"


# --------------------------------------------------------------------------
# inputs


def load_corpus(path: Path) -> list[dict]:
    recs = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                for k in ("id", "title", "summary", "body", "source_url"):
                    if not isinstance(r.get(k), str):
                        raise SystemExit(f"{path}: record {r.get('id')!r} lacks string {k!r}")
                recs.append({k: nfc(r[k]) for k in ("id", "title", "summary", "body", "source_url")})
    if not recs:
        raise SystemExit(f"{path}: empty corpus")
    return recs


def load_danh_muc(path: Path) -> dict[str, list[tuple[str, str]]]:
    """Tiny reader for danh-muc.yml's `- {slug: x, label: "y"}` lines (stdlib only)."""
    lists: dict[str, list[tuple[str, str]]] = {}
    current = None
    item = re.compile(r'^\s*-\s*\{\s*slug:\s*([a-z0-9-]+)\s*,\s*label:\s*"([^"]*)"\s*\}')
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^([A-Za-z_]+):", line)
        if m:
            current = m.group(1)
            lists[current] = []
            continue
        m = item.match(line)
        if m and current:
            lists[current].append((m.group(1), nfc(m.group(2))))
    for key in ("categories", "movements", "fields", "forms", "authorities", "unit_kinds"):
        if not lists.get(key):
            raise SystemExit(f"{path}: no values found under {key!r}")
    return lists


def expand(corpus: list[dict], n: int, seed: int):
    """Yield n (record, title, base_slug, hash) tuples, cycling through the corpus."""
    # Slugs the generator reserves for listing URLs (generator/taxonomies.py RESERVED_SLUGS; this script is stdlib-only).
    used: set[str] = {"trang", "phong-trao", "linh-vuc", "nam", "cap-khen", "hinh-thuc", "index"}
    for i in range(n):
        rec = corpus[i % len(corpus)]
        copy = i // len(corpus) + 1
        title = rec["title"] if copy == 1 else f"{rec['title']} ({copy})"
        base = slugify(rec["id"].removeprefix("viwiki-"))
        slug = base if copy == 1 else f"{base}-{copy}"
        k = 2
        cand = slug
        while cand in used:
            cand = f"{slug}-x{k}"
            k += 1
        used.add(cand)
        yield rec, title, cand, H(seed, f"{rec['id']}:{copy}")


# --------------------------------------------------------------------------
# front matter writer


class FM:
    def __init__(self, quote_dates: bool):
        self.lines: list[str] = []
        self.quote_dates = quote_dates

    def s(self, key: str, value: str, indent: int = 0):
        self.lines.append(f"{' ' * indent}{key}: {yaml_str(value)}")

    def raw(self, key: str, value, indent: int = 0):
        if isinstance(value, bool):
            value = "true" if value else "false"
        self.lines.append(f"{' ' * indent}{key}: {value}")

    def date(self, key: str, value: str, indent: int = 0):
        self.lines.append(f"{' ' * indent}{key}: {yaml_str(value) if self.quote_dates else value}")

    def list(self, key: str, values: list[str], indent: int = 0):
        self.lines.append(f"{' ' * indent}{key}:")
        self.lines.extend(f"{' ' * indent}  - {yaml_str(v)}" for v in values)

    def map(self, key: str):
        self.lines.append(f"{key}:")

    def text(self, body: str) -> str:
        return "---\n" + "\n".join(self.lines) + "\n---\n\n" + body.rstrip("\n") + "\n"


def fmt_dt(h: H, salt: str, value: dt.datetime) -> str:
    p = h.pct(salt)
    if p < 75:
        return value.strftime("%Y-%m-%d %H:%M")
    if p < 92:
        return value.strftime("%d/%m/%Y %H:%M")
    return value.strftime("%Y-%m-%d")


# --------------------------------------------------------------------------
# main


def pick_kind(h: H) -> str:
    p = h.pct("kind")
    return "tin-tuc" if p < 60 else "mo-hinh" if p < 85 else "khen-thuong"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, required=True, help="number of records (units included)")
    ap.add_argument("--out", type=Path, required=True, help="output entries/ directory")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--danh-muc", type=Path, default=DEFAULT_DANH_MUC)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--units", type=int, default=70, help="units to generate (capped at N/4, min 1)")
    ap.add_argument("--quote-dates", action="store_true", help="write dates as quoted strings")
    ap.add_argument("--force", action="store_true",
                    help="replace an existing output dir previously written by this script")
    a = ap.parse_args(argv)
    if a.n < 1:
        ap.error("--n must be >= 1")

    out: Path = a.out
    if out.exists() and any(out.iterdir()):
        if not a.force:
            raise SystemExit(f"{out} is not empty (use --force to replace a tree made by this script)")
        if not (out / MARKER).exists():
            raise SystemExit(f"{out} was not made by this script ({MARKER} missing); refusing to delete it")
        for k in KINDS:
            shutil.rmtree(out / k, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("generated by bench/make_entries.py\n", encoding="utf-8")
    for k in KINDS:
        (out / k).mkdir(exist_ok=True)

    corpus = load_corpus(a.corpus)
    dm = load_danh_muc(a.danh_muc)
    label = {key: dict(vals) for key, vals in dm.items()}
    slugs = {key: [s for s, _ in vals] for key, vals in dm.items()}

    n_units = max(1, min(a.units, a.n // 4))
    width = max(3, len(str(n_units)))
    items = list(expand(corpus, a.n, a.seed))

    # ---- pass 1: units, kinds, model slugs
    units = []  # (id, kind_slug)
    for j, (rec, title, slug, h) in enumerate(items[:n_units]):
        kslug, prefix, short, _ = h.choice("ukind", [k for k in UNIT_KINDS for _ in range(k[3])])
        if kslug not in slugs["unit_kinds"]:
            kslug = h.choice("ukind2", slugs["unit_kinds"])
        units.append((f"don-vi-{j + 1:0{width}d}", kslug, prefix, short))
    unit_ids = [u[0] for u in units]
    rest = [(it, pick_kind(it[3])) for it in items[n_units:]]
    models = []  # (slug, unit_id)
    for (rec, title, slug, h), kind in rest:
        if kind == "mo-hinh":
            models.append((slug, h.choice("unit", unit_ids)))
    models_by_unit: dict[str, list[str]] = {}
    for mslug, uid in models:
        models_by_unit.setdefault(uid, []).append(mslug)
    counts = {k: 0 for k in KINDS}

    def write(kind: str, slug: str, h: H, fm: FM, body: str, date_prefix: str | None = None):
        # ~3 % of records carry an explicit `slug:` and a file name that differs from it
        name = slug
        if kind != "don-vi" and h.pct("slugfile") < 3:
            fm.lines.insert(0, f"slug: {yaml_str(slug)}")
            name = f"{date_prefix or 'ban-thao'}-{slug}"
        (out / kind / f"{name}.md").write_text(nfc(fm.text(body)), encoding="utf-8", newline="\n")
        counts[kind] += 1

    # ---- units
    for (rec, title, slug, h), (uid, kslug, prefix, short) in zip(items[:n_units], units):
        fm = FM(a.quote_dates)
        fm.raw("id", uid)
        fm.s("name", f"{prefix} {title}")
        if h.pct("short") < 50:
            fm.s("short_name", f"{short} {title}")
        fm.s("kind", kslug)
        if kslug in ("chi-bo", "co-quan"):
            parents = [u[0] for u in units if u[1] == "dang-bo" and u[0] < uid]
            if parents:
                fm.raw("parent", h.choice("parent", parents))
        if h.pct("web") < 30:
            fm.s("website", f"https://www.example.org/{uid}/")
        fm.s("description", rec["summary"])
        write("don-vi", uid, h, fm, full_body(rec))

    # ---- news, models, commendations
    for (rec, title, slug, h), kind in rest:
        fm = FM(a.quote_dates)
        when = h.datetime("date")
        tags = h.sample("tags", TAGS, h.int("ntags", 4))
        if kind == "tin-tuc":
            fm.s("title", title)
            fm.date("date", fmt_dt(h, "datefmt", when))
            fm.s("summary", rec["summary"])
            if h.pct("author") < 70:
                fm.s("author", person(h, "author"))
            if h.pct("source") < 60:
                fm.s("source", h.choice("source", SOURCES))
            fm.s("category", h.choice("category", slugs["categories"]))
            news_units = h.sample("units", unit_ids, 1 + (h.pct("nunits") < 25))
            if models and h.pct("models") < 25:
                refs = h.sample("modelrefs", models, 1 + (h.pct("nmodels") < 20))
                fm.list("models", [m for m, _ in refs])
                news_units = list(dict.fromkeys([u for _, u in refs] + news_units))
            fm.list("units", news_units)
            if tags:
                fm.list("tags", tags)
            if h.pct("featured") < 2:
                fm.raw("featured", True)
            if h.pct("draft") < 1:
                fm.raw("draft", True)
            write(kind, slug, h, fm, full_body(rec), when.strftime("%Y-%m-%d"))
        elif kind == "mo-hinh":
            year = when.year
            uid = h.choice("unit", unit_ids)  # same draw as in pass 1
            fm.s("title", title)
            fm.raw("unit", uid)
            fm.s("movement", h.choice("movement", slugs["movements"]))
            if h.pct("hasfield") < 80:
                fm.s("field", h.choice("field", slugs["fields"]))
            fm.raw("year", year)
            end = year + h.int("span", 4)
            if h.pct("period") < 60:
                fm.map("period")
                fm.raw("from", year, 2)
                fm.raw("to", end, 2)
            if end >= 2026:
                status = "đang thực hiện"
            else:
                status = h.choice("status", MODEL_STATUS_DONE)
            fm.s("status", status)
            fm.s("summary", rec["summary"])
            nres = h.int("nres", 4)
            if nres:
                res = [t.format(n=10 + h.int(f"rn{t}", 990), p=70 + h.int(f"rp{t}", 30),
                                k=2 + h.int(f"rk{t}", 40))
                       for t in h.sample("results", RESULTS, nres)]
                fm.list("results", res)
            if h.pct("hasdate") < 50:
                fm.date("date", fmt_dt(h, "datefmt", when))
            if tags:
                fm.list("tags", tags)
            if h.pct("featured") < 3:
                fm.raw("featured", True)
            write(kind, slug, h, fm, full_body(rec), when.strftime("%Y-%m-%d"))
        else:  # khen-thuong
            form = h.choice("form", [f for f in slugs["forms"]])
            auths = [x for x in FORM_AUTHORITIES.get(form, []) if x in slugs["authorities"]]
            auth = h.choice("authority", auths or slugs["authorities"])
            uid = h.choice("unit", unit_ids)
            collective = h.pct("collective") < 60
            fm.s("title", (f"{label['forms'][form]} của {label['authorities'][auth]} cho "
                           + (f"tập thể {title}" if collective else f"đồng chí {person(h, 'who')} ({title})")))
            fm.map("recipient")
            if collective:
                fm.s("name", f"Tập thể {title}", 2)
                fm.s("kind", "tập thể", 2)
                fm.raw("unit", uid, 2)
            else:
                fm.s("name", person(h, "who"), 2)
                fm.s("kind", "cá nhân", 2)
                fm.raw("unit", uid, 2)
                fm.s("position", h.choice("position", POSITIONS), 2)
            fm.s("form", form)
            fm.s("authority", auth)
            if h.pct("decision") < 85:
                fm.map("decision")
                fm.s("number", f"{1 + h.int('decno', 4999)}/{DECISION_SUFFIX.get(auth, 'QĐ')}", 2)
                fm.date("date", when.strftime("%Y-%m-%d"), 2)
            fm.raw("year", when.year)
            mov = h.choice("movement", slugs["movements"])
            fm.s("reason", f"Đã có thành tích xuất sắc trong phong trào “{label['movements'][mov]}” năm {when.year}.")
            if models and h.pct("models") < 40:
                pool = models_by_unit.get(uid) or [m for m, _ in models]
                fm.list("models", h.sample("modelrefs", pool, 1 + (h.pct("nmodels") < 20)))
            if tags:
                fm.list("tags", tags)
            write(kind, slug, h, fm, full_body(rec), when.strftime("%Y-%m-%d"))

    shutil.copyfile(a.danh_muc, out / "danh-muc.yml")
    total = sum(counts.values())
    print(f"wrote {total} records to {out}: " + ", ".join(f"{k}={v}" for k, v in counts.items()),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
