"""The Decap CMS configuration, generated from the content model.

One folder collection per kind (entries/<kind>/), its fields in the order of the `new`
templates (newentry.LAYOUT), each with the widget its type calls for:

| schema                                   | widget                                             |
| ---------------------------------------- | -------------------------------------------------- |
| text (summary, description, reason: long) | string (text)                                      |
| date (`Moment`)                          | datetime, written `YYYY-MM-DD HH:mm`: Vietnam time   |
| integer                                  | number (int)                                       |
| yes/no                                   | boolean (a toggle)                                 |
| a configured list (validate.py)          | select: Vietnamese labels, stores the slug          |
| an enum (status, recipient kind)         | select of its values                               |
| `refers_to` a kind                       | relation: shows names/titles, stores ids/slugs     |
| a nested model (image, period…)          | object with its fields                             |
| a list of text                           | list                                               |

Labels, hints and examples are the fields' metadata in generator/schema.py, which the `new`
templates and the JSON Schema files read too. Required flags come from the models and
patterns with check's own messages, so the form refuses what `check` would (tests/test_cms.py).
"""

from __future__ import annotations

import datetime as dt
import typing
from enum import Enum
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..catalogue import Catalogue
from ..loader import Kind
from ..newentry import VOCABULARY_FIELDS, extra, fields_of, is_list, layout, nested_model
from ..siteinfo import SiteInfo
from ..validate import SCHEMAS
from .settings import CmsSettings

# check's words for a required field left empty (schema.translate_errors); the form says the same.
REQUIRED_MESSAGE = "chưa điền giá trị cho trường bắt buộc này"
# What the datetime widget writes: a form `check` reads, without a zone, so Asia/Ho_Chi_Minh.
MOMENT_FORMAT = "YYYY-MM-DD HH:mm"
DAY_FORMAT = "YYYY-MM-DD"
_LONG_TEXT = {"summary", "description", "reason"}
_DAY_ONLY = {("decision", "date")}  # a decision is signed on a day, not at an hour
# What a relation shows and stores, per referenced kind. A model is referred to by its slug,
# which for files the editor creates is the file name (Decap's {{slug}}).
_RELATIONS = {
    Kind.UNIT: {"value_field": "id", "search_fields": ["name", "short_name", "id"], "display_fields": ["name"]},
    Kind.MODEL: {"value_field": "{{slug}}", "search_fields": ["title"], "display_fields": ["title"]},
}
_IDENTIFIER = {Kind.UNIT: "name"}


def decap_config(settings: CmsSettings, catalogue: Catalogue, site: SiteInfo, docs_dir_name: str = "docs") -> dict[str, Any]:
    config: dict[str, Any] = {"locale": "vi", "backend": _backend(settings)}
    if settings.local_proxy:
        config["local_backend"] = {"url": settings.local_proxy, "allowed_hosts": ["127.0.0.1", "localhost"]}
    else:
        config["publish_mode"] = "editorial_workflow"  # draft → review → ready, as pull/merge requests
    config.update({
        "media_folder": settings.media_folder,
        "public_folder": settings.public_folder(docs_dir_name),
        "site_url": site.url,
        "display_url": site.url,
        # File names as the slug rules make them: lower-case ASCII, đ → d, "-" between words.
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "omit_empty_optional_fields": True,
        "collections": [collection(kind, catalogue) for kind in Kind],
    })
    return config


def _backend(settings: CmsSettings) -> dict[str, Any]:
    backend: dict[str, Any] = {"name": settings.backend, "repo": settings.repo or "to-chuc/guong-sang", "branch": settings.branch}
    if settings.backend == "gitlab":
        backend["auth_type"] = "pkce" if settings.app_id else "implicit"
    else:
        # Lists a folder's files in bulk (GraphQL) instead of one REST call per file: Decap
        # reads every record of a collection to list it (bench/RESULTS.md, "Web editor").
        backend["use_graphql"] = True
    optional = {"base_url": settings.base_url, "auth_endpoint": settings.auth_endpoint,
                "app_id": settings.app_id, "api_root": settings.api_root}
    backend.update({key: value for key, value in optional.items() if value})
    backend["commit_messages"] = {
        "create": "Thêm {{collection}} “{{slug}}”",
        "update": "Sửa {{collection}} “{{slug}}”",
        "delete": "Xóa {{collection}} “{{slug}}”",
        "uploadMedia": "Tải ảnh “{{path}}”",
        "deleteMedia": "Xóa ảnh “{{path}}”",
    }
    return backend


