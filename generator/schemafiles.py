"""JSON Schema of each kind's front matter, for editors' IDEs (completion and checking).

Generated from the pydantic models the validator uses (generator/schema.py), so the two cannot
disagree; descriptions are the Vietnamese comments of the `new` command's templates, and the
configured lists (entries/danh-muc.yml) become `examples`, which IDEs offer as completions.
They are not an `enum`: entries may name a value by its slug or its label, in any case.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from .catalogue import Catalogue
from .loader import Kind
from .newentry import _TEMPLATES, _SLUG, _COMMON, _IMAGE
from .validate import _VOCABULARY_FIELDS, SCHEMAS

SCHEMA_DIR = "schemas"
_HELP_LINE = re.compile(r"^(?P<indent>\s*)(?:# )?(?P<key>[a-z_]+):[^#\n]*#\s*(?P<help>.+)$")


def field_help(kind: Kind) -> dict[tuple[str, ...], str]:
    """(key,) or (key, subkey) → the Vietnamese comment the `new` template gives it."""
    text = _TEMPLATES[kind] + ("" if kind is Kind.UNIT else _SLUG) + _COMMON
    found: dict[tuple[str, ...], str] = {}
    parent = ""
    for line in text.splitlines():
        match = _HELP_LINE.match(line)
        if not match:
            continue
        key, help_text = match["key"], match["help"].strip()
        if match["indent"]:
            found[(parent, key)] = help_text
        else:
            parent = key
            found[(key,)] = help_text.replace("{slug}", "…")
    if kind in (Kind.NEWS, Kind.MODEL):
        for line in _IMAGE.splitlines()[1:]:
            if match := _HELP_LINE.match(line):
                found[("image", match["key"])] = match["help"].strip()
    return found


def kind_schema(kind: Kind, catalogue: Catalogue | None = None) -> dict[str, Any]:
    schema = SCHEMAS[kind].model_json_schema(by_alias=True)
    help_texts = field_help(kind)
    properties = schema["properties"]
    for (key, *sub), text in help_texts.items():
        if key not in properties:
            continue
        if not sub:
            properties[key]["description"] = text
            continue
        definition = _referenced_definition(schema, properties[key])
        if definition is not None and sub[0] in definition.get("properties", {}):
            definition["properties"][sub[0]]["description"] = text
    if catalogue is not None:
        for field, list_name in _VOCABULARY_FIELDS[kind].items():
            terms = getattr(catalogue, list_name).terms
            properties[field]["examples"] = [t.slug for t in terms] + [t.label for t in terms]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{kind.value}.schema.json",
        **schema,
        "title": f"{kind.label}: phần thông tin đầu tệp (entries/{kind.value}/*.md)",
    }


def _referenced_definition(schema: dict, prop: dict) -> dict | None:
    refs = [prop.get("$ref")] + [alt.get("$ref") for alt in prop.get("anyOf", [])]
    for ref in refs:
        if ref:
            return schema["$defs"][ref.rsplit("/", 1)[-1]]
    return None


def schema_files(catalogue: Catalogue | None) -> dict[str, str]:
    """File name → content, one per kind, stable byte for byte."""
    return {
        f"{kind.value}.schema.json": json.dumps(kind_schema(kind, catalogue), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        for kind in Kind
    }


def write_schema_files(target: Path, catalogue: Catalogue | None) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in schema_files(catalogue).items():
        path = target / name
        path.write_text(content, encoding="utf-8")
        written.append(path)
    return written
