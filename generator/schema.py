"""Front-matter schema of each kind of record, and Vietnamese messages for its errors.

The same pydantic models validate entries, and (later) produce JSON Schema for editors' IDEs.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Annotated, Any, Union
from zoneinfo import ZoneInfo

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, WithJsonSchema

from .problems import Problem, did_you_mean
from .yamlfile import Location, YamlDocument

TIME_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")

_VN_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_moment(value: Any) -> dt.date | dt.datetime:
    """A date or an aware datetime in Vietnam time from what editors write; naive times are
    Vietnam time, times written with another offset are converted (07:30+00:00 → 14:30)."""
    if isinstance(value, dt.datetime):
        return _vietnam_time(value)
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError("phải là ngày tháng, ví dụ 2024-05-19 hoặc 19/05/2024")
    text = str(value).strip()
    try:
        if match := _VN_DATE.match(text):
            day, month, year, hour, minute, second = match.groups()
            if hour is None:
                return dt.date(int(year), int(month), int(day))
            return dt.datetime(
                int(year), int(month), int(day), int(hour), int(minute), int(second or 0),
                tzinfo=TIME_ZONE,
            )
        if _ISO_DATE.match(text):
            return dt.date.fromisoformat(text)
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"ngày “{text}” không tồn tại hoặc sai định dạng (ví dụ đúng: 2024-05-19 hoặc 19/05/2024)") from None
    return _vietnam_time(moment)


def _vietnam_time(moment: dt.datetime) -> dt.datetime:
    # Converted once here, so every date shown, every year and every listing reads Vietnam time.
    return moment.astimezone(TIME_ZONE) if moment.tzinfo else moment.replace(tzinfo=TIME_ZONE)


# What editors' IDEs are told a date looks like (JSON Schema's "date" format knows only ISO).
MOMENT_JSON_SCHEMA = {
    "type": "string",
    "pattern": r"^(\d{4}-\d{2}-\d{2}([ T]\d{1,2}:\d{2}(:\d{2})?([+-]\d{2}:?\d{2}|Z)?)?|\d{1,2}/\d{1,2}/\d{4}([ T]\d{1,2}:\d{2}(:\d{2})?)?)$",
    "examples": ["2024-05-19", "2024-05-19 08:30", "19/05/2024"],
}

Moment = Annotated[Union[dt.datetime, dt.date], BeforeValidator(parse_moment), WithJsonSchema(MOMENT_JSON_SCHEMA)]


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


class Image(Strict):
    src: str
    caption: str | None = None
    credit: str | None = None


class Period(Strict):
    from_: int | Moment | None = Field(default=None, alias="from")
    to: int | Moment | None = None


class Recipient(Strict):
    name: str
    kind: Annotated[RecipientKind, BeforeValidator(_lower_text)]
    unit: str | None = None
    position: str | None = None


class Decision(Strict):
    number: str | None = None
    date: Moment | None = None


class Common(Strict):
    slug: str | None = None
    date: Moment | None = None
    draft: bool = False
    featured: bool = False
    tags: list[str] = []


class NewsFields(Common):
    title: str
    date: Moment
    summary: str | None = None
    author: str | None = None
    source: str | None = None
    image: Image | None = None
    category: str
    units: list[str] = []
    models: list[str] = []


class ModelFields(Common):
    title: str
    unit: str
    movement: str
    field: str | None = None
    year: int
    period: Period | None = None
    status: Annotated[Status, BeforeValidator(_lower_text)] | None = None
    summary: str | None = None
    results: list[str] = []
    image: Image | None = None


class CommendationFields(Common):
    title: str
    recipient: Recipient
    form: str
    authority: str
    decision: Decision | None = None
    year: int
    reason: str | None = None
    models: list[str] = []


class UnitFields(Common):
    id: str
    name: str
    short_name: str | None = None
    kind: str | None = None
    parent: str | None = None
    website: str | None = None
    description: str | None = None


# Vietnamese for pydantic's error types; anything not listed falls back to a generic message.
_MESSAGES = {
    "missing": "thiếu trường bắt buộc",
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