def collection(kind: Kind, catalogue: Catalogue) -> dict[str, Any]:
    fields = fields_of(SCHEMAS[kind])
    identifier = _IDENTIFIER.get(kind, "title")
    widgets = [field_widget(kind, (key,), fields[key], catalogue) for key in layout(kind)]
    widgets.append({"name": "body", "label": "Nội dung", "widget": "markdown", "required": False,
                    "hint": "Nội dung bài, viết bằng Markdown: đoạn văn, tiêu đề nhỏ, danh sách, ảnh."})
    return {
        "name": kind.value,
        "label": kind.plural_label,
        "label_singular": kind.label,
        "folder": f"entries/{kind.value}",
        "extension": "md",
        "format": "frontmatter",
        "create": True,
        "identifier_field": identifier,
        # A unit's file is named after its id; other records after their title.
        "slug": "{{id}}" if kind is Kind.UNIT else "{{slug}}",
        "summary": f"{{{{{identifier}}}}}",
        "sortable_fields": ["date", identifier] if kind is Kind.NEWS else [identifier, "date"],
        "view_filters": [{"label": "Bản nháp", "field": "draft", "pattern": True}],
        "preview_path": f"{kind.value}/{{{{slug}}}}/" if kind is not Kind.UNIT else f"{kind.value}/{{{{id}}}}/",
        "fields": widgets,
    }


def field_widget(kind: Kind, path: tuple[str, ...], info: FieldInfo, catalogue: Catalogue,
                 optional_parent: str | None = None) -> dict[str, Any]:
    """One field of the form, from its pydantic field.

    Decap checks the required fields inside an optional object even when the editor left the
    whole object empty (no image at all), so those are optional in the form and their hint
    says when they are needed; `check` still refuses an image without its file.
    """
    key = path[-1]
    required = info.is_required() and optional_parent is None
    widget: dict[str, Any] = {"name": key, "label": info.title or key, "required": required}
    hint = _hint(info)
    if info.is_required() and optional_parent is not None:
        hint += f" (bắt buộc khi có {optional_parent.lower()})"
    if hint:
        widget["hint"] = hint
    meta = extra(info)
    types = _leaf_types(info.annotation)
    nested = nested_model(info)
    refers = meta.get("refers_to")
    list_name = VOCABULARY_FIELDS[kind].get(key) if len(path) == 1 else None
    if refers:
        widget.update({"widget": "relation", "collection": refers, **_RELATIONS[Kind(refers)], "options_length": 500})
        if is_list(info):
            widget["multiple"] = True
    elif list_name:
        terms = getattr(catalogue, list_name).terms
        widget.update({"widget": "select", "options": [{"label": t.label, "value": t.slug} for t in terms]})
    elif nested is not None:
        sub = fields_of(nested)
        widget.update({"widget": "object", "collapsed": not info.is_required(),
                       "fields": [field_widget(kind, path + (name,), sub[name], catalogue,
                                               None if info.is_required() else info.title or key)
                                  for name in sub]})
        if key == "image":
            widget["fields"][0].update({"widget": "image", "choose_url": False})
    elif is_list(info):
        item = {"name": "item", "label": info.title or key, "widget": "string"}
        widget.update({"widget": "list", "field": item})
    elif bool in types:
        widget.update({"widget": "boolean", "default": bool(info.default)})
    elif enum := next((t for t in types if isinstance(t, type) and issubclass(t, Enum)), None):
        widget.update({"widget": "select", "options": [{"label": m.value, "value": m.value} for m in enum]})
    elif int in types:
        widget.update({"widget": "number", "value_type": "int"})
    elif dt.datetime in types or dt.date in types:
        day_only = path in _DAY_ONLY
        widget.update({"widget": "datetime", "format": DAY_FORMAT if day_only else MOMENT_FORMAT,
                       "date_format": "DD/MM/YYYY", "time_format": False if day_only else "HH:mm", "picker_utc": False})
        if info.is_required():
            widget["default"] = "{{now}}"
    else:
        widget["widget"] = "text" if key in _LONG_TEXT else "string"
    if pattern := meta.get("pattern"):
        widget["pattern"] = [pattern, meta.get("patternErrorMessage", "")]
    return widget


def _hint(info: FieldInfo) -> str:
    text = info.description or ""
    text = text[:1].upper() + text[1:]
    if info.examples:
        text += f". Ví dụ: {info.examples[0]}"
    return text


def _leaf_types(annotation: Any) -> set[Any]:
    """The plain types a (possibly Optional, Union or Annotated) annotation is made of."""
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) is typing.Annotated:
        return _leaf_types(args[0])
    if not args or typing.get_origin(annotation) is list:
        return {annotation}
    found: set[Any] = set()
    for arg in args:
        found |= _leaf_types(arg)
    return found
