"""Front-matter schema of each kind of record, and Vietnamese messages for its errors.

The same pydantic models validate entries, and (later) produce JSON Schema for editors' IDEs.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Annotated, Any, Union
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from pydantic import (
    AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, ValidationError, WithJsonSchema,
    model_validator,
)

from .problems import Problem, did_you_mean
from .yamlfile import Location, YamlDocument

TIME_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
# Before 1911 the time zone database gives Vietnam local mean time (+07:06:30), an offset that
# ISO 8601, RSS and sitemap readers reject; such early dates are read at a plain +07:00.
_STANDARD_TIME = dt.timezone(dt.timedelta(hours=7))

# Years and dates editors may write. Outside them Python's dates overflow (year 99999, -5)
# and early dates carry odd offsets; nothing this site publishes is older or that far ahead.
MIN_YEAR = 1900
MAX_YEAR = 2100


def in_vietnam(moment: dt.datetime) -> dt.datetime:
    """A naive date and time read as Vietnam time, with an offset in whole minutes."""
    aware = moment.replace(tzinfo=TIME_ZONE)
    offset = aware.utcoffset()
    return moment.replace(tzinfo=_STANDARD_TIME) if offset is None or offset.seconds % 60 else aware


def _check_year(year: int, what: str) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"{what} nằm ngoài khoảng cho phép (năm {MIN_YEAR}–{MAX_YEAR})")

_VN_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_moment(value: Any) -> dt.date | dt.datetime:
    """A date or an aware datetime from what editors write; naive times are Vietnam time."""
    if isinstance(value, dt.date):
        moment: dt.date = value
    else:
        moment = _parse_moment_text(value)
    if isinstance(moment, dt.datetime) and moment.tzinfo is None:
        moment = in_vietnam(moment)
    elif isinstance(moment, dt.datetime):
        # Converted once here, so every date shown, every year and every listing reads Vietnam
        # time (07:30+00:00 → 14:30).
        moment = moment.astimezone(TIME_ZONE)
    _check_year(moment.year, f"ngày “{value}”")
    return moment


def _parse_moment_text(value: Any) -> dt.date | dt.datetime:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError("phải là ngày tháng, ví dụ 2024-05-19 hoặc 19/05/2024")
    text = str(value).strip()
    try:
        if match := _VN_DATE.match(text):
            day, month, year, hour, minute, second = match.groups()
            if hour is None:
                return dt.date(int(year), int(month), int(day))
            return dt.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
        if _ISO_DATE.match(text):
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"ngày “{text}” không tồn tại hoặc sai định dạng (ví dụ đúng: 2024-05-19 hoặc 19/05/2024)") from None


# What editors' IDEs are told a date looks like (JSON Schema's "date" format knows only ISO).
MOMENT_JSON_SCHEMA = {
    "type": "string",
    "pattern": r"^(\d{4}-\d{2}-\d{2}([ T]\d{1,2}:\d{2}(:\d{2})?([+-]\d{2}:?\d{2}|Z)?)?|\d{1,2}/\d{1,2}/\d{4}([ T]\d{1,2}:\d{2}(:\d{2})?)?)$",
    "examples": ["2024-05-19", "2024-05-19 08:30", "19/05/2024"],
}

Moment = Annotated[Union[dt.datetime, dt.date], BeforeValidator(parse_moment), WithJsonSchema(MOMENT_JSON_SCHEMA)]

Year = Annotated[int, Field(ge=MIN_YEAR, le=MAX_YEAR)]


def parse_year_or_moment(value: Any) -> int | dt.date | dt.datetime:
    """A period bound: a year (2020) or a date."""
    if isinstance(value, str) and value.strip().lstrip("-").isdigit() and len(value.strip()) <= 6:
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        _check_year(value, f"năm {value}")
        return value
    return parse_moment(value)


YearOrMoment = Annotated[
    Union[int, dt.datetime, dt.date], BeforeValidator(parse_year_or_moment),
    WithJsonSchema({"anyOf": [{"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR}, MOMENT_JSON_SCHEMA]}),
]

_UNSAFE_IN_URL = set("\"'<>`\\{}|^")


def check_web_address(value: str) -> str:
    """An http(s) address that is safe to put in a link as typed.

    Hand-written rather than pydantic's HttpUrl, which rewrites what editors typed and answers
    in English; quotes and spaces are refused rather than percent-encoded, so the editor sees
    the mistake (a `" onmouseover=` pasted after an address) instead of a silently changed link.
    """
    if any(char.isspace() or char in _UNSAFE_IN_URL or ord(char) < 32 for char in value):
        raise ValueError("địa chỉ web không được chứa khoảng trắng, dấu ngoặc kép, dấu nháy hay “<”, “>”")
    try:
        parts = urlsplit(value)
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValueError("địa chỉ web phải bắt đầu bằng https:// hoặc http://, ví dụ https://example.gov.vn")
    return value


WebAddress = Annotated[str, AfterValidator(check_web_address)]


class Status(str, Enum):
    ONGOING = "đang thực hiện"
    DONE = "đã hoàn thành"
    REPLICATED = "được nhân rộng"


class RecipientKind(str, Enum):
    COLLECTIVE = "tập thể"
    INDIVIDUAL = "cá nhân"


def _lower_text(value: Any) -> Any:
    # Enum values are matched without regard to case or surrounding spaces ("Tập thể").
    return value.strip().lower() if isinstance(value, str) else value


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


# A text that must say something: a title, a name, a list item, a reference. Blank (after the
# strip above, and after check removed invisible characters) is a mistake, not a value: an
# empty title stopped the whole build in the feed writer with no file named, an empty unit
# name published an empty headline, an empty result an empty bullet.
Text = Annotated[str, StringConstraints(min_length=1)]


def _each_once(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


# The records a record names, each once: a unit named twice listed the story twice on the
# unit's page and twice under "Đơn vị liên quan" (check warns at the repeat).
References = Annotated[list[Text], AfterValidator(_each_once)]


# What every field is called and how it is explained to editors, said once: the `new`
# templates (newentry.py), the JSON Schema files (schemafiles.py) and the web editor
# (generator/cms/) all read it from here. `title` is the label, `description` the help,
# `examples[0]` an example value; `refers_to` names the kind a field holds ids/slugs of.
def about(label: str, help: str, example: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"title": label, "description": help, "examples": [example] if example else None,
            "json_schema_extra": extra or None}


# A slug or unit id as check accepts it: what `slugify` leaves unchanged (lowercase ASCII
# letters and digits, single "-" between them). The message is check's own wording.
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SLUG_RULE = "phải viết thường, không dấu, nối bằng “-”"
# Every address is a folder name, and file systems refuse names over 255 bytes: a tag of 380
# characters stopped the build with an English OSError. 200 leaves room for what is added.
MAX_SLUG_LENGTH = 200


def address_too_long(what: str, slug: str) -> str | None:
    """The message for `what` (“slug”, “thẻ …”) whose address `slug` is too long, else None."""
    if len(slug) <= MAX_SLUG_LENGTH:
        return None
    return f"{what} quá dài để làm địa chỉ trang ({len(slug)} ký tự; tối đa {MAX_SLUG_LENGTH}); hãy viết ngắn lại."


class Image(Strict):
    src: Text = Field(**about("Tệp ảnh", "đường dẫn ảnh trong thư mục docs/ (đặt tệp ảnh trong docs/images/)", "images/ten-anh.jpg"))
    caption: str | None = Field(None, **about("Chú thích", "chú thích dưới ảnh", "Lễ ký kết giao ước thi đua"))
    credit: str | None = Field(None, **about("Tác giả ảnh", "người chụp hoặc nguồn ảnh", "Ảnh: Minh Anh"))


class Period(Strict):
    from_: YearOrMoment | None = Field(default=None, alias="from", **about("Từ năm", "năm bắt đầu", "2023"))
    to: YearOrMoment | None = Field(None, **about("Đến năm", "năm kết thúc (bỏ trống nếu đang làm)", "2025"))

    @model_validator(mode="after")
    def _in_order(self) -> "Period":
        if self.from_ is not None and self.to is not None:
            start, end = self.from_, self.to
            if isinstance(start, int) or isinstance(end, int):
                start, end = _year_of(start), _year_of(end)
            else:
                start, end = day_of(start), day_of(end)
            if start > end:
                raise ValueError(f"thời gian bắt đầu (from: {self.from_}) sau thời gian kết thúc (to: {self.to})")
        return self


def _year_of(value: int | dt.date) -> int:
    return value if isinstance(value, int) else value.year


def day_of(value: dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


class Recipient(Strict):
    name: Text = Field(**about("Tên", "tên cá nhân hoặc tập thể được khen", "Chi bộ Báo Quảng Trị"))
    kind: Annotated[RecipientKind, BeforeValidator(_lower_text)] = Field(**about("Đối tượng", "tập thể hoặc cá nhân"))
    unit: str | None = Field(None, **about("Đơn vị", "đơn vị của người hoặc tập thể được khen", refers_to="don-vi"))
    position: str | None = Field(None, **about("Chức vụ", "chức vụ (với cá nhân)", "Phó Bí thư Chi bộ"))


class Decision(Strict):
    number: str | None = Field(None, **about("Số quyết định", "số quyết định khen thưởng", "124-QĐ/ĐUK"))
    date: Moment | None = Field(None, **about("Ngày quyết định", "ngày ký quyết định", "2024-05-15"))


_DATE_HELP = "ngày đăng, giờ Việt Nam; ngày tương lai = hẹn giờ đăng"
_IMAGE_HELP = "ảnh minh họa: tệp ảnh, chú thích và tác giả ảnh"


class Common(Strict):
    slug: str | None = Field(None, **about(
        "Địa chỉ trang (slug)", f"bỏ trống để dùng tên tệp; nếu đặt thì {SLUG_RULE}", "dan-van-kheo-2024",
        pattern=SLUG_PATTERN, patternErrorMessage=f"slug {SLUG_RULE}", maxLength=MAX_SLUG_LENGTH))
    date: Moment | None = Field(None, **about("Ngày đăng", _DATE_HELP, "2024-05-19 08:30"))
    updated: Moment | None = Field(None, **about(  # last real change: sitemap lastmod, JSON-LD dateModified
        "Ngày cập nhật", "(không bắt buộc) ngày sửa nội dung gần nhất", "2025-01-10"))
    draft: bool = Field(False, **about("Bản nháp", "bật (true) = bản nháp, chưa xuất bản ở đâu cả; tắt (false) khi đã duyệt"))
    featured: bool = Field(False, **about("Nêu bật", "nêu bật trên trang chủ"))
    tags: list[Text] = Field([], **about("Thẻ", "các thẻ (từ khóa) của bài", "chuyển đổi số"))


class NewsFields(Common):
    title: Text = Field(**about("Tiêu đề", "tiêu đề bài", "Lan tỏa mô hình “Dân vận khéo”"))
    date: Moment = Field(**about("Ngày đăng", _DATE_HELP, "2024-05-19 08:30"))
    summary: str | None = Field(None, **about("Sapo", "đoạn tóm tắt đầu bài"))
    author: str | None = Field(None, **about("Tác giả", "tác giả bài viết", "Minh Anh"))
    source: str | None = Field(None, **about("Nguồn", "nơi đăng bài lần đầu", "Báo Quảng Trị"))
    image: Image | None = Field(None, **about("Ảnh", _IMAGE_HELP))
    category: Text = Field(**about("Chuyên mục", "chuyên mục của tin"))
    units: References = Field([], **about("Đơn vị liên quan", "các đơn vị được nhắc đến trong tin", refers_to="don-vi"))
    models: References = Field([], **about("Mô hình liên quan", "các mô hình được nhắc đến trong tin", refers_to="mo-hinh"))


class ModelFields(Common):
    title: Text = Field(**about("Tên mô hình", "tên mô hình", "Dân vận khéo trong chuyển đổi số"))
    unit: Text = Field(**about("Đơn vị", "đơn vị đăng ký mô hình", refers_to="don-vi"))
    movement: Text = Field(**about("Phong trào", "phong trào mà mô hình thuộc về"))
    field: str | None = Field(None, **about("Lĩnh vực", "lĩnh vực của mô hình"))
    year: Year = Field(**about("Năm đăng ký", "năm đăng ký mô hình", "2024"))
    period: Period | None = Field(None, **about("Thời gian thực hiện", "những năm mô hình được thực hiện"))
    status: Annotated[Status, BeforeValidator(_lower_text)] | None = Field(None, **about(
        "Tình trạng", "đang thực hiện, đã hoàn thành hoặc được nhân rộng"))
    summary: str | None = Field(None, **about("Tóm tắt", "một đoạn giới thiệu ngắn"))
    results: list[Text] = Field([], **about("Kết quả", "các kết quả nổi bật, mỗi kết quả một mục", "Giảm 30% thời gian xử lý hồ sơ"))
    image: Image | None = Field(None, **about("Ảnh", _IMAGE_HELP))


class CommendationFields(Common):
    title: Text = Field(**about("Tên khen thưởng", "tên khen thưởng", "Bằng khen của UBND tỉnh cho …"))
    recipient: Recipient = Field(**about("Người/tập thể được khen", "người hoặc tập thể được khen"))
    form: Text = Field(**about("Hình thức khen", "hình thức khen thưởng"))
    authority: Text = Field(**about("Cấp khen", "cấp ra quyết định khen"))
    decision: Decision | None = Field(None, **about("Quyết định", "quyết định khen thưởng: số và ngày"))
    year: Year = Field(**about("Năm khen thưởng", "năm khen thưởng", "2024"))
    reason: str | None = Field(None, **about("Thành tích", "thành tích được khen"))
    models: References = Field([], **about("Mô hình được khen", "các mô hình được khen", refers_to="mo-hinh"))


class UnitFields(Common):
    id: str = Field(**about(
        "Mã đơn vị", f"mã đơn vị: {SLUG_RULE}; bài khác dùng mã này", "so-giao-duc-va-dao-tao",
        pattern=SLUG_PATTERN, patternErrorMessage=f"mã đơn vị {SLUG_RULE}", maxLength=MAX_SLUG_LENGTH))
    name: Text = Field(**about("Tên đơn vị", "tên đầy đủ", "Đảng ủy Sở Giáo dục và Đào tạo"))
    short_name: str | None = Field(None, **about("Tên viết tắt", "tên viết tắt", "Sở GD&ĐT"))
    kind: str | None = Field(None, **about("Loại đơn vị", "loại đơn vị"))
    parent: str | None = Field(None, **about("Đơn vị cấp trên", "đơn vị cấp trên", refers_to="don-vi"))
    website: WebAddress | None = Field(None, **about("Trang web", "trang web của đơn vị", "https://example.gov.vn"))
    description: str | None = Field(None, **about("Giới thiệu", "một đoạn giới thiệu ngắn"))


# Vietnamese for pydantic's error types; anything not listed falls back to a generic message.
_MESSAGES = {
    "missing": "thiếu trường bắt buộc",
    "string_too_short": "không được để trống",
    "string_type": "phải là một đoạn văn bản (đặt trong dấu ngoặc kép nếu là số)",
    "int_type": "phải là số nguyên, ví dụ 2024",
    "int_parsing": "phải là số nguyên, ví dụ 2024",
    "int_from_float": "phải là số nguyên, ví dụ 2024",
    "bool_type": "phải là true hoặc false",
    "bool_parsing": "phải là true hoặc false",
    "list_type": "phải là một danh sách (mỗi mục một dòng bắt đầu bằng “- ”)",
    "model_type": "phải gồm các trường con (mỗi trường một dòng, thụt lề)",
    "model_attributes_type": "phải gồm các trường con (mỗi trường một dòng, thụt lề)",
    "dict_type": "phải gồm các trường con (mỗi trường một dòng, thụt lề)",
    "date_type": "phải là ngày tháng, ví dụ 2024-05-19",
    "datetime_type": "phải là ngày giờ, ví dụ 2024-05-19 08:30",
}


def translate_errors(
    error: ValidationError, path: str, document: YamlDocument, model: type[BaseModel] | None = None
) -> list[Problem]:
    """pydantic errors → one Vietnamese Problem each, at the line of the offending key."""
    problems = []
    seen: set[tuple[str, str]] = set()
    for item in error.errors():
        location = _clean_location(item["loc"], model)
        field = ".".join(str(part) for part in location)
        line = document.line_of(location)
        kind = item["type"]
        if item.get("input", "") is None and (kind.endswith("_type") or kind == "enum"):
            message = "chưa điền giá trị cho trường bắt buộc này"
        elif kind == "extra_forbidden":
            siblings = known_fields(model, location) if model else []
            message = f"trường “{location[-1]}” không được hỗ trợ.{did_you_mean(str(location[-1]), siblings)}"
        elif kind == "enum":
            allowed = item.get("ctx", {}).get("expected", "")
            message = f"giá trị “{item.get('input')}” không hợp lệ; chọn một trong: {allowed}"
        elif kind == "greater_than_equal":
            message = f"giá trị {item.get('input')} quá nhỏ: phải từ {item['ctx']['ge']} trở lên"
        elif kind == "less_than_equal":
            message = f"giá trị {item.get('input')} quá lớn: tối đa là {item['ctx']['le']}"
        elif kind == "value_error":
            message = str(item.get("ctx", {}).get("error", item["msg"]))
        else:
            message = _MESSAGES.get(kind, f"giá trị không hợp lệ ({item['msg']})")
        if (field, message) in seen:  # unions repeat one mistake once per alternative
            continue
        seen.add((field, message))
        problems.append(Problem(path, line, field, message))
    return problems


def _clean_location(loc: tuple, model: type[BaseModel] | None) -> Location:
    """Keep the parts of pydantic's error location that name fields or list positions.

    pydantic also puts union branches and validator names in it ("datetime", "int",
    "function-before[…]"); editors only know their own keys.
    """
    kept: list[str | int] = []
    for position, part in enumerate(loc):
        if isinstance(part, int):
            kept.append(part)
        elif "[" in part:
            continue
        elif model is None or part in known_fields(model, (*kept, part)):
            kept.append(part)
        elif position == len(loc) - 1 and part not in _BRANCHES:
            kept.append(part)  # an unknown key the editor wrote
    return tuple(kept)


_BRANCHES = {"datetime", "date", "int", "str"}


def known_fields(model: type[BaseModel], location: Location) -> list[str]:
    """Field names allowed at `location` of `model` (for "did you mean" on unknown keys)."""
    current: Any = model
    for part in location[:-1]:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part)
        annotation = getattr(info, "annotation", None)
        nested = [a for a in getattr(annotation, "__args__", (annotation,)) if isinstance(a, type) and issubclass(a, BaseModel)]
        if not nested:
            return []
        current = nested[0]
    return [info.alias or name for name, info in current.model_fields.items()]
