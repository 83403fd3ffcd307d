"""JSON Schema of each kind's front matter, for editors' IDEs (completion and checking).

Generated from the pydantic models the validator uses (generator/schema.py), so the two cannot
disagree; titles, descriptions and examples are the fields' metadata there (the same texts the
`new` templates and the web editor show), and the configured lists (entries/danh-muc.yml) become `examples`, which IDEs offer as completions.
They are not an `enum`: entries may name a value by its slug or its label, in any case.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .catalogue import Catalogue
from .loader import Kind
from .newentry import fields_of, layout, nested_model
from .validate import _VOCABULARY_FIELDS, SCHEMAS

SCHEMA_DIR = "schemas"


def field_help(kind: Kind) -> dict[tuple[str, ...], str]:
    """(key,) or (key, subkey) → the Vietnamese help the schema's metadata gives it."""
    fields = fields_of(SCHEMAS[kind])
    found: dict[tuple[str, ...], str] = {}
    for key in layout(kind):
        found[(key,)] = fields[key].description or ""
        if (nested := nested_model(fields[key])) is not None:
            for sub, info in fields_of(nested).items():
                found[(key, sub)] = info.description or ""
    return found


def kind_schema(kind: Kind, catalogue: Catalogue | None = None) -> dict[str, Any]:
    schema = SCHEMAS[kind].model_json_schema(by_alias=True)
    properties = schema["properties"]
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
